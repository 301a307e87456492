namespace OciRuntime.Oci.Tests;

public class DefaultSpecTests
{
    [Fact]
    public void Default_spec_matches_golden()
    {
        TestFiles.AssertGolden("spec.json", OciJson.Serialize(DefaultSpec.Create()));
    }

    [Fact]
    public void Rootless_spec_matches_golden()
    {
        TestFiles.AssertGolden("spec-rootless.json", OciJson.Serialize(DefaultSpec.CreateRootless(1000, 1000)));
    }

    [Fact]
    public void Cgroup_namespace_is_appended_last_on_cgroup_v2_hosts()
    {
        Spec spec = DefaultSpec.Create(cgroupNamespace: true);

        Assert.Equal(["pid", "network", "ipc", "uts", "mount", "cgroup"], spec.Linux!.Namespaces!.Select(n => n.Type));
    }

    [Fact]
    public void Rootless_keeps_cgroup_namespace_and_puts_user_last()
    {
        Spec spec = DefaultSpec.CreateRootless(1000, 1001, cgroupNamespace: true);

        Assert.Equal(["pid", "ipc", "uts", "mount", "cgroup", "user"], spec.Linux!.Namespaces!.Select(n => n.Type));
        Assert.Equal(1001u, Assert.Single(spec.Linux.GidMappings!).HostId);
    }

    [Fact]
    public void Rootless_binds_sys_drops_id_options_and_resources()
    {
        Spec spec = DefaultSpec.CreateRootless(1000, 1000);

        Mount sys = spec.Mounts!.Single(m => m.Destination == "/sys");
        Assert.Equal(("none", "/sys"), (sys.Type, sys.Source));
        Assert.Equal(["rbind", "nosuid", "noexec", "nodev", "ro"], sys.Options!);
        Assert.DoesNotContain(spec.Mounts!.SelectMany(m => m.Options ?? []), o => o.StartsWith("gid=", StringComparison.Ordinal));
        Assert.Null(spec.Linux!.Resources);
    }

    [Fact]
    public void Each_call_returns_a_fresh_spec()
    {
        Spec first = DefaultSpec.Create();
        first.Process!.Capabilities!.Bounding!.Add("CAP_SYS_ADMIN");

        Assert.Equal(3, DefaultSpec.Create().Process!.Capabilities!.Bounding!.Count);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Default_specs_are_valid(bool rootless, bool cgroupNamespace)
    {
        Spec spec = rootless ? DefaultSpec.CreateRootless(1000, 1000, cgroupNamespace) : DefaultSpec.Create(cgroupNamespace);

        Assert.Empty(SpecValidator.Validate(spec, out IReadOnlyList<string> warnings));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Golden_specs_round_trip_byte_for_byte()
    {
        foreach (string name in new[] { "spec.json", "spec-rootless.json" })
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));
            Assert.Equal(text, OciJson.Serialize(OciJson.Parse<Spec>(text, name)));
        }
    }
}
