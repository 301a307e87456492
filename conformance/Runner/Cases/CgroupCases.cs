using OciConformance.Framework;
using OciRuntime.Oci;
using static OciConformance.Framework.LinuxSupport;

namespace OciConformance.Cases;

/// <summary>config-linux.md control groups: cgroupsPath and resources.</summary>
public static class CgroupCases
{
    private const string Doc = "config-linux.md";
    private const long MiB = 1024 * 1024;

    // A node for /dev/kmsg's c 1:11, made in the rootfs outside /dev (not a linux.devices entry, which a runtime may
    // allow on its own): the container can open it for writing without any capability (devkmsg_open lets write-only
    // opens through), and it is not among the devices runtimes allow by default.
    private const string Kmsg = "/oci-conformance-kmsg";

    public static IEnumerable<Case> All()
    {
        yield return Case.Must("linux.cgroups.path", Doc, "Cgroups Path",
            "In the case of an absolute path (starting with /), the runtime MUST take the path to be relative to the cgroups mount point",
            async t =>
            {
                V1Only();
                var (_, pid, path) = await CreateWithAsync(t, r =>
                {
                    r.Memory = new LinuxMemory { Limit = 256 * MiB };
                    r.Pids = new LinuxPids { Limit = 1000 };
                });
                var lines = File.ReadAllLines($"/proc/{pid}/cgroup");
                foreach (var controller in (string[])["memory", "pids", "devices"])
                {
                    // "4:memory:/path": the controllers field may list several (cpu,cpuacct).
                    var line = lines.FirstOrDefault(l => l.Split(':')[1].Split(',').Contains(controller));
                    Check.True(line is not null, $"/proc/{pid}/cgroup has no {controller} line");
                    Check.Equal(path, line!.Split(':', 3)[2], $"the container's {controller} cgroup (/proc/{pid}/cgroup)");
                    var procs = CgroupFile(controller, path, "cgroup.procs").Split('\n');
                    Check.Contains(pid.ToString(), procs, $"cgroup.procs of {Host.CgroupDir(controller, path)}");
                }
            });

        yield return Resources("memory.limit", "Memory", "limit (int64, OPTIONAL) - sets limit of memory usage",
            r => r.Memory = new LinuxMemory { Limit = 96 * MiB },
            p => Check.Equal($"{96 * MiB}", CgroupFile("memory", p, "memory.limit_in_bytes"), "memory.limit_in_bytes"));

        yield return Resources("memory.reservation", "Memory", "reservation (int64, OPTIONAL) - sets soft limit of memory usage",
            r => r.Memory = new LinuxMemory { Limit = 256 * MiB, Reservation = 48 * MiB },
            p => Check.Equal($"{48 * MiB}", CgroupFile("memory", p, "memory.soft_limit_in_bytes"), "memory.soft_limit_in_bytes"));

        yield return Resources("memory.swap", "Memory", "swap (int64, OPTIONAL) - sets limit of memory+Swap usage",
            r =>
            {
                Skip.Unless(File.Exists(Path.Combine(Host.CgroupDir("memory", "/"), "memory.memsw.limit_in_bytes")),
                    "the kernel does no swap accounting (no memory.memsw.limit_in_bytes)");
                r.Memory = new LinuxMemory { Limit = 96 * MiB, Swap = 160 * MiB };
            },
            p => Check.Equal($"{160 * MiB}", CgroupFile("memory", p, "memory.memsw.limit_in_bytes"), "memory.memsw.limit_in_bytes"));

        yield return Resources("memory.swappiness", "Memory", "swappiness (uint64, OPTIONAL) - sets swappiness parameter of vmscan",
            r => r.Memory = new LinuxMemory { Swappiness = 37 },
            p => Check.Equal("37", CgroupFile("memory", p, "memory.swappiness"), "memory.swappiness"));

        yield return Resources("memory.disable-oom-killer", "Memory",
            "disableOOMKiller (bool, OPTIONAL) - enables or disables the OOM killer ... To disable it, specify a value of true",
            r => r.Memory = new LinuxMemory { Limit = 256 * MiB, DisableOomKiller = true },
            p => Check.Contains("oom_kill_disable 1", CgroupFile("memory", p, "memory.oom_control").Split('\n'), "memory.oom_control"));

        yield return Resources("cpu.shares", "CPU",
            "shares (uint64, OPTIONAL) - specifies a relative share of CPU time available to the tasks in a cgroup",
            r => r.Cpu = new LinuxCpu { Shares = 512 },
            p => Check.Equal("512", CgroupFile("cpu", p, "cpu.shares"), "cpu.shares"));

        yield return Resources("cpu.quota-period", "CPU",
            "quota ... the total amount of time in microseconds for which all tasks in a cgroup can run during one period; period ... (CFS scheduler only)",
            r => r.Cpu = new LinuxCpu { Quota = 50000, Period = 200000 },
            p =>
            {
                Check.Equal("50000", CgroupFile("cpu", p, "cpu.cfs_quota_us"), "cpu.cfs_quota_us");
                Check.Equal("200000", CgroupFile("cpu", p, "cpu.cfs_period_us"), "cpu.cfs_period_us");
            });

        yield return Resources("cpu.burst", "CPU",
            "burst (uint64, OPTIONAL) - the maximum amount of accumulated time in microseconds for which all tasks in a cgroup can run additionally for burst during one period",
            r =>
            {
                Skip.Unless(File.Exists(Path.Combine(Host.CgroupDir("cpu", "/"), "cpu.cfs_burst_us")), "the kernel has no cpu.cfs_burst_us");
                r.Cpu = new LinuxCpu { Quota = 50000, Period = 100000, Burst = 20000 };
            },
            p => Check.Equal("20000", CgroupFile("cpu", p, "cpu.cfs_burst_us"), "cpu.cfs_burst_us"));

        yield return Resources("cpu.realtime-period", "CPU",
            "realtimePeriod (uint64, OPTIONAL) - same as period but applies to realtime scheduler only",
            r =>
            {
                RequireRealtimeGroups();
                r.Cpu = new LinuxCpu { RealtimePeriod = 500000 };
            },
            p => Check.Equal("500000", CgroupFile("cpu", p, "cpu.rt_period_us"), "cpu.rt_period_us"));

        yield return Case.Must("linux.resources.cpu.realtime-runtime", Doc, "CPU",
            "realtimeRuntime (int64, OPTIONAL) - the longest continuous period in which the tasks in a cgroup have access to CPU resources (or an error when it cannot be granted)",
            async t =>
            {
                V1Only();
                RequireRealtimeGroups();
                var (_, _, path, create) = await TryCreateSleeperAsync(t, b =>
                    (b.Linux.Resources ??= new LinuxResources()).Cpu = new LinuxCpu { RealtimeRuntime = 20000 });
                if (create.Succeeded)
                {
                    Check.Equal("20000", CgroupFile("cpu", path, "cpu.rt_runtime_us"), "cpu.rt_runtime_us");
                    return;
                }
                // The kernel grants a group no more realtime time than its parent has: the run's parent cgroup is new,
                // with none, so refusing is the error the runtime must generate when it cannot apply the setting.
                var parent = Path.Combine(Host.CgroupDir("cpu", Path.GetDirectoryName(path)!), "cpu.rt_runtime_us");
                var budget = long.TryParse(ReadOr(parent, "0").Trim(), out var v) ? v : 0;
                Check.True(budget < 20000, $"create failed although the parent cgroup has {budget} us of realtime time: {create.Brief}");
            });

        yield return Resources("cpu.idle", "CPU",
            "idle (int64, OPTIONAL) - cgroups are configured with minimum weight, 0: default behavior, 1: SCHED_IDLE",
            r =>
            {
                Skip.Unless(File.Exists(Path.Combine(Host.CgroupDir("cpu", "/"), "cpu.idle")), "the kernel has no cpu.idle");
                r.Cpu = new LinuxCpu { Idle = 1 };
            },
            p => Check.Equal("1", CgroupFile("cpu", p, "cpu.idle"), "cpu.idle"));

        yield return Resources("cpu.cpus", "CPU", "cpus (string, OPTIONAL) - list of CPUs the container will run in",
            r =>
            {
                Skip.If(Environment.ProcessorCount < 2, "one CPU: no list differs from the default");
                r.Cpu = new LinuxCpu { Cpus = "1" };
            },
            p => Check.Equal("1", CgroupFile("cpuset", p, "cpuset.cpus"), "cpuset.cpus"));

        yield return Resources("cpu.mems", "CPU", "mems (string, OPTIONAL) - list of Memory Nodes the container will run in",
            r =>
            {
                var all = File.ReadAllText(Path.Combine(Host.CgroupDir("cpuset", "/"), "cpuset.mems")).Trim();
                Skip.If(all == "0", "one memory node: no list differs from the default");
                r.Cpu = new LinuxCpu { Mems = "0" };
            },
            p => Check.Equal("0", CgroupFile("cpuset", p, "cpuset.mems"), "cpuset.mems"));

        yield return Resources("pids.limit", "PIDs", "limit (int64, REQUIRED) - specifies the maximum number of tasks in the cgroup",
            r => r.Pids = new LinuxPids { Limit = 42 },
            p => Check.Equal("42", CgroupFile("pids", p, "pids.max"), "pids.max"));

        yield return Resources("blockio.weight", "Block IO", "weight (uint16, OPTIONAL) - specifies per-cgroup weight",
            r =>
            {
                Skip.Unless(WeightFile() is not null, "no blkio.weight or blkio.bfq.weight (no proportional-weight I/O scheduler)");
                r.BlockIO = new LinuxBlockIO { Weight = 300 };
            },
            p => Check.Equal("300", CgroupFile("blkio", p, WeightFile()!).Split('\n')[0].Replace("default ", ""), WeightFile()!));

        yield return Resources("blockio.throttle", "Block IO",
            "throttleReadBpsDevice, throttleWriteBpsDevice ... bandwidth rate limits; throttleReadIOPSDevice, throttleWriteIOPSDevice ... IO rate limits",
            r =>
            {
                var (major, minor) = RealBlockDevice();
                r.BlockIO = new LinuxBlockIO
                {
                    ThrottleReadBpsDevice = [new LinuxThrottleDevice { Major = major, Minor = minor, Rate = 1048576 }],
                    ThrottleWriteBpsDevice = [new LinuxThrottleDevice { Major = major, Minor = minor, Rate = 2097152 }],
                    ThrottleReadIopsDevice = [new LinuxThrottleDevice { Major = major, Minor = minor, Rate = 300 }],
                    ThrottleWriteIopsDevice = [new LinuxThrottleDevice { Major = major, Minor = minor, Rate = 400 }],
                };
            },
            p =>
            {
                var (major, minor) = RealBlockDevice();
                foreach (var (file, rate) in (ReadOnlySpan<(string, int)>)[("read_bps_device", 1048576), ("write_bps_device", 2097152),
                             ("read_iops_device", 300), ("write_iops_device", 400)])
                    Check.Contains($"{major}:{minor} {rate}", CgroupFile("blkio", p, "blkio.throttle." + file).Split('\n'), "blkio.throttle." + file);
            });

        yield return Resources("hugepage-limits", "Huge page limits",
            "hugepageLimits (array of objects, OPTIONAL) represents the hugetlb controller ... limit in bytes of hugepagesize HugeTLB usage",
            r =>
            {
                _ = Host.CgroupDir("hugetlb", "/"); // skips when the v1 hugetlb controller is not mounted
                r.HugepageLimits = [new LinuxHugepageLimit { PageSize = HugePageSize(), Limit = 4 * 2 * MiB }];
            },
            p =>
            {
                var size = HugePageSize();
                var file = File.Exists(Path.Combine(Host.CgroupDir("hugetlb", p), $"hugetlb.{size}.rsvd.limit_in_bytes"))
                    ? $"hugetlb.{size}.rsvd.limit_in_bytes" : $"hugetlb.{size}.limit_in_bytes";
                Check.Equal($"{8 * MiB}", CgroupFile("hugetlb", p, file), file);
            });

        yield return Resources("network", "Network",
            "classID (uint32, OPTIONAL) - the network class identifier the cgroup's network packets will be tagged with; priorities",
            r =>
            {
                _ = Host.CgroupDir("net_cls", "/"); // skips when net_cls / net_prio are not mounted
                _ = Host.CgroupDir("net_prio", "/");
                r.Network = new LinuxNetwork { ClassId = 0x100001, Priorities = [new LinuxInterfacePriority { Name = "lo", Priority = 5 }] };
            },
            p =>
            {
                Check.Equal($"{0x100001}", CgroupFile("net_cls", p, "net_cls.classid"), "net_cls.classid");
                Check.Contains("lo 5", CgroupFile("net_prio", p, "net_prio.ifpriomap").Split('\n'), "net_prio.ifpriomap");
            });

        yield return Case.Must("linux.resources.unified.written", Doc, "Unified",
            "Each key in the map refers to a file in the cgroup unified hierarchy ... Configuration unknown to the runtime MUST still be written to the relevant file",
            async t =>
            {
                Skip.If(UnifiedRoot() is null, "no cgroup v2 hierarchy on this host");
                var (_, _, path, create) = await TryCreateSleeperAsync(t, b =>
                    (b.Linux.Resources ??= new LinuxResources()).Unified = new() { ["cgroup.max.descendants"] = "7" });
                // On a hybrid host (v1 controllers, a v2 hierarchy beside them) a runtime may not use the v2 one: then
                // it must refuse, not ignore, the setting.
                if (!Host.IsCgroupV2 && !create.Succeeded) return;
                Check.Succeeded(create, "create");
                var file = Path.Combine(UnifiedRoot()!, path.TrimStart('/'), "cgroup.max.descendants");
                Check.Equal("7", ReadOr(file, "(unreadable)").Trim(), file);
            });

        yield return Case.Must("linux.resources.unified.missing-controller", Doc, "Unified",
            "The runtime MUST generate an error when the configuration refers to a cgroup controller that is not present or that cannot be enabled",
            async t =>
            {
                // A controller the v2 hierarchy does not have here (on a hybrid host the v1 hierarchies hold them).
                var present = UnifiedRoot() is { } root ? ReadOr(Path.Combine(root, "cgroup.controllers")).Split() : [];
                var missing = ((string[])["memory", "pids", "cpu", "io"]).FirstOrDefault(c => !present.Contains(c));
                Skip.If(missing is null, "the cgroup v2 hierarchy has every controller tried (memory, pids, cpu, io)");
                var (file, value) = missing switch
                {
                    "memory" => ("memory.high", $"{128 * MiB}"),
                    "pids" => ("pids.max", "50"),
                    "cpu" => ("cpu.weight", "50"),
                    _ => ("io.weight", "default 50"),
                };
                var (_, _, _, create) = await TryCreateSleeperAsync(t, b =>
                    (b.Linux.Resources ??= new LinuxResources()).Unified = new() { [file] = value });
                Check.Failed(create, $"create with unified {file} (no {missing} controller in the v2 hierarchy)");
            });

        yield return Case.Must("linux.resources.devices.allow", Doc, "Allowed Device list",
            "devices (array of objects, OPTIONAL) configures the allowed device list (an allow entry lets the container use the device)",
            async t =>
            {
                var output = await OpenKmsgAsync(t,
                [
                    new LinuxDeviceCgroup { Allow = false, Access = "rwm" },
                    new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = 11, Access = "w" },
                ]);
                Check.True(output.Contains("OPEN-OK"), $"opening {Kmsg} (c 1:11) for writing, allowed by the list, failed: {output.Trim()}");
            });

