using OciRuntime.Logging;
using OciRuntime.Native;
using OciRuntime.Processes;

namespace OciRuntime.Cli;

/// <summary>`init`: the container's first process (or an exec'd one), started by ocirt itself as exactly
/// `ocirt init`: the C constructor in Native/nsexec.c looks at argv[1] only, and has already run, single-threaded,
/// before .NET started. Its log settings come from the environment the parent set. Started by hand it refuses.</summary>
internal static class InitCommand
{
    public static int Run(CommandContext context)
    {
        bool debug = Environment.GetEnvironmentVariable(InitConfig.LogLevelVariable) == "debug";
        var format = Environment.GetEnvironmentVariable(InitConfig.LogFormatVariable) == "text" ? LogFormat.Text : LogFormat.Json;
        Log.Configure(Environment.GetEnvironmentVariable(InitConfig.LogPathVariable), format, debug);
        Phases.BeginAt(Environment.GetEnvironmentVariable(Phases.OriginVariable));
        Phases.Mark("init: .NET started");
        if (NsexecStatus.Stage != NsexecStatus.StageNone)
            Log.Debug($"nsexec: init stage, {NsexecStatus.ThreadsAtConstructor} thread(s) at constructor");
        if (NsexecStatus.Stage == NsexecStatus.StageChild)
            return ContainerInit.Run();
        throw new InvalidOperationException("init: must be started by ocirt create or run, not by hand");
    }
}
