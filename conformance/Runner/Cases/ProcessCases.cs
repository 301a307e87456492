using System.Diagnostics;
using System.Globalization;
using OciConformance.Framework;
using OciConformance.Probe;
using OciRuntime.Oci;

namespace OciConformance.Cases;

/// <summary>config.md process, hostname, domainname, root and annotations.</summary>
public static class ProcessCases
{
    private const string Probe = RootfsTemplate.ProbeInContainer;

    public static IEnumerable<Case> All()
    {
        // Process: terminal, args, env, cwd.
        yield return Case.Must("config.process.terminal.false", "config.md", "Process",
            "terminal (bool, OPTIONAL) specifies whether a terminal is attached to the process, defaults to false", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.Terminal = false));
                Check.True(!report.StdinIsTty && !report.StdoutIsTty,
                    $"terminal false, yet stdin is a tty: {report.StdinIsTty}, stdout is a tty: {report.StdoutIsTty}");
            });

        yield return Case.Must("config.process.consoleSize.ignored", "config.md", "Process",
            "Runtimes MUST ignore consoleSize if terminal is false or unset", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b =>
                {
                    b.Process.Terminal = false;
                    b.Process.ConsoleSize = new Box { Height = 25, Width = 80 };
                }));
                Check.True(!report.StdoutIsTty, "terminal false with a consoleSize, yet stdout is a tty");
            });

        yield return Case.Must("config.process.args", "config.md", "Process",
            "args (array of strings) with similar semantics to execvp's argv", async t =>
            {
                string[] extra = ["--path", "/two  spaces", "--path", "", "--path", "/ünïcödé"];
                var report = await t.ProbeAsync(await t.NewBundleAsync(), extra);
                Check.Equal(string.Join(" | ", [Probe, "report", .. extra]), string.Join(" | ", report.Args), "argv of the process");
            });

        yield return Case.Must("config.process.args.path-lookup", "config.md", "Process",
            "args: at least one entry is REQUIRED, and that entry is used with the same semantics as execvp's file (searched in the process's PATH)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    // A directory only the container's PATH names (not the runtime's).
                    var dir = b.InRootfs("opt/conformance-bin");
                    Directory.CreateDirectory(dir);
                    File.Copy(b.InRootfs(Probe), Path.Combine(dir, "oci-probe"));
                    b.Process.Env = ["PATH=/opt/conformance-bin", "HOME=/root"];
                    b.Process.Args = ["oci-probe", "report"];
                });
                var report = await ReportOfAsync(t, bundle);
                Check.Equal("oci-probe", report.Args.FirstOrDefault(), "argv[0] of the process");
            });

        yield return Case.Must("config.process.args.required", "config.md", "Process",
            "args: this specification extends the IEEE standard in that at least one entry is REQUIRED", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = []);
                await RefusedAsync(t, bundle, "a process with no args");
            });

        yield return Case.Must("config.process.env", "config.md", "Process",
            "env (array of strings, OPTIONAL) with the same semantics as IEEE Std 1003.1-2008's environ", async t =>
            {
                string[] env = ["PATH=/bin:/usr/bin", "HOME=/conformance-home", "CONFORMANCE_ONE=1", "CONFORMANCE_SPACES=a  b", "CONFORMANCE_EQ=x=y"];
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.Env = [.. env]));
                Check.SameSet(env, report.Env, "environment of the process");
                Check.Equal(env.Length, report.Env.Count, "number of environment entries");
            });

        yield return Case.Must("config.process.cwd", "config.md", "Process",
            "cwd (string, REQUIRED) is the working directory that will be set for the executable", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b =>
                {
                    Directory.CreateDirectory(b.InRootfs("conformance/cwd"));
                    b.Process.Cwd = "/conformance/cwd";
                }));
                Check.Equal("/conformance/cwd", report.Cwd, "working directory of the process");
            });

        yield return Case.Must("config.process.cwd.absolute", "config.md", "Process",
            "cwd: this value MUST be an absolute path (Valid values: runtimes MUST generate an error when invalid values are encountered)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Cwd = "tmp");
                await RefusedAsync(t, bundle, "a relative cwd");
            });

        // User.
        yield return Case.Must("config.process.user.uid", "config.md", "POSIX-platform User",
            "uid (int, REQUIRED) specifies the user ID in the container namespace (no /etc/passwd entry needed)", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.User = new User { Uid = 1234, Gid = 0 }));
                Check.Equal(1234u, report.Uid, "real uid");
                Check.Equal(1234u, report.Euid, "effective uid");
            });

        yield return Case.Must("config.process.user.gid", "config.md", "POSIX-platform User",
            "gid (int, REQUIRED) specifies the group ID in the container namespace", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.User = new User { Uid = 0, Gid = 2345 }));
                Check.Equal(2345u, report.Gid, "real gid");
                Check.Equal(2345u, report.Egid, "effective gid");
            });

        yield return Case.Must("config.process.user.additionalGids", "config.md", "POSIX-platform User",
            "additionalGids (array of ints, OPTIONAL) specifies additional group IDs in the container namespace to be added to the process", async t =>
            {
                uint[] groups = [3001, 3002, 5];
                var report = await t.ProbeAsync(await t.NewBundleAsync(b =>
                    b.Process.User = new User { Uid = 1000, Gid = 2345, AdditionalGids = [.. groups] }));
                Check.SameSet(groups, report.Groups, "supplementary groups");
            });

        yield return Case.Must("config.process.user.umask", "config.md", "POSIX-platform User",
            "umask (int, OPTIONAL) specifies the umask of the user", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.User.Umask = 0b000_010_111));
                Check.Equal("027", Convert.ToString(report.Umask, 8).PadLeft(3, '0'), "umask (octal)");
            });

        // Capabilities: after execve a root process's effective and permitted sets are its bounding set (with the
        // inheritable one), and a non-root process's are its ambient set: only such configs can be seen exactly.
        yield return Case.Must("config.process.capabilities.bounding", "config.md", "Linux Process",
            "capabilities: the bounding field is an array of bounding capabilities that are kept for the process", async t =>
            {
                string[] bounding = ["CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_KILL", "CAP_SYS_TIME"];
                var report = await ProbeCapsAsync(t, 0, new LinuxCapabilities { Bounding = [.. bounding], Effective = ["CAP_KILL"], Permitted = ["CAP_KILL"] });
                Check.SameSet(bounding, report.Capabilities.GetValueOrDefault("bounding"), "bounding set");
            });

        yield return Case.Must("config.process.capabilities.effective", "config.md", "Linux Process",
            "capabilities: the effective field is an array of effective capabilities that are kept for the process", async t =>
            {
                string[] caps = ["CAP_CHOWN", "CAP_FOWNER", "CAP_SETFCAP"];
                var report = await ProbeCapsAsync(t, 0, new LinuxCapabilities { Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps] });
                Check.SameSet(caps, report.Capabilities.GetValueOrDefault("effective"), "effective set");
            });

        yield return Case.Must("config.process.capabilities.permitted", "config.md", "Linux Process",
            "capabilities: the permitted field is an array of permitted capabilities that are kept for the process", async t =>
            {
                string[] caps = ["CAP_DAC_OVERRIDE", "CAP_MKNOD", "CAP_SYS_CHROOT"];
                var report = await ProbeCapsAsync(t, 0, new LinuxCapabilities { Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps] });
                Check.SameSet(caps, report.Capabilities.GetValueOrDefault("permitted"), "permitted set");
            });

        yield return Case.Must("config.process.capabilities.inheritable", "config.md", "Linux Process",
            "capabilities: the inheritable field is an array of inheritable capabilities that are kept for the process", async t =>
            {
                string[] inheritable = ["CAP_SETUID", "CAP_SYS_NICE"];
                var report = await ProbeCapsAsync(t, 0, new LinuxCapabilities
                {
                    Bounding = ["CAP_KILL", "CAP_SETUID", "CAP_SYS_NICE"],
                    Effective = ["CAP_KILL"],
                    Permitted = ["CAP_KILL"],
                    Inheritable = [.. inheritable],
                });
                Check.SameSet(inheritable, report.Capabilities.GetValueOrDefault("inheritable"), "inheritable set");
            });

        yield return Case.Must("config.process.capabilities.ambient", "config.md", "Linux Process",
            "capabilities: the ambient field is an array of ambient capabilities that are kept for the process", async t =>
            {
                string[] caps = ["CAP_NET_BIND_SERVICE", "CAP_NET_RAW"];
                var report = await ProbeCapsAsync(t, 1000, new LinuxCapabilities
                {
                    Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps], Inheritable = [.. caps], Ambient = [.. caps],
                });
                Check.SameSet(caps, report.Capabilities.GetValueOrDefault("ambient"), "ambient set of a non-root process");
            });

        yield return Case.Must("config.process.capabilities.unknown", "config.md", "Linux Process",
            "any value which cannot be mapped to a relevant kernel interface MUST be logged as a warning (runtime.md Warnings: the operation MUST continue as if the warning had not been logged)", async t =>
            {
                var report = await ProbeCapsAsync(t, 0, new LinuxCapabilities
                {
                    Bounding = ["CAP_KILL", "CAP_CONFORMANCE_UNKNOWN"],
                    Effective = ["CAP_KILL"],
                    Permitted = ["CAP_KILL"],
                });
                Check.SameSet(["CAP_KILL"], report.Capabilities.GetValueOrDefault("bounding"), "bounding set");
            });

        // Rlimits.
        yield return Case.Must("config.process.rlimits", "config.md", "POSIX process",
            "rlimits: rlim.rlim_cur MUST match the configured soft value; rlim.rlim_max MUST match the configured hard value", async t =>
            {
                // Only lowered hard limits: raising one needs CAP_SYS_RESOURCE, which the host may not grant.
                PosixRlimit[] limits =
                [
                    new() { Type = "RLIMIT_NOFILE", Soft = 555, Hard = 666 },
                    new() { Type = "RLIMIT_CORE", Soft = 12345, Hard = 67890 },
                    new() { Type = "RLIMIT_MSGQUEUE", Soft = 4096, Hard = 8192 },
                    new() { Type = "RLIMIT_STACK", Soft = 4194304, Hard = 16777216 },
                ];
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.Rlimits = [.. limits]));
                foreach (var l in limits)
                {
                    Check.True(report.Rlimits.TryGetValue(l.Type, out var got), $"the probe reported no {l.Type}");
                    Check.Equal($"{l.Soft}/{l.Hard}", $"{got!.Soft}/{got.Hard}", $"{l.Type} soft/hard");
                }
            });

        yield return Case.Must("config.process.rlimits.invalid-type", "config.md", "POSIX process",
            "rlimits type: the runtime MUST generate an error for any values which cannot be mapped to a relevant kernel interface", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Rlimits = [new PosixRlimit { Type = "RLIMIT_CONFORMANCE", Soft = 1, Hard = 1 }]);
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with rlimit type RLIMIT_CONFORMANCE");
            });

        yield return Case.Must("config.process.rlimits.duplicate", "config.md", "POSIX process",
            "if rlimits contains duplicated entries with same type, the runtime MUST generate an error", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Rlimits =
                [
                    new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 300, Hard = 400 },
                    new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 100, Hard = 200 },
                ]);
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with RLIMIT_NOFILE twice");
            });

        // Other Linux process fields.
        yield return Case.Must("config.process.noNewPrivileges.true", "config.md", "Linux Process",
            "noNewPrivileges (bool, OPTIONAL) setting noNewPrivileges to true prevents the process from gaining additional privileges", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.NoNewPrivileges = true));
                Check.True(report.NoNewPrivileges, "no_new_privs is not set in the process");
            });

        yield return Case.Must("config.process.noNewPrivileges.false", "config.md", "Linux Process",
            "noNewPrivileges false or unset: the process is not prevented from gaining privileges (no_new_privs stays off)", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.NoNewPrivileges = false));
                Check.True(!report.NoNewPrivileges, "no_new_privs is set although noNewPrivileges is false");
            });

        yield return Case.Must("config.process.oomScoreAdj", "config.md", "Linux Process",
            "if oomScoreAdj is set, the runtime MUST set oom_score_adj to the given value", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Process.OomScoreAdj = 345));
                Check.Equal(345, report.OomScoreAdj, "oom_score_adj of the process");
            });

        yield return Case.Must("config.process.oomScoreAdj.unset", "config.md", "Linux Process",
            "if oomScoreAdj is not set, the runtime MUST NOT change the value of oom_score_adj", async t =>
            {
                // The runtime is started with an oom_score_adj of its own (234) that the process must inherit unchanged.
                var wrapper = Path.Combine(t.Dir, "runtime-oom-234");
                File.WriteAllText(wrapper, $"#!/bin/sh\necho 234 > /proc/self/oom_score_adj || exit 99\nexec {RuntimeDriver.Quote(t.Runtime.Binary)} \"$@\"\n");
                File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
                var driver = new RuntimeDriver(t.Runtime.Name, wrapper, t.Runtime.Root, t.Dir);

                var bundle = await t.NewBundleAsync(b => b.Process.OomScoreAdj = null);
                var id = t.NewId();
                bundle.Linux.CgroupsPath = t.CgroupsPathFor(id);
                bundle.Save();
                Check.Succeeded(await driver.RunAsync(["create", "--bundle", bundle.Dir, id], t.StdoutOf(id), t.StderrOf(id)), "create");
                Check.Succeeded(await t.StartAsync(id), "start");
                await t.WaitForStatusAsync(id, "stopped");
                var report = CaseContext.ParseReport(t.OutputOf(id), RuntimeDriver.ReadSoFar(t.StderrOf(id)));
                Check.Equal(234, report.OomScoreAdj, "oom_score_adj of the process (the runtime's own was 234)");
            });

        yield return Case.Must("config.process.apparmorProfile", "config.md", "Linux Process",
            "apparmorProfile specifies the name of the AppArmor profile for the process (applied, or an error: Valid values)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.ApparmorProfile = "oci-conformance-profile");
                var report = await AppliedOrRefusedAsync(t, bundle, "apparmorProfile");
                if (report is not null)
                    Check.True(report.SecurityLabel?.Contains("oci-conformance-profile", StringComparison.Ordinal) == true,
                        $"create accepted apparmorProfile, but the process's label is \"{report.SecurityLabel}\"");
            });

        yield return Case.Must("config.process.selinuxLabel", "config.md", "Linux Process",
            "selinuxLabel specifies the SELinux label for the process (applied, or an error: Valid values)", async t =>
            {
                const string label = "system_u:system_r:container_t:s0:c1,c2";
                var bundle = await t.NewBundleAsync(b => b.Process.SelinuxLabel = label);
                var report = await AppliedOrRefusedAsync(t, bundle, "selinuxLabel");
                if (report is not null)
                    Check.Equal(label, report.SecurityLabel?.TrimEnd('\0', '\n'), "the process's SELinux label");
            });

        yield return Case.Must("config.process.scheduler", "config.md", "Linux Process",
            "scheduler (object, OPTIONAL) is an object describing the scheduler properties for the process (policy, nice)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    b.Process.Scheduler = new Scheduler { Policy = "SCHED_BATCH", Nice = 7 };
                });
                var pid = await RunningOrRefusedAsync(t, bundle, "scheduler");
                if (pid == 0) return;
                var stat = await StatOfProgramAsync(pid);
                // /proc/PID/stat fields 19 (nice) and 41 (policy); SCHED_BATCH is 3.
                Check.Equal("3", stat[41 - 3], "scheduling policy (3 is SCHED_BATCH)");
                Check.Equal("7", stat[19 - 3], "nice value");
            });

        yield return Case.Must("config.process.ioPriority", "config.md", "Linux Process",
            "ioPriority (object, OPTIONAL) configures the I/O priority settings for the container's processes (class, priority)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    b.Process.IOPriority = new LinuxIOPriority { Class = "IOPRIO_CLASS_BE", Priority = 6 };
                });
                var pid = await RunningOrRefusedAsync(t, bundle, "ioPriority");
                if (pid == 0) return;
                await StatOfProgramAsync(pid);
                Check.Equal("best-effort: prio 6", await IoniceAsync(pid), "I/O priority of the process (ionice -p)");
            });

        // Hostname, domainname.
        yield return Case.Must("config.hostname", "config.md", "Hostname",
            "hostname specifies the container's hostname as seen by processes running inside the container", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Spec.Hostname = "conformance-host");
                var report = await t.ProbeAsync(bundle);
                Check.Equal("conformance-host", report.Hostname, "hostname in the container");
            });

        yield return Case.Must("config.domainname", "config.md", "Domainname",
            "domainname specifies the container's domainname as seen by processes running inside the container", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Spec.Domainname = "conformance.example"));
                Check.Equal("conformance.example", report.Domainname, "domainname in the container");
            });

        // Root.
        yield return Case.Must("config.root.path.relative", "config.md", "Root",
            "path: on POSIX platforms, path is either an absolute path or a relative path to the bundle", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    Directory.CreateDirectory(Path.Combine(b.Dir, "images"));
                    Directory.Move(b.Rootfs, Path.Combine(b.Dir, "images/root"));
                    File.WriteAllText(Path.Combine(b.Dir, "images/root/root-marker"), "relative");
                    b.Spec.Root!.Path = "images/root";
                });
                var report = await t.ProbeAsync(bundle, "--path", "/root-marker");
                Check.Equal("relative", report.Paths[0].Content, "/root-marker in the container");
            });

        yield return Case.Must("config.root.path.absolute", "config.md", "Root",
            "path: on POSIX platforms, path is either an absolute path or a relative path to the bundle", async t =>
            {
                var elsewhere = Path.Combine(t.Dir, "elsewhere-root");
                var bundle = await t.NewBundleAsync(b =>
                {
                    Directory.Move(b.Rootfs, elsewhere);
                    File.WriteAllText(Path.Combine(elsewhere, "root-marker"), "absolute");
                    b.Spec.Root!.Path = elsewhere;
                });
                var report = await t.ProbeAsync(bundle, "--path", "/root-marker");
                Check.Equal("absolute", report.Paths[0].Content, "/root-marker in the container");
            });

        yield return Case.Must("config.root.readonly", "config.md", "Root",
            "readonly (bool, OPTIONAL): if true then the root filesystem MUST be read-only inside the container", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync(b => b.Spec.Root!.Readonly = true), "--path", "/");
                Check.True(report.RootReadonly, "statvfs(\"/\") has no ST_RDONLY");
                Check.Equal("EROFS", report.Paths[0].WriteError, "error of creating a file in /");
            });

        // Annotations.
        yield return Case.Must("config.annotations.state", "runtime.md", "State",
            "annotations (map, OPTIONAL) contains the list of annotations associated with the container", async t =>
            {
                var annotations = new Dictionary<string, string> { ["com.example.one"] = "1", ["com.example.two"] = "two words" };
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    b.Spec.Annotations = new(annotations);
                });
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var state = await t.StateOfAsync(id);
                Check.SameSet(annotations.Select(kv => $"{kv.Key}={kv.Value}"), state.Annotations?.Select(kv => $"{kv.Key}={kv.Value}"), "annotations in state");
            });

        yield return Case.Must("config.annotations.unknown-keys", "config.md", "Annotations",
            "Runtimes MUST handle unknown annotation keys like any other unknown property (no error); values MAY be an empty string", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Spec.Annotations = new()
                {
                    ["org.opencontainers.conformance.unknown"] = "reserved but unknown",
                    ["com.example.conformance/odd key"] = "{\"json\": [1, 2]}",
                    ["com.example.empty"] = "",
                });
                await t.ProbeAsync(bundle);
            });
    }

    /// <summary>Create, start and wait for the container with the args as configured; its probe report.</summary>
    private static async Task<Report> ReportOfAsync(CaseContext t, Bundle bundle)
    {
        var id = t.NewId("probe");
        await t.CreateAndStartAsync(bundle, id);
        await t.WaitForStatusAsync(id, "stopped");
        return CaseContext.ParseReport(t.OutputOf(id), RuntimeDriver.ReadSoFar(t.StderrOf(id)));
    }

    private static async Task<Report> ProbeCapsAsync(CaseContext t, uint uid, LinuxCapabilities caps) =>
        await t.ProbeAsync(await t.NewBundleAsync(b =>
        {
            b.Process.User = new User { Uid = uid, Gid = uid };
            b.Process.Capabilities = caps;
        }));

    /// <summary>The runtime must refuse the config: create fails, or (validated late) start does.</summary>
    private static async Task RefusedAsync(CaseContext t, Bundle bundle, string what)
    {
        var id = t.NewId();
        var create = await t.CreateAsync(bundle, id);
        if (create.ExitCode != 0)
        {
            Check.Failed(create, $"create with {what}");
            return;
        }
        Check.Failed(await t.StartAsync(id), $"create and start with {what}");
    }

    /// <summary>Either create fails (the runtime cannot apply the field: an error), or the probe's report.</summary>
    private static async Task<Report?> AppliedOrRefusedAsync(CaseContext t, Bundle bundle, string field)
    {
        var id = t.NewId("probe");
        var create = await t.CreateAsync(bundle, id);
        if (create.ExitCode != 0)
        {
            Check.Failed(create, $"create with {field}");
            return null;
        }
        Check.Succeeded(await t.StartAsync(id), "start");
        await t.WaitForStatusAsync(id, "stopped");
        return CaseContext.ParseReport(t.OutputOf(id), RuntimeDriver.ReadSoFar(t.StderrOf(id)));
    }

    /// <summary>Either create fails (0), or the host pid of the running container.</summary>
    private static async Task<int> RunningOrRefusedAsync(CaseContext t, Bundle bundle, string field)
    {
        var id = t.NewId();
        var create = await t.CreateAsync(bundle, id);
        if (create.ExitCode != 0)
        {
            Check.Failed(create, $"create with {field}");
            return 0;
        }
        Check.Succeeded(await t.StartAsync(id), "start");
        return (await t.StateOfAsync(id)).Pid;
    }

    /// <summary>The fields of /proc/PID/stat after the comm (field 3 first), once PID runs the user program.</summary>
    private static async Task<string[]> StatOfProgramAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (!File.ReadAllText($"/proc/{pid}/cmdline").StartsWith(Probe, StringComparison.Ordinal))
        {
            if (clock.Elapsed.TotalSeconds > 10) throw Check.Fail($"the container process {pid} did not execute {Probe} within 10 s");
            await Task.Delay(50);
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static async Task<string> IoniceAsync(int pid)
    {
        var info = new ProcessStartInfo("ionice", ["-p", pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true };
        System.Diagnostics.Process? started;
        try
        {
            started = System.Diagnostics.Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Check.Fail($"case error: the host's ionice (util-linux) reads the I/O priority, and could not run: {e.Message}");
        }
        using var ionice = started ?? throw Check.Fail("case error: could not run ionice");
        var output = await ionice.StandardOutput.ReadToEndAsync();
        await ionice.WaitForExitAsync();
        return output.Trim();
    }
}
