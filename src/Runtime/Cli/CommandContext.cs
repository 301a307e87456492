using OciRuntime.Cli.Parsing;
using OciRuntime.Containers;

namespace OciRuntime.Cli;

/// <summary>What a command handler gets: the parsed command line and the state store under --root.</summary>
internal sealed class CommandContext(ParsedArgs args)
{
    private StateStore? _store;

    public ParsedArgs Args { get; } = args;
    public GlobalOptions Globals => Args.Globals;
    public StateStore Store => _store ??= new StateStore(Globals.Root ?? StateStore.DefaultRoot());

    /// <summary>The first positional argument: the container id for every command that takes one.</summary>
    public string ContainerId => Args.Arguments[0];
}
