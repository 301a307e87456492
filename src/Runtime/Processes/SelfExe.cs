using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Processes;

/// <summary>The binary a container's init and exec'd processes are started from: a sealed in-memory copy of
/// ocirt, never the file on disk. CVE-2019-5736: a process in the container could open /proc/PID/exe of the
/// runtime while it runs in the container's namespaces and write through it to the host's binary. A memfd sealed
/// against writes (F_SEAL_WRITE, and sealed again so the seals stay) cannot be modified by anyone, and it goes away
/// with the last process using it. The copy is made once per ocirt call that starts a process, in the kernel
/// (sendfile), and the child execs it through /proc/self/fd.</summary>
internal static class SelfExe
{
    private static readonly Lazy<SafeFileHandle> Sealed = new(MakeSealedCopy, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The sealed copy. The child gets it at a fixed fd number and execs /proc/self/fd/N: the kernel opens
    /// the file at execve, before close-on-exec fds go; the init marks it close-on-exec with the rest of its fds,
    /// so the user's program never holds it. Waits for a copy <see cref="StartCopy"/> began; a failure of that copy
    /// is thrown here.</summary>
    public static SafeFileHandle Handle => Sealed.Value;

    /// <summary>Begins the copy on a thread of its own. The copy (6 MB, in the kernel) depends on nothing and the
    /// first process start waits for it, so a command that will start one calls this first and reads and checks its
    /// config meanwhile. A plain thread, not the pool: the pool starts its own threads first (2 ms here).</summary>
    public static void StartCopy() => new Thread(() =>
    {
        try
        {
            _ = Sealed.Value;
        }
        catch (Exception)
        {
            // Whatever it was, the Lazy keeps it and Handle throws it again on the thread that reports errors; an
            // exception left to escape this thread would end the process without a word.
        }
    }) { IsBackground = true, Name = "sealed copy" }.Start();

    /// <summary>True when the running binary is such a sealed copy (tests check the init's exe).</summary>
    public static bool IsSealed(SafeHandle fd)
    {
        int seals = Libc.Fcntl(fd, Libc.F_GET_SEALS, 0, "exe");
        return (seals & (Libc.F_SEAL_WRITE | Libc.F_SEAL_SEAL)) == (Libc.F_SEAL_WRITE | Libc.F_SEAL_SEAL);
    }

    private static SafeFileHandle MakeSealedCopy()
    {
        var memfd = Libc.MemfdCreate("ocirt_cloned:/proc/self/exe", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
        try
        {
            using (var source = File.OpenHandle("/proc/self/exe"))
                Libc.SendfileAll(memfd, source, "/proc/self/exe");
            Logging.Phases.Mark("sealed copy of the binary made");
            Libc.Fcntl(memfd, Libc.F_ADD_SEALS, Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE | Libc.F_SEAL_SEAL, "memfd");
            return memfd;
        }
        catch
        {
            memfd.Dispose();
            throw;
        }
    }
}
