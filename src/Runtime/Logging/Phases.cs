using System.Diagnostics;
using System.Globalization;

namespace OciRuntime.Logging;

/// <summary>Debug-level timestamps of the steps of create/run/exec and of the init, in milliseconds since the command
/// started (its Main), with the bytes the process has allocated so far, so a --debug log shows where the time and the
/// memory go (benchmarks read them; tests never time). Allocation is what a short-lived process pays in page faults
/// and resident memory: no collection runs, so every allocated page is a fresh one. The init
/// is given the command's origin (<see cref="OriginVariable"/>): Stopwatch reads CLOCK_MONOTONIC, which every process
/// shares, so its marks fall on the same time line as the parent's (not in a time namespace, whose monotonic clock is
/// offset: that init counts from its own Main).</summary>
internal static class Phases
{
    /// <summary>The command's origin in Stopwatch ticks, for the init's environment.</summary>
    public const string OriginVariable = "_OCIRT_PHASES_ORIGIN";

    private static long _start;

    public static long Origin => _start;

    /// <summary>Sets the origin: called first thing in Main. (A lazily set origin would be wherever the first mark
    /// happened, and marks come from more than one thread.)</summary>
    public static void Begin() => _start = Stopwatch.GetTimestamp();

    /// <summary>The init counts from the command that started it, when it was told that command's origin.</summary>
    public static void BeginAt(string? origin)
    {
        if (long.TryParse(origin, NumberStyles.None, CultureInfo.InvariantCulture, out long ticks))
            _start = ticks;
    }

    public static void Mark(string phase)
    {
        if (!Log.DebugEnabled)
            return;
        double ms = Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
        long kib = GC.GetTotalAllocatedBytes() / 1024;
        Log.Debug($"phase {phase}: {ms.ToString("F2", CultureInfo.InvariantCulture)} ms, {kib.ToString(CultureInfo.InvariantCulture)} KiB allocated");
    }
}
