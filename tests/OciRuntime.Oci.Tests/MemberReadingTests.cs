namespace OciRuntime.Oci.Tests;

/// <summary>OciJson.ParseMember: one member of a document, read with its type's whole contract. It reads exactly as
/// the same member of a whole reading; what lies around it is skipped unread.</summary>
public class MemberReadingTests
{
    [Fact]
    public void A_member_reads_as_in_the_whole_spec()
    {
        string path = TestFiles.Fixture("full-config.json");
        Spec whole = OciJson.LoadSpec(path);
        byte[] json = OciJson.ReadFile(path);

        var process = OciJson.ParseMember<Process>(json, path, "process");
        var hooks = OciJson.ParseMember<Hooks>(json, path, "hooks");

        Assert.NotNull(whole.Process);
        Assert.Equal(OciJson.SerializeCompact(whole.Process), OciJson.SerializeCompact(process));
        Assert.NotNull(whole.Hooks);
        Assert.Equal(OciJson.SerializeCompact(whole.Hooks), OciJson.SerializeCompact(hooks));
    }

    [Fact]
    public void A_nested_member_is_found_by_its_path()
    {
        const string json = """{"ociVersion":"1.2.0","linux":{"maskedPaths":["/proc/kcore"],"personality":{"domain":"LINUX32","flags":[]}}}""";
        var personality = OciJson.ParseMember<LinuxPersonality>(System.Text.Encoding.UTF8.GetBytes(json), "config.json", "linux", "personality");
        Assert.Equal("LINUX32", personality!.Domain);
    }

    [Theory]
    [InlineData("""{"ociVersion":"1.2.0"}""")]
    [InlineData("""{"linux":null}""")]
    [InlineData("""{"linux":{"personality":null}}""")]
    [InlineData("""null""")]
    public void An_absent_or_null_member_is_null(string json) =>
        Assert.Null(OciJson.ParseMember<LinuxPersonality>(System.Text.Encoding.UTF8.GetBytes(json), "config.json", "linux", "personality"));

    [Theory]
    [InlineData("""{"linux":["not an object"]}""", "config.json: linux: expected object")]
    [InlineData("""{"linux":5}""", "config.json: linux: expected object")]
    [InlineData("""[]""", "config.json: expected object")]
    public void A_member_on_the_way_that_is_not_an_object_is_an_error(string json, string message)
    {
        var e = Assert.Throws<InvalidSpecException>(() =>
            OciJson.ParseMember<LinuxPersonality>(System.Text.Encoding.UTF8.GetBytes(json), "config.json", "linux", "personality"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void What_lies_around_the_member_is_skipped_unread_even_when_it_would_not_parse()
    {
        const string json = """{"process":{"args":"not a list"},"hooks":{"poststop":[{"path":"/bin/true"}]},"mounts":7}""";
        var hooks = OciJson.ParseMember<Hooks>(System.Text.Encoding.UTF8.GetBytes(json), "config.json", "hooks");
        Assert.Equal("/bin/true", Assert.Single(hooks!.Poststop!).Path);
    }

    [Fact]
    public void Errors_in_the_member_name_the_document_the_member_and_the_property()
    {
        const string json = """{"hooks":{"poststop":[{"path":1}]}}""";
        var e = Assert.Throws<InvalidSpecException>(() =>
            OciJson.ParseMember<Hooks>(System.Text.Encoding.UTF8.GetBytes(json), "/run/ocirt/c1/config.json", "hooks"));
        Assert.Equal("/run/ocirt/c1/config.json: hooks: poststop[0].path: expected string", e.Message);
    }

    [Fact]
    public void A_broken_document_is_an_error_naming_it()
    {
        var e = Assert.Throws<InvalidSpecException>(() =>
            OciJson.ParseMember<Hooks>("""{"ociVersion": "1.2.0", """u8.ToArray(), "config.json", "hooks"));
        Assert.StartsWith("config.json: hooks: invalid JSON", e.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<InvalidSpecException>(() => OciJson.ReadFile("/nonexistent/config.json"));
        Assert.Equal("/nonexistent/config.json: no such file or directory", e.Message);
    }
}
