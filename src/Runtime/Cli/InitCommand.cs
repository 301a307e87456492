using OciRuntime.Logging;
using OciRuntime.Native;

namespace OciRuntime.Cli;

/// <summary>`init`: the container's first process, started by ocirt itself as exactly `ocirt init` (the C constructor
/// in Native/nsexec.c looks at argv[1] only and has already run, single-threaded, before .NET started). Its log level
/// comes from _OCIRT_LOGLEVEL, set by the parent. Started by hand it has no bootstrap and refuses.</summary>
internal static class InitCommand
{
    public const string LogLevelVariable = "_OCIRT_LOGLEVEL";

    public static int Run(CommandContext context)
    {
        if (Environment.GetEnvironmentVariable(LogLevelVariable) == "debug")
            Log.Configure(context.Globals.Log, LogFormat.Text, debug: true);
        if (NsexecStatus.Stage != NsexecStatus.StageNone)
            Log.Debug($"nsexec: init stage, {NsexecStatus.ThreadsAtConstructor} thread(s) at constructor");
        throw new InvalidOperationException("init: must be started by ocirt create or run, not by hand");
    }
}
