using OciRuntime.Rootfs;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Tests.Rootfs;

public sealed class StatfsFlagsTests
{
    [Theory]
    [InlineData(0x0UL, MS_STRICTATIME)]
    [InlineData(0x1UL | 0x2 | 0x4 | 0x8, MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_STRICTATIME)]
    [InlineData(0x1000UL, MS_RELATIME)]
    [InlineData(0x400UL | 0x800, MS_NOATIME | MS_NODIRATIME)]
    [InlineData(0x800UL, MS_NODIRATIME | MS_STRICTATIME)]
    [InlineData(0x10UL | 0x40 | 0x2000, MS_SYNCHRONOUS | MS_MANDLOCK | MS_NOSYMFOLLOW | MS_STRICTATIME)]
    public void StatfsFlagsBecomeMountFlags(ulong statfs, ulong expected) =>
        Assert.Equal(MountFlagNames.Format(expected), MountFlagNames.Format(StatfsFlags.ToMountFlags(statfs)));
}
