using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Rootfs;

namespace OciRuntime.Tests.Rootfs;

/// <summary>Resolution inside a root made of plain directories and hostile symlinks (no mounts, no root needed):
/// whatever the image's symlinks say, nothing is opened or created outside the root.</summary>
public sealed class SafePathTests : IDisposable
{
    private readonly string rootDir = Directory.CreateTempSubdirectory("ocirt-safepath-").FullName;
    private readonly SafeFileHandle root;
    private readonly string unique = $"ocirt-test-{Guid.NewGuid():N}";

    public SafePathTests() => root = SafePath.OpenRoot(rootDir);

    public void Dispose()
    {
        root.Dispose();
        Directory.Delete(rootDir, recursive: true);
    }

    [Theory]
    [InlineData("/proc", "/proc")]
    [InlineData("proc", "/proc")]
    [InlineData("//etc//hosts/", "/etc/hosts")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/../../etc", "/etc")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    public void CleanMakesAnAbsoluteCanonicalContainerPath(string path, string expected) =>
        Assert.Equal(expected, SafePath.Clean(path));

    [Fact]
    public void AnAbsoluteSymlinkIsFollowedFromTheContainersRoot()
    {
        // rootfs/lib -> /usr/share exists on the host, not in the root: the directory is made in the root.
        File.CreateSymbolicLink(Path.Combine(rootDir, "lib"), "/usr/share");

        using var fd = SafePath.Resolve(root, $"/lib/{unique}", SafePath.Create.Directory);

        Assert.True(Directory.Exists(Path.Combine(rootDir, "usr", "share", unique)));
        Assert.False(Directory.Exists(Path.Combine("/usr/share", unique)));
        Assert.Equal($"/usr/share/{unique}", SafePath.PathInRoot(RootReal(), fd));
    }

    [Fact]
    public void DotDotInASymlinkStopsAtTheRoot()
    {
        File.CreateSymbolicLink(Path.Combine(rootDir, "up"), "../../../../../../..");

        using var fd = SafePath.Resolve(root, $"/up/tmp/{unique}", SafePath.Create.File);

        Assert.True(File.Exists(Path.Combine(rootDir, "tmp", unique)));
        Assert.False(File.Exists(Path.Combine("/tmp", unique)));
        Assert.Equal($"/tmp/{unique}", SafePath.PathInRoot(RootReal(), fd));
    }

    [Fact]
    public void ADanglingSymlinkGetsItsTargetCreatedInsideTheRoot()
    {
        File.CreateSymbolicLink(Path.Combine(rootDir, "etc"), $"/{unique}/etc");

        using var fd = SafePath.Resolve(root, "/etc/hosts", SafePath.Create.File);

        var status = Libc.Fstat(fd, "hosts");
        Assert.Equal(FileStatus.S_IFREG, status.Type);
        Assert.True(File.Exists(Path.Combine(rootDir, unique, "etc", "hosts")));
        Assert.False(Directory.Exists("/" + unique));
    }

    [Fact]
    public void AnExistingPathOutsideTheRootIsNotFound()
    {
        File.CreateSymbolicLink(Path.Combine(rootDir, "passwd"), "/etc/passwd");

        Assert.Null(SafePath.OpenIfExists(root, "/passwd"));
    }

    [Fact]
    public void AMagicLinkTargetIsResolvedInTheRootNotThroughProc()
    {
        // /proc/self/root would lead to the host's "/" if the kernel followed it.
        File.CreateSymbolicLink(Path.Combine(rootDir, "escape"), "/proc/self/root");

        Assert.Null(SafePath.OpenIfExists(root, "/escape/etc"));
        using var fd = SafePath.Resolve(root, "/escape/etc", SafePath.Create.Directory);
        Assert.True(Directory.Exists(Path.Combine(rootDir, "proc", "self", "root", "etc")));
    }

    [Fact]
    public void ASymlinkLoopFailsWithEloop()
    {
        File.CreateSymbolicLink(Path.Combine(rootDir, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(rootDir, "b"), "/a");

        var e = Assert.Throws<SyscallException>(() => SafePath.Resolve(root, "/a/x", SafePath.Create.Directory));
        Assert.Equal(Errno.ELOOP, e.Errno);
    }

    [Fact]
    public void AFileInThePathFailsWithEnotdir()
    {
        File.WriteAllText(Path.Combine(rootDir, "file"), "x");

        var e = Assert.Throws<SyscallException>(() => SafePath.Resolve(root, "/file/x", SafePath.Create.Directory));
        Assert.Equal(Errno.ENOTDIR, e.Errno);
    }

    [Fact]
    public void WithoutFollowingTheLastNameASymlinkComesBackAsItself()
    {
        Directory.CreateDirectory(Path.Combine(rootDir, "real"));
        File.CreateSymbolicLink(Path.Combine(rootDir, "proc"), "/real");

        using var link = SafePath.Resolve(root, "/proc", SafePath.Create.Directory, followLast: false);
        using var followed = SafePath.Resolve(root, "/proc", SafePath.Create.Directory);

        Assert.True(Libc.Fstat(link, "proc").IsSymlink);
        Assert.Equal("/real", SafePath.PathInRoot(RootReal(), followed));
    }

    [Fact]
    public void ExistingPathsAreOpenedAndMissingOnesAreNull()
    {
        Directory.CreateDirectory(Path.Combine(rootDir, "a", "b"));
        File.CreateSymbolicLink(Path.Combine(rootDir, "link"), "a/./b/../b");

        using var fd = SafePath.OpenIfExists(root, "/link");
        Assert.NotNull(fd);
        Assert.Equal("/a/b", SafePath.PathInRoot(RootReal(), fd));
        Assert.Null(SafePath.OpenIfExists(root, "/a/missing"));
        using var self = SafePath.OpenIfExists(root, "/");
        Assert.Equal("/", SafePath.PathInRoot(RootReal(), self!));
    }

    [Fact]
    public void CreatedDirectoriesAndFilesGetTheUsualModes()
    {
        using var dir = SafePath.Resolve(root, "/x/y", SafePath.Create.Directory);
        using var file = SafePath.Resolve(root, "/x/f", SafePath.Create.File);

        Assert.True(Libc.Fstat(dir, "y").IsDirectory);
        Assert.Equal(FileStatus.S_IFREG, Libc.Fstat(file, "f").Type);
        // umask may take bits away, never add them.
        Assert.Equal(0u, Libc.Fstat(dir, "y").Permissions & ~0x1EDu);
        Assert.Equal(0u, Libc.Fstat(file, "f").Permissions & ~0x1A4u);
    }

    private string RootReal() => Libc.Readlink(SafePath.ProcFdPath(root));
}
