namespace OciRuntime.Cli;

/// <summary>The command table: name to handler. A command not built yet says so and fails; it never fakes success.</summary>
internal static class Commands
{
    private static readonly Dictionary<string, Func<CommandContext, int>> Handlers = new(StringComparer.Ordinal)
    {
        ["create"] = CreateCommand.Run,
        ["start"] = StartCommand.Run,
        ["run"] = RunCommand.Run,
        ["kill"] = KillCommand.Run,
        ["exec"] = ExecCommand.Run,
        ["pause"] = PauseCommand.Pause,
        ["resume"] = PauseCommand.Resume,
        ["ps"] = PsCommand.Run,
        ["update"] = UpdateCommand.Run,
        ["events"] = EventsCommand.Run,
        ["state"] = StateCommand.Run,
        ["list"] = ListCommand.Run,
        ["delete"] = DeleteCommand.Run,
        ["spec"] = SpecCommand.Run,
        ["features"] = FeaturesCommand.Run,
        ["init"] = InitCommand.Run,
    };

    public static int Run(CommandContext context)
    {
        string command = context.Args.Command!;
        if (Handlers.TryGetValue(command, out var handler))
            return handler(context);
        throw new NotImplementedCommandException(command);
    }
}

/// <summary>A command of runc's surface that ocirt parses but does not carry out yet.</summary>
internal sealed class NotImplementedCommandException(string command) : Exception($"ocirt: {command} is not implemented yet");
