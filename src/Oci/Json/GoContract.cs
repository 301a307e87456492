using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OciRuntime.Oci.Json;

/// <summary>
/// Contract modifiers for what attributes cannot express: output byte-compatible with Go's
/// encoding/json for specs-go types, and no null elements let in while reading.
/// </summary>
internal static class GoContract
{
    /// <summary>
    /// omitempty drops "" and empty slices and maps, not only nil. Nullable strings and collections
    /// stand for omitempty fields (see Spec.cs), so they are skipped when empty. Go also writes map
    /// keys sorted, whatever order they were read in.
    /// </summary>
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
            return;

        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            if (property.IsExtensionData)
                continue;

            RejectNullElements(property);
            if (!property.IsGetNullable)
                continue;

            Type type = property.PropertyType;
            if (type == typeof(string))
                property.ShouldSerialize = static (_, value) => !string.IsNullOrEmpty((string?)value);
            else if (typeof(ICollection).IsAssignableFrom(type))
                property.ShouldSerialize = static (_, value) => value is ICollection { Count: > 0 };

            SortMapKeys(property);
        }
    }

    /// <summary>
    /// <c>[null]</c> or <c>{"k": null}</c> would put nulls into lists and maps declared non-null
    /// (Go quietly decodes them as zero values). Rejecting them while reading keeps every consumer
    /// free of null checks; the serializer adds the property's path to the exception.
    /// </summary>
    private static void RejectNullElements(JsonPropertyInfo property)
    {
        Action<object, object?>? set = property.Set;
        Type type = property.PropertyType;
        if (set is null || !type.IsGenericType)
            return;

        if (type.GetGenericTypeDefinition() == typeof(List<>) && !type.GetGenericArguments()[0].IsValueType)
        {
            property.Set = (target, value) =>
            {
                if (value is IList list && list.Contains(null))
                    throw new JsonException("null element");
                set(target, value);
            };
        }
        else if (type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && !type.GetGenericArguments()[1].IsValueType)
        {
            property.Set = (target, value) =>
            {
                if (value is IDictionary map && map.Values.Cast<object?>().Contains(null))
                    throw new JsonException("null value");
                set(target, value);
            };
        }
    }

    private static void SortMapKeys(JsonPropertyInfo property)
    {
        Func<object, object?>? get = property.Get;
        if (get is null)
            return;

        Type type = property.PropertyType;
        if (type == typeof(Dictionary<string, string>))
            property.Get = target => Sorted((Dictionary<string, string>?)get(target));
        else if (type == typeof(Dictionary<string, LinuxRdma>))
            property.Get = target => Sorted((Dictionary<string, LinuxRdma>?)get(target));
        else if (type == typeof(Dictionary<string, LinuxTimeOffset>))
            property.Get = target => Sorted((Dictionary<string, LinuxTimeOffset>?)get(target));
        else if (type == typeof(Dictionary<string, LinuxNetDevice>))
            property.Get = target => Sorted((Dictionary<string, LinuxNetDevice>?)get(target));
    }

    // Go sorts by UTF-8 bytes; ordinal UTF-16 order differs only between supplementary characters
    // and U+E000..U+FFFF, which map keys in a container config do not mix.
    private static Dictionary<string, T>? Sorted<T>(Dictionary<string, T>? map)
    {
        if (map is null || map.Count < 2)
            return map;

        string[] keys = [.. map.Keys];
        Array.Sort(keys, StringComparer.Ordinal);
        var sorted = new Dictionary<string, T>(map.Count, map.Comparer);
        foreach (string key in keys)
            sorted.Add(key, map[key]);
        return sorted;
    }
}
