using System.Text;

namespace OciRuntime.Oci.Tests;

public class ParseErrorTests
{
    [Theory]
    [InlineData("""{"process":{"args":"sh"}}""", "config.json: process.args: expected array of strings")]
    [InlineData("""{"process":{"args":["sh",1]}}""", "config.json: process.args[1]: expected string")]
    [InlineData("""{"process":{"user":{"uid":-1}}}""", "config.json: process.user.uid: expected unsigned 32-bit integer")]
    [InlineData("""{"process":{"user":{"uid":4294967296}}}""", "config.json: process.user.uid: expected unsigned 32-bit integer")]
    [InlineData("""{"process":{"user":{"uid":"0"}}}""", "config.json: process.user.uid: expected unsigned 32-bit integer")]
    [InlineData("""{"process":{"user":null}}""", "config.json: process.user: expected object")]
    [InlineData("""{"process":{"cwd":null}}""", "config.json: process.cwd: expected string")]
    [InlineData("""{"process":{"terminal":"true"}}""", "config.json: process.terminal: expected boolean")]
    [InlineData("""{"process":{"oomScoreAdj":1.5}}""", "config.json: process.oomScoreAdj: expected 32-bit integer")]
    [InlineData("""{"process":{"rlimits":{"type":"RLIMIT_NOFILE"}}}""", "config.json: process.rlimits: expected array of objects")]
    [InlineData("""{"ociVersion":1}""", "config.json: ociVersion: expected string")]
    [InlineData("""{"mounts":[{"destination":"/x","options":"ro"}]}""", "config.json: mounts[0].options: expected array of strings")]
    [InlineData("""{"annotations":{"a.b":1}}""", "config.json: annotations['a.b']: expected string")]
    [InlineData("""{"annotations":[]}""", "config.json: annotations: expected object of strings")]
    [InlineData("""{"linux":{"namespaces":[{"type":5}]}}""", "config.json: linux.namespaces[0].type: expected string")]
    [InlineData("""{"linux":{"resources":{"memory":{"limit":"1G"}}}}""", "config.json: linux.resources.memory.limit: expected 64-bit integer")]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weight":70000}}}}""", "config.json: linux.resources.blockIO.weight: expected unsigned 16-bit integer")]
    [InlineData("""{"linux":{"resources":{"rdma":{"mlx":{"hcaHandles":-1}}}}}""", "config.json: linux.resources.rdma.mlx.hcaHandles: expected unsigned 32-bit integer")]
    [InlineData("""{"linux":{"seccomp":{"syscalls":[{"names":null}]}}}""", "config.json: linux.seccomp.syscalls[0].names: expected array of strings")]
    [InlineData("""{"linux":{"timeOffsets":{"monotonic":{"secs":"1"}}}}""", "config.json: linux.timeOffsets.monotonic.secs: expected 64-bit integer")]
    [InlineData("""{"hooks":{"poststop":[{"path":"/x","timeout":true}]}}""", "config.json: hooks.poststop[0].timeout: expected 32-bit integer")]
    [InlineData("""{"process":{"args":["sh",null]}}""", "config.json: process.args: expected array of strings")]
    [InlineData("""{"mounts":[null]}""", "config.json: mounts: expected array of objects")]
    [InlineData("""{"linux":{"seccomp":{"syscalls":[{"names":[null]}]}}}""", "config.json: linux.seccomp.syscalls[0].names: expected array of strings")]
    [InlineData("""{"annotations":{"a":null}}""", "config.json: annotations: expected object of strings")]
    [InlineData("""{"linux":{"netDevices":{"eth0":null}}}""", "config.json: linux.netDevices: expected object of objects")]
    [InlineData("[]", "config.json: expected object")]
    [InlineData("null", "config.json: expected object, got null")]
    public void Wrong_types_are_errors_naming_the_path(string json, string expected)
    {
        var error = Assert.Throws<InvalidSpecException>(() => OciJson.Parse<Spec>(json, "config.json"));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("{\"ociVersion\":\"1.3.0\",\n  \"process\":{,}}", "config.json: invalid JSON at line 2, column 14: ',' is an invalid start of a property name. Expected a '\"'")]
    [InlineData("{\"ociVersion\":\"1.3.0\",}", "config.json: invalid JSON at line 1, column 23: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options")]
    [InlineData("", "config.json: invalid JSON at line 1, column 1: The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true")]
    [InlineData("{} {}", "config.json: invalid JSON at line 1, column 4: '{' is invalid after a single JSON value. Expected end of data")]
    [InlineData("{\"a\": // comment\n 1}", "config.json: invalid JSON at line 1, column 7: '/' is invalid after a value")]
    public void Syntax_errors_give_line_and_column(string json, string expected)
    {
        var error = Assert.Throws<InvalidSpecException>(() => OciJson.Parse<Spec>(json, "config.json"));

        // The reason after the position is System.Text.Json's own wording; pin its start only.
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void Missing_file_names_the_path_given()
    {
        string path = Path.Combine(Path.GetTempPath(), "ocirt-no-such-dir", "config.json");

        var error = Assert.Throws<InvalidSpecException>(() => OciJson.LoadSpec(path));

        Assert.Equal($"{path}: no such file or directory", error.Message);
    }

    [Fact]
    public void Directory_is_reported_as_such()
    {
        var error = Assert.Throws<InvalidSpecException>(() => OciJson.LoadSpec(Path.GetTempPath()));

        Assert.Equal($"{Path.GetTempPath()}: is a directory", error.Message);
    }

    [Fact]
    public void Errors_are_one_line()
    {
        var error = Assert.Throws<InvalidSpecException>(() => OciJson.Parse<Spec>("{\n\n\"process\": [\n]}", "config.json"));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("config.json: process: expected object", error.Message);
    }

    [Fact]
    public void Unknown_fields_are_ignored_at_every_level()
    {
        const string json = """
            {"ociVersion":"1.3.0","newThing":{"x":1},
             "process":{"cwd":"/","args":["sh"],"shiny":true,"user":{"uid":1,"sid":"S-1"}},
             "linux":{"namespaces":[{"type":"pid","flags":[1]}],"landlock":{"rules":[]}}}
            """;

        Spec spec = OciJson.Parse<Spec>(json, "config.json");

        Assert.Equal(1u, spec.Process!.User.Uid);
        Assert.Equal("pid", Assert.Single(spec.Linux!.Namespaces!).Type);
    }

    // Go's encoding/json matches field names case-insensitively, so runc accepts these.
    [Fact]
    public void Field_names_match_case_insensitively_like_go()
    {
        Spec spec = OciJson.Parse<Spec>("""{"OciVersion":"1.3.0","PROCESS":{"Args":["sh"],"Cwd":"/"}}""", "config.json");

        Assert.Equal("1.3.0", spec.OciVersion);
        Assert.Equal(["sh"], spec.Process!.Args!);
    }

    [Fact]
    public void Parse_accepts_streams_and_a_utf8_bom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"limit":1}""")];
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"memory":{"limit":-1},"pids":{"limit":10}}"""));

        Assert.Equal(1, OciJson.Parse<LinuxPids>(bytes.AsSpan()[3..], "x").Limit);
        Assert.Equal(-1, OciJson.Parse<LinuxResources>(stream, "stdin").Memory!.Limit);
        Assert.Equal("1.3.0", OciJson.Parse<Spec>([0xEF, 0xBB, 0xBF, .. """{"ociVersion":"1.3.0"}"""u8], "c").OciVersion);
    }

    [Fact]
    public void Types_outside_the_model_are_refused()
    {
        Assert.Throws<NotSupportedException>(() => OciJson.Parse<Uri>("{}", "x"));
    }
}
