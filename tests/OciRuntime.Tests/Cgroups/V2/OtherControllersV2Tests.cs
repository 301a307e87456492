using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V2;
using OciRuntime.Oci;
using OciRuntime.Tests.Rootfs;

namespace OciRuntime.Tests.Cgroups.V2;

public sealed class OtherControllersV2Tests
{
    [Fact]
    public void PidsHugetlbRdma()
    {
        PlanAssert.Equal(PidsV2.Plan(new LinuxResources { Pids = new LinuxPids { Limit = -1 } }), ":pids.max=max");
        var h = HugetlbV2.Plan(new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 2097152 }] });
        PlanAssert.Equal(h, ":hugetlb.2MB.max=2097152", ":hugetlb.2MB.rsvd.max=2097152");
        Assert.Equal(CgroupWriteFlags.IgnoreMissing, h[1].Flags);
        PlanAssert.Equal(RdmaV2.Plan(new LinuxResources { Rdma = new() { ["mlx5_0"] = new LinuxRdma { HcaHandles = 3 } } }), ":rdma.max=mlx5_0 hca_handle=3");
    }

    [Fact]
    public void UnifiedIsWrittenLastLineByLineAndOverrides()
    {
        var r = new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 1000 },
            Unified = new() { ["memory.max"] = "2000", ["io.max"] = "8:0 rbps=1\n8:16 wbps=2\n", ["cgroup.subtree_control"] = "+cpu" },
        };
        PlanAssert.Equal(ResourcePlan.ForV2(r),
            ":memory.max=1000", ":cgroup.subtree_control=+cpu", ":io.max=8:0 rbps=1", ":io.max=8:16 wbps=2", ":memory.max=2000");
    }

    [Theory]
    [InlineData("../memory.max", "must be a file name (no slashes)")]
    [InlineData("memory", "must be in the form CONTROLLER.PARAMETER")]
    [InlineData(".max", "must be in the form CONTROLLER.PARAMETER")]
    [InlineData("memory.", "must be in the form CONTROLLER.PARAMETER")]
    [InlineData("cgroup.procs", "is not a resource setting")]
    [InlineData("cgroup.kill", "is not a resource setting")]
    public void BadUnifiedKeysAreRefused(string key, string reason)
    {
        var e = Assert.Throws<CgroupException>(() => UnifiedV2.Plan(new LinuxResources { Unified = new() { [key] = "1" } }));
        Assert.Equal($"linux.resources.unified: unified resource \"{key}\" {reason}", e.Message);
    }

    [Fact]
    public void NetworkIsRefusedOnV2() =>
        PlanAssert.Refused(() => ResourcePlan.ForV2(new LinuxResources { Network = new LinuxNetwork { ClassId = 1 } }),
            "linux.resources.network.classID: net_cls and net_prio do not exist on cgroup v2");

    [Fact]
    public void ControllersInRuncsOrder()
    {
        var r = new LinuxResources
        {
            Cpu = new LinuxCpu { Shares = 2, Mems = "0" },
            Memory = new LinuxMemory { Limit = 1 << 20 },
            Pids = new LinuxPids { Limit = 10 },
            BlockIO = new LinuxBlockIO { Weight = 10 },
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "1GB", Limit = 0 }],
            Rdma = new() { ["d"] = new LinuxRdma { HcaObjects = 1 } },
        };
        Assert.Equal(
            ["pids.max", "memory.max", "io.weight", "cpu.weight", "cpuset.mems", "hugetlb.1GB.max", "hugetlb.1GB.rsvd.max", "rdma.max"],
            ResourcePlan.ForV2(r).Select(w => w.File).ToArray());
    }

    [Fact]
    public void EngineConfigs()
    {
        // containerd's shares 1024: cpu.weight 100 with runc HEAD's conversion (runc 1.1.5 writes 39).
        PlanAssert.Equal(ResourcePlan.ForV2(MountPlanTests.LoadContract("ctr-create-config.json").Linux!.Resources!), ":cpu.weight=100");
        PlanAssert.Equal(ResourcePlan.ForV2(MountPlanTests.LoadContract("podman-create-config.json").Linux!.Resources!), ":pids.max=2048");
    }
}
