using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OciConformance.Framework;

/// <summary>Steps the lifecycle, error and features cases share (runtime.md's operations, seen from outside).</summary>
public static partial class LifecycleSupport
{
    /// <summary>The probe waiting for a signal: a container that stays running until it is killed.</summary>
    public static readonly string[] SleepArgs = [RootfsTemplate.ProbeInContainer, "sleep"];

    /// <summary>`state ID` as raw JSON, so a case sees which properties are really there.</summary>
    public static async Task<JsonElement> StateJsonAsync(CaseContext t, string id)
    {
        var call = await t.StateAsync(id);
        Check.Succeeded(call, "state");
        try
        {
            using var doc = JsonDocument.Parse(call.Stdout);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Check.Fail($"state printed no JSON: {e.Message}");
        }
    }

    /// <summary>Creates and starts a container running <see cref="SleepArgs"/>; returns its pid from `state`.</summary>
    public static async Task<int> StartSleeperAsync(CaseContext t, Bundle bundle, string id)
    {
        bundle.Process.Args = [.. SleepArgs];
        var pid = await t.CreateAndStartAsync(bundle, id);
        await t.WaitForStatusAsync(id, "running");
        // As PID 1 of its pid namespace the probe ignores a signal that arrives before its handler is installed:
        // wait until the kernel shows SIGUSR1 (10) caught, so a signal sent next cannot be lost.
        if (!await EventuallyAsync(() => CatchesSignal(pid, 10)))
            throw Check.Fail($"the probe (pid {pid}) never installed its signal handlers");
        return pid;
    }

    /// <summary>The SigCgt mask of /proc/PID/status has <paramref name="signal"/>.</summary>
    private static bool CatchesSignal(int pid, int signal)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigCgt:", StringComparison.Ordinal));
            return line is not null && (Convert.ToUInt64(line["SigCgt:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="seconds"/> pass.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, double seconds = 15)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (condition()) return true;
            await Task.Delay(20);
        }
        return condition();
    }

    /// <summary>
    /// runtime.md Errors: a failed create leaves the environment as if it was never attempted. The runtime knows no
    /// container <paramref name="id"/> (`state` fails, `list` does not show it) and made no cgroup for it.
    /// </summary>
    public static async Task CheckNoTraceAsync(CaseContext t, string id)
    {
        Check.Failed(await t.StateAsync(id), $"state of {id} after its create failed");
        var list = await t.Runtime.RunAsync("list", "-q");
        Check.Succeeded(list, "list");
        Check.True(!list.Stdout.Split('\n', StringSplitOptions.TrimEntries).Contains(id),
            $"list still shows {id} after its create failed");
        var left = Host.CgroupDirs(t.CgroupsPathFor(id)).Where(Directory.Exists).ToList();
        Check.True(left.Count == 0, $"cgroup left after the failed create: {string.Join(", ", left)}");
    }

    /// <summary>
    /// An invalid config must be refused: either create fails (leaving no trace), or create works and start fails
    /// without the probe having run (a runtime MAY validate only when it needs the value).
    /// <paramref name="raw"/>: config.json was written by the case; do not re-serialize the model over it.
    /// </summary>
    public static async Task CheckRefusedAsync(CaseContext t, Bundle bundle, string id, string what, bool raw = false)
    {
        var create = raw ? await t.CreateRawAsync(bundle.Dir, id) : await t.CreateAsync(bundle, id);
        if (create.ExitCode < 0) throw Check.Fail($"create with {what} hung");
        if (!create.Succeeded)
        {
            await CheckNoTraceAsync(t, id);
            return;
        }
        var start = await t.StartAsync(id);
        Check.True(!start.Succeeded, $"create and start both accepted {what}");
        Check.True(t.OutputOf(id).Length == 0, $"start failed for {what}, but the program ran anyway");
    }

    /// <summary>Writes config.json from the model with <paramref name="cgroupsPath"/>, then lets the case edit the JSON itself.</summary>
    public static void SaveEdited(Bundle bundle, string cgroupsPath, Action<JsonObject> edit)
    {
        bundle.Linux.CgroupsPath = cgroupsPath;
        bundle.Save();
        var path = Path.Combine(bundle.Dir, "config.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(root);
        bundle.SaveRaw(root.ToJsonString());
    }

    /// <summary>SemVer 2.0.0 (the regular expression semver.org gives).</summary>
    public static bool IsSemVer(string? version) => version is not null && SemVerPattern().IsMatch(version);

    /// <summary>SemVer precedence of the major.minor.patch and pre-release parts (build metadata ignored).</summary>
    public static int CompareSemVer(string a, string b)
    {
        var (ca, pa) = Split(a);
        var (cb, pb) = Split(b);
        for (var i = 0; i < 3; i++)
            if (ca[i] != cb[i]) return ca[i].CompareTo(cb[i]);
        if (pa == pb) return 0;
        if (pa is null) return 1;   // a release ranks above its pre-releases
        if (pb is null) return -1;
        var xa = pa.Split('.');
        var xb = pb.Split('.');
        for (var i = 0; i < Math.Min(xa.Length, xb.Length); i++)
        {
            var na = ulong.TryParse(xa[i], out var va);
            var nb = ulong.TryParse(xb[i], out var vb);
            var c = (na, nb) switch
            {
                (true, true) => va.CompareTo(vb),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(xa[i], xb[i]),
            };
            if (c != 0) return c;
        }
        return xa.Length.CompareTo(xb.Length);

        static (ulong[] Core, string? Pre) Split(string v)
        {
            var m = SemVerPattern().Match(v);
            if (!m.Success) throw new ArgumentException($"{v} is not SemVer");
            return ([ulong.Parse(m.Groups[1].Value), ulong.Parse(m.Groups[2].Value), ulong.Parse(m.Groups[3].Value)],
                m.Groups[4].Success ? m.Groups[4].Value : null);
        }
    }

    /// <summary>The next major version after <paramref name="version"/> ("2.0.0" after "1.3.0").</summary>
    public static string NextMajor(string version)
    {
        var m = SemVerPattern().Match(version);
        return m.Success ? $"{ulong.Parse(m.Groups[1].Value) + 1}.0.0" : "2.0.0";
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex SemVerPattern();
}
