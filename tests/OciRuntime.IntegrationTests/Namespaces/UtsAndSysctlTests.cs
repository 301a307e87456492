namespace OciRuntime.IntegrationTests.Namespaces;

/// <summary>
/// What lives in the uts, ipc and net namespaces and is set from config.json: hostname, domainname and
/// linux.sysctl. A sysctl is only allowed when its namespace is the container's own, so it can never change the
/// host: the host's values are checked to be untouched, and the refusals to name the sysctl.
/// </summary>
public sealed class UtsAndSysctlTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task HostnameIsSet(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Hostname("box-1").Sh("hostname; uname -n; cat /proc/sys/kernel/hostname");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("hostname"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["box-1", "box-1", "box-1"], run.StdoutLines);
        Assert.NotEqual("box-1", File.ReadAllText("/proc/sys/kernel/hostname").Trim());
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DomainnameIsSet(string runtime)
    {
        var rt = Use(runtime);
        Skip.If(rt.IsRunc, "runc 1.1.5 ignores `domainname` (the container shows \"(none)\"); runc 1.2 sets it");
        var bundle = (await NewBundleAsync()).Domainname("example.test").Sh("cat /proc/sys/kernel/domainname");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("domainname"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["example.test"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task NetworkAndIpcSysctlsApplyInsideOnly(string runtime)
    {
        var rt = Use(runtime);
        // A new network namespace starts with ip_forward=0 and an ipc namespace with shm_rmid_forced=0.
        var bundle = (await NewBundleAsync())
            .Sysctl("net.ipv4.ip_forward", "1")
            .Sysctl("kernel.shm_rmid_forced", "1")
            .Sh("cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shm_rmid_forced");
        var hostForward = File.ReadAllText("/proc/sys/net/ipv4/ip_forward");
        var hostRmid = File.ReadAllText("/proc/sys/kernel/shm_rmid_forced");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("sysctl"));

        run.ShouldSucceed($"{rt.Name} run with sysctls");
        Assert.Equal(["1", "1"], run.StdoutLines);
        Assert.Equal(hostForward, File.ReadAllText("/proc/sys/net/ipv4/ip_forward"));
        Assert.Equal(hostRmid, File.ReadAllText("/proc/sys/kernel/shm_rmid_forced"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ANetworkSysctlInTheHostNetworkNamespaceIsRefused(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).RemoveNamespace("network").Sysctl("net.ipv4.ip_forward", "1").Sh("echo started");
        var before = File.ReadAllText("/proc/sys/net/ipv4/ip_forward");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("sysctlhost"));

        // runc 1.1.5: `sysctl "net.ipv4.ip_forward" not allowed in host network namespace`.
        run.ShouldFailWith("net.ipv4.ip_forward", $"{rt.Name} run with a net sysctl and no network namespace");
        run.ShouldHaveOneErrorLine($"{rt.Name} run with a net sysctl and no network namespace");
        Assert.DoesNotContain("started", run.Stdout);
        Assert.Equal(before, File.ReadAllText("/proc/sys/net/ipv4/ip_forward"));
        Assert.True(Runtimes.IsEmptyDir(rt.Root), "the refused run left something under --root");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ASysctlOfNoNamespaceIsRefused(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sysctl("kernel.panic", "5").Sh("echo started");
        var before = File.ReadAllText("/proc/sys/kernel/panic");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("sysctlglobal"));

        // runc 1.1.5: `sysctl "kernel.panic" is not in a separate kernel namespace`.
        run.ShouldFailWith("kernel.panic", $"{rt.Name} run with a global sysctl");
        Assert.DoesNotContain("started", run.Stdout);
        Assert.Equal(before, File.ReadAllText("/proc/sys/kernel/panic"));
    }
}
