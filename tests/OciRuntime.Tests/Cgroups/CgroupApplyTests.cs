using OciRuntime.Cgroups;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups;

/// <summary>The apply loop against a temp directory shaped like a v1 hierarchy (files pre-created, as cgroupfs has
/// them; a plain directory would let open create a missing file, so the tests create exactly the files a kernel
/// would have).</summary>
public sealed class CgroupApplyTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ocirt-cgroup-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Hierarchy(string controller, params string[] files)
    {
        string dir = Path.Combine(root, controller, "ctr");
        Directory.CreateDirectory(dir);
        foreach (string f in files)
            File.WriteAllText(Path.Combine(dir, f), "old\n");
        return dir;
    }

    [Fact]
    public void WritesEveryValueToItsControllersDirectory()
    {
        string memory = Hierarchy("memory", "memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.swappiness");
        string cpu = Hierarchy("cpu", "cpu.shares", "cpu.cfs_quota_us", "cpu.cfs_period_us");
        string pids = Hierarchy("pids", "pids.max");
        var r = new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 1 << 20, Swap = 2 << 20, Swappiness = 0 },
            Cpu = new LinuxCpu { Shares = 1024, Quota = 50000, Period = 100000 },
            Pids = new LinuxPids { Limit = 2048 },
        };
        CgroupApply.Apply(ResourcePlan.ForV1(r), c => Path.Combine(root, c, "ctr"));

        Assert.Equal("1048576", File.ReadAllText(Path.Combine(memory, "memory.limit_in_bytes")));
        Assert.Equal("2097152", File.ReadAllText(Path.Combine(memory, "memory.memsw.limit_in_bytes")));
        Assert.Equal("0", File.ReadAllText(Path.Combine(memory, "memory.swappiness")));
        Assert.Equal("1024", File.ReadAllText(Path.Combine(cpu, "cpu.shares")));
        Assert.Equal("50000", File.ReadAllText(Path.Combine(cpu, "cpu.cfs_quota_us")));
        Assert.Equal("100000", File.ReadAllText(Path.Combine(cpu, "cpu.cfs_period_us")));
        Assert.Equal("2048", File.ReadAllText(Path.Combine(pids, "pids.max")));
    }

    [Fact]
    public void OptionalFilesAreSkippedWhenMissing()
    {
        // No swap accounting (no memsw file) and no cfs_burst_us (kernel before 5.14).
        string memory = Hierarchy("memory", "memory.limit_in_bytes");
        string cpu = Hierarchy("cpu", "cpu.cfs_quota_us");
        var r = new LinuxResources { Memory = new LinuxMemory { Limit = -1 }, Cpu = new LinuxCpu { Burst = 10, Quota = 1000 } };
        CgroupApply.Apply(ResourcePlan.ForV1(r), c => Path.Combine(root, c, "ctr"));
        Assert.Equal("-1", File.ReadAllText(Path.Combine(memory, "memory.limit_in_bytes")));
        Assert.Equal("1000", File.ReadAllText(Path.Combine(cpu, "cpu.cfs_quota_us")));
        Assert.False(File.Exists(Path.Combine(cpu, "cpu.cfs_burst_us")));
    }

    [Fact]
    public void AFailedWriteNamesTheValueAndTheFile()
    {
        Hierarchy("pids");
        string file = Path.Combine(root, "pids", "ctr", "pids.max");
        var e = Assert.Throws<CgroupException>(() => CgroupApply.Apply([new CgroupWrite("pids", "pids.max", "10")], c => Path.Combine(root, c, "ctr")));
        Assert.Equal($"failed to write \"10\" to \"{file}\": No such file or directory", e.Message);
    }

    [Fact]
    public void AnUnmountedControllerIsAnError()
    {
        var e = Assert.Throws<CgroupException>(() => CgroupApply.Apply([new CgroupWrite("hugetlb", "hugetlb.2MB.limit_in_bytes", "0")], _ => null));
        Assert.Equal("cannot set hugetlb limit: container could not join or create cgroup", e.Message);
    }

    [Fact]
    public void V2WritesGoToTheOneDirectory()
    {
        string dir = Path.Combine(root, "unified", "ctr");
        Directory.CreateDirectory(dir);
        foreach (string f in new[] { "cpu.weight", "io.max", "memory.max", "memory.swap.max" })
            File.WriteAllText(Path.Combine(dir, f), "");
        var r = new LinuxResources
        {
            Cpu = new LinuxCpu { Shares = 1024 },
            Memory = new LinuxMemory { Limit = 200, Swap = 500 },
            Unified = new() { ["io.max"] = "8:0 rbps=1\n8:16 wbps=2" },
        };
        CgroupApply.Apply(ResourcePlan.ForV2(r), c => c.Length == 0 ? dir : null);
        Assert.Equal("100", File.ReadAllText(Path.Combine(dir, "cpu.weight")));
        Assert.Equal("200", File.ReadAllText(Path.Combine(dir, "memory.max")));
        Assert.Equal("300", File.ReadAllText(Path.Combine(dir, "memory.swap.max")));
        // A regular file keeps the last line only (O_TRUNC); cgroupfs takes each line as one device's setting.
        Assert.Equal("8:16 wbps=2", File.ReadAllText(Path.Combine(dir, "io.max")));
    }
}
