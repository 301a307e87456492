using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>
/// The <c>--console-socket</c> protocol as callers implement it (go-runc socket.go, conmon conn_sock.c/cmsg.c): the
/// caller listens on an AF_UNIX stream socket; the runtime connects, sends ONE message whose data is a short name and
/// whose control data is exactly one SCM_RIGHTS fd, the pty master, then closes. go-runc reads it with a single
/// recvmsg and rejects any control length but CMSG_SPACE(4), so one fd per message, one message per connection.
/// runc sends the master's name, "/dev/ptmx" (libcontainer/init_linux.go; checked live with runc 1.1.5).
/// The parent connects (the path is on the host) and the init, which inherits the socket, sends.
/// </summary>
internal static class ConsoleSocket
{
    /// <summary>Connects to the caller's console socket. A path longer than sockaddr_un allows is reached through
    /// /proc/self/fd of its directory (engines put sockets under long state dirs).</summary>
    public static SafeFileHandle Connect(string path)
    {
        if (Encoding.UTF8.GetByteCount(path) < Libc.UnixPathMax)
            return Libc.ConnectUnix(path);
        string directory = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        using var dir = Libc.Open(directory, Libc.O_PATH | Libc.O_DIRECTORY);
        string shortPath = string.Create(CultureInfo.InvariantCulture,
            $"/proc/self/fd/{dir.DangerousGetHandle()}/{Path.GetFileName(path)}");
        try
        {
            return Libc.ConnectUnix(shortPath);
        }
        catch (SyscallException e)
        {
            throw new SyscallException(e.Call, e.Errno, path);
        }
    }

    /// <summary>Sends <paramref name="fd"/> with <paramref name="name"/> as the data, in one sendmsg.</summary>
    public static void SendFd(SafeHandle socket, SafeHandle fd, string name) =>
        Libc.SendFd(socket, fd, Encoding.UTF8.GetBytes(name), "console socket");

    /// <summary>The receiving side (runc's own `run` with a terminal, and tests): one recvmsg, exactly one fd.</summary>
    public static (SafeFileHandle Fd, string Name) ReceiveFd(SafeHandle socket)
    {
        // go-runc reads at most 4096 bytes of name; so do we.
        var buffer = new byte[4096];
        var (fd, length) = Libc.ReceiveFd(socket, buffer, "console socket");
        return (fd, Encoding.UTF8.GetString(buffer, 0, length));
    }
}
