using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>The spec types written with the indentation runc uses for a given command: two spaces for `state`,
/// four for `features` (the spec's own tab indent is for config.json).</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions TwoSpaces = Indented(2);
    private static readonly JsonSerializerOptions FourSpaces = Indented(4);

    public static string Indented<T>(T value, int spaces)
    {
        var options = spaces == 2 ? TwoSpaces : FourSpaces;
        return JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }

    private static JsonSerializerOptions Indented(int spaces)
    {
        var options = new JsonSerializerOptions(OciJson.Options) { WriteIndented = true, IndentCharacter = ' ', IndentSize = spaces };
        options.MakeReadOnly();
        return options;
    }
}
