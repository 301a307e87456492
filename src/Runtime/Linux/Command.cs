using System.Text;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>The result of running a helper program to its end.</summary>
internal sealed record CommandResult(int ExitCode, string Stderr, bool TimedOut);

/// <summary>Runs a program to completion through Native/spawn.c: optional bytes on its stdin, stderr captured,
/// an optional timeout after which it is killed with SIGKILL (hooks, newuidmap). Its stdout is our stderr, so a
/// helper's chatter never lands in output that callers parse (runc does the same for hooks).</summary>
internal static class Command
{
    private const int SIGKILL = 9;

    public static CommandResult Run(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env,
        byte[]? stdin = null, TimeSpan? timeout = null)
    {
        var (stdinRead, stdinWrite) = Libc.Pipe();
        var (errRead, errWrite) = Libc.Pipe();
        int pid;
        using (stdinRead)
        using (errWrite)
        {
            var stderrFd = new SafeFileHandle(2, ownsHandle: false);
            pid = NativeSpawn.Spawn(path, argv, env, [(stdinRead, 0), (stderrFd, 1), (errWrite, 2)], closeFrom: 3);
        }
        // Feed stdin on its own thread: a hook that does not read it must not block us (the pipe buffer is 64 KiB).
        var feeder = Task.Run(() =>
        {
            using (stdinWrite)
            {
                try
                {
                    if (stdin is not null)
                        Libc.WriteAll(stdinWrite, stdin, "stdin of " + path);
                }
                catch (SyscallException)
                {
                    // EPIPE: the program exited without reading. Its exit status tells what happened.
                }
            }
        });
        var reader = Task.Run(() =>
        {
            using (errRead)
            {
                var text = new MemoryStream();
                Span<byte> buffer = stackalloc byte[4096];
                int n;
                while ((n = Libc.Read(errRead, buffer, "stderr of " + path)) > 0)
                    text.Write(buffer[..n]);
                return Encoding.UTF8.GetString(text.ToArray());
            }
        });

        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        bool timedOut = false;
        int? status;
        int delay = 1;
        while ((status = Libc.TryWaitPid(pid)) is null)
        {
            if (!timedOut && DateTime.UtcNow >= deadline)
            {
                Libc.Kill(pid, SIGKILL);
                timedOut = true;
            }
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 20);
        }
        feeder.Wait();
        return new CommandResult(Libc.ExitCode(status.Value), reader.Result.Trim(), timedOut);
    }
}
