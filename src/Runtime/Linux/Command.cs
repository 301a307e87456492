using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>The result of running a helper program to its end.</summary>
internal sealed record CommandResult(int ExitCode, string Stderr, bool TimedOut)
{
    /// <summary>The raw wait status, for callers that tell "exit status 1" from "signal: killed" (hooks).</summary>
    public int WaitStatus { get; init; }

    /// <summary>Only <see cref="Command.Capture"/> fills it; <see cref="Command.Run"/> sends stdout to our stderr.</summary>
    public string Stdout { get; init; } = "";
}

/// <summary>Runs a program to completion through Native/spawn.c: optional bytes on its stdin, stderr captured,
/// an optional timeout after which it is killed with SIGKILL (hooks, newuidmap). With <see cref="Run"/> its stdout is
/// our stderr, so a helper's chatter never lands in output that callers parse; <see cref="Capture"/> keeps both
/// streams instead (runc quotes a failed hook's stdout and stderr in its error).</summary>
internal static class Command
{
    private const int SIGKILL = 9;

    /// <summary>How long to wait for end-of-file on the output pipes once the program has exited. A grandchild it left
    /// running may hold them open for ever (runc then hangs); past this we report what arrived so far.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    /// <summary>Stdout goes to our stderr; the returned stderr text is trimmed.</summary>
    public static CommandResult Run(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env,
        byte[]? stdin = null, TimeSpan? timeout = null)
    {
        var result = Execute(path, argv, env, stdin, timeout, captureStdout: false);
        return result with { Stderr = result.Stderr.Trim() };
    }

    /// <summary>Like <see cref="Run"/>, but stdout is captured too and both texts are returned verbatim.</summary>
    public static CommandResult Capture(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env,
        byte[]? stdin = null, TimeSpan? timeout = null) =>
        Execute(path, argv, env, stdin, timeout, captureStdout: true);

    private static CommandResult Execute(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env,
        byte[]? stdin, TimeSpan? timeout, bool captureStdout)
    {
        var (stdinRead, stdinWrite) = Libc.Pipe();
        var (errRead, errWrite) = Libc.Pipe();
        var (outRead, outWrite) = captureStdout ? Libc.Pipe() : (null, null);
        int pid;
        try
        {
            using (stdinRead)
            using (errWrite)
            using (outWrite)
            {
                SafeHandle stdoutFd = outWrite ?? new SafeFileHandle(2, ownsHandle: false);
                pid = NativeSpawn.Spawn(path, argv, env, [(stdinRead, 0), (stdoutFd, 1), (errWrite, 2)], closeFrom: 3);
            }
        }
        catch
        {
            stdinWrite.Dispose();
            errRead.Dispose();
            outRead?.Dispose();
            throw;
        }

        // Feed stdin on its own thread: a program that does not read it must not block us (the pipe buffer is 64 KiB).
        var feeder = Task.Factory.StartNew(() => Feed(stdinWrite, stdin, path), TaskCreationOptions.LongRunning);
        var errors = new PipeDrain(errRead, "stderr of " + path);
        var output = outRead is null ? null : new PipeDrain(outRead, "stdout of " + path);

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
        feeder.Wait(DrainGrace);
        return new CommandResult(Libc.ExitCode(status.Value), errors.Text(DrainGrace), timedOut)
        {
            WaitStatus = status.Value,
            Stdout = output?.Text(DrainGrace) ?? "",
        };
    }

    private static void Feed(SafeFileHandle stdinWrite, byte[]? stdin, string path)
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
    }

    /// <summary>Reads a pipe to its end on a thread of its own; the text so far can be taken at any time.</summary>
    private sealed class PipeDrain
    {
        private readonly MemoryStream _bytes = new();
        private readonly Task _reader;

        public PipeDrain(SafeFileHandle pipe, string what) =>
            _reader = Task.Factory.StartNew(() => ReadAll(pipe, what), TaskCreationOptions.LongRunning);

        /// <summary>Waits up to <paramref name="grace"/> for end-of-file, then returns what has arrived.</summary>
        public string Text(TimeSpan grace)
        {
            _reader.Wait(grace);
            lock (_bytes)
                return Encoding.UTF8.GetString(_bytes.GetBuffer(), 0, (int)_bytes.Length);
        }

        private void ReadAll(SafeFileHandle pipe, string what)
        {
            using (pipe)
            {
                var buffer = new byte[4096];
                try
                {
                    int n;
                    while ((n = Libc.Read(pipe, buffer, what)) > 0)
                        lock (_bytes)
                            _bytes.Write(buffer, 0, n);
                }
                catch (SyscallException)
                {
                    // A pipe read does not fail in practice; if it did, the text so far is all there is.
                }
            }
        }
    }
}
