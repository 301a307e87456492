using OciRuntime.Rootfs;

namespace OciRuntime.Tests.Rootfs;

public sealed class MountInfoTests
{
    [Fact]
    public void ParsesALineWithOptionalFields()
    {
        var mount = MountInfo.Parse("36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue");

        Assert.NotNull(mount);
        Assert.Equal(("/mnt1", "/mnt/parent", "ext3", "/dev/root", "rw,errors=continue"),
            (mount.Root, mount.MountPoint, mount.FsType, mount.Source, mount.SuperOptions));
        Assert.Equal(["master:1", "shared:7"], mount.OptionalFields);
        Assert.True(mount.IsShared);
    }

    [Fact]
    public void UndoesTheKernelsOctalEscapes()
    {
        var mount = MountInfo.Parse(@"40 27 0:50 / /mnt/with\040space\134x rw - tmpfs none\011tab rw");

        Assert.Equal("/mnt/with space\\x", mount!.MountPoint);
        Assert.Equal("none\ttab", mount.Source);
        Assert.False(mount.IsShared);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1 2 3:4 / /x rw")]
    [InlineData("1 2 3:4 / /x rw shared:1 ext4 /dev/x rw")]
    public void MalformedLinesAreSkipped(string line) => Assert.Null(MountInfo.Parse(line));

    [Fact]
    public void TheMountHoldingAPathIsTheLongestPrefix()
    {
        var mounts = MountInfo.ParseAll("""
            27 1 254:0 / / rw shared:1 - ext4 /dev/vda rw
            30 27 0:40 / /var rw - ext4 /dev/vdb rw
            31 30 0:41 / /var/lib rw shared:9 - ext4 /dev/vdc rw
            32 27 0:42 / /var/libx rw - tmpfs tmpfs rw
            """);

        Assert.Equal("/var/lib", MountInfo.Containing(mounts, "/var/lib/ocirt/rootfs")!.MountPoint);
        Assert.Equal("/var", MountInfo.Containing(mounts, "/var/li")!.MountPoint);
        Assert.Equal("/", MountInfo.Containing(mounts, "/srv/x")!.MountPoint);
        Assert.Equal("/var/libx", MountInfo.Containing(mounts, "/var/libx")!.MountPoint);
    }

    [Fact]
    public void ReadsThisProcess() => Assert.Contains(MountInfo.ReadSelf(), m => m.MountPoint == "/");
}
