using OciRuntime.Rootfs;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Tests.Rootfs;

/// <summary>The option table, entry by entry against runc's specconv maps (mountFlags, recAttrFlags,
/// mountPropagationMapping, extensionFlags).</summary>
public sealed class MountOptionsTests
{
    public static TheoryData<string, ulong, ulong> FlagOptions() => new()
    {
        { "ro", MS_RDONLY, 0 },
        { "rw", 0, MS_RDONLY },
        { "nosuid", MS_NOSUID, 0 },
        { "suid", 0, MS_NOSUID },
        { "nodev", MS_NODEV, 0 },
        { "dev", 0, MS_NODEV },
        { "noexec", MS_NOEXEC, 0 },
        { "exec", 0, MS_NOEXEC },
        { "sync", MS_SYNCHRONOUS, 0 },
        { "async", 0, MS_SYNCHRONOUS },
        { "dirsync", MS_DIRSYNC, 0 },
        { "remount", MS_REMOUNT, 0 },
        { "mand", MS_MANDLOCK, 0 },
        { "nomand", 0, MS_MANDLOCK },
        { "noatime", MS_NOATIME, 0 },
        { "atime", 0, MS_NOATIME },
        { "nodiratime", MS_NODIRATIME, 0 },
        { "diratime", 0, MS_NODIRATIME },
        { "relatime", MS_RELATIME, 0 },
        { "norelatime", 0, MS_RELATIME },
        { "strictatime", MS_STRICTATIME, 0 },
        { "nostrictatime", 0, MS_STRICTATIME },
        { "lazytime", MS_LAZYTIME, 0 },
        { "nolazytime", 0, MS_LAZYTIME },
        { "iversion", MS_I_VERSION, 0 },
        { "noiversion", 0, MS_I_VERSION },
        { "silent", MS_SILENT, 0 },
        { "loud", 0, MS_SILENT },
        { "nosymfollow", MS_NOSYMFOLLOW, 0 },
        { "symfollow", 0, MS_NOSYMFOLLOW },
        { "bind", MS_BIND, 0 },
        { "rbind", MS_BIND | MS_REC, 0 },
    };

    [Theory]
    [MemberData(nameof(FlagOptions))]
    public void FlagOptionsSetOrClearOneFlag(string option, ulong set, ulong cleared)
    {
        var parsed = MountOptions.Parse([option]);

        Assert.Equal(MountFlagNames.Format(set), MountFlagNames.Format(parsed.Flags));
        Assert.Equal(MountFlagNames.Format(cleared), MountFlagNames.Format(parsed.ClearedFlags));
        Assert.Null(parsed.Data);
        Assert.Empty(parsed.Propagation);
        Assert.False(parsed.HasRecursiveAttributes);
    }

    [Theory]
    [InlineData("private", MS_PRIVATE)]
    [InlineData("rprivate", MS_PRIVATE | MS_REC)]
    [InlineData("shared", MS_SHARED)]
    [InlineData("rshared", MS_SHARED | MS_REC)]
    [InlineData("slave", MS_SLAVE)]
    [InlineData("rslave", MS_SLAVE | MS_REC)]
    [InlineData("unbindable", MS_UNBINDABLE)]
    [InlineData("runbindable", MS_UNBINDABLE | MS_REC)]
    public void PropagationOptionsBecomeSeparateCalls(string option, ulong flag)
    {
        var parsed = MountOptions.Parse([option]);

        Assert.Equal([flag], parsed.Propagation);
        Assert.Equal(0UL, parsed.Flags);
    }

    [Theory]
    [InlineData("rro", MOUNT_ATTR_RDONLY, 0UL)]
    [InlineData("rrw", 0UL, MOUNT_ATTR_RDONLY)]
    [InlineData("rnosuid", MOUNT_ATTR_NOSUID, 0UL)]
    [InlineData("rsuid", 0UL, MOUNT_ATTR_NOSUID)]
    [InlineData("rnodev", MOUNT_ATTR_NODEV, 0UL)]
    [InlineData("rdev", 0UL, MOUNT_ATTR_NODEV)]
    [InlineData("rnoexec", MOUNT_ATTR_NOEXEC, 0UL)]
    [InlineData("rexec", 0UL, MOUNT_ATTR_NOEXEC)]
    [InlineData("rnodiratime", MOUNT_ATTR_NODIRATIME, 0UL)]
    [InlineData("rdiratime", 0UL, MOUNT_ATTR_NODIRATIME)]
    [InlineData("rnosymfollow", MOUNT_ATTR_NOSYMFOLLOW, 0UL)]
    [InlineData("rsymfollow", 0UL, MOUNT_ATTR_NOSYMFOLLOW)]
    // An atime mode is only taken together with MOUNT_ATTR__ATIME in attr_clr (mount_setattr(2)).
    [InlineData("rrelatime", MOUNT_ATTR_RELATIME, MOUNT_ATTR__ATIME)]
    [InlineData("rnoatime", MOUNT_ATTR_NOATIME, MOUNT_ATTR__ATIME)]
    [InlineData("rstrictatime", MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME)]
    // Clearing one atime mode clears them all (a partial MOUNT_ATTR__ATIME in attr_clr is EINVAL): relatime is left.
    [InlineData("ratime", 0UL, MOUNT_ATTR__ATIME)]
    [InlineData("rnostrictatime", 0UL, MOUNT_ATTR__ATIME)]
    public void RecursiveOptionsBecomeMountSetattr(string option, ulong set, ulong clear)
    {
        var parsed = MountOptions.Parse([option]);

        Assert.Equal((set, clear), (parsed.RecursiveSet, parsed.RecursiveClear));
        Assert.Equal(0UL, parsed.Flags);
        Assert.Null(parsed.Data);
    }

