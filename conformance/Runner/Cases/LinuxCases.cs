using OciConformance.Framework;
using OciConformance.Probe;
using OciRuntime.Oci;
using static OciConformance.Framework.LinuxSupport;

namespace OciConformance.Cases;

/// <summary>config-linux.md sysctl, personality, time offsets and seccomp.</summary>
public static class LinuxCases
{
    private const string Doc = "config-linux.md";

    // personality(2): PER_LINUX32 from include/uapi/linux/personality.h.
    private const uint PerLinux32 = 0x0008;

    // The syscall the seccomp cases filter: the probe calls getcwd(3) (glibc sets errno from the syscall's result) and
    // reports a failure as "getcwd: ERRNO", then falls back to /proc/self/cwd.
    private const string FilteredSyscall = "getcwd";

    public static IEnumerable<Case> All()
    {
        yield return Case.Must("linux.time-offsets.applied", Doc, "Offset for Time Namespace",
            "timeOffsets (object, OPTIONAL) sets the offset for Time Namespace", async t =>
            {
                Skip.Unless(Host.HasTimeNamespace, "the kernel has no time namespaces");
                var bundle = await t.NewBundleAsync(b =>
                {
                    SetNamespace(b, LinuxNamespaceType.Time);
                    b.Linux.TimeOffsets = new()
                    {
                        ["monotonic"] = new LinuxTimeOffset { Secs = 86400, Nanosecs = 5000 },
                        ["boottime"] = new LinuxTimeOffset { Secs = 7200 },
                    };
                });
                var report = await ProbeOrRefusedAsync(t, bundle, ClaimsNamespace(t, LinuxNamespaceType.Time), "the time namespace");
                if (report is null) return; // time namespaces not in `features`, and refused
                Check.True(report.TimeOffsets is not null, "the probe could not read /proc/self/timens_offsets");
                Check.SameSet(["monotonic 86400 5000", "boottime 7200 0"], NormalisedLines(report.TimeOffsets!),
                    "/proc/self/timens_offsets in the container");
            });

        yield return Case.Must("linux.sysctl.applied", Doc, "Sysctl",
            "sysctl (object, OPTIONAL) allows kernel parameters to be modified at runtime for the container", async t =>
            {
                // Namespaced parameters (the container has its own ipc and network namespaces), not at their defaults.
                var sysctl = new Dictionary<string, string> { ["kernel.msgmax"] = "16385", ["net.ipv4.ip_forward"] = "1" };
                var bundle = await t.NewBundleAsync(b => b.Linux.Sysctl = sysctl);
                var files = sysctl.Keys.Select(k => "/proc/sys/" + k.Replace('.', '/')).ToList();
                var report = await t.ProbeAsync(bundle, [.. files.SelectMany(f => (string[])["--path", f])]);
                foreach (var (key, value) in sysctl)
                    Check.Equal(value, ContentOf(report, "/proc/sys/" + key.Replace('.', '/')).Trim(), $"{key} in the container");
            });

        yield return Case.Must("linux.sysctl.unknown", "runtime.md", "Lifecycle",
            "If the runtime is unable to create the environment specified in the config.json (a sysctl the kernel does not have), it MUST generate an error",
            async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Linux.Sysctl = new() { ["kernel.oci_conformance_no_such_parameter"] = "1" });
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with an unknown sysctl");
            });

        yield return Case.Must("linux.personality.linux32", Doc, "Personality",
            "personality sets the Linux execution personality ... LINUX32 will set the uname system call to show a 32 bit CPU type",
            async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Linux.Personality = new LinuxPersonality { Domain = "LINUX32" });
                var report = await t.ProbeAsync(bundle);
                Check.Equal($"0x{PerLinux32:x}", $"0x{report.Personality:x}", "personality(0xffffffff) in the container");
            });

        yield return Case.Must("linux.personality.invalid-domain", Doc, "Personality",
            "domain (string, REQUIRED) - the execution domain. The valid list of constants is LINUX, LINUX32 (another cannot be applied: error)",
            async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Linux.Personality = new LinuxPersonality { Domain = "LINUX64" });
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with personality domain LINUX64");
            });

        yield return Case.Must("linux.seccomp.filter", Doc, "Seccomp",
            "Seccomp configuration allows one to configure actions to take for matched syscalls", async t =>
            {
                var report = await SeccompProbeAsync(t, Rule(FilteredSyscall, "SCMP_ACT_ERRNO", errnoRet: 95));
                if (report is null) return;
                Check.Equal(2, report.SeccompMode, "Seccomp mode in /proc/self/status (2: filter)");
                Check.Contains($"{FilteredSyscall}: EOPNOTSUPP", report.Errors, "what the probe's getcwd got");
            });

        yield return Case.Must("linux.seccomp.errno-default", Doc, "Seccomp",
            "errnoRet (uint, OPTIONAL) ... If not specified its default value is EPERM", async t =>
            {
                var report = await SeccompProbeAsync(t, Rule(FilteredSyscall, "SCMP_ACT_ERRNO"));
                if (report is null) return;
                Check.Contains($"{FilteredSyscall}: EPERM", report.Errors, "what the probe's getcwd got");
            });

        yield return Case.Must("linux.seccomp.args", Doc, "Seccomp",
            "args (array of objects, OPTIONAL) - the specific syscall in seccomp (index, value, op)", async t =>
            {
                // getcwd(buf, 4096): a rule on size == 4096 matches the probe's call, one on size == 4095 does not.
                var matching = await SeccompProbeAsync(t, Rule(FilteredSyscall, "SCMP_ACT_ERRNO", errnoRet: 95, size: 4096));
                if (matching is null) return;
                Check.Contains($"{FilteredSyscall}: EOPNOTSUPP", matching.Errors, "getcwd(buf, 4096) with a rule on arg 1 == 4096");
                var other = await SeccompProbeAsync(t, Rule(FilteredSyscall, "SCMP_ACT_ERRNO", errnoRet: 95, size: 4095));
                Check.True(other is not null, "create refused the second seccomp profile");
                Check.True(!other!.Errors.Any(e => e.StartsWith(FilteredSyscall + ":", StringComparison.Ordinal)),
                    $"getcwd(buf, 4096) failed with a rule on arg 1 == 4095: {string.Join("; ", other.Errors)}");
            });

        yield return Case.Must("linux.seccomp.errno-unsupported", Doc, "Seccomp",
            "When the action doesn't support an errno, the runtime MUST print and error and fail", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Linux.Seccomp = Profile(Rule(FilteredSyscall, "SCMP_ACT_ALLOW", errnoRet: 95)));
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with errnoRet on an SCMP_ACT_ALLOW rule");
            });

        yield return Case.Must("linux.seccomp.unknown-action", Doc, "Seccomp",
            "action (string, REQUIRED) - the action for seccomp rules (one of the SCMP_ACT_* constants; another cannot be applied: error)",
            async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Linux.Seccomp = Profile(Rule(FilteredSyscall, "SCMP_ACT_CONFORMANCE_BOGUS")));
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with an unknown seccomp action");
            });
    }

    private static LinuxSyscall Rule(string name, string action, uint? errnoRet = null, ulong? size = null) => new()
    {
        Names = [name],
        Action = action,
        ErrnoRet = errnoRet,
        Args = size is { } s ? [new LinuxSeccompArg { Index = 1, Value = s, Op = "SCMP_CMP_EQ" }] : null,
    };

    private static LinuxSeccomp Profile(LinuxSyscall rule) => new()
    {
        DefaultAction = "SCMP_ACT_ALLOW",
        Syscalls = [rule],
    };

    /// <summary>
    /// The probe under a profile allowing everything but <paramref name="rule"/>; null when the runtime's `features` does
    /// not claim seccomp and create refused the profile (the error a runtime that cannot apply it must give).
    /// </summary>
    private static async Task<Report?> SeccompProbeAsync(CaseContext t, LinuxSyscall rule)
    {
        var bundle = await t.NewBundleAsync(b => b.Linux.Seccomp = Profile(rule));
        return await ProbeOrRefusedAsync(t, bundle, t.Features.Linux?.Seccomp?.Enabled == true, "seccomp");
    }
}
