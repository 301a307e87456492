using System.Diagnostics;
using System.Globalization;

namespace OciRuntime.Logging;

/// <summary>Debug-level timestamps of the steps of create/run/exec and of the init, in milliseconds since the process
/// started its command (Main), so a --debug log shows where the time goes (benchmarks read them; tests never time).</summary>
internal static class Phases
{
    private static long _start;

    /// <summary>Sets the origin: called first thing in Main. (A lazily set origin would be wherever the first mark
    /// happened, and marks come from more than one thread.)</summary>
    public static void Begin() => _start = Stopwatch.GetTimestamp();

    public static void Mark(string phase)
    {
        if (!Log.DebugEnabled)
            return;
        double ms = Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
        Log.Debug($"phase {phase}: {ms.ToString("F2", CultureInfo.InvariantCulture)} ms");
    }
}
