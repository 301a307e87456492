using OciRuntime.Cgroups;
using OciRuntime.Oci;
using OciRuntime.Tests.Rootfs;

namespace OciRuntime.Tests.Cgroups.V1;

public sealed class ResourcePlanV1Tests
{
    [Fact]
    public void ContainerdConfigWritesCpuSharesOnly() =>
        // Devices are DeviceRules' (see DeviceRulesTests); runc writes cpu.shares 1024 for this config.
        PlanAssert.Equal(ResourcePlan.ForV1(MountPlanTests.LoadContract("ctr-create-config.json").Linux!.Resources!), "cpu:cpu.shares=1024");

    [Fact]
    public void PodmanConfigWritesPidsMaxOnly() =>
        PlanAssert.Equal(ResourcePlan.ForV1(MountPlanTests.LoadContract("podman-create-config.json").Linux!.Resources!), "pids:pids.max=2048");

    [Fact]
    public void ControllersInRuncsSubsystemOrder()
    {
        var r = new LinuxResources
        {
            Cpu = new LinuxCpu { Shares = 100, Cpus = "0" },
            Memory = new LinuxMemory { Limit = 1 << 20 },
            Pids = new LinuxPids { Limit = 10 },
            BlockIO = new LinuxBlockIO { Weight = 100 },
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "1GB", Limit = 0 }],
            Network = new LinuxNetwork { ClassId = 1 },
        };
        var files = ResourcePlan.ForV1(r).Select(w => w.File).ToArray();
        Assert.Equal(
            ["cpuset.cpus", "memory.limit_in_bytes", "cpu.shares", "pids.max", "blkio.bfq.weight", "hugetlb.1GB.limit_in_bytes", "hugetlb.1GB.rsvd.limit_in_bytes", "net_cls.classid"],
            files);
    }

    [Fact]
    public void ProbeReachesTheControllers()
    {
        var r = new LinuxResources { Memory = new LinuxMemory { Limit = 300, Swap = 400 }, BlockIO = new LinuxBlockIO { Weight = 100 } };
        PlanAssert.Equal(ResourcePlan.ForV1(r, new CgroupProbe(MemoryLimitV1: 100, BlkioCfqV1: true)),
            "memory:memory.memsw.limit_in_bytes=400", "memory:memory.limit_in_bytes=300", "blkio:blkio.weight=100");
    }

    [Fact]
    public void UnifiedIsRefusedOnV1AndHybrid()
    {
        PlanAssert.Refused(() => ResourcePlan.ForV1(new LinuxResources { Unified = new() { ["memory.high"] = "1G" } }),
            "linux.resources.unified: invalid configuration: cannot use unified on cgroup v1");
        Assert.Empty(ResourcePlan.ForV1(new LinuxResources { Unified = [] }));
    }
}
