using System.Diagnostics;
using System.Globalization;

namespace OciRuntime.Logging;

/// <summary>Debug-level timestamps of the steps of create/run/exec and of the init, in milliseconds since the process
/// started its command, so a --debug log shows where the time goes (benchmarks read them; tests never time).</summary>
internal static class Phases
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static void Mark(string phase)
    {
        if (!Log.DebugEnabled)
            return;
        double ms = Stopwatch.GetElapsedTime(Start).TotalMilliseconds;
        Log.Debug($"phase {phase}: {ms.ToString("F2", CultureInfo.InvariantCulture)} ms");
    }
}
