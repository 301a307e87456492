using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OciRuntime.Oci.Json;

/// <summary>
/// Turns a System.Text.Json failure into the one-line message users see, naming the JSON path the
/// way they would write it ("process.args") and the type expected there. The expected type is
/// looked up in the same source-generated contract the reader used, not parsed out of the
/// exception text.
/// </summary>
internal static class JsonErrorMessage
{
    public static string Format(string source, JsonException exception, JsonTypeInfo root)
    {
        // Syntax errors come from the reader and carry its exception inside; type mismatches are
        // raised by converters with a path and no inner exception.
        if (exception.InnerException is JsonException || exception.Path is null)
        {
            long line = (exception.LineNumber ?? 0) + 1;
            long column = (exception.BytePositionInLine ?? 0) + 1;
            string reason = ReaderReason(exception.InnerException?.Message ?? exception.Message);
            return $"{source}: invalid JSON at line {line}, column {column}: {reason}";
        }

        string path = DisplayPath(exception.Path);
        string expected = ExpectedAt(root, exception.Path) is { } type ? "expected " + Describe(type) : "invalid value";
        return path.Length == 0 ? $"{source}: {expected}" : $"{source}: {path}: {expected}";
    }

    /// <summary>"$.process.args[0]" becomes "process.args[0]"; the root "$" becomes "".</summary>
    internal static string DisplayPath(string jsonPath) =>
        jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..]
        : jsonPath.StartsWith('$') ? jsonPath[1..]
        : jsonPath;

    // The reader's message ends with its own position ("... LineNumber: 2 | BytePositionInLine: 4.")
    // and, when rethrown by the serializer, the path; both are already in the formatted message.
    private static string ReaderReason(string message)
    {
        foreach (string marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            int at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
                message = message[..at];
        }
        return message.Trim().TrimEnd('.');
    }

    private static Type? ExpectedAt(JsonTypeInfo root, string jsonPath)
    {
        JsonTypeInfo? current = root;
        foreach (string segment in Segments(jsonPath))
        {
            Type? next = current.Kind switch
            {
                JsonTypeInfoKind.Object => FindProperty(current, segment)?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => current.ElementType,
                _ => null,
            };
            if (next is null)
                return null;

            current = root.Options.TryGetTypeInfo(Nullable.GetUnderlyingType(next) ?? next, out JsonTypeInfo? info) ? info : null;
            if (current is null)
                return null;
        }
        return current.Type;
    }

    private static JsonPropertyInfo? FindProperty(JsonTypeInfo type, string name)
    {
        foreach (JsonPropertyInfo property in type.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property;
        }
        return null;
    }

    /// <summary>Splits "$.a.b[0]['c.d']" into "a", "b", "0", "c.d".</summary>
    internal static IEnumerable<string> Segments(string jsonPath)
    {
        int i = jsonPath.StartsWith('$') ? 1 : 0;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                int end = jsonPath.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? jsonPath.Length : end;
                yield return jsonPath[(i + 1)..end];
                i = end;
            }
            else if (jsonPath[i] == '[' && i + 1 < jsonPath.Length && jsonPath[i + 1] == '\'')
            {
                int end = jsonPath.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? jsonPath.Length : end;
                yield return jsonPath[(i + 2)..end];
                i = Math.Min(end + 2, jsonPath.Length);
            }
            else if (jsonPath[i] == '[')
            {
                int end = jsonPath.IndexOf(']', i + 1);
                end = end < 0 ? jsonPath.Length : end;
                yield return jsonPath[(i + 1)..end];
                i = Math.Min(end + 1, jsonPath.Length);
            }
            else
            {
                yield break;
            }
        }
    }

    internal static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "string";
        if (type == typeof(bool)) return "boolean";
        if (type == typeof(int)) return "32-bit integer";
        if (type == typeof(uint)) return "unsigned 32-bit integer";
        if (type == typeof(long)) return "64-bit integer";
        if (type == typeof(ulong)) return "unsigned 64-bit integer";
        if (type == typeof(ushort)) return "unsigned 16-bit integer";
        if (type == typeof(JsonElement)) return "JSON value";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return "array of " + Plural(type.GetGenericArguments()[0]);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return "object of " + Plural(type.GetGenericArguments()[1]);
        return "object";
    }

    private static string Plural(Type element)
    {
        string one = Describe(element);
        return one.StartsWith("array", StringComparison.Ordinal) ? "arrays"
            : one.StartsWith("object", StringComparison.Ordinal) ? "objects"
            : one + "s";
    }
}
