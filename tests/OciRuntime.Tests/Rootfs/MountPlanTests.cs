using OciRuntime.Oci;
using OciRuntime.Rootfs;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Tests.Rootfs;

/// <summary>The mount plan for the configs containerd and podman really send. Expected flags and data are those
/// runc 1.1.5 passes to mount(2) for the same entries (strace of `runc run` on this project's busybox bundle).</summary>
public sealed class MountPlanTests
{
    internal static Spec LoadContract(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OciRuntime.sln")))
                return OciJson.LoadSpec(Path.Combine(dir.FullName, "tests", "OciRuntime.Oci.Tests", "Fixtures", name));
        }
        throw new FileNotFoundException("repository root not found", name);
    }

    internal static string Describe(PlannedMount m)
    {
        string text = $"{m.Kind} {m.Destination} {m.Source} {m.FsType} {MountFlagNames.Format(m.Flags)} data={m.Data ?? "-"}";
        if (m.Propagation.Count > 0)
            text += " then " + string.Join(",", m.Propagation.Select(MountFlagNames.Format));
        if (m.BindRemountFlags is ulong remount)
            text += " remount " + MountFlagNames.Format(remount);
        if (m.RemountReadonlyAtFinish)
            text += " ro-at-finish";
        return text;
    }

    [Fact]
    public void ContainerdConfig()
    {
        var plan = MountPlan.Build(LoadContract("ctr-create-config.json"), "/bundle");

        Assert.Equal(
        [
            "Filesystem /proc proc proc MS_NOSUID|MS_NODEV|MS_NOEXEC data=-",
            "Filesystem /dev tmpfs tmpfs MS_NOSUID|MS_STRICTATIME data=mode=755,size=65536k",
            "Filesystem /dev/pts devpts devpts MS_NOSUID|MS_NOEXEC data=newinstance,ptmxmode=0666,mode=0620,gid=5",
            "Filesystem /dev/shm shm tmpfs MS_NOSUID|MS_NODEV|MS_NOEXEC data=mode=1777,size=65536k",
            "Filesystem /dev/mqueue mqueue mqueue MS_NOSUID|MS_NODEV|MS_NOEXEC data=-",
            "Filesystem /sys sysfs sysfs MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC data=-",
            "Filesystem /run tmpfs tmpfs MS_NOSUID|MS_STRICTATIME data=mode=755,size=65536k",
        ], plan.Select(Describe));
        Assert.True(plan[0].RequiresOrdinaryDirectory);
        Assert.True(plan[5].RequiresOrdinaryDirectory);
        Assert.True(plan[1].KeepDirectoryMode);
        Assert.True(MountPlan.NeedsDevSetup(plan));
    }

    [Fact]
    public void PodmanConfig()
    {
        var spec = LoadContract("podman-create-config.json");
        var plan = MountPlan.Build(spec, "/bundle");
        const string userdata = "/var/lib/engines/podman/runroot/overlay-containers/e18fe42767e222e5694084afedd786a57725b9cfb75198fec9a30f6e4c5313a7/userdata";
        const string shm = "/var/lib/engines/podman/root/overlay-containers/e18fe42767e222e5694084afedd786a57725b9cfb75198fec9a30f6e4c5313a7/userdata/shm";

        Assert.Equal(
        [
            "Filesystem /proc proc proc MS_NOSUID|MS_NODEV|MS_NOEXEC data=-",
            "Filesystem /dev tmpfs tmpfs MS_NOSUID|MS_NOEXEC|MS_STRICTATIME data=mode=755,size=65536k",
            "Filesystem /sys sysfs sysfs MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC data=-",
            "Filesystem /dev/pts devpts devpts MS_NOSUID|MS_NOEXEC data=newinstance,ptmxmode=0666,mode=0620,gid=5",
            "Filesystem /dev/mqueue mqueue mqueue MS_NOSUID|MS_NODEV|MS_NOEXEC data=-",
            // A bind with no flag keeps the source mount's flags: no remount (runc).
            $"Bind /etc/hosts {userdata}/hosts bind MS_BIND data=- then MS_REC|MS_PRIVATE",
            $"Bind /dev/shm {shm} bind MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_BIND data=- then MS_REC|MS_PRIVATE remount MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND",
            $"Bind /run/.containerenv {userdata}/.containerenv bind MS_BIND data=- then MS_REC|MS_PRIVATE",
            $"Bind /etc/hostname {userdata}/hostname bind MS_BIND data=- then MS_REC|MS_PRIVATE",
            "Cgroup /sys/fs/cgroup cgroup cgroup MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_RELATIME data=- then MS_REC|MS_PRIVATE",
        ], plan.Select(Describe));
        Assert.True(MountPlan.NeedsDevSetup(plan));
        Assert.Equal(MS_SLAVE | MS_REC, MountPlan.InitialRootPropagation(spec));
        Assert.Equal(0UL, MountPlan.FinalRootPropagation(spec));
    }

    [Fact]
    public void TmpfsAndDevStayWritableUntilFinish()
    {
        var plan = Plan(
            new Mount { Destination = "/tmp", Type = "tmpfs", Source = "tmpfs", Options = ["ro", "nosuid"] },
            new Mount { Destination = "/dev", Type = "bind", Source = "/dev", Options = ["rbind", "ro"] },
            new Mount { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["ro"] });

        Assert.Equal("Filesystem /tmp tmpfs tmpfs MS_NOSUID data=- ro-at-finish", Describe(plan[0]));
        Assert.Equal(MS_RDONLY | MS_NOSUID, plan[0].RequestedFlags);
        // The bind's own remount makes /dev read-only already; Finish does it once more, as runc's finalizeRootfs.
        Assert.Equal("Bind /dev /dev bind MS_BIND|MS_REC data=- remount MS_RDONLY|MS_REMOUNT|MS_BIND|MS_REC ro-at-finish", Describe(plan[1]));
        Assert.Equal("Filesystem /sys sysfs sysfs MS_RDONLY data=-", Describe(plan[2]));
        Assert.False(MountPlan.NeedsDevSetup(plan));
    }

    [Fact]
    public void ReadOnlyBindIsRemounted()
    {
        // A bind ignores MS_RDONLY on the first call; runc remounts with MS_REMOUNT|MS_BIND.
        var plan = Plan(new Mount { Destination = "/etc/resolv.conf", Type = "bind", Source = "/r", Options = ["bind", "ro"] });

        Assert.Equal("Bind /etc/resolv.conf /r bind MS_RDONLY|MS_BIND data=- remount MS_RDONLY|MS_REMOUNT|MS_BIND", Describe(plan[0]));
    }

    [Fact]
    public void ClearingAFlagAloneStillRemounts()
    {
        var plan = Plan(new Mount { Destination = "/x", Type = "none", Source = "/x", Options = ["rbind", "rw"] });

        Assert.Equal(MS_BIND | MS_REC | MS_REMOUNT, plan[0].BindRemountFlags);
        Assert.Equal(MS_RDONLY, plan[0].ClearedFlags);
    }

    [Fact]
    public void RecursiveAttributesGoWithBinds()
    {
        var plan = Plan(new Mount { Destination = "/x", Type = "bind", Source = "/x", Options = ["rbind", "rro", "rnosuid"] });

        Assert.Equal((MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, 0UL), plan[0].RecursiveAttributes);
        Assert.Null(plan[0].BindRemountFlags);
    }

    [Fact]
    public void TypeBindWithoutTheOptionIsABind()
    {
        var plan = Plan(new Mount { Destination = "/x", Type = "bind", Source = "/y" });

        Assert.Equal("Bind /x /y bind MS_BIND data=-", Describe(plan[0]));
    }

    [Fact]
    public void RelativeBindSourcesAreInTheBundleAndRelativeDestinationsUnderRoot()
    {
        var plan = Plan(new Mount { Destination = "data/../etc//x/", Type = "none", Source = "shared/file", Options = ["bind"] });

        Assert.Equal("/etc/x", plan[0].Destination);
        Assert.Equal("/bundle/shared/file", plan[0].Source);
    }

    [Fact]
    public void TmpCopyUpIsForTmpfs()
    {
        var plan = Plan(
            new Mount { Destination = "/data", Type = "tmpfs", Source = "tmpfs", Options = ["tmpcopyup", "mode=1777"] },
            new Mount { Destination = "/x", Type = "bind", Source = "/x", Options = ["bind", "tmpcopyup"] });

        Assert.True(plan[0].CopyUp);
        Assert.Equal("mode=1777", plan[0].Data);
        Assert.False(plan[1].CopyUp);
    }

    [Fact]
    public void IdMappedMountsAreRefused()
    {
        Assert.Throws<RootfsException>(() => Plan(new Mount { Destination = "/x", Type = "bind", Source = "/x", Options = ["bind", "idmap"] }));
        Assert.Throws<RootfsException>(() => Plan(new Mount
        {
            Destination = "/x", Type = "bind", Source = "/x", Options = ["bind"],
            UidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = 1000, Size = 1 }],
            GidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = 1000, Size = 1 }],
        }));
    }

    [Theory]
    [InlineData(null, MS_SLAVE | MS_REC, 0UL)]
    [InlineData("", MS_SLAVE | MS_REC, 0UL)]
    [InlineData("rprivate", MS_PRIVATE | MS_REC, 0UL)]
    [InlineData("private", MS_PRIVATE, 0UL)]
    [InlineData("rslave", MS_SLAVE | MS_REC, 0UL)]
    [InlineData("slave", MS_SLAVE, 0UL)]
    [InlineData("rshared", MS_SHARED | MS_REC, MS_SHARED | MS_REC)]
    [InlineData("shared", MS_SHARED, MS_SHARED)]
    // An unbindable "/" would make every bind fail: rslave first, unbindable at the end of Finish.
    [InlineData("runbindable", MS_SLAVE | MS_REC, MS_UNBINDABLE | MS_REC)]
    [InlineData("unbindable", MS_SLAVE | MS_REC, MS_UNBINDABLE)]
    public void RootfsPropagation(string? value, ulong first, ulong atFinish)
    {
        var spec = new Spec { Linux = new OciRuntime.Oci.Linux { RootfsPropagation = value } };

        Assert.Equal(first, MountPlan.InitialRootPropagation(spec));
        Assert.Equal(atFinish, MountPlan.FinalRootPropagation(spec));
    }

    [Fact]
    public void UnknownRootfsPropagationIsAnError()
    {
        var spec = new Spec { Linux = new OciRuntime.Oci.Linux { RootfsPropagation = "bogus" } };

        var e = Assert.Throws<RootfsException>(() => MountPlan.RootPropagation(spec));
        Assert.Equal("rootfsPropagation=bogus is not supported", e.Message);
    }

    [Theory]
    [InlineData("rprivate", true)]
    [InlineData("private", true)]
    [InlineData("rslave", false)]
    [InlineData("shared", false)]
    [InlineData(null, false)]
    public void NoPivotRefusesPrivateRootPropagation(string? value, bool refused)
    {
        var spec = new Spec { Linux = new OciRuntime.Oci.Linux { RootfsPropagation = value } };

        if (refused)
            Assert.Equal("rootfsPropagation of [r]private is not safe without pivot_root",
                Assert.Throws<RootfsException>(() => RootfsSetup.Validate(spec, noPivot: true, "/bundle")).Message);
        else
            RootfsSetup.Validate(spec, noPivot: true, "/bundle");
        RootfsSetup.Validate(spec, noPivot: false, "/bundle");
    }

    private static IReadOnlyList<PlannedMount> Plan(params Mount[] mounts) =>
        MountPlan.Build(new Spec { Mounts = [.. mounts] }, "/bundle");
}
