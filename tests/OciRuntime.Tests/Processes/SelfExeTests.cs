using OciRuntime.Linux.Syscalls;
using OciRuntime.Processes;

namespace OciRuntime.Tests.Processes;

/// <summary>Both ways SelfExe protects the binary a container process starts from (CVE-2019-5736), on the running
/// binary (here the test host). What matters is the attack's last step: re-opening the handle through
/// /proc/self/fd/N for writing, once nothing executes it any more. The overlay view must refuse the open (EROFS); the
/// sealed copy may be opened but refuses every write (EPERM), and neither is the file on disk.</summary>
public sealed class SelfExeTests : IDisposable
{
    private const int EROFS = 30;
    private readonly string _spare = Directory.CreateTempSubdirectory("ocirt-selfexe-").FullName;

    public void Dispose() => Directory.Delete(_spare, recursive: true);

    [Fact]
    public void TheOverlayViewIsTheRunningBinaryAndCannotBeOpenedForWriting()
    {
        using var view = SelfExe.OverlayView(_spare, out string? refused);
        Assert.True(view is not null, $"no overlay view: {refused}");

        string viaFd = $"/proc/self/fd/{view.DangerousGetHandle()}";
        Assert.Equal(File.ReadAllBytes("/proc/self/exe"), File.ReadAllBytes(viaFd));
        var e = Assert.Throws<SyscallException>(() => Libc.Open(viaFd, Libc.O_WRONLY).Dispose());
        Assert.Equal(EROFS, e.Errno);
    }

    [Fact]
    public void ASpareLayerInsideTheBinarysDirectoryIsRefusedSoTheCopyIsMade()
    {
        // overlayfs refuses overlapping layers (ELOOP); Prepare then falls back to the sealed copy.
        string binaryDir = Path.GetDirectoryName(Libc.Readlink("/proc/self/exe"))!;
        using var view = SelfExe.OverlayView(binaryDir, out string? refused);
        Assert.Null(view);
        Assert.Contains("fsconfig", refused);
    }

    [Fact]
    public void TheSealedCopyIsTheRunningBinaryAndRefusesWrites()
    {
        using var copy = SelfExe.SealedCopy();
        string viaFd = $"/proc/self/fd/{copy.DangerousGetHandle()}";
        Assert.Equal(File.ReadAllBytes("/proc/self/exe"), File.ReadAllBytes(viaFd));

        int seals = Libc.Fcntl(copy, Libc.F_GET_SEALS, 0, "copy");
        Assert.Equal(Libc.F_SEAL_SEAL | Libc.F_SEAL_WRITE | Libc.F_SEAL_GROW | Libc.F_SEAL_SHRINK, seals & 0xF);
        // The first byte written back over itself: nothing changes even if the write were allowed.
        using var writable = Libc.Open(viaFd, Libc.O_WRONLY);
        var e = Assert.Throws<SyscallException>(() => Libc.WriteAll(writable, "\x7f"u8, "copy"));
        Assert.Equal(Errno.EPERM, e.Errno);
    }
}
