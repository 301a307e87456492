using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    public const short POLLIN = 1;
    public const short POLLHUP = 0x10;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int poll(PollFd* fds, nuint count, int timeout);

    /// <summary>poll(2) on one fd: the returned events, or 0 when the timeout passed (EINTR counts as a timeout).</summary>
    public static unsafe short Poll(SafeHandle fd, short events, int timeoutMilliseconds)
    {
        bool added = false;
        fd.DangerousAddRef(ref added);
        try
        {
            var p = new PollFd { fd = (int)fd.DangerousGetHandle(), events = events };
            int n = poll(&p, 1, timeoutMilliseconds);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                    return 0;
                throw new SyscallException("poll", errno);
            }
            return n == 0 ? (short)0 : p.revents;
        }
        finally
        {
            if (added)
                fd.DangerousRelease();
        }
    }
}
