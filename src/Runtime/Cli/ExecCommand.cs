using System.Globalization;
using OciRuntime.Containers;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`exec [--process FILE | ARGS...] [-d] [-t] [--console-socket S] [--pid-file F] [--cwd D] [-e K=V]
/// [-u UID[:GID]] [-g GID] [--cap CAP] [--no-new-privs] [--preserve-fds N] [--ignore-paused] ID`.
/// Without --process the container's own process is the base and the flags change it, as runc does.</summary>
internal static class ExecCommand
{
    public static int Run(CommandContext context)
    {
        try
        {
            return Exec(context);
        }
        catch (Exception e)
        {
            throw new CommandFailedException(255, "exec failed", e);
        }
    }

    private static int Exec(CommandContext context)
    {
        var container = Container.Load(context.Store, context.ContainerId);
        // Read once: the base of a process given as args, and the container's defaults for any exec'd process.
        var stored = SpecStore.LoadProcess(container.Directory);
        var process = BuildProcess(context, stored.Process);
        var options = new ExecOptions(
            PidFile: context.Args.Get("pid-file"),
            ConsoleSocket: context.Args.Get("console-socket"),
            Detach: context.Args.GetBool("detach"),
            PreserveFds: context.Args.GetInt("preserve-fds", 0),
            IgnorePaused: context.Args.GetBool("ignore-paused"),
            Debug: context.Globals.Debug,
            LogPath: context.Globals.Log,
            Cgroup: context.Args.Get("cgroup"));
        return ContainerExec.Exec(container, process, stored.Personality, stored.Process?.OomScoreAdj, options);
    }

    private static Process BuildProcess(CommandContext context, Process? stored)
    {
        var args = context.Args;
        if (args.Get("process") is { } file)
            return OciJson.Load<Process>(file);

        var command = args.Arguments.Skip(1).ToList();
        if (command.Count == 0)
            throw new ArgumentException("exec args cannot be empty");
        var process = stored ?? new Process();
        process.Args = command;
        process.Terminal = args.GetBool("tty");
        if (args.Get("cwd") is { } cwd)
            process.Cwd = cwd;
        process.Env = [.. process.Env ?? [], .. args.GetAll("env")];
        if (args.Get("user") is { } user)
        {
            string[] parts = user.Split(':', 2);
            process.User.Uid = ParseId(parts[0], "uid");
            if (parts.Length == 2)
                process.User.Gid = ParseId(parts[1], "gid");
        }
        if (args.GetAll("additional-gids") is { Count: > 0 } gids)
            process.User.AdditionalGids = [.. gids.Select(g => ParseId(g, "additional gid"))];
        if (args.GetBool("no-new-privs"))
            process.NoNewPrivileges = true;
        if (args.GetAll("cap") is { Count: > 0 } caps)
        {
            // runc adds --cap to the bounding, effective and permitted sets (and ambient), never removes.
            process.Capabilities ??= new LinuxCapabilities();
            process.Capabilities.Bounding = [.. (process.Capabilities.Bounding ?? []).Union(caps)];
            process.Capabilities.Effective = [.. (process.Capabilities.Effective ?? []).Union(caps)];
            process.Capabilities.Permitted = [.. (process.Capabilities.Permitted ?? []).Union(caps)];
            process.Capabilities.Ambient = [.. (process.Capabilities.Ambient ?? []).Union(caps)];
        }
        return process;
    }

    // runc's words: exec -u takes numbers only.
    private static uint ParseId(string text, string what) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint id)
            ? id
            : throw new ArgumentException($"parsing {text} as int for {what} failed: invalid syntax");
}
