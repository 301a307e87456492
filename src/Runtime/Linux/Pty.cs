using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>
/// The console of a container with <c>process.terminal</c>: a pty allocated by the init INSIDE the container, after
/// pivot_root, from the container's own devpts (/dev/ptmx there is a symlink to pts/ptmx), so that the slave's name
/// (/dev/pts/N) means the same thing to the container's processes. The master goes to the caller through the
/// console socket (<see cref="ConsoleSocket"/>); the slave becomes /dev/console, the controlling terminal and fds
/// 0-2. This is the order of runc's setupConsole (libcontainer/init_linux.go) and youki's tty.rs.
/// </summary>
internal static class Pty
{
    // Every ptmx node, devtmpfs's /dev/ptmx or a devpts instance's pts/ptmx, is character device 5:2 (devices.txt).
    private const uint PtmxMajor = 5;
    private const uint PtmxMinor = 2;

    /// <summary>Opens a new pty pair's master and unlocks its slave. The slave path is /dev/pts/N, the name inside
    /// the container (and what `tty` prints there).</summary>
    public static (SafeFileHandle Master, string SlavePath) Open(string ptmxPath = "/dev/ptmx")
    {
        // O_NOCTTY: the init must not acquire the master as its controlling terminal by accident.
        var master = Libc.Open(ptmxPath, Libc.O_RDWR | Libc.O_NOCTTY);
        try
        {
            // A rootfs without a /dev mount of its own controls /dev/ptmx; refuse anything but a real ptmx.
            if (Libc.CharDevice(master, ptmxPath) is not (PtmxMajor, PtmxMinor))
                throw new IOException($"open {ptmxPath}: not a ptmx device");
            Libc.UnlockPty(master);
            uint number = Libc.PtyNumber(master);
            return (master, "/dev/pts/" + number.ToString(CultureInfo.InvariantCulture));
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>Opens the slave of <paramref name="master"/> (O_RDWR | O_NOCTTY, close-on-exec). TIOCGPTPEER gets the
    /// master's own peer without resolving a path the container's processes could swap (runc's safeAllocPty does
    /// the same); kernels before 4.13 fall back to <paramref name="slavePath"/>.</summary>
    public static SafeFileHandle OpenSlave(SafeHandle master, string slavePath) =>
        Libc.OpenPtyPeer(master, Libc.O_RDWR | Libc.O_NOCTTY)
        ?? Libc.Open(slavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NOFOLLOW);

    /// <summary>TIOCSWINSZ on either end: process.consoleSize {height, width} becomes rows and columns.</summary>
    public static void SetSize(SafeHandle tty, uint rows, uint columns)
    {
        if (rows > ushort.MaxValue || columns > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(rows), $"console size {rows}x{columns}: a terminal has at most 65535 rows and columns");
        Libc.SetWindowSize(tty, (ushort)rows, (ushort)columns);
    }

    /// <summary>Makes the slave the controlling terminal of a new session and the process's stdin, stdout and
    /// stderr (the copies on 0-2 survive execve). The caller may dispose <paramref name="slave"/> afterwards.</summary>
    public static void MakeControllingTerminal(SafeFileHandle slave)
    {
        // The slave's own fd must not be one of 0-2: dup3 would then leave the caller's handle owning a stdio fd.
        // In the init 0-2 are always open (inherited stdio or /dev/null), so open(2) never returns them.
        if (slave.DangerousGetHandle() is <= 2)
            throw new ArgumentException("the pty slave must not already be fd 0, 1 or 2", nameof(slave));
        // TIOCSCTTY needs a session leader without a controlling terminal: setsid gives both.
        Libc.Setsid();
        // Before the dups: if it fails, our stderr is still the one the caller reads errors from.
        Libc.SetControllingTerminal(slave);
        for (int fd = 0; fd <= 2; fd++)
            Libc.Dup3(slave, fd, "pty slave");
    }
}
