using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Cgroups;

/// <summary>
/// linux.resources on this host's cgroup v1 hierarchies: the same config is created under ocirt and runc, each in a
/// cgroup path of its own, and the host's cgroup files must hold the same values for both (read after create, before
/// any user code could change them). Every test owns its cgroups (named after the container id) and delete removes
/// them; the base class checks nothing is left.
/// </summary>
public sealed class ResourcesV1Tests(ITestOutputHelper log) : ContainerTestBase(log)
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { """{"memory":{"limit":67108864,"reservation":33554432}}""", ["memory/memory.limit_in_bytes", "memory/memory.soft_limit_in_bytes"] },
        { """{"memory":{"limit":67108864,"swap":134217728,"swappiness":10}}""", ["memory/memory.limit_in_bytes", "memory/memory.memsw.limit_in_bytes", "memory/memory.swappiness"] },
        { """{"memory":{"limit":67108864,"disableOOMKiller":true}}""", ["memory/memory.oom_control"] },
        { """{"cpu":{"shares":512,"quota":50000,"period":100000}}""", ["cpu/cpu.shares", "cpu/cpu.cfs_quota_us", "cpu/cpu.cfs_period_us"] },
        { """{"cpu":{"cpus":"0","mems":"0"}}""", ["cpuset/cpuset.cpus", "cpuset/cpuset.mems"] },
        { """{"pids":{"limit":42}}""", ["pids/pids.max"] },
        { """{"cpu":{"realtimePeriod":1000000,"realtimeRuntime":10000}}""", ["cpu/cpu.rt_period_us", "cpu/cpu.rt_runtime_us"] },
        { $$$"""{"blockIO":{"throttleReadBpsDevice":[{"major":{{{Disk.Major}}},"minor":{{{Disk.Minor}}},"rate":1048576}]}}""", ["blkio/blkio.throttle.read_bps_device"] },
        { """{"devices":[{"allow":false,"access":"rwm"},{"allow":true,"type":"c","major":10,"minor":229,"access":"rw"}]}""", ["devices/devices.list"] },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task TheHostsCgroupFilesMatchRunc(string resources, string[] files)
    {
        var values = new Dictionary<string, Dictionary<string, string>>();
        foreach (var runtime in new[] { "ocirt", "runc" })
        {
            var rt = Use(runtime);
            var bundle = (await NewBundleAsync($"bundle-{runtime}")).Args("sleep", "100");
            var id = ContainerDriver.NewId($"res-{runtime}");
            bundle.Linux["resources"] = JsonNode.Parse(resources);
            bundle.Linux["cgroupsPath"] = "/" + id;
            bundle.Save();
            (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{runtime} create with {resources}");
            values[runtime] = files.ToDictionary(f => f, f => Normalize(File.ReadAllText(HostFile(f, id))));
            foreach (var f in files)
                Log.WriteLine($"{runtime} {f}: {values[runtime][f]}");
            (await rt.DeleteAsync(id, force: true)).ShouldSucceed($"{runtime} delete");
            Assert.False(Directory.Exists(Path.GetDirectoryName(HostFile(files[0], id))), $"{runtime} left its cgroup behind");
        }
        foreach (var f in files)
            Assert.True(values["ocirt"][f] == values["runc"][f], $"{f}: ocirt {values["ocirt"][f]}, runc {values["runc"][f]}");
    }

    /// <summary>cpu burst and idle: runc 1.1.5 (installed) predates both, so ocirt alone is checked against the
    /// values the spec asks for.</summary>
    [SkippableTheory]
    [InlineData("""{"cpu":{"quota":50000,"period":100000,"burst":20000}}""", "cpu/cpu.cfs_burst_us", "20000")]
    [InlineData("""{"cpu":{"idle":1}}""", "cpu/cpu.idle", "1")]
    public async Task CpuBurstAndIdleAreWritten(string resources, string file, string expected)
    {
        var rt = Use("ocirt");
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("cpu-extra");
        bundle.Linux["resources"] = JsonNode.Parse(resources);
        bundle.Linux["cgroupsPath"] = "/" + id;
        bundle.Save();
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"ocirt create with {resources}");
        Assert.Equal(expected, File.ReadAllText(HostFile(file, id)).Trim());
    }

    /// <summary>update with runc's flags, then with LinuxResources JSON on stdin (containerd's form): the host files
    /// hold the same values for both runtimes, and a later update keeps what an earlier one set.</summary>
    [SkippableFact]
    public async Task UpdateChangesTheLiveCgroupLikeRunc()
    {
        string[] files = ["memory/memory.limit_in_bytes", "pids/pids.max", "cpu/cpu.shares", "cpu/cpu.cfs_quota_us"];
        var values = new Dictionary<string, string[]>();
        foreach (var runtime in new[] { "ocirt", "runc" })
        {
            var rt = Use(runtime);
            var bundle = (await NewBundleAsync($"bundle-{runtime}")).Args("sleep", "100");
            var id = ContainerDriver.NewId($"upd-{runtime}");
            bundle.Linux["resources"] = JsonNode.Parse("""{"memory":{"limit":67108864},"pids":{"limit":42}}""");
            bundle.Linux["cgroupsPath"] = "/" + id;
            bundle.Save();
            await rt.CreateAndStartAsync(bundle, id);

            (await rt.Cli.RunAsync("update", "--memory", "128m", "--pids-limit", "50", "--cpu-share", "256", id)).ShouldSucceed($"{runtime} update flags");
            (await rt.Cli.RunAsync(new CliOptions { Stdin = """{"cpu":{"quota":20000,"period":100000}}""" }, "update", "--resources=-", id))
                .ShouldSucceed($"{runtime} update --resources=-");
            values[runtime] = files.Select(f => File.ReadAllText(HostFile(f, id)).Trim()).ToArray();
            Log.WriteLine($"{runtime}: {string.Join(", ", values[runtime])}");
            (await rt.DeleteAsync(id, force: true)).ShouldSucceed($"{runtime} delete");
        }
        Assert.Equal(["134217728", "50", "256", "20000"], values["ocirt"]);
        Assert.Equal(values["runc"], values["ocirt"]);
    }

    // Throttling needs a real block device: the machine's first disk (not a loop, ram or zram device).
    private static (int Major, int Minor) Disk { get; } = FindDisk();

    private static (int, int) FindDisk()
    {
        foreach (string dir in Directory.GetDirectories("/sys/block").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            if (name.StartsWith("loop", StringComparison.Ordinal) || name.StartsWith("ram", StringComparison.Ordinal) || name.StartsWith("zram", StringComparison.Ordinal))
                continue;
            var numbers = File.ReadAllText(Path.Combine(dir, "dev")).Trim().Split(':');
            return (int.Parse(numbers[0]), int.Parse(numbers[1]));
        }
        throw new InvalidOperationException("no block device in /sys/block to throttle");
    }

    private static string HostFile(string controllerAndFile, string id)
    {
        var parts = controllerAndFile.Split('/');
        return $"/sys/fs/cgroup/{parts[0]}/{id}/{parts[1]}";
    }

    // devices.list: the order of entries is the kernel's, which follows the order of the writes; compare as sets.
    private static string Normalize(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Order(StringComparer.Ordinal));
}