        yield return Case.Must("linux.resources.devices.deny-in-order", Doc, "Allowed Device list",
            "The runtime MUST apply entries in the listed order (a later deny entry takes back an earlier allow)", async t =>
            {
                var output = await OpenKmsgAsync(t,
                [
                    new LinuxDeviceCgroup { Allow = false, Access = "rwm" },
                    new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = 11, Access = "rwm" },
                    new LinuxDeviceCgroup { Allow = false, Type = "c", Major = 1, Minor = 11, Access = "w" },
                ]);
                Check.True(output.Contains("OPEN-FAILED"), $"opening {Kmsg} (c 1:11) for writing, denied by the last entry, worked: {output.Trim()}");
                Check.True(output.Contains("not permitted"), $"opening {Kmsg} failed, but not with EPERM from the device cgroup: {output.Trim()}");
            });
    }

    /// <summary>A case `linux.resources.ID`: create a container with the resources <paramref name="set"/> gives, then check its cgroup.</summary>
    private static Case Resources(string id, string section, string keyWords, Action<LinuxResources> set, Action<string> check) =>
        Case.Must($"linux.resources.{id}", Doc, section, keyWords, async t =>
        {
            V1Only();
            var (_, _, path) = await CreateWithAsync(t, set);
            check(path);
        });

    /// <summary>Creates a sleeping container with resources set by <paramref name="set"/> (on top of the base device list).</summary>
    private static async Task<(string Id, int Pid, string CgroupsPath)> CreateWithAsync(CaseContext t, Action<LinuxResources> set)
    {
        var resources = new LinuxResources();
        set(resources); // may skip, before anything is made
        var (id, pid, path, create) = await TryCreateSleeperAsync(t, b =>
        {
            var r = b.Linux.Resources ??= new LinuxResources();
            r.Memory = resources.Memory;
            r.Cpu = resources.Cpu;
            r.Pids = resources.Pids;
            r.BlockIO = resources.BlockIO;
            r.HugepageLimits = resources.HugepageLimits;
            r.Network = resources.Network;
            r.Unified = resources.Unified;
        });
        Check.Succeeded(create, "create");
        return (id, pid, path);
    }

    // The cases read cgroup v1 files; their v2 equivalents differ in name and unit.
    private static void V1Only() =>
        Skip.If(Host.IsCgroupV2, "these cases read cgroup v1 control files; this host is cgroup v2 only");

    private static void RequireRealtimeGroups() =>
        Skip.Unless(File.Exists(Path.Combine(Host.CgroupDir("cpu", "/"), "cpu.rt_runtime_us")),
            "the kernel has no realtime group scheduling (no cpu.rt_runtime_us)");

    private static string? UnifiedRoot() =>
        Host.IsCgroupV2 ? "/sys/fs/cgroup" : Directory.Exists("/sys/fs/cgroup/unified/") && File.Exists("/sys/fs/cgroup/unified/cgroup.controllers") ? "/sys/fs/cgroup/unified" : null;

    private static string? WeightFile()
    {
        var root = Host.CgroupDir("blkio", "/");
        return ((string[])["blkio.weight", "blkio.bfq.weight"]).FirstOrDefault(f => File.Exists(Path.Combine(root, f)));
    }

    /// <summary>A whole disk of real hardware (not under /sys/devices/virtual like loop or zram, not a partition), or a skip.</summary>
    private static (long Major, long Minor) RealBlockDevice()
    {
        foreach (var dir in Directory.GetFileSystemEntries("/sys/dev/block").Order(StringComparer.Ordinal))
        {
            var target = new DirectoryInfo(dir).ResolveLinkTarget(true)?.FullName ?? "";
            if (target.Contains("/virtual/", StringComparison.Ordinal) || File.Exists(Path.Combine(dir, "partition"))) continue;
            var parts = Path.GetFileName(dir).Split(':');
            return (long.Parse(parts[0]), long.Parse(parts[1]));
        }
        throw new CaseSkippedException("no block device of real hardware on this host");
    }

    /// <summary>The smallest huge page size as the spec writes it ("2MB").</summary>
    private static string HugePageSize()
    {
        var kb = Directory.GetDirectories("/sys/kernel/mm/hugepages")
            .Select(d => long.Parse(Path.GetFileName(d)["hugepages-".Length..^"kB".Length])).DefaultIfEmpty(0).Min();
        Skip.If(kb == 0, "the kernel has no huge pages");
        return kb >= 1024 * 1024 ? $"{kb / 1024 / 1024}GB" : kb >= 1024 ? $"{kb / 1024}MB" : $"{kb}KB";
    }

    /// <summary>
    /// Runs a container that has a node for c 1:11 (/dev/kmsg) at <see cref="Kmsg"/> and the given device list, and tries
    /// to open the node for writing (nothing is written). Returns the container's output: OPEN-OK or OPEN-FAILED and why.
    /// </summary>
    private static async Task<string> OpenKmsgAsync(CaseContext t, List<LinuxDeviceCgroup> rules)
    {
        var bundle = await t.NewBundleAsync(b =>
        {
            b.Process.Args = ["/bin/sh", "-c", $"exec 2>&1; if true >{Kmsg}; then echo OPEN-OK; else echo OPEN-FAILED; fi"];
            (b.Linux.Resources ??= new LinuxResources()).Devices = rules;
        });
        var mknod = System.Diagnostics.Process.Start("mknod", ["-m", "600", bundle.InRootfs(Kmsg), "c", "1", "11"]);
        await mknod.WaitForExitAsync();
        Check.True(mknod.ExitCode == 0, $"setup: mknod {bundle.InRootfs(Kmsg)} failed");
        var id = t.NewId();
        await t.CreateAndStartAsync(bundle, id);
        await t.WaitForStatusAsync(id, "stopped");
        var output = t.OutputOf(id);
        Skip.If(output.Contains("Permission denied"), $"the bundle's filesystem does not allow device nodes (nodev?): {output.Trim()}");
        return output;
    }
}
