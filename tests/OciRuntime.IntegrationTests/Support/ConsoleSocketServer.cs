using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// The caller's end of <c>--console-socket</c>, receiving the way containerd (go-runc socket.go recvFd) and conmon
/// (cmsg.c recvfd) do: listen on an AF_UNIX stream socket, accept one connection, ONE recvmsg that must carry exactly
/// one SCM_RIGHTS fd (the pty master) and a short name as data. It works against runc as well as ocirt, so a test
/// can pin down the protocol on runc first (Tty/ConsoleSocketRuncTests).
/// </summary>
public sealed partial class ConsoleSocketServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    /// <summary>Listens on <paramref name="directory"/>/<paramref name="name"/> (keep it under 108 bytes).</summary>
    public ConsoleSocketServer(string directory, string name = "console.sock")
    {
        Path = System.IO.Path.Combine(directory, name);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(1);
    }

    /// <summary>The path to pass as <c>--console-socket</c>.</summary>
    public string Path { get; }

    /// <summary>Accepts the runtime's connection and receives the master. Throws if nothing connects in time, or if
    /// the message is not exactly one fd (what go-runc would reject).</summary>
    public PtyMaster Accept(TimeSpan timeout)
    {
        if (!_listener.Poll(timeout, SelectMode.SelectRead))
            throw new TimeoutException($"nothing connected to {Path} within {timeout.TotalSeconds}s");
        using var connection = _listener.Accept();
        if (!connection.Poll(timeout, SelectMode.SelectRead))
            throw new TimeoutException($"no message on {Path} within {timeout.TotalSeconds}s");

        var (fd, payload) = Native.ReceiveOneFd(connection.SafeHandle);
        // The sender should close after its one message: anything more is data go-runc would never read.
        var rest = new StringBuilder();
        bool closed = false;
        var buffer = new byte[256];
        while (connection.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead))
        {
            int n = connection.Receive(buffer);
            if (n == 0)
            {
                closed = true;
                break;
            }
            rest.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return new PtyMaster(fd, payload, closed, rest.ToString());
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }

    /// <summary>recvmsg(2) with room for a few fds, so that a sender passing more than one is caught, not truncated.</summary>
    private static unsafe partial class Native
    {
        private const int SOL_SOCKET = 1;
        private const int SCM_RIGHTS = 1;
        private const int MSG_CTRUNC = 0x8;
        private const int MSG_CMSG_CLOEXEC = 0x40000000;

        [StructLayout(LayoutKind.Sequential)]
        private struct IoVec
        {
            public void* Base;
            public nuint Length;
        }

        // struct msghdr and struct cmsghdr on LP64 (x86_64, arm64).
        [StructLayout(LayoutKind.Sequential)]
        private struct MsgHdr
        {
            public void* Name;
            public uint NameLength;
            public IoVec* Iov;
            public nuint IovLength;
            public void* Control;
            public nuint ControlLength;
            public int Flags;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct CmsgHdr
        {
            public nuint Length;
            public int Level;
            public int Type;
        }

        [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
        private static partial nint recvmsg(SafeHandle fd, MsgHdr* message, int flags);

        public static (SafeFileHandle Fd, string Payload) ReceiveOneFd(SafeHandle socket)
        {
            var data = new byte[4096];
            const int ControlSize = 64;
            byte* control = stackalloc byte[ControlSize];
            new Span<byte>(control, ControlSize).Clear();
            nint n;
            MsgHdr message;
            fixed (byte* p = data)
            {
                var iov = new IoVec { Base = p, Length = (nuint)data.Length };
                message = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlSize };
                n = recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
            }
            if (n < 0)
                throw new IOException($"recvmsg: errno {Marshal.GetLastPInvokeError()}");

            int headerSize = sizeof(CmsgHdr);
            var fds = new List<int>();
            int messages = 0;
            for (int offset = 0; offset + headerSize <= (int)message.ControlLength;)
            {
                var header = (CmsgHdr*)(control + offset);
                messages++;
                if (header->Level == SOL_SOCKET && header->Type == SCM_RIGHTS)
                    for (int i = 0; i < ((int)header->Length - headerSize) / sizeof(int); i++)
                        fds.Add(((int*)(control + offset + headerSize))[i]);
                offset += ((int)header->Length + 7) & ~7;
            }
            var handles = fds.Select(fd => new SafeFileHandle(fd, ownsHandle: true)).ToList();
            // go-runc: oobn must be exactly CmsgSpace(4) = 24; n must be below 4096.
            if (handles.Count != 1 || messages != 1 || (int)message.ControlLength != 24 || (message.Flags & MSG_CTRUNC) != 0 || n >= data.Length)
            {
                handles.ForEach(h => h.Dispose());
                throw new InvalidDataException(
                    $"console socket message: {n} data bytes, {fds.Count} fds in {messages} control messages, control length {message.ControlLength}");
            }
            return (handles[0], Encoding.UTF8.GetString(data, 0, (int)n));
        }
    }
}

