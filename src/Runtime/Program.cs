using OciRuntime.Cli;
using OciRuntime.Cli.Parsing;
using OciRuntime.Logging;

namespace OciRuntime;

/// <summary>Parse, dispatch, and on failure print one line (the error and its causes joined by ": ") and exit 1.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Phases.Begin();
        try
        {
            ParsedArgs parsed = ArgParser.Parse(args);
            // Help wins over version, as in runc.
            if (parsed.ShowHelp || (parsed.Command is null && !parsed.ShowVersion))
            {
                Output.Write(CommandTable.Usage(parsed.Command));
                return 0;
            }
            if (parsed.ShowVersion)
            {
                Output.Write(VersionInfo.Text());
                return 0;
            }
            Log.Configure(parsed.Globals.Log, parsed.Globals.LogFormat == "json" ? LogFormat.Json : LogFormat.Text, parsed.Globals.Debug);
            return Commands.Run(new CommandContext(parsed));
        }
        catch (Exception e)
        {
            Report(e);
            return e is CommandFailedException failed ? failed.ExitCode : 1;
        }
        finally
        {
            Output.Flush();
            Log.Close();
        }
    }

    // Log once, at the top. With --log the line goes to the file (engines show its last error line) and the plain
    // message to stderr for a person; without --log the log line itself is on stderr, as runc does.
    private static void Report(Exception e)
    {
        string message = ErrorChain.Describe(e);
        Log.Error(message);
        if (Log.ToFile)
            Console.Error.WriteLine(message);
    }
}
