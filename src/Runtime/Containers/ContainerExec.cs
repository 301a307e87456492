using Microsoft.Win32.SafeHandles;
using OciRuntime.Cgroups;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;
using OciRuntime.Processes;

namespace OciRuntime.Containers;

/// <summary>The flags of `exec` that are not part of the process itself.</summary>
internal sealed record ExecOptions(string? PidFile, string? ConsoleSocket, bool Detach, int PreserveFds, bool IgnorePaused, bool Debug, string? LogPath, string? Cgroup = null);

/// <summary>`exec`: start one more process in a running container. The constructor joins every namespace of the
/// container's init (user and mount included, which only a single-threaded process may do) and clones the process
/// into the container's cgroup (or the --cgroup sub-cgroup), and the init's exec path applies the process settings.</summary>
internal static class ContainerExec
{
    /// <param name="personality">The container's linux.personality, and <paramref name="oomScoreAdj"/> its
    /// process.oomScoreAdj: an exec'd process gets both, as in runc (SpecStore.LoadProcess).</param>
    public static int Exec(Container container, Process process, LinuxPersonality? personality, int? oomScoreAdj, ExecOptions options)
    {
        Transitions.Check(container.Id, container.Status(), ContainerOperation.Exec, force: options.IgnorePaused);
        // The process will be started from a protected view or sealed copy of this binary (SelfExe); a copy is made
        // meanwhile. The state root is the container directory's parent.
        SelfExe.Prepare(Path.GetDirectoryName(container.Directory)!);
        var errors = SpecValidator.ValidateProcess(process, "process");
        if (errors.Count > 0)
            throw new InvalidSpecException(string.Join("; ", errors));
        TerminalRules.Check(process.Terminal, options.ConsoleSocket, options.Detach);
        process.OomScoreAdj ??= oomScoreAdj;
        // What the exec'd process receives: its process and the container's personality (InitProcess).
        var spec = new Spec
        {
            Process = process,
            Linux = new OciRuntime.Oci.Linux { Personality = personality },
        };
        var plan = Namespaces.ForExec(container.Record.Pid);

        SafeFileHandle? console = options.ConsoleSocket is null ? null : ConsoleSocket.Connect(options.ConsoleSocket);
        StartedInit started;
        try
        {
            var initOptions = new InitOptions(container.Id, container.Record.Bundle, container.Record.Rootfs, NoPivot: false,
                NoNewKeyring: true, options.PreserveFds, ExecFifo: null, console, Exec: true, Debug: options.Debug, LogPath: options.LogPath);
            started = InitProcess.Start(spec, initOptions, plan,
                cgroup: () => Placement(container, options.Cgroup),
                onHooks: null);
        }
        catch (InitFailedException e)
        {
            throw new ContainerException("unable to start container process", e);
        }
        finally
        {
            console?.Dispose();
        }
        PidFile.Write(options.PidFile, started.Pid);
        if (options.Detach)
            return 0;
        using var forwarding = SignalForwarding.To(started.Pid);
        return Libc.ExitCode(Libc.WaitPid(started.Pid));
    }

    // --cgroup is "path" (every hierarchy) or "controller[,controller]:path" (those only), below the container's
    // cgroup, as runc takes it.
    private static CgroupPlacement? Placement(Container container, string? option)
    {
        if (container.Record.CgroupPath is null)
            return null;
        string? sub = option;
        IReadOnlyCollection<string>? controllers = null;
        if (option is not null && option.IndexOf(':') is var colon and > 0)
        {
            controllers = option[..colon].Split(',');
            sub = option[(colon + 1)..];
        }
        return CgroupManager.For(container.Record.CgroupPath).Placement(sub, controllers);
    }
}
