using OciRuntime.Oci;
using OciRuntime.Rootfs;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Tests.Rootfs;

/// <summary>The "cgroup" mount on a cgroup v1 (hybrid) host, from recorded /proc/self/mountinfo and
/// /proc/self/cgroup text. Expected calls are runc 1.1.5's on such a host (strace).</summary>
public sealed class CgroupMountsTests
{
    private const string MountInfoText = """
        22 27 0:21 / /proc rw,relatime - proc proc rw
        23 27 0:22 / /sys rw,relatime - sysfs sysfs rw
        27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
        40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        90 27 0:29 / /var/lib/other/rootfs/sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
        """;

    private const string ProcCgroupText = """
        9:devices:/ctr1
        4:memory:/process_api/abc/ctr1
        2:cpu,cpuacct:/ctr1
        1:name=systemd:/ctr1
        0::/ctr1
        """;

    private static PlannedMount CgroupMount() =>
        MountPlan.Build(new Spec
        {
            Mounts = [new Mount { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["rprivate", "nosuid", "noexec", "nodev", "relatime", "ro"] }],
        }, "/bundle")[0];

    [Fact]
    public void V1BindsTheContainersOwnCgroupsUnderATmpfs()
    {
        var layout = CgroupMounts.PlanV1(CgroupMount(), MountInfo.ParseAll(MountInfoText), ProcCgroupText, cgroupNamespace: false);

        const string binds = "MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_BIND|MS_REC|MS_RELATIME data=- then MS_REC|MS_PRIVATE remount MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND|MS_REC|MS_RELATIME";
        Assert.Equal(
        [
            "Filesystem /sys/fs/cgroup tmpfs tmpfs MS_NOSUID|MS_NODEV|MS_NOEXEC data=mode=755 then MS_REC|MS_PRIVATE",
            $"Bind /sys/fs/cgroup/cpu,cpuacct /sys/fs/cgroup/cpu,cpuacct/ctr1 bind {binds}",
            $"Bind /sys/fs/cgroup/memory /sys/fs/cgroup/memory/process_api/abc/ctr1 bind {binds}",
            $"Bind /sys/fs/cgroup/devices /sys/fs/cgroup/devices/ctr1 bind {binds}",
            $"Bind /sys/fs/cgroup/systemd /sys/fs/cgroup/systemd/ctr1 bind {binds}",
        ], layout.Mounts.Select(MountPlanTests.Describe));
        Assert.True(layout.Mounts[0].KeepDirectoryMode);
        Assert.Equal([("/sys/fs/cgroup/cpu", "cpu,cpuacct"), ("/sys/fs/cgroup/cpuacct", "cpu,cpuacct")], layout.Symlinks);
    }

    [Fact]
    public void V1WithACgroupNamespaceMountsEachHierarchy()
    {
        var layout = CgroupMounts.PlanV1(CgroupMount(), MountInfo.ParseAll(MountInfoText), ProcCgroupText, cgroupNamespace: true);

        Assert.Equal(
        [
            "Filesystem /sys/fs/cgroup tmpfs tmpfs MS_NOSUID|MS_NODEV|MS_NOEXEC data=mode=755 then MS_REC|MS_PRIVATE",
            "Filesystem /sys/fs/cgroup/cpu,cpuacct cgroup cgroup MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC data=cpu,cpuacct",
            "Filesystem /sys/fs/cgroup/memory cgroup cgroup MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC data=memory",
            "Filesystem /sys/fs/cgroup/devices cgroup cgroup MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC data=devices",
            "Filesystem /sys/fs/cgroup/systemd systemd cgroup MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC data=name=systemd",
        ], layout.Mounts.Select(MountPlanTests.Describe));
    }

    [Fact]
    public void AHierarchyMountedFromASubtreeBindsThePathBelowItsRoot()
    {
        const string mountinfo = "50 31 0:32 /process_api/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory";

        var layout = CgroupMounts.PlanV1(CgroupMount(), MountInfo.ParseAll(mountinfo), "4:memory:/process_api/abc/ctr1", cgroupNamespace: false);

        Assert.Equal("/sys/fs/cgroup/memory/ctr1", layout.Mounts[1].Source);
    }

    [Fact]
    public void V2IsACgroup2MountWithABindFallback()
    {
        var v2 = CgroupMounts.PlanV2(CgroupMount());
        Assert.Equal("Filesystem /sys/fs/cgroup cgroup cgroup2 MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_RELATIME data=- then MS_REC|MS_PRIVATE",
            MountPlanTests.Describe(v2));

        var fallback = CgroupMounts.PlanV2Fallback(CgroupMount());
        Assert.Equal("Bind /sys/fs/cgroup /sys/fs/cgroup bind MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_BIND|MS_RELATIME data=- then MS_REC|MS_PRIVATE remount MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND|MS_RELATIME",
            MountPlanTests.Describe(fallback));
    }

    [Fact]
    public void ProcSelfCgroupMapsEachV1Controller()
    {
        var paths = CgroupMounts.ParseProcCgroup(ProcCgroupText);

        Assert.Equal("/ctr1", paths["cpu"]);
        Assert.Equal("/ctr1", paths["cpuacct"]);
        Assert.Equal("/process_api/abc/ctr1", paths["memory"]);
        Assert.Equal("/ctr1", paths["name=systemd"]);
        Assert.DoesNotContain("", paths.Keys);
        Assert.Equal(MS_BIND, MS_BIND & CgroupMounts.PlanV2Fallback(CgroupMount()).Flags);
    }
}
