using System.Text;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Tests.Linux;

/// <summary>Pty allocation on the host's devpts (no root needed: /dev/ptmx is 0666). MakeControllingTerminal changes
/// the calling process's session and stdio, so only a container init can exercise it (integration tests).</summary>
public sealed class PtyTests
{
    [Fact]
    public void OpenGivesAnUnlockedMasterAndItsSlavesName()
    {
        var (master, slavePath) = Pty.Open();
        using (master)
        {
            Assert.Matches(@"^/dev/pts/\d+$", slavePath);
            // Unlocked: the slave opens by path as well as through the master.
            using var byPath = Libc.Open(slavePath, Libc.O_RDWR | Libc.O_NOCTTY);
            using var peer = Pty.OpenSlave(master, slavePath);
            Assert.Equal(File.ResolveLinkTarget($"/proc/self/fd/{byPath.DangerousGetHandle()}", false)?.ToString() ?? slavePath,
                File.ResolveLinkTarget($"/proc/self/fd/{peer.DangerousGetHandle()}", false)?.ToString() ?? slavePath);
        }
    }

    [Fact]
    public void WhatTheMasterWritesTheSlaveReads()
    {
        var (master, slavePath) = Pty.Open();
        using (master)
        using (var slave = Pty.OpenSlave(master, slavePath))
        {
            Libc.WriteAll(master, "hello\n"u8, "pty master");
            var buffer = new byte[64];
            int n = Libc.Read(slave, buffer, "pty slave"); // canonical mode: one line per read
            Assert.Equal("hello\n", Encoding.UTF8.GetString(buffer, 0, n));
        }
    }

    [Fact]
    public void SetSizeIsSeenOnTheSlave()
    {
        var (master, slavePath) = Pty.Open();
        using (master)
        using (var slave = Pty.OpenSlave(master, slavePath))
        {
            Pty.SetSize(master, 40, 132);
            Assert.Equal(((ushort)40, (ushort)132), Libc.GetWindowSize(slave));
        }
    }

    [Fact]
    public void ASizeBeyondWhatATerminalHoldsIsRefused()
    {
        var (master, _) = Pty.Open();
        using (master)
            Assert.Throws<ArgumentOutOfRangeException>(() => Pty.SetSize(master, 70000, 80));
    }

    [Fact]
    public void ANonPtmxDeviceIsRefused()
    {
        var e = Assert.Throws<IOException>(() => Pty.Open("/dev/null"));
        Assert.Equal("open /dev/null: not a ptmx device", e.Message);
    }

    [Fact]
    public void MakeControllingTerminalRefusesAStdioFd()
    {
        using var stdin = new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false);
        Assert.Throws<ArgumentException>(() => Pty.MakeControllingTerminal(stdin));
    }
}
