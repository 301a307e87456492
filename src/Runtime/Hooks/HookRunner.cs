using System.Globalization;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Hooks;

/// <summary>
/// Runs one phase's hooks in order, the way runc's <c>configs.Command.Run</c> does: the hook's path is executed with
/// its args (args[0] is argv[0]; no args means argv = [path]), its env, the state JSON on stdin, stdout and stderr
/// captured (never mixed into the runtime's own output, which engines parse), and after <c>timeout</c> seconds a
/// SIGKILL. In <see cref="Run"/> the first failure stops the phase with a <see cref="HookFailedException"/>; phases
/// that only warn use <see cref="RunAll"/>, which runs every hook and returns the failures (runtime-spec config.md, "POSIX-platform Hooks").
/// </summary>
internal static class HookRunner
{
    /// <param name="phase">The hook kind as the spec names it: prestart, createRuntime, createContainer,
    /// startContainer, poststart, poststop. It appears in the error.</param>
    /// <param name="hooks">The phase's list from config.json; null or empty runs nothing.</param>
    /// <param name="state">The runtime-spec state the hooks read on stdin.</param>
    /// <param name="defaultEnv">The environment of a hook whose spec has no <c>env</c>; null means an empty one.
    /// runc instead hands such a hook its own environment (Go's exec.Cmd with a nil Env; checked with runc 1.1.5:
    /// host-side hooks saw runc's variables, createContainer hooks the container process's env). A caller that wants
    /// runc's behaviour passes its environment here. A hook with <c>"env": []</c> gets an empty one either way.</param>
    public static void Run(string phase, IReadOnlyList<Hook>? hooks, State state, IReadOnlyList<string>? defaultEnv = null)
    {
        if (hooks is null || hooks.Count == 0)
            return;
        byte[] stdin = OciJson.SerializeToUtf8Bytes(state, indented: false);
        for (int i = 0; i < hooks.Count; i++)
            RunOne(phase, i, hooks[i], stdin, defaultEnv ?? []);
    }

    /// <summary>
    /// Runs every hook of a phase whose failures are only warnings (poststart, poststop: runtime.md "the runtime MUST
    /// log a warning, but the remaining hooks and lifecycle continue as if the hook had succeeded"); returns the
    /// failures in order, for the caller to log.
    /// </summary>
    public static IReadOnlyList<HookFailedException> RunAll(string phase, IReadOnlyList<Hook>? hooks, State state, IReadOnlyList<string>? defaultEnv = null)
    {
        var failures = new List<HookFailedException>();
        if (hooks is null || hooks.Count == 0)
            return failures;
        byte[] stdin = OciJson.SerializeToUtf8Bytes(state, indented: false);
        for (int i = 0; i < hooks.Count; i++)
        {
            try
            {
                RunOne(phase, i, hooks[i], stdin, defaultEnv ?? []);
            }
            catch (HookFailedException e)
            {
                failures.Add(e);
            }
        }
        return failures;
    }

    private static void RunOne(string phase, int index, Hook hook, byte[] stdin, IReadOnlyList<string> defaultEnv)
    {
        IReadOnlyList<string> argv = Argv(hook);
        // The validator rejects a timeout <= 0, so only a positive one can reach here.
        TimeSpan? timeout = hook.Timeout is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null;
        CommandResult result;
        try
        {
            result = Command.Capture(hook.Path, argv, hook.Env ?? defaultEnv, stdin, timeout);
        }
        catch (SyscallException e)
        {
            // posix_spawn reports the execve errno (ENOENT, EACCES, ENOEXEC); runc words it as Go's os/exec does.
            throw new HookFailedException(phase, index, $"fork/exec {hook.Path}: {GoText(Errno.Describe(e.Errno))}");
        }
        if (result.TimedOut)
            throw new HookFailedException(phase, index,
                string.Create(CultureInfo.InvariantCulture, $"hook ran past specified timeout of {timeout!.Value.TotalSeconds:0.0}s"));
        if (result.WaitStatus != 0)
            throw new HookFailedException(phase, index,
                $"{DescribeStatus(result.WaitStatus)}, stdout: {result.Stdout}, stderr: {result.Stderr}");
    }

    /// <summary>args[0] is argv[0]; no args (or an empty list) means argv = [path], as Go's exec.Cmd does.</summary>
    internal static IReadOnlyList<string> Argv(Hook hook) => hook.Args is { Count: > 0 } args ? args : [hook.Path];

    /// <summary>A wait status as Go's os.ProcessState prints it: "exit status 3", "signal: killed".</summary>
    internal static string DescribeStatus(int waitStatus)
    {
        int signal = waitStatus & 0x7f;
        if (signal == 0)
            return string.Create(CultureInfo.InvariantCulture, $"exit status {(waitStatus >> 8) & 0xff}");
        bool coreDumped = (waitStatus & 0x80) != 0;
        return "signal: " + SignalName(signal) + (coreDumped ? " (core dumped)" : "");
    }

    // Go's names for the Linux signals (its syscall signal table); strsignal(3) says the same with a capital letter.
    private static readonly string[] SignalNames =
    [
        "", "hangup", "interrupt", "quit", "illegal instruction", "trace/breakpoint trap", "aborted", "bus error",
        "floating point exception", "killed", "user defined signal 1", "segmentation fault", "user defined signal 2",
        "broken pipe", "alarm clock", "terminated", "stack fault", "child exited", "continued", "stopped (signal)",
        "stopped", "stopped (tty input)", "stopped (tty output)", "urgent I/O condition", "CPU time limit exceeded",
        "file size limit exceeded", "virtual timer expired", "profiling timer expired", "window changed",
        "I/O possible", "power failure", "bad system call",
    ];

    private static string SignalName(int signal) =>
        signal < SignalNames.Length ? SignalNames[signal] : string.Create(CultureInfo.InvariantCulture, $"signal {signal}");

    // Go's errno texts are glibc's strerror with a lower-case first letter ("no such file or directory").
    private static string GoText(string strerror) =>
        strerror.Length == 0 ? strerror : char.ToLowerInvariant(strerror[0]) + strerror[1..];
}
