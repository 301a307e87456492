using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V1;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups.V1;

public sealed class OtherControllersV1Tests
{
    [Theory]
    [InlineData(2048L, "2048")]
    [InlineData(-1L, "max")]
    [InlineData(0L, "max")]
    public void PidsMax(long limit, string value) =>
        PlanAssert.Equal(PidsV1.Plan(new LinuxResources { Pids = new LinuxPids { Limit = limit } }), "pids:pids.max=" + value);

    [Fact]
    public void PidsUnsetWritesNothing() => Assert.Empty(PidsV1.Plan(new LinuxResources { Pids = new LinuxPids() }));

    private static LinuxBlockIO Blkio() => new()
    {
        Weight = 500,
        LeafWeight = 300,
        WeightDevice = [new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 600, LeafWeight = 200 }, new LinuxWeightDevice { Major = 8, Minor = 16 }],
        ThrottleReadBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 }],
        ThrottleWriteBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 0 }],
        ThrottleReadIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 100 }],
        ThrottleWriteIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 200 }],
    };

    [Fact]
    public void BlkioWithBfqFileNames() =>
        PlanAssert.Equal(BlkioV1.Plan(new LinuxResources { BlockIO = Blkio() }),
            "blkio:blkio.bfq.weight=500",
            "blkio:blkio.leaf_weight=300",
            "blkio:blkio.bfq.weight_device=8:0 600",
            "blkio:blkio.leaf_weight_device=8:0 200",
            "blkio:blkio.throttle.read_bps_device=8:0 1048576",
            "blkio:blkio.throttle.write_bps_device=8:0 0",
            "blkio:blkio.throttle.read_iops_device=8:0 100",
            "blkio:blkio.throttle.write_iops_device=8:0 200");

    [Fact]
    public void BlkioWithCfqFileNames()
    {
        var lines = PlanAssert.Lines(BlkioV1.Plan(new LinuxResources { BlockIO = Blkio() }, cfq: true));
        Assert.Equal("blkio:blkio.weight=500", lines[0]);
        Assert.Equal("blkio:blkio.weight_device=8:0 600", lines[2]);
    }

    [Fact]
    public void HugetlbLimitAndReservation()
    {
        var plan = HugetlbV1.Plan(new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 4194304 }] });
        PlanAssert.Equal(plan, "hugetlb:hugetlb.2MB.limit_in_bytes=4194304", "hugetlb:hugetlb.2MB.rsvd.limit_in_bytes=4194304");
        Assert.Equal(CgroupWriteFlags.IgnoreMissing, plan[1].Flags);
    }

    [Theory]
    [InlineData("2M")]
    [InlineData("../2MB")]
    [InlineData("MB")]
    [InlineData("2TB")]
    public void HugetlbBadPageSizeIsRefused(string size) =>
        PlanAssert.Refused(() => HugetlbV1.Plan(new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = size, Limit = 1 }] }),
            "linux.resources.hugepageLimits: invalid hugepage size");

    [Fact]
    public void NetClsAndNetPrio()
    {
        var r = new LinuxResources
        {
            Network = new LinuxNetwork { ClassId = 0x100001, Priorities = [new LinuxInterfacePriority { Name = "eth0", Priority = 5 }, new LinuxInterfacePriority { Name = "lo", Priority = 2 }] },
        };
        PlanAssert.Equal(NetClsV1.Plan(r), "net_cls:net_cls.classid=1048577");
        PlanAssert.Equal(NetPrioV1.Plan(r), "net_prio:net_prio.ifpriomap=eth0 5", "net_prio:net_prio.ifpriomap=lo 2");
        PlanAssert.Refused(() => NetPrioV1.Plan(new LinuxResources { Network = new LinuxNetwork { Priorities = [new LinuxInterfacePriority { Name = "eth0 1\nlo" }] } }),
            "linux.resources.network.priorities: invalid interface name");
    }

    [Fact]
    public void RdmaSortedByDevice()
    {
        var r = new LinuxResources
        {
            Rdma = new Dictionary<string, LinuxRdma>
            {
                ["mlx5_1"] = new LinuxRdma { HcaObjects = 1000 },
                ["mlx4_0"] = new LinuxRdma { HcaHandles = 2, HcaObjects = 2000 },
                ["none"] = new LinuxRdma(),
            },
        };
        PlanAssert.Equal(RdmaV1.Plan(r), "rdma:rdma.max=mlx4_0 hca_handle=2 hca_object=2000", "rdma:rdma.max=mlx5_1 hca_object=1000");
    }
}
