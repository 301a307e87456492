// Folder Process/, namespace Processes: a namespace named Process would hide System.Diagnostics.Process project-wide.
namespace OciRuntime.IntegrationTests.Processes;

/// <summary>
/// process.capabilities as the kernel shows them after execve (`grep Cap /proc/self/status`). What execve does to
/// the sets depends on the uid: for uid 0 (without file caps) permitted and effective become bounding|inheritable
/// and ambient is cleared; for another uid permitted and effective become the ambient set. So the same config is
/// checked as root and as uid 1000, and the expected masks are worked out from those rules, not copied from runc.
/// </summary>
public sealed class CapabilityTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    // Bit numbers from linux/capability.h.
    private const int Chown = 0, Kill = 5, NetBindService = 10, AuditWrite = 29;

    private static ulong Mask(params int[] bits) => bits.Aggregate(0UL, (m, b) => m | 1UL << b);

    private static Dictionary<string, ulong> ReadCaps(CliResult run) =>
        run.StdoutLines.Where(l => l.StartsWith("Cap", StringComparison.Ordinal))
            .Select(l => l.Split(':'))
            .ToDictionary(p => p[0], p => Convert.ToUInt64(p[1].Trim(), 16));

    private static void AssertCaps(CliResult run, ulong bnd, ulong eff, ulong prm, ulong inh, ulong amb)
    {
        var caps = ReadCaps(run);
        string Show(ulong v) => v.ToString("x16");
        var expected = $"Bnd={Show(bnd)} Eff={Show(eff)} Prm={Show(prm)} Inh={Show(inh)} Amb={Show(amb)}";
        var actual = $"Bnd={Show(caps.GetValueOrDefault("CapBnd"))} Eff={Show(caps.GetValueOrDefault("CapEff"))} " +
                     $"Prm={Show(caps.GetValueOrDefault("CapPrm"))} Inh={Show(caps.GetValueOrDefault("CapInh"))} Amb={Show(caps.GetValueOrDefault("CapAmb"))}";
        Assert.True(expected == actual, $"capabilities\nexpected {expected}\nactual   {actual}\n{run.Describe()}");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheDefaultSpecKeepsThreeCapabilities(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("grep ^Cap /proc/self/status");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("capsdefault"));

        run.ShouldSucceed($"{rt.Name} run");
        var three = Mask(AuditWrite, Kill, NetBindService);
        AssertCaps(run, bnd: three, eff: three, prm: three, inh: 0, amb: 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AllFiveSetsAsRoot(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync())
            .Capabilities(bounding: ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"], effective: ["CAP_CHOWN", "CAP_KILL"],
                permitted: ["CAP_CHOWN", "CAP_KILL"], inheritable: ["CAP_CHOWN", "CAP_KILL"], ambient: ["CAP_KILL"])
            .Sh("grep ^Cap /proc/self/status");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("capsroot"));

        run.ShouldSucceed($"{rt.Name} run");
        // Root's execve: P'(permitted) = P(inheritable) | P(bounding), but noNewPrivileges (true in the default
        // spec) keeps it within what was permitted before exec ({CHOWN, KILL}); effective = permitted; ambient stays.
        AssertCaps(run, bnd: Mask(Chown, Kill, NetBindService), eff: Mask(Chown, Kill), prm: Mask(Chown, Kill),
            inh: Mask(Chown, Kill), amb: Mask(Kill));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AmbientCapabilitiesSurviveExecForANonRootUser(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).User(1000, 1000)
            .Capabilities(bounding: ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"], effective: ["CAP_CHOWN", "CAP_KILL"],
                permitted: ["CAP_CHOWN", "CAP_KILL"], inheritable: ["CAP_CHOWN", "CAP_KILL"], ambient: ["CAP_KILL"])
            .Sh("grep ^Cap /proc/self/status");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("capsambient"));

        run.ShouldSucceed($"{rt.Name} run as uid 1000");
        // A non-root execve without file caps: permitted = effective = ambient; CHOWN (not ambient) is lost.
        AssertCaps(run, bnd: Mask(Chown, Kill, NetBindService), eff: Mask(Kill), prm: Mask(Kill),
            inh: Mask(Chown, Kill), amb: Mask(Kill));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task WithoutAmbientANonRootUserHasNoCapabilities(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).User(1000, 1000)
            .Capabilities(bounding: ["CAP_KILL"], effective: ["CAP_KILL"], permitted: ["CAP_KILL"])
            .Sh("grep ^Cap /proc/self/status");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("capsnone"));

        run.ShouldSucceed($"{rt.Name} run as uid 1000");
        AssertCaps(run, bnd: Mask(Kill), eff: 0, prm: 0, inh: 0, amb: 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ADroppedCapabilityIsReallyMissing(string runtime)
    {
        // chown needs CAP_CHOWN: refused without it, allowed with it (same rootfs copy, two runs).
        var rt = Use(runtime);
        var without = (await NewBundleAsync("without", copyRootfs: true)).Sh("touch /f; chown 1234 /f && echo chowned; true");
        var with = (await NewBundleAsync("with", copyRootfs: true))
            .Capabilities(bounding: ["CAP_CHOWN"], effective: ["CAP_CHOWN"], permitted: ["CAP_CHOWN"])
            .Sh("touch /f; chown 1234 /f && echo chowned; true");

        var refused = await rt.RunAsync(without, ContainerDriver.NewId("nochown"));
        var allowed = await rt.RunAsync(with, ContainerDriver.NewId("chown"));

        Assert.DoesNotContain("chowned", refused.Stdout);
        Assert.Contains("Operation not permitted", refused.Stderr);
        Assert.Equal(["chowned"], allowed.StdoutLines);
    }
}
