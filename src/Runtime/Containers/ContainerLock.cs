using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Containers;

/// <summary>An exclusive flock(2) on a container's state directory. Held for the length of one mutation (create,
/// start, delete...); the kernel drops it if the holder dies, so a crashed ocirt never wedges a container.</summary>
internal sealed class ContainerLock : IDisposable
{
    private readonly SafeFileHandle _fd;

    private ContainerLock(string directory, SafeFileHandle fd)
    {
        Directory = directory;
        _fd = fd;
    }

    public string Directory { get; }

    public static ContainerLock Acquire(string directory)
    {
        SafeFileHandle fd;
        try
        {
            fd = Libc.Open(directory, Libc.O_RDONLY | Libc.O_DIRECTORY);
        }
        catch (SyscallException e) when (e.Errno == Errno.ENOENT)
        {
            throw new ContainerNotFoundException(Path.GetFileName(directory));
        }
        try
        {
            Libc.Flock(fd, Libc.LOCK_EX, directory);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
        return new ContainerLock(directory, fd);
    }

    public void Dispose() => _fd.Dispose();
}
