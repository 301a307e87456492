using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Cgroups;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;
using OciRuntime.Oci;

namespace OciRuntime.Processes;

/// <summary>What the parent hands to a container's init besides the spec.</summary>
internal sealed record InitOptions(
    string Id,
    string Bundle,
    string Rootfs,
    bool NoPivot,
    bool NoNewKeyring,
    int PreserveFds,
    SafeFileHandle? ExecFifo,
    SafeFileHandle? ConsoleSocket,
    bool Exec = false,
    bool Debug = false,
    string? LogPath = null);

/// <summary>A started init: its pid and the start time that, with the pid, identifies it for good.</summary>
internal sealed record StartedInit(int Pid, ulong StartTime);

/// <summary>The parent's side of starting a container's init (or an exec'd process): spawn `ocirt init` through
/// Native/spawn.c, let its constructor create or join the namespaces, write the id maps, send the configuration,
/// and serve its requests until it is ready. See SyncChannel for the conversation.</summary>
internal static class InitProcess
{
    // Fd numbers in the child, right after the caller's preserved fds (3 .. 3+PreserveFds-1).
    private const string SyncFdVariable = "_OCIRT_SYNCFD";
    private const int SIGKILL = 9;

    /// <param name="spec">The validated spec; for exec, a spec whose process is the one to run.</param>
    /// <param name="plan">Which namespaces to create and which to join.</param>
    /// <param name="cgroup">Where the process goes (making the cgroup first, for create): called once the first
    /// stage is on its way, so the cgroupfs writes overlap its exec; that stage puts the process there before it
    /// exists (Native/nsexec.c says why).</param>
    /// <param name="onHooks">Runs the hooks the parent owns (prestart, createRuntime) when the init asks.</param>
    public static StartedInit Start(Spec spec, InitOptions options, NamespacePlan plan, Func<CgroupPlacement?>? cgroup, Action<int>? onHooks)
    {
        var (parentEnd, childEnd) = Libc.SocketPair();
        using var sync = new SyncChannel(parentEnd);
        int initPid;
        using (childEnd)
            initPid = Spawn(options, childEnd, sharesClock: !plan.Has(Namespaces.CLONE_NEWTIME));
        Phases.Mark("init spawned");
        try
        {
            var placement = cgroup?.Invoke();
            Phases.Mark("cgroup ready");
            sync.Send(Namespaces.Bootstrap(plan, spec.Linux?.TimeOffsets, placement?.Tasks, placement?.Unified));
            int intermediate = initPid;
            initPid = int.Parse(sync.Expect("pid"), NumberStyles.None, CultureInfo.InvariantCulture);
            Phases.Mark("namespaces created");

            if (plan.Creates(Namespaces.CLONE_NEWUSER))
                IdMappings.Write(initPid, spec.Linux?.UidMappings, spec.Linux?.GidMappings, Libc.geteuid() == 0);
            sync.Send("go");
            // The first process only joined and cloned, and is exiting; reap it so it leaves no zombie. After "go":
            // its exit takes a millisecond the init need not wait for.
            Libc.WaitPid(intermediate);

            sync.Send("config", InitConfig.Serialize(options, plan.Has(Namespaces.CLONE_NEWUSER), options.Exec ? spec.Linux?.Personality : null));
            // An exec'd process gets its process alone: reading JSON first builds the contract of every type the
            // document's type reaches, and a process reaches a third of what a whole spec does (1.2 ms less).
            if (options.Exec)
                sync.Send("process", OciJson.SerializeCompact(spec.Process!));
            else
                sync.Send("spec", OciJson.SerializeCompact(spec));
            bool execing = false;
            while (true)
            {
                var frame = sync.Receive();
                if (frame is null)
                {
                    // End of file: the socket is close-on-exec, so for exec after "exec" the program runs; before
                    // that, or for an init, the process died.
                    if (execing)
                        break;
                    throw new InitFailedException(options.Exec ? "the process exited before it ran its program" : "container init exited before it was ready");
                }
                var (verb, argument) = frame.Value;
                if (verb == "error")
                    throw new InitFailedException(argument);
                if (verb == "ready")
                    break;
                if (verb == "exec" && options.Exec)
                {
                    execing = true;
                    continue;
                }
                if (verb == "hooks")
                {
                    onHooks?.Invoke(initPid);
                    sync.Send("hooks-done");
                    continue;
                }
                throw new InitFailedException($"unexpected \"{verb}\" on the sync socket");
            }
            ulong start = ProcStat.StartTime(initPid) ?? 0;
            return new StartedInit(initPid, start);
        }
        catch
        {
            // Nothing of a failed start may survive it: kill what was started and reap it, before the caller
            // removes the cgroup.
            Libc.Kill(initPid, SIGKILL);
            Libc.TryWaitPid(initPid);
            throw;
        }
    }

    /// <param name="sharesClock">False when the process will be in a time namespace: its CLOCK_MONOTONIC is offset,
    /// so our phase origin would mean nothing there and its marks count from its own Main.</param>
    private static int Spawn(InitOptions options, SafeFileHandle childEnd, bool sharesClock)
    {
        int next = 3 + options.PreserveFds;
        var fds = new List<(SafeHandle, int)> { (childEnd, next) };
        var env = new List<string> { $"{SyncFdVariable}={next}" };
        // The init logs to the same --log file (opened before pivot_root); errors travel over the sync socket.
        if (options.Debug)
        {
            env.Add($"{InitConfig.LogLevelVariable}=debug");
            if (sharesClock)
                env.Add($"{Phases.OriginVariable}={Phases.Origin.ToString(CultureInfo.InvariantCulture)}");
        }
        if (options.LogPath is not null)
        {
            env.Add($"{InitConfig.LogPathVariable}={Path.GetFullPath(options.LogPath)}");
            // One file, one format: the init writes its lines as the caller writes its own.
            env.Add($"{InitConfig.LogFormatVariable}={(Log.Format == LogFormat.Json ? "json" : "text")}");
        }
        if (options.ExecFifo is not null)
        {
            fds.Add((options.ExecFifo, ++next));
            env.Add($"{InitConfig.FifoFdVariable}={next}");
        }
        if (options.ConsoleSocket is not null)
        {
            fds.Add((options.ConsoleSocket, ++next));
            env.Add($"{InitConfig.ConsoleFdVariable}={next}");
        }
        fds.Add((SelfExe.Handle, ++next));
        string exe = "/proc/self/fd/" + next.ToString(CultureInfo.InvariantCulture);
        return NativeSpawn.Spawn(exe, ["ocirt", "init"], env, fds, closeFrom: next + 1);
    }
}
