using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    private const int AT_FDCWD = -100;
    private const uint STATX_UID = 0x8;
    private const uint STATX_GID = 0x10;

    // statx(2) has one layout on every architecture (unlike struct stat): uid at offset 20, gid at 24.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>The owner of a path (statx with STATX_UID|STATX_GID).</summary>
    public static unsafe (uint Uid, uint Gid) Owner(string path)
    {
        byte* buffer = stackalloc byte[256];
        if (statx(AT_FDCWD, path, 0, STATX_UID | STATX_GID, buffer) != 0)
            throw SyscallException.FromLastError("statx", path);
        return (*(uint*)(buffer + 20), *(uint*)(buffer + 24));
    }
}
