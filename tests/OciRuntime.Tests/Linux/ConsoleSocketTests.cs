using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Tests.Linux;

/// <summary>The console-socket message: one sendmsg, one SCM_RIGHTS fd, the name as data (anchors.md 1.5).</summary>
public sealed partial class ConsoleSocketTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ocirt-console-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public unsafe void TheControlDataHasTheKernelsLayout()
    {
        // x86_64/arm64: what go-runc's recvFd insists on (oobn == CmsgSpace(4)) and what the kernel reads.
        Assert.Equal(56, sizeof(Libc.MsgHdr));
        Assert.Equal(16, sizeof(Libc.CmsgHdr));
        Assert.Equal(16, sizeof(Libc.IoVec));
        Assert.Equal(20, Libc.CmsgLen(sizeof(int)));
        Assert.Equal(24, Libc.CmsgSpace(sizeof(int)));
    }

    [Fact]
    public void AnFdAndItsNameMakeTheRoundTripOverASocketPair()
    {
        var (left, right) = Libc.SocketPair();
        var (pipeRead, pipeWrite) = Libc.Pipe();
        using (left)
        using (right)
        using (pipeRead)
        {
            using (pipeWrite)
                ConsoleSocket.SendFd(left, pipeWrite, "/dev/ptmx");
            // Our copy is closed: only the received fd can still write into the pipe.
            var (received, name) = ConsoleSocket.ReceiveFd(right);
            using (received)
            {
                Assert.Equal("/dev/ptmx", name);
                Libc.WriteAll(received, "through the passed fd"u8, "received fd");
            }
            Assert.Equal("through the passed fd", ReadAll(pipeRead));
        }
    }

    [Fact]
    public unsafe void TheMessageIsWhatGoRuncsRecvFdAccepts()
    {
        // go-runc reads with an oob buffer of exactly CmsgSpace(4) and rejects any other length (socket.go recvFd).
        var (left, right) = Libc.SocketPair();
        using (left)
        using (right)
        using (var devnull = Libc.Open("/dev/null", Libc.O_RDWR))
        {
            ConsoleSocket.SendFd(left, devnull, "/dev/ptmx");
            byte* data = stackalloc byte[4096];
            byte* control = stackalloc byte[24];
            var vector = new Libc.IoVec { iov_base = data, iov_len = 4096 };
            var message = new Libc.MsgHdr { msg_iov = &vector, msg_iovlen = 1, msg_control = control, msg_controllen = 24 };
            nint n = recvmsg(right, &message, 0);
            var header = (Libc.CmsgHdr*)control;
            int fd = *(int*)(control + 16);
            new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true).Dispose();
            Assert.Equal(9, n);
            Assert.Equal("/dev/ptmx", System.Text.Encoding.UTF8.GetString(data, 9));
            Assert.Equal(24u, (uint)message.msg_controllen);
            Assert.Equal(0, message.msg_flags);
            Assert.Equal((20u, 1, 1), ((uint)header->cmsg_len, header->cmsg_level, header->cmsg_type));
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint recvmsg(SafeHandle fd, Libc.MsgHdr* message, int flags);

    [Fact]
    public void TheReceivedFdIsCloseOnExec()
    {
        var (left, right) = Libc.SocketPair();
        using (left)
        using (right)
        using (var devnull = Libc.Open("/dev/null", Libc.O_RDWR))
        {
            ConsoleSocket.SendFd(left, devnull, "x");
            var (received, _) = ConsoleSocket.ReceiveFd(right);
            using (received)
            {
                string fdinfo = File.ReadAllText($"/proc/self/fdinfo/{received.DangerousGetHandle()}");
                int flags = Convert.ToInt32(fdinfo.Split('\n').First(l => l.StartsWith("flags:", StringComparison.Ordinal))[6..].Trim(), 8);
                Assert.NotEqual(0, flags & Libc.O_CLOEXEC);
            }
        }
    }

    [Fact]
    public void AnEmptyNameIsRefused()
    {
        var (left, right) = Libc.SocketPair();
        using (left)
        using (right)
        using (var devnull = Libc.Open("/dev/null", Libc.O_RDWR))
            Assert.Throws<ArgumentException>(() => ConsoleSocket.SendFd(left, devnull, ""));
    }

    [Fact]
    public void DataWithoutAnFdIsRejected()
    {
        var (left, right) = Libc.SocketPair();
        using (left)
        using (right)
        {
            Libc.WriteAll(left, "/dev/ptmx"u8, "test");
            var e = Assert.Throws<IOException>(() => ConsoleSocket.ReceiveFd(right));
            Assert.Contains("expected exactly one fd, got 0", e.Message);
        }
    }

    [Fact]
    public void ACloseBeforeAnyFdIsAnError()
    {
        var (left, right) = Libc.SocketPair();
        left.Dispose();
        using (right)
            Assert.Contains("closed before an fd arrived", Assert.Throws<IOException>(() => ConsoleSocket.ReceiveFd(right)).Message);
    }

    [Fact]
    public void ConnectReachesAListeningStreamSocket() =>
        AssertConnectAndSend(Path.Combine(_dir.FullName, "console.sock"));

    [Fact]
    public void ConnectReachesASocketWhosePathIsLongerThanSunPath()
    {
        // Engines keep sockets under deep state dirs; sockaddr_un holds 107 bytes of path.
        string deep = Directory.CreateDirectory(Path.Combine(_dir.FullName, new string('d', 60), new string('e', 60))).FullName;
        string path = Path.Combine(deep, "console.sock");
        Assert.True(path.Length > Libc.UnixPathMax);
        AssertConnectAndSend(path);
    }

    private static void AssertConnectAndSend(string path)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        // .NET refuses to bind a path longer than sun_path too: bind through the directory's /proc/self/fd entry.
        using (var dir = Libc.Open(Path.GetDirectoryName(path)!, Libc.O_PATH | Libc.O_DIRECTORY))
            listener.Bind(new UnixDomainSocketEndPoint($"/proc/self/fd/{dir.DangerousGetHandle()}/{Path.GetFileName(path)}"));
        listener.Listen(1);

        using var client = ConsoleSocket.Connect(path);
        using var accepted = listener.Accept();
        using var devnull = Libc.Open("/dev/null", Libc.O_RDWR);
        ConsoleSocket.SendFd(client, devnull, "/dev/ptmx");
        var (received, name) = ConsoleSocket.ReceiveFd(accepted.SafeHandle);
        received.Dispose();
        Assert.Equal("/dev/ptmx", name);
    }

    [Fact]
    public void ConnectToNothingNamesThePath()
    {
        string path = Path.Combine(_dir.FullName, "absent.sock");
        var e = Assert.Throws<SyscallException>(() => ConsoleSocket.Connect(path));
        Assert.Equal($"connect {path}: No such file or directory", e.Message);
    }

    private static string ReadAll(SafeFileHandle fd)
    {
        var text = new MemoryStream();
        var buffer = new byte[256];
        int n;
        while ((n = Libc.Read(fd, buffer, "pipe")) > 0)
            text.Write(buffer, 0, n);
        return System.Text.Encoding.UTF8.GetString(text.ToArray());
    }
}
