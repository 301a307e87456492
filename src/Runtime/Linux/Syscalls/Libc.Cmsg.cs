using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

/// <summary>AF_UNIX stream connect and fd passing with SCM_RIGHTS (unix(7), cmsg(3)). The structs follow the LP64
/// kernel ABI (x86_64, arm64): struct msghdr is 56 bytes, struct cmsghdr 16 with a size_t length, and the fd data is padded to
/// 8 bytes, so one fd takes CMSG_SPACE(4) = 24 bytes of control data and its header says CMSG_LEN(4) = 20.</summary>
internal static partial class Libc
{
    private const int SOL_SOCKET = 1;
    private const int SCM_RIGHTS = 1;
    private const int MSG_CTRUNC = 0x8;
    private const int MSG_NOSIGNAL = 0x4000;
    private const int MSG_CMSG_CLOEXEC = 0x40000000;

    /// <summary>sizeof(sockaddr_un.sun_path): a path needs one byte less, for its NUL.</summary>
    public const int UnixPathMax = 108;

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct IoVec
    {
        public void* iov_base;
        public nuint iov_len;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct MsgHdr
    {
        public void* msg_name;
        public uint msg_namelen;
        public IoVec* msg_iov;
        public nuint msg_iovlen;
        public void* msg_control;
        public nuint msg_controllen;
        public int msg_flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct CmsgHdr
    {
        public nuint cmsg_len;
        public int cmsg_level;
        public int cmsg_type;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct SockaddrUn
    {
        public ushort sun_family;
        public fixed byte sun_path[UnixPathMax];
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static unsafe partial int connect(SafeHandle fd, SockaddrUn* address, uint length);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static unsafe partial nint sendmsg(SafeHandle fd, MsgHdr* message, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static unsafe partial nint recvmsg(SafeHandle fd, MsgHdr* message, int flags);

    private static int CmsgAlign(int length) => (length + IntPtr.Size - 1) & ~(IntPtr.Size - 1);

    /// <summary>CMSG_LEN(n): the cmsg_len of a message carrying n bytes of data.</summary>
    public static unsafe int CmsgLen(int dataLength) => CmsgAlign(sizeof(CmsgHdr)) + dataLength;

    /// <summary>CMSG_SPACE(n): the control buffer bytes a message carrying n bytes of data takes.</summary>
    public static unsafe int CmsgSpace(int dataLength) => CmsgAlign(sizeof(CmsgHdr)) + CmsgAlign(dataLength);

    /// <summary>A close-on-exec AF_UNIX SOCK_STREAM socket connected to <paramref name="path"/> (at most 107 bytes).</summary>
    public static unsafe SafeFileHandle ConnectUnix(string path)
    {
        var address = new SockaddrUn { sun_family = AF_UNIX };
        int length = Encoding.UTF8.GetByteCount(path);
        if (length >= UnixPathMax)
            throw new SyscallException("connect", 36 /* ENAMETOOLONG */, path);
        Encoding.UTF8.GetBytes(path, new Span<byte>(address.sun_path, UnixPathMax));

        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            throw SyscallException.FromLastError("socket");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        uint size = (uint)(sizeof(ushort) + length + 1);
        if (connect(handle, &address, size) != 0)
        {
            var error = SyscallException.FromLastError("connect", path);
            handle.Dispose();
            throw error;
        }
        return handle;
    }

    /// <summary>One sendmsg(2): <paramref name="payload"/> (not empty: a stream needs data to carry control data)
    /// and exactly one SCM_RIGHTS message holding one fd.</summary>
    public static unsafe void SendFd(SafeHandle socket, SafeHandle fd, ReadOnlySpan<byte> payload, string what)
    {
        if (payload.IsEmpty)
            throw new ArgumentException("an fd needs at least one byte of data to travel with", nameof(payload));
        int space = CmsgSpace(sizeof(int));
        byte* control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        var header = (CmsgHdr*)control;
        header->cmsg_len = (nuint)CmsgLen(sizeof(int));
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;

        bool added = false;
        fd.DangerousAddRef(ref added);
        try
        {
            *(int*)(control + CmsgAlign(sizeof(CmsgHdr))) = (int)fd.DangerousGetHandle();
            fixed (byte* data = payload)
            {
                var vector = new IoVec { iov_base = data, iov_len = (nuint)payload.Length };
                var message = new MsgHdr { msg_iov = &vector, msg_iovlen = 1, msg_control = control, msg_controllen = (nuint)space };
                nint sent;
                while ((sent = sendmsg(socket, &message, MSG_NOSIGNAL)) < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != Errno.EINTR)
                        throw new SyscallException("sendmsg", errno, what);
                }
                // The fd travels with the first byte; a short write would leave the receiver a truncated name.
                if (sent != payload.Length)
                    throw new IOException($"sendmsg {what}: sent {sent} of {payload.Length} bytes");
            }
        }
        finally
        {
            if (added)
                fd.DangerousRelease();
        }
    }

    /// <summary>One recvmsg(2) expecting exactly one SCM_RIGHTS fd (received close-on-exec). Returns the fd and the
    /// number of payload bytes read into <paramref name="payload"/>. Extra fds are closed and rejected, as go-runc's
    /// recvFd rejects any control data but CMSG_SPACE(4).</summary>
    public static unsafe (SafeFileHandle Fd, int Length) ReceiveFd(SafeHandle socket, Span<byte> payload, string what)
    {
        const int MaxFds = 8; // room to see (and close) fds a misbehaving sender adds
        int space = CmsgSpace(MaxFds * sizeof(int));
        byte* control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        nint received;
        MsgHdr message;
        fixed (byte* data = payload)
        {
            var vector = new IoVec { iov_base = data, iov_len = (nuint)payload.Length };
            message = new MsgHdr { msg_iov = &vector, msg_iovlen = 1, msg_control = control, msg_controllen = (nuint)space };
            while ((received = recvmsg(socket, &message, MSG_CMSG_CLOEXEC)) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                    throw new SyscallException("recvmsg", errno, what);
            }
        }

        var fds = new List<SafeFileHandle>();
        int headerSize = CmsgAlign(sizeof(CmsgHdr));
        int offset = 0;
        int controlLength = (int)message.msg_controllen;
        bool foreign = false;
        while (offset + headerSize <= controlLength)
        {
            var header = (CmsgHdr*)(control + offset);
            int length = (int)header->cmsg_len;
            if (length < headerSize || offset + length > controlLength)
                break;
            if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS)
                for (int i = 0; i < (length - headerSize) / sizeof(int); i++)
                    fds.Add(new SafeFileHandle(((int*)(control + offset + headerSize))[i], ownsHandle: true));
            else
                foreign = true;
            offset += CmsgAlign(length);
        }

        if (fds.Count == 1 && !foreign && (message.msg_flags & MSG_CTRUNC) == 0)
            return (fds[0], (int)received);
        foreach (var extra in fds)
            extra.Dispose();
        if (received == 0 && fds.Count == 0)
            throw new IOException($"recvmsg {what}: connection closed before an fd arrived");
        throw new IOException($"recvmsg {what}: expected exactly one fd, got {fds.Count}" +
            ((message.msg_flags & MSG_CTRUNC) != 0 ? " (control data truncated)" : foreign ? " and other control data" : ""));
    }
}
