using OciRuntime.Cgroups.V1;
using OciRuntime.Cgroups.V2;
using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>All the cgroup file writes for linux.resources, in runc's controller order, or a refusal naming the field.
/// Pure: <see cref="CgroupApply"/> writes them. Used by create (a new cgroup: <see cref="CgroupProbe.New"/>) and by
/// update (facts read from the live cgroup with <see cref="CgroupProbe.ReadV1"/> / <see cref="CgroupProbe.ReadV2"/>).</summary>
internal static class ResourcePlan
{
    /// <summary>v1, in runc's subsystem order (fs.go: cpuset, devices, memory, cpu, cpuacct, pids, blkio, hugetlb,
    /// net_cls, net_prio, ..., rdma). Devices are not here: DeviceRules plans them, as they also depend on
    /// linux.devices. <c>unified</c> is refused, as runc refuses it on v1 and on hybrid hosts alike (its
    /// IsCgroup2UnifiedMode is false there): on a hybrid host the v2 mount holds at most a few controllers (here
    /// only hugetlb, which the v1 plan already covers) and which of them is there differs per host.</summary>
    public static IReadOnlyList<CgroupWrite> ForV1(LinuxResources r, CgroupProbe? probe = null)
    {
        probe ??= CgroupProbe.New;
        if (r.Unified is { Count: > 0 })
            throw CgroupException.Field("unified", "invalid configuration: cannot use unified on cgroup v1");
        return
        [
            .. CpusetV1.Plan(r),
            .. MemoryV1.Plan(r, probe.MemoryLimitV1),
            .. CpuV1.Plan(r),
            .. PidsV1.Plan(r),
            .. BlkioV1.Plan(r, probe.BlkioCfqV1),
            .. HugetlbV1.Plan(r),
            .. NetClsV1.Plan(r),
            .. NetPrioV1.Plan(r),
            .. RdmaV1.Plan(r),
        ];
    }

    /// <summary>v2, in runc's order (fs2.go Set: pids, memory, io, cpu, devices, cpuset, hugetlb, rdma, unified).
    /// unified is last so that it overrides, as in runc.</summary>
    public static IReadOnlyList<CgroupWrite> ForV2(LinuxResources r, CgroupProbe? probe = null)
    {
        probe ??= CgroupProbe.New;
        if (r.Network is { } n && (n.ClassId is not null and not 0 || n.Priorities is { Count: > 0 }))
            throw CgroupException.Field(n.ClassId is not null and not 0 ? "network.classID" : "network.priorities",
                "net_cls and net_prio do not exist on cgroup v2");
        // TODO(cgroup v2 devices): linux.resources.devices is enforced by the eBPF cgroup-device program (another
        // engineer's work), attached between cpu and cpuset where runc calls setDevices. Not a file write, so not
        // part of this plan: the caller must attach it, and must refuse devices rules until it exists.
        return
        [
            .. PidsV2.Plan(r),
            .. MemoryV2.Plan(r),
            .. IoV2.Plan(r, probe.IoBfqV2, probe.IoBfqDeviceWeightV2),
            .. CpuV2.Plan(r),
            .. CpusetV2.Plan(r),
            .. HugetlbV2.Plan(r),
            .. RdmaV2.Plan(r),
            .. UnifiedV2.Plan(r),
        ];
    }
}
