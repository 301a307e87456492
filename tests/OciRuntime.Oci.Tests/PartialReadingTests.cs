namespace OciRuntime.Oci.Tests;

/// <summary>OciJson.PartialReading: a contract without some properties. What it keeps reads exactly as a whole
/// reading does; what it leaves out stays null, however it is written.</summary>
public class PartialReadingTests
{
    private static readonly System.Text.Json.JsonSerializerOptions HooksOnly =
        OciJson.PartialReading((type, name) => type != typeof(Spec) || name == "hooks");

    private static readonly System.Text.Json.JsonSerializerOptions WithoutResources =
        OciJson.PartialReading((type, name) => type != typeof(Linux) || name != "resources");

    [Fact]
    public void A_kept_property_reads_as_in_the_whole_spec_and_the_rest_stays_null()
    {
        string path = TestFiles.Fixture("full-config.json");
        Spec whole = OciJson.LoadSpec(path);
        Spec hooks = OciJson.Load<Spec>(path, HooksOnly);

        Assert.NotNull(whole.Hooks);
        Assert.Equal(OciJson.SerializeCompact(whole.Hooks), OciJson.SerializeCompact(hooks.Hooks));
        Assert.Null(hooks.Process);
        Assert.Null(hooks.Root);
        Assert.Null(hooks.Linux);
        Assert.Null(hooks.Mounts);
        Assert.Equal("", hooks.OciVersion);
        // Left out, the extension data does not collect what was skipped either.
        Assert.Null(hooks.ExtensionData);
    }

    [Fact]
    public void Leaving_out_a_nested_property_keeps_everything_else()
    {
        string path = TestFiles.Fixture("full-config.json");
        Spec whole = OciJson.LoadSpec(path);
        Spec partial = OciJson.Load<Spec>(path, WithoutResources);

        Assert.NotNull(whole.Linux!.Resources);
        Assert.Null(partial.Linux!.Resources);
        whole.Linux.Resources = null;
        Assert.Equal(OciJson.SerializeCompact(whole), OciJson.SerializeCompact(partial));
    }

    [Fact]
    public void What_is_left_out_is_skipped_unread_even_when_it_would_not_parse()
    {
        const string json = """{"ociVersion":"1.2.0","process":{"args":"not a list"},"hooks":{"poststop":[{"path":"/bin/true"}]}}""";
        Assert.Throws<InvalidSpecException>(() => OciJson.Parse<Spec>(json, "config.json"));

        Spec spec = OciJson.Parse<Spec>(json, "config.json", HooksOnly);
        Assert.Equal("/bin/true", Assert.Single(spec.Hooks!.Poststop!).Path);
    }

    [Fact]
    public void Errors_in_a_kept_part_name_the_document_and_the_property()
    {
        const string json = """{"hooks":{"poststop":[{"path":1}]}}""";
        var e = Assert.Throws<InvalidSpecException>(() => OciJson.Parse<Spec>(json, "config.json", HooksOnly));
        Assert.Contains("config.json", e.Message);
        Assert.Contains("hooks.poststop", e.Message);
    }
}
