using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OciRuntime.Oci.Json;

namespace OciRuntime.Oci;

/// <summary>
/// Reads and writes the runtime-spec documents with source-generated System.Text.Json (no
/// reflection, NativeAOT-safe), following Go's encoding/json the way runc does: unknown properties
/// are ignored, names match case-insensitively, numbers are never read from strings, omitempty
/// fields are dropped when empty, map keys are sorted and strings are escaped as Go escapes them.
/// </summary>
public static class OciJson
{
    /// <summary>Compact writing (Go's json.Marshal); also the options every read uses.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>Tab-indented writing, as Go's json.MarshalIndent(v, "", "\t") (runc spec, config.json).</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    /// <summary>The contract for <typeparamref name="T"/>, for callers that stream or combine resolvers.</summary>
    public static JsonTypeInfo<T> GetTypeInfo<T>() => GetTypeInfo<T>(Options);

    /// <summary>Reads config.json; errors are prefixed with <paramref name="path"/> as given.</summary>
    public static Spec LoadSpec(string path) => Load<Spec>(path);

    /// <summary>
    /// Options for reading only part of a document: a property is in the contract only when
    /// <paramref name="keep"/>(declaring type, JSON name) is true; the rest is skipped as unknown
    /// properties are, and stays null. The point is speed: on first use System.Text.Json builds the
    /// contract of every type a contract reaches (1.5 ms for a whole spec against 0.4 ms for its
    /// hooks alone), and a property left out is never reached. Make them once, as a static.
    /// </summary>
    public static JsonSerializerOptions PartialReading(Func<Type, string, bool> keep)
    {
        var options = new JsonSerializerOptions(Options)
        {
            // Left out first, so GoContract does not look at what goes. A type's extension data (the
            // properties the model does not know) is a property too: left out, the others are skipped.
            TypeInfoResolver = OciJsonContext.Default.WithAddedModifier(typeInfo =>
            {
                if (typeInfo.Kind != JsonTypeInfoKind.Object)
                    return;
                for (int i = typeInfo.Properties.Count - 1; i >= 0; i--)
                {
                    if (!keep(typeInfo.Type, typeInfo.Properties[i].Name))
                        typeInfo.Properties.RemoveAt(i);
                }
            }).WithAddedModifier(GoContract.Apply),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Reads a JSON file into <typeparamref name="T"/>; any failure is an <see cref="InvalidSpecException"/>.</summary>
    public static T Load<T>(string path) where T : class => Load<T>(path, Options);

    /// <summary><see cref="Load{T}(string)"/> with the contract of <paramref name="options"/> (a <see cref="PartialReading"/>).</summary>
    public static T Load<T>(string path, JsonSerializerOptions options) where T : class =>
        Parse<T>(ReadFile(path), path, options);

    /// <summary>A JSON file's bytes; a missing, unreadable or directory path is an <see cref="InvalidSpecException"/>.</summary>
    public static byte[] ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
                throw new InvalidSpecException($"{path}: is a directory");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidSpecException($"{path}: no such file or directory", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidSpecException($"{path}: permission denied", e);
        }
        catch (IOException e)
        {
            throw new InvalidSpecException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads one member of a document, by its path of property names from the root ("linux",
    /// "personality"), with the whole contract of <typeparamref name="T"/>; null when a member on
    /// the way is absent or null (one that is neither an object nor null is an error, as it is in
    /// a whole reading). The rest of the document is skipped unread. Unlike a
    /// <see cref="PartialReading"/> this builds no contract but <typeparamref name="T"/>'s, the one
    /// <see cref="Options"/> uses to write it again (an exec'd process is read and then sent on).
    /// Names match exactly: it is for documents ocirt wrote itself, with the spec's own names.
    /// </summary>
    public static T? ParseMember<T>(ReadOnlySpan<byte> utf8Json, string source, params ReadOnlySpan<string> members) where T : class
    {
        // The contract is built only for a member that is there: the hooks of a container without hooks cost nothing.
        JsonTypeInfo<T>? typeInfo = null;
        var reader = new Utf8JsonReader(SkipBom(utf8Json));
        try
        {
            for (int i = 0; i < members.Length; i++)
            {
                if (!SeekMember(ref reader, members[i], out bool notAnObject))
                {
                    if (notAnObject)
                        throw new InvalidSpecException(i == 0
                            ? $"{source}: expected object"
                            : $"{source}: {string.Join('.', members[..i].ToArray())}: expected object");
                    return null;
                }
            }
            typeInfo = GetTypeInfo<T>(Options);
            return JsonSerializer.Deserialize(ref reader, typeInfo);
        }
        catch (JsonException e)
        {
            throw new InvalidSpecException(JsonErrorMessage.Format($"{source}: {string.Join('.', members.ToArray())}", e, typeInfo ?? GetTypeInfo<T>(Options)), e);
        }
    }

    // From the start of the document or of an object value, to the value of the object's member `name`. False when
    // there is no such member: the object lacks it, or the value is null or (notAnObject) something else.
    private static bool SeekMember(ref Utf8JsonReader reader, string name, out bool notAnObject)
    {
        if (reader.TokenType == JsonTokenType.None)
            reader.Read();
        notAnObject = reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null);
        if (reader.TokenType != JsonTokenType.StartObject)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
                return true;
            reader.Skip();
        }
        return false;
    }

    /// <summary>
    /// Parses UTF-8 JSON. <paramref name="source"/> names the document in errors ("config.json",
    /// "process.json", "stdin").
    /// </summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json, string source) where T : class =>
        Parse<T>(utf8Json, source, Options);

    /// <summary><see cref="Parse{T}(ReadOnlySpan{byte}, string)"/> with the contract of <paramref name="options"/>.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json, string source, JsonSerializerOptions options) where T : class
    {
        JsonTypeInfo<T> typeInfo = GetTypeInfo<T>(options);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(SkipBom(utf8Json), typeInfo);
        }
        catch (JsonException e)
        {
            throw new InvalidSpecException(JsonErrorMessage.Format(source, e, typeInfo), e);
        }
        return value ?? throw new InvalidSpecException(
            $"{source}: expected {JsonErrorMessage.Describe(typeof(T))}, got null");
    }

    public static T Parse<T>(string json, string source) where T : class =>
        Parse<T>(Encoding.UTF8.GetBytes(json), source);

    public static T Parse<T>(string json, string source, JsonSerializerOptions options) where T : class =>
        Parse<T>(Encoding.UTF8.GetBytes(json), source, options);

    /// <summary>Reads the stream to its end first (it is small), so errors can give line and column.</summary>
    public static T Parse<T>(Stream utf8Json, string source) where T : class
    {
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return Parse<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), source);
    }

    /// <summary>Tab-indented, no trailing newline: the bytes json.MarshalIndent(v, "", "\t") gives.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, GetTypeInfo<T>(IndentedOptions));

    /// <summary>
    /// Indented with <paramref name="indent"/> (spaces or tabs), as json.MarshalIndent(v, "", indent):
    /// runc prints <c>state</c> with two spaces and <c>features</c> with four (plus a newline).
    /// </summary>
    public static string Serialize<T>(T value, string indent)
    {
        if (indent.Length == 0 || indent.Any(c => c != indent[0]) || indent[0] is not (' ' or '\t'))
            throw new ArgumentException("indent must be one or more spaces, or one or more tabs", nameof(indent));
        JsonSerializerOptions options = indent == "\t" ? IndentedOptions
            : s_indented.GetOrAdd(indent, static i => CreateOptions(indented: true, i[0], i.Length));
        return JsonSerializer.Serialize(value, GetTypeInfo<T>(options));
    }

    /// <summary>Compact, no trailing newline: the bytes json.Marshal gives.</summary>
    public static string SerializeCompact<T>(T value) => JsonSerializer.Serialize(value, GetTypeInfo<T>(Options));

    public static byte[] SerializeToUtf8Bytes<T>(T value, bool indented = true) =>
        JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>(indented ? IndentedOptions : Options));

    public static void Serialize<T>(Stream utf8Json, T value, bool indented = true) =>
        JsonSerializer.Serialize(utf8Json, value, GetTypeInfo<T>(indented ? IndentedOptions : Options));

    private static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerOptions options) =>
        options.TryGetTypeInfo(typeof(T), out JsonTypeInfo? info)
            ? (JsonTypeInfo<T>)info
            : throw new NotSupportedException($"{typeof(T).Name} is not a runtime-spec document type known to {nameof(OciJson)}");

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> utf8Json) =>
        utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json;

    private static readonly ConcurrentDictionary<string, JsonSerializerOptions> s_indented = new(StringComparer.Ordinal);

    private static JsonSerializerOptions CreateOptions(bool indented, char indentCharacter = '\t', int indentSize = 1)
    {
        var options = new JsonSerializerOptions(OciJsonContext.Default.Options)
        {
            TypeInfoResolver = OciJsonContext.Default.WithAddedModifier(GoContract.Apply),
            Encoder = GoJsonEncoder.Instance,
            WriteIndented = indented,
            IndentCharacter = indentCharacter,
            IndentSize = indentSize,
            NewLine = "\n",
        };
        options.MakeReadOnly();
        return options;
    }
}