    [Fact]
    public void RrelatimeStillCountsAsRecursiveAttributesAlthoughItsValueIsZero()
    {
        Assert.True(MountOptions.Parse(["rrelatime"]).HasRecursiveAttributes);
        Assert.False(MountOptions.Parse(["rnorelatime"]).HasRecursiveAttributes);
    }

    [Fact]
    public void LaterOptionsOverrideEarlierOnes()
    {
        var rw = MountOptions.Parse(["ro", "rw"]);
        Assert.Equal(0UL, rw.Flags);
        Assert.Equal(MS_RDONLY, rw.ClearedFlags);

        var ro = MountOptions.Parse(["rw", "ro"]);
        Assert.Equal(MS_RDONLY, ro.Flags);
        Assert.Equal(0UL, ro.ClearedFlags);

        var recursive = MountOptions.Parse(["rro", "rrw"]);
        Assert.Equal((0UL, MOUNT_ATTR_RDONLY), (recursive.RecursiveSet, recursive.RecursiveClear));
    }

    [Fact]
    public void UnknownOptionsAreTheFilesystemDataInOrder()
    {
        var parsed = MountOptions.Parse(["nosuid", "newinstance", "ptmxmode=0666", "noexec", "mode=0620", "gid=5"]);

        Assert.Equal("newinstance,ptmxmode=0666,mode=0620,gid=5", parsed.Data);
        Assert.Equal(MS_NOSUID | MS_NOEXEC, parsed.Flags);
    }

    [Fact]
    public void DefaultsChangesNothingAndIsNotPassedToTheFilesystem()
    {
        // runc passes "defaults" on as data, which tmpfs refuses (EINVAL); mount(8) and crun ignore it.
        var parsed = MountOptions.Parse(["defaults"]);

        Assert.Equal((0UL, 0UL, 0, false), (parsed.Flags, parsed.ClearedFlags, parsed.Propagation.Count, parsed.HasRecursiveAttributes));
        Assert.Null(parsed.Data);
    }

    [Fact]
    public void PropagationOptionsKeepTheirOrder()
    {
        var parsed = MountOptions.Parse(["rslave", "bind", "shared"]);

        Assert.Equal([MS_SLAVE | MS_REC, MS_SHARED], parsed.Propagation);
        Assert.True(parsed.IsBind);
    }

    [Fact]
    public void ExtensionsAreFlagsNotData()
    {
        var parsed = MountOptions.Parse(["tmpcopyup", "idmap"]);

        Assert.True(parsed.TmpCopyUp);
        Assert.True(parsed.IdMap);
        Assert.Null(parsed.Data);
        Assert.True(MountOptions.Parse(["ridmap"]).IdMap);
    }

    [Fact]
    public void NoOptionsIsAnEmptySet()
    {
        var parsed = MountOptions.Parse(null);

        Assert.Equal((0UL, 0UL, 0, false), (parsed.Flags, parsed.ClearedFlags, parsed.Propagation.Count, parsed.HasRecursiveAttributes));
        Assert.Null(parsed.Data);
    }

    [Fact]
    public void KnownListsEveryTableEntrySorted()
    {
        Assert.Contains("rro", MountOptions.Known);
        Assert.Contains("tmpcopyup", MountOptions.Known);
        Assert.Contains("rprivate", MountOptions.Known);
        Assert.Equal(MountOptions.Known.Order(StringComparer.Ordinal), MountOptions.Known);
        Assert.Equal(FlagOptions().Count() + 8 + 18 + 4, MountOptions.Known.Count);
    }
}
