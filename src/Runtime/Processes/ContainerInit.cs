using System.Globalization;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Hooks;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;
using OciRuntime.Oci;
using OciRuntime.Rootfs;

namespace OciRuntime.Processes;

/// <summary>The init's side, in C#, inside the container's namespaces (the constructor in Native/nsexec.c created or
/// joined them before .NET started). One straight sequence ending in execve; each step says why it sits where it
/// does. Any failure before "ready" is sent to the parent as one line and becomes the error of `create` (or `exec`).</summary>
internal static class ContainerInit
{
    /// <summary>The spec as the init reads it: without linux.resources, which the parent applies to the cgroups and
    /// which is a third of the spec's types (System.Text.Json builds every type's contract on first use: 0.45 ms).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions InitReading =
        OciJson.PartialReading((type, name) => type != typeof(Oci.Linux) || name != "resources");

    public static int Run()
    {
        using var sync = new SyncChannel(InheritedFd("_OCIRT_SYNCFD")!);
        bool ready = false;
        try
        {
            var config = InitConfig.Parse(sync.Expect("config"));
            if (config.Exec)
                ExecProcess(OciJson.Parse<Process>(sync.Expect("process"), "process"), config, sync);
            else
            {
                var spec = OciJson.Parse<Spec>(sync.Expect("spec"), "spec", InitReading);
                Phases.Mark("init: spec read");
                InitContainer(spec, config, sync, () => ready = true);
            }
            return 1; // not reached: the sequences end in execve
        }
        catch (Exception e)
        {
            string message = ErrorChain.Describe(e);
            if (ready)
                Log.Error(message); // `create` has returned: nobody reads the socket any more
            else
                sync.Send("error", message);
            return 1;
        }
    }

    private static void InitContainer(Spec spec, InitConfig config, SyncChannel sync, Action markReady)
    {
        var process = spec.Process!;
        using var fifo = InheritedFd(InitConfig.FifoFdVariable)!;
        using var consoleSocket = InheritedFd(InitConfig.ConsoleFdVariable);

        // 1. Mounts first: Prepare makes / private before its first mount (so nothing propagates to the host), then
        //    mounts the rootfs, the spec's mounts and the devices, all resolved inside the rootfs. We were born in the
        //    container's cgroup (Native/nsexec.c), so a cgroup mount shows that one.
        Step("prepare rootfs", () => RootfsSetup.Prepare(spec, config.Rootfs, config.UserNamespace, config.Bundle));

        // 2. prestart and createRuntime hooks run in the runtime's namespaces, by the parent, once the container's
        //    namespaces exist and its mounts are done (runtime.md "createRuntime"); we wait for them.
        sync.Send("hooks");
        sync.Expect("hooks-done");

        // 3. createContainer hooks run here, in the container's namespaces, before pivot_root (runtime.md).
        HookRunner.Run("createContainer", spec.Hooks?.CreateContainer, HookState(spec, config, "creating"), process.Env);

        // 4. From here on "/" is the container's root; host paths are gone (the exec fifo and console socket are fds).
        Phases.Mark("init: rootfs prepared and hooks run");
        Step("pivot root", () => RootfsSetup.Enter(config.Rootfs, config.NoPivot));

        // 5. The pty comes from the container's own devpts, so it exists only after pivot_root; its master goes to
        //    the caller through the console socket, its slave becomes /dev/console and our stdio.
        if (process.Terminal)
            Step("set up console", () => Console(process, consoleSocket ?? throw new InvalidOperationException("terminal requested without a console socket")));

        // 6. Namespace-wide settings, while we hold every capability of the container's user namespace, and before
        //    the read-only paths: the default spec makes /proc/sys read-only.
        Step("set hostname", () => Hostname.Apply(spec));
        Sysctl.Apply(spec.Linux?.Sysctl);

        // A fresh session keyring, so the container does not share the caller's keys (runc does this unless
        // --no-new-keyring). Kernels without keyrings, or a user namespace that may not have one, are not errors.
        if (!config.NoNewKeyring)
            NewSessionKeyring(config.Id);

        // 7. Masking and read-only remounts after the console bind (runc's order): the last word on the mount table.
        Step("finish rootfs", () => RootfsSetup.Finish(spec));

        // 8. rlimits, oom score, scheduler, no_new_privs, cwd, then the user and capabilities: the last privileged
        //    step. On the thread that calls execve (capabilities and no_new_privs are per thread).
        ProcessAttributes.ApplyBeforeExec(process, spec.Linux?.Personality, isExec: false);

        // 9. The program is looked up as the user that will run it, before we report ready, so `create` (not
        //    `start`) fails when it is missing, as in runc.
        var env = WithHome(process);
        string executable = Executable.Find(process.Args![0], env);

        //     Reopening the exec fifo after ready takes one more fd: with an RLIMIT_NOFILE that leaves none, fail now,
        //     while `create` can still report it, rather than die unheard after it returned.
        using (new SafeFileHandle(Libc.Fcntl(fifo, Libc.F_DUPFD_CLOEXEC, 0, "a spare fd for the exec fifo (process.rlimits RLIMIT_NOFILE too low)"), ownsHandle: true))
        {
        }

        // 10. Ready: `create` returns now. Then block until `start` opens the exec fifo's read side.
        Phases.Mark("init: ready");
        sync.Send("ready");
        markReady();
        using var started = WaitForStart(fifo);

        // 11. startContainer hooks: in the container, after start was called, before the user process (runtime.md).
        //     `start` reads the fifo until it closes (at execve): "0" alone means the program runs; anything else is
        //     the error it reports, so a failing hook fails `start` as the spec asks.
        try
        {
            HookRunner.Run("startContainer", spec.Hooks?.StartContainer, HookState(spec, config, "created"), process.Env);

            // 12. Only 0-2 and the caller's --preserve-fds reach the program; the rest close at execve.
            Libc.CloseOnExecFrom(3 + config.PreserveFds);
            Libc.WriteAll(started, "0"u8, "exec fifo");
            Libc.Execve(executable, process.Args!, env);
        }
        catch (Exception e)
        {
            Libc.WriteAll(started, System.Text.Encoding.UTF8.GetBytes(ErrorChain.Describe(e)), "exec fifo");
            throw;
        }
    }

