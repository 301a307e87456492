using System.Globalization;
using System.Text.Json;

namespace OciRuntime.Cgroups;

/// <summary>The statistics `events` reports, read from the container's cgroup files and written in runc's Stats
/// shape (runc's types/events.go, which go-runc decodes): cpu, memory, pids and blkio.
/// v1 reads cpuacct/memory/pids/blkio files, v2 cpu.stat/memory.*/pids.*/io.stat.</summary>
internal static class CgroupStats
{
    /// <param name="directoryOf">The container's directory for a controller (v1), or its one directory (v2).</param>
    public static void Write(Utf8JsonWriter json, Func<string, string?> directoryOf, bool v2)
    {
        json.WriteStartObject();
        Cpu(json, directoryOf("cpuacct"), directoryOf("cpu"), v2);
        Memory(json, directoryOf("memory"), v2);
        Pids(json, directoryOf("pids"));
        json.WriteEndObject();
    }

    /// <summary>The number of OOM kills so far (v1 memory.oom_control, v2 memory.events).</summary>
    public static ulong OomKills(string? memoryDirectory, bool v2) =>
        memoryDirectory is null ? 0 : KeyValues(Path.Combine(memoryDirectory, v2 ? "memory.events" : "memory.oom_control")).GetValueOrDefault("oom_kill");

    /// <summary>"key value" lines (memory.stat, cpu.stat, memory.events, memory.oom_control).</summary>
    internal static SortedDictionary<string, ulong> KeyValues(string file)
    {
        var values = new SortedDictionary<string, ulong>(StringComparer.Ordinal);
        if (!File.Exists(file))
            return values;
        foreach (string line in File.ReadLines(file))
        {
            string[] parts = line.Split(' ', 2);
            if (parts.Length == 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong n))
                values[parts[0]] = n;
        }
        return values;
    }

    private static void Cpu(Utf8JsonWriter json, string? cpuacct, string? cpu, bool v2)
    {
        json.WriteStartObject("cpu");
        json.WriteStartObject("usage");
        if (v2 && cpu is not null)
        {
            // cpu.stat counts microseconds; runc reports nanoseconds.
            var stat = KeyValues(Path.Combine(cpu, "cpu.stat"));
            json.WriteNumber("total", stat.GetValueOrDefault("usage_usec") * 1000);
            json.WriteNumber("kernel", stat.GetValueOrDefault("system_usec") * 1000);
            json.WriteNumber("user", stat.GetValueOrDefault("user_usec") * 1000);
        }
        else if (cpuacct is not null)
        {
            json.WriteNumber("total", Number(Path.Combine(cpuacct, "cpuacct.usage")));
            json.WriteStartArray("percpu");
            foreach (ulong n in Numbers(Path.Combine(cpuacct, "cpuacct.usage_percpu")))
                json.WriteNumberValue(n);
            json.WriteEndArray();
            json.WriteNumber("kernel", Number(Path.Combine(cpuacct, "cpuacct.usage_sys")));
            json.WriteNumber("user", Number(Path.Combine(cpuacct, "cpuacct.usage_user")));
        }
        json.WriteEndObject();
        if (cpu is not null)
        {
            var stat = KeyValues(Path.Combine(cpu, "cpu.stat"));
            json.WriteStartObject("throttling");
            json.WriteNumber("periods", stat.GetValueOrDefault("nr_periods"));
            json.WriteNumber("throttledPeriods", stat.GetValueOrDefault("nr_throttled"));
            json.WriteNumber("throttledTime", v2 ? stat.GetValueOrDefault("throttled_usec") * 1000 : stat.GetValueOrDefault("throttled_time"));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Memory(Utf8JsonWriter json, string? dir, bool v2)
    {
        json.WriteStartObject("memory");
        if (dir is not null)
        {
            var stat = KeyValues(Path.Combine(dir, "memory.stat"));
            json.WriteNumber("cache", v2 ? stat.GetValueOrDefault("file") : stat.GetValueOrDefault("cache"));
            json.WriteStartObject("usage");
            if (v2)
            {
                json.WriteNumber("usage", Number(Path.Combine(dir, "memory.current")));
                json.WriteNumber("max", Number(Path.Combine(dir, "memory.peak")));
                json.WriteNumber("limit", Number(Path.Combine(dir, "memory.max")));
                json.WriteNumber("failcnt", KeyValues(Path.Combine(dir, "memory.events")).GetValueOrDefault("max"));
            }
            else
            {
                json.WriteNumber("usage", Number(Path.Combine(dir, "memory.usage_in_bytes")));
                json.WriteNumber("max", Number(Path.Combine(dir, "memory.max_usage_in_bytes")));
                json.WriteNumber("limit", Number(Path.Combine(dir, "memory.limit_in_bytes")));
                json.WriteNumber("failcnt", Number(Path.Combine(dir, "memory.failcnt")));
            }
            json.WriteEndObject();
            json.WriteStartObject("raw");
            foreach (var (key, value) in stat)
                json.WriteNumber(key, value);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Pids(Utf8JsonWriter json, string? dir)
    {
        json.WriteStartObject("pids");
        if (dir is not null)
        {
            json.WriteNumber("current", Number(Path.Combine(dir, "pids.current")));
            // "max" means no limit: runc reports 0.
            json.WriteNumber("limit", Number(Path.Combine(dir, "pids.max")));
        }
        json.WriteEndObject();
    }

    private static ulong Number(string file) =>
        File.Exists(file) && ulong.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) ? n : 0;

    private static IEnumerable<ulong> Numbers(string file) =>
        File.Exists(file)
            ? File.ReadAllText(file).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(t => ulong.Parse(t, CultureInfo.InvariantCulture))
            : [];
}
