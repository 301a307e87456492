using OciRuntime.Cgroups;

namespace OciRuntime.Tests.Cgroups;

public sealed class CgroupMountTests
{
    // Lines from this machine's hybrid layout, plus noise that must be ignored.
    private static readonly string[] Hybrid =
    [
        "25 30 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
        "31 25 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
        "32 31 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate",
        "33 31 0:28 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd",
        "35 31 0:30 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,memory",
        "36 31 0:31 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpu,cpuacct",
        "37 31 0:32 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,devices",
        "38 31 0:32 / /tmp/again rw - cgroup cgroup rw,devices",
    ];

    [Fact]
    public void ReadsEachHierarchyOnceWithItsControllers()
    {
        var mounts = CgroupMount.Parse(Hybrid);
        Assert.Equal(["/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/devices"],
            mounts.Select(m => m.MountPoint));
        Assert.True(mounts[0].IsV2);
        Assert.Equal(["name=systemd"], mounts[1].Controllers);
        Assert.Equal(["cpu", "cpuacct"], mounts[3].Controllers);
    }

    [Fact]
    public void UnescapesMountPoints() =>
        Assert.Equal("/a b", CgroupMount.Parse(["1 2 0:1 / /a\\040b rw - cgroup2 cgroup2 rw"])[0].MountPoint);
}