    private static void ExecProcess(Process process, InitConfig config, SyncChannel sync)
    {
        using var consoleSocket = InheritedFd(InitConfig.ConsoleFdVariable);
        // setns into the mount namespace made its root our root and cwd.
        if (process.Terminal)
            Step("set up console", () => Console(process, consoleSocket ?? throw new InvalidOperationException("terminal requested without a console socket")));
        ProcessAttributes.ApplyBeforeExec(process, config.Personality, isExec: true);
        var env = WithHome(process);
        string executable = Executable.Find(process.Args![0], env);
        Libc.CloseOnExecFrom(3 + config.PreserveFds);
        // The sync socket closes at execve: "exec", then end-of-file, tells the parent the program runs (end-of-file
        // alone is a death before it).
        sync.Send("exec");
        Libc.Execve(executable, process.Args!, env);
    }

    private static void NewSessionKeyring(string id)
    {
        try
        {
            Libc.JoinSessionKeyring("_ses." + id);
        }
        catch (SyscallException e) when (e.Errno is Errno.ENOSYS or Errno.EACCES or Errno.EPERM)
        {
            Log.Debug($"no new session keyring: {e.Message}");
        }
    }

    // runc sets HOME from the container's /etc/passwd when the process environment has none.
    private static IReadOnlyList<string> WithHome(Process process)
    {
        var env = process.Env ?? [];
        if (env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal)))
            return env;
        return [.. env, "HOME=" + ProcessIdentity.HomeOf(process.User.Uid)];
    }

    private static void Console(Process process, SafeFileHandle consoleSocket)
    {
        var (master, slavePath) = Pty.Open();
        SafeFileHandle slave;
        using (master)
        {
            // runc resizes only when both dimensions are given.
            if (process.ConsoleSize is { Height: > 0, Width: > 0 } size)
                Pty.SetSize(master, size.Height, size.Width);
            // Through the master (TIOCGPTPEER), not the path: nothing can swap the node under us.
            slave = Pty.OpenSlave(master, slavePath);
            ConsoleSocket.SendFd(consoleSocket, master, "/dev/ptmx");
        }
        using (slave)
        {
            ConsoleMount.Bind(slavePath);
            Pty.MakeControllingTerminal(slave);
        }
    }

    // The init opens its end of the fifo through /proc/self/fd (the path is outside the container after
    // pivot_root); the open blocks until `start` opens the other end. The write end is close-on-exec.
    private static SafeFileHandle WaitForStart(SafeFileHandle fifo)
    {
        string path = "/proc/self/fd/" + fifo.DangerousGetHandle().ToInt32().ToString(CultureInfo.InvariantCulture);
        return Libc.Open(path, Libc.O_WRONLY);
    }

    private static State HookState(Spec spec, InitConfig config, string status) => new()
    {
        OciVersion = spec.OciVersion,
        Id = config.Id,
        Status = status,
        // runtime.md: for hooks in the container's namespaces, the pid as the container sees it.
        Pid = Environment.ProcessId,
        Bundle = config.Bundle,
        Annotations = spec.Annotations,
    };

    /// <summary>Runs a step and names it in the error, runc-style: "pivot root: ...: Operation not permitted".</summary>
    private static void Step(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not HookFailedException)
        {
            throw new InvalidOperationException(what, e);
        }
    }

    private static SafeFileHandle? InheritedFd(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int fd)
            ? new SafeFileHandle(fd, ownsHandle: true)
            : null;
}
