using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Processes;

/// <summary>`run` in the foreground with terminal:true and no console socket: ocirt itself receives the pty master
/// and joins it to its own stdio, the caller's terminal put in raw mode meanwhile (so keys reach the container's
/// shell unprocessed) and restored afterwards, its size copied to the pty (runc does the same).</summary>
internal sealed class TerminalProxy : IDisposable
{
    private readonly SafeFileHandle _master;
    private readonly SafeFileHandle _stdin = new(0, ownsHandle: false);
    private readonly SafeFileHandle _stdout = new(1, ownsHandle: false);
    private readonly byte[]? _savedTermios;
    private readonly Thread _output;

    private TerminalProxy(SafeFileHandle master)
    {
        _master = master;
        _savedTermios = Libc.GetTermios(_stdin);
        if (_savedTermios is not null)
        {
            var (rows, columns) = Libc.GetWindowSize(_stdin);
            if (rows > 0 && columns > 0)
                Pty.SetSize(_master, rows, columns);
            Libc.SetTermios(_stdin, Libc.MakeRaw(_savedTermios));
        }
        // Output until the pty closes (EIO once the last process holding the slave exits); input in the background
        // as long as there is any: the container's exit, not our stdin's end, ends the run.
        _output = new Thread(() => Copy(_master, _stdout)) { IsBackground = true, Name = "pty-out" };
        _output.Start();
        new Thread(() => Copy(_stdin, _master)) { IsBackground = true, Name = "pty-in" }.Start();
    }

    /// <summary>Receives the master on <paramref name="receiver"/> (sent by the init) and starts copying.</summary>
    public static TerminalProxy Attach(SafeFileHandle receiver) => new(ConsoleSocket.ReceiveFd(receiver).Fd);

    /// <summary>Waits (briefly) for the last output, then puts the caller's terminal back as it was.</summary>
    public void Dispose()
    {
        _output.Join(TimeSpan.FromSeconds(2));
        if (_savedTermios is not null)
            Libc.SetTermios(_stdin, _savedTermios);
        _master.Dispose();
    }

    private static void Copy(SafeHandle from, SafeHandle to)
    {
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = Libc.Read(from, buffer, "terminal")) > 0)
                Libc.WriteAll(to, buffer.AsSpan(0, n), "terminal");
        }
        catch (SyscallException)
        {
            // EIO from the master once the container's side is gone, EPIPE if our output went away: both end it.
        }
    }
}