/// <summary>A received pty master: what was sent with it, and reading and typing on the container's terminal.</summary>
public sealed partial class PtyMaster(SafeFileHandle master, string payload, bool senderClosed, string trailingData) : IDisposable
{
    private readonly StringBuilder _output = new();

    public SafeFileHandle Handle { get; } = master;

    /// <summary>The message's data: runc sends the master's name, "/dev/ptmx".</summary>
    public string Payload { get; } = payload;

    /// <summary>True when the sender closed the connection right after its one message.</summary>
    public bool SenderClosed { get; } = senderClosed;

    /// <summary>Bytes that followed the message on the connection (should be none).</summary>
    public string TrailingData { get; } = trailingData;

    /// <summary>Everything read from the terminal so far.</summary>
    public string Output => _output.ToString();

    /// <summary>Types on the terminal (the container reads it as keyboard input).</summary>
    public void Write(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int done = 0;
        while (done < bytes.Length)
            done += Native.Write(Handle, bytes.AsSpan(done));
    }

    /// <summary>Reads until the output holds <paramref name="text"/>; returns all output so far. Throws with what
    /// arrived on timeout, or when the terminal closes first (EIO: every slave fd is gone).</summary>
    public string ReadUntil(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var buffer = new byte[4096];
        while (!_output.ToString().Contains(text, StringComparison.Ordinal))
        {
            int left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
            if (left <= 0 || !Native.WaitReadable(Handle, left))
                throw new TimeoutException($"\"{text}\" not seen on the terminal within {timeout.TotalSeconds}s; got: \"{Output}\"");
            int n = Native.Read(Handle, buffer);
            if (n <= 0)
                throw new EndOfStreamException($"the terminal closed before \"{text}\"; got: \"{Output}\"");
            _output.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return Output;
    }

    public void Dispose() => Handle.Dispose();

    private static unsafe partial class Native
    {
        private const int EINTR = 4;
        private const int EIO = 5;
        private const short POLLIN = 1;

        [StructLayout(LayoutKind.Sequential)]
        private struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
        private static partial nint read(SafeHandle fd, byte* buffer, nuint count);

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        private static partial nint write(SafeHandle fd, byte* buffer, nuint count);

        [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
        private static partial int poll(PollFd* fds, nuint count, int timeout);

        /// <summary>True when the fd has data or a hang-up to report; false on timeout.</summary>
        public static bool WaitReadable(SafeHandle fd, int milliseconds)
        {
            var p = new PollFd { Fd = (int)fd.DangerousGetHandle(), Events = POLLIN };
            int n = poll(&p, 1, milliseconds);
            return n > 0 || (n < 0 && Marshal.GetLastPInvokeError() == EINTR);
        }

        /// <summary>read(2); 0 at end, which a pty master reports as EIO once the slave side is closed.</summary>
        public static int Read(SafeHandle fd, byte[] buffer)
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = read(fd, p, (nuint)buffer.Length);
                    if (n >= 0)
                        return (int)n;
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == EIO)
                        return 0;
                    if (errno != EINTR)
                        throw new IOException($"read pty master: errno {errno}");
                }
            }
        }

        public static int Write(SafeHandle fd, ReadOnlySpan<byte> bytes)
        {
            fixed (byte* p = bytes)
            {
                while (true)
                {
                    nint n = write(fd, p, (nuint)bytes.Length);
                    if (n >= 0)
                        return (int)n;
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != EINTR)
                        throw new IOException($"write pty master: errno {errno}");
                }
            }
        }
    }
}
