using Microsoft.Win32.SafeHandles;
using OciRuntime.Cgroups;
using OciRuntime.Hooks;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;
using OciRuntime.Oci;
using OciRuntime.Processes;

namespace OciRuntime.Containers;

/// <summary>`create`: validate everything that can be checked without side effects, claim the id, start the init
/// (which sets up the container and then waits on the exec fifo), record the state. Any failure removes all of it:
/// state directory, cgroups, the init process.</summary>
internal static class ContainerCreation
{
    public static Container Create(StateStore store, string id, CreateOptions options) => Create(store, id, options, out _);

    /// <param name="terminal">For a foreground `run` of a container with a terminal and no console socket: our end
    /// of the socket the init sends the pty master over, for the caller to attach to its own stdio.</param>
    public static Container Create(StateStore store, string id, CreateOptions options, out SafeFileHandle? terminal)
    {
        terminal = null;
        // 1. Everything checkable without side effects comes first, so bad input leaves nothing behind. A bad id never
        //    reaches the filesystem.
        ContainerId.Validate(id);
        // The init will be started from a protected view or sealed copy of this binary (SelfExe), with the state root
        // as the view's second layer (so the root must exist first); a copy is made meanwhile.
        store.EnsureRoot();
        SelfExe.Prepare(store.Root);
        string bundle = Path.GetFullPath(options.Bundle);
        var spec = OciJson.LoadSpec(Path.Combine(bundle, "config.json"));
        Phases.Mark("config read");
        foreach (string warning in SpecValidator.ValidateOrThrow(spec))
            Log.Warn(warning);
        Unsupported.Check(spec);
        var process = spec.Process ?? throw new ContainerException("process: required to create a container");
        // Socket activation (sd_listen_fds(3)): fds 3.. handed to us go on to the container's process, before the
        // --preserve-fds ones, and it is told so as pid 1 of its namespace (runc does the same).
        int listenFds = SocketActivation.ListenFds();
        if (listenFds > 0)
            process.Env = [.. process.Env ?? [], $"LISTEN_FDS={listenFds}", "LISTEN_PID=1"];
        int preserveFds = listenFds + options.PreserveFds;
        string rootfs = Rootfs(spec, bundle);
        TerminalRules.Check(process.Terminal, options.ConsoleSocket, options.Detach);
        var plan = Namespaces.ForCreate(spec);
        Phases.Mark("config loaded and validated");
        string cgroupPath = CgroupManager.PathFor(spec, id, options.SystemdCgroup);

        // runc works from the bundle (hooks run there, relative paths in the config mean it); the caller's relative
        // paths were made absolute by the command before this.
        Directory.SetCurrentDirectory(bundle);

        // 2. Claim the id: from here on, a failure undoes what was done.
        using var held = store.Claim(id);
        string dir = store.DirectoryOf(id);
        var record = new ContainerRecord
        {
            Id = id,
            OciVersion = spec.OciVersion,
            Bundle = bundle,
            Rootfs = rootfs,
            Created = ContainerState.FormatCreated(DateTime.UtcNow),
            Owner = "",
            // Unique, not secret: .NET's Random is seeded from the kernel's getrandom, while RandomNumberGenerator
            // would load OpenSSL (~5 ms on every create).
            AuditId = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue),
            Annotations = spec.Annotations,
            CgroupPath = cgroupPath,
        };
        SafeFileHandle? fifo = null;
        SafeFileHandle? console = null;
        try
        {
            SpecStore.Save(dir, spec);
            // The init opens the fifo for writing and blocks there until `start` opens it for reading.
            string fifoPath = Path.Combine(dir, Container.ExecFifo);
            // 0622 exactly (mkfifo applies the umask) and owned by the container's root, so the init can still open
            // it for writing after it became the container's user (runc does the same).
            Libc.Mkfifo(fifoPath, 0b110_010_010);
            Libc.Chmod(fifoPath, 0b110_010_010, "exec fifo");
            var (rootUid, rootGid) = IdMappings.HostRoot(spec);
            Libc.Lchown(fifoPath, rootUid, rootGid);
            fifo = Libc.Open(fifoPath, Libc.O_PATH);
            if (options.ConsoleSocket is not null)
                console = ConsoleSocket.Connect(options.ConsoleSocket);
            else if (process.Terminal)
                (terminal, console) = Libc.SocketPair();

            var initOptions = new InitOptions(id, bundle, rootfs, options.NoPivot, options.NoNewKeyring, preserveFds,
                fifo, console, Debug: options.Debug, LogPath: options.LogPath);
            var cgroup = CgroupManager.For(cgroupPath, CgroupMount.Read());
            var started = InitProcess.Start(spec, initOptions, plan,
                // The directories, limits and device rules, written while the init's first stage starts; the init
                // is then born in them (InitProcess).
                cgroup: () =>
                {
                    record.CgroupDirs = [.. cgroup.Prepare(spec)];
                    return cgroup.Placement();
                },
                onHooks: pid =>
                {
                    // runtime.md: prestart (deprecated) and createRuntime run in the runtime's namespace, after the
                    // container's namespaces exist and before pivot_root.
                    var state = HookState(record, pid, ContainerStatus.Creating);
                    HookRunner.Run("prestart", spec.Hooks?.Prestart, state, HookEnvironment.Host());
                    HookRunner.Run("createRuntime", spec.Hooks?.CreateRuntime, state, HookEnvironment.Host());
                });
            Phases.Mark("init ready");
            record.Pid = started.Pid;
            record.PidStartTime = started.StartTime;
            store.Save(record, held);
            PidFile.Write(options.PidFile, started.Pid);
            return Container.Of(store, record);
        }
        catch (Exception e)
        {
            terminal?.Dispose();
            // A failure after the init started (state or pid file not written) must not leave it waiting: it is
            // our child (CLONE_PARENT), so kill and reap it before its cgroups can go.
            if (record.Pid > 0 && Libc.Kill(record.Pid, 9))
                Libc.WaitPid(record.Pid);
            CgroupManager.Remove(record.CgroupDirs ?? []);
            store.Remove(id);
            if (e is InitFailedException or HookFailedException)
            {
                // runtime.md: a failed prestart/createRuntime/createContainer hook stops the container and the
                // lifecycle continues at step 12 (destroy), then 13: the poststop hooks.
                ContainerDeletion.RunPoststop(record, spec.Hooks);
                throw new ContainerException("unable to start container process", e);
            }
            throw;
        }
        finally
        {
            fifo?.Dispose();
            console?.Dispose();
        }
    }

    /// <summary>The runtime-spec state a hook reads on its stdin.</summary>
    public static State HookState(ContainerRecord record, int pid, ContainerStatus status) => new()
    {
        OciVersion = record.OciVersion,
        Id = record.Id,
        Status = status.ToOci(),
        Pid = pid,
        Bundle = record.Bundle,
        Annotations = record.Annotations,
    };

    private static string Rootfs(Spec spec, string bundle)
    {
        string path = spec.Root!.Path;
        string rootfs = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(bundle, path));
        if (!Directory.Exists(rootfs))
            throw new ContainerException($"root.path {rootfs}: no such directory");
        return rootfs;
    }
}
