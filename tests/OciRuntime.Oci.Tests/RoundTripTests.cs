using System.Text;
using System.Text.Json.Nodes;

namespace OciRuntime.Oci.Tests;

/// <summary>What podman and containerd write must survive parse, serialize, parse with nothing lost.</summary>
public class RoundTripTests
{
    public static TheoryData<string> CreateConfigs => [.. TestFiles.FixtureNames("*-create-config*.json")];

    public static TheoryData<string> ExecProcesses => [.. TestFiles.FixtureNames("*-exec-process*.json")];

    [Theory]
    [MemberData(nameof(CreateConfigs))]
    public void Engine_config_round_trips_without_loss(string name)
    {
        string original = File.ReadAllText(TestFiles.Fixture(name));

        Spec spec = OciJson.LoadSpec(TestFiles.Fixture(name));

        AssertSameJson(original, OciJson.SerializeCompact(spec));
        AssertSameJson(original, OciJson.Serialize(OciJson.Parse<Spec>(OciJson.Serialize(spec), name)));
    }

    [Theory]
    [MemberData(nameof(ExecProcesses))]
    public void Engine_exec_process_round_trips_without_loss(string name)
    {
        string original = File.ReadAllText(TestFiles.Fixture(name));

        Process process = OciJson.Load<Process>(TestFiles.Fixture(name));

        AssertSameJson(original, OciJson.SerializeCompact(process));
    }

    // The engines wrote these with Go's json.Marshal; a Go-faithful writer reproduces the bytes.
    [Theory]
    [MemberData(nameof(CreateConfigs))]
    [MemberData(nameof(ExecProcesses))]
    public void Engine_documents_reserialize_to_the_bytes_go_wrote(string name)
    {
        string original = File.ReadAllText(TestFiles.Fixture(name)).TrimEnd('\n');

        string again = name.Contains("exec-process", StringComparison.Ordinal)
            ? OciJson.SerializeCompact(OciJson.Parse<Process>(original, name))
            : OciJson.SerializeCompact(OciJson.Parse<Spec>(original, name));

        Assert.Equal(original, again);
    }

    [Fact]
    public void Every_modelled_field_round_trips()
    {
        string original = File.ReadAllText(TestFiles.Fixture("full-config.json"));

        Spec spec = OciJson.Parse<Spec>(original, "full-config.json");

        AssertSameJson(original, OciJson.Serialize(spec));
        Assert.Empty(SpecValidator.Validate(spec));
    }

    [Fact]
    public void Unknown_top_level_fields_are_kept_and_nested_ones_dropped()
    {
        const string json = """{"ociVersion":"1.3.0","process":{"cwd":"/","future":1},"x-vendor":{"a":[1,2]},"freebsd":{"jail":true}}""";

        string again = OciJson.SerializeCompact(OciJson.Parse<Spec>(json, "config.json"));

        Assert.Equal("""{"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"cwd":"/"},"x-vendor":{"a":[1,2]},"freebsd":{"jail":true}}""", again);
    }

    [Fact]
    public void Other_platform_sections_pass_through()
    {
        const string json = """{"ociVersion":"1.3.0","solaris":{"milestone":"m"},"windows":{"layerFolders":null},"vm":{"kernel":{"path":"/k"}},"zos":{}}""";

        Assert.Equal(json, OciJson.SerializeCompact(OciJson.Parse<Spec>(json, "config.json")));
    }

    private static void AssertSameJson(string expected, string actual)
    {
        JsonNode? want = JsonNode.Parse(expected), got = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(want, got), $"JSON differs:\nexpected {want?.ToJsonString()}\nactual   {got?.ToJsonString()}");
    }
}
