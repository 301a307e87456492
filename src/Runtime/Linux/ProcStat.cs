using System.Globalization;

namespace OciRuntime.Linux;

/// <summary>Reads /proc/PID/stat. The start time (field 22, clock ticks since boot) and the pid together identify a
/// process for good: a pid can be reused, the pair cannot. That is how a stored container pid is checked.</summary>
internal static class ProcStat
{
    /// <summary>The process's start time in clock ticks since boot, or null when no such process exists.</summary>
    public static ulong? StartTime(int pid, string procRoot = "/proc") => Read(pid, procRoot)?.StartTime;

    /// <summary>The state letter and start time of a process, or null when it does not exist.</summary>
    public static (char State, ulong StartTime)? Read(int pid, string procRoot = "/proc")
    {
        if (pid <= 0)
            return null;
        string text;
        try
        {
            text = File.ReadAllText($"{procRoot}/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
        return Parse(text);
    }

    /// <summary>Parses the stat line. The command name (field 2) is in parentheses and may itself contain spaces and
    /// parentheses, so fields are counted from the last ')'.</summary>
    public static (char State, ulong StartTime)? Parse(string stat)
    {
        int close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
            return null;
        string[] fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        if (fields.Length < 20 || fields[0].Length != 1)
            return null;
        if (!ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start))
            return null;
        return (fields[0][0], start);
    }
}
