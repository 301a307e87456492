using System.Diagnostics;
using Process = System.Diagnostics.Process;
using System.Text.Json;
using OciConformance.Probe;
using OciRuntime.Oci;

namespace OciConformance.Framework;

/// <summary>
/// What a case body works with: the runtime under test, fresh bundles, unique container ids, the probe, and the
/// host processes it started. Everything a case makes is undone by <see cref="CleanupAsync"/>: containers are
/// deleted with --force, holder processes are killed by pid, the case directory is removed.
/// </summary>
public sealed class CaseContext(RuntimeDriver runtime, SuiteSettings suite, string dir, int number)
{
    private readonly List<string> _ids = [];
    private readonly List<Process> _holders = [];
    private int _bundles;

    public RuntimeDriver Runtime { get; } = runtime;
    public SuiteSettings Suite { get; } = suite;

    /// <summary>This case's scratch directory on the host (bundles, container output, hook marks).</summary>
    public string Dir { get; } = dir;

    /// <summary>
    /// A fresh bundle: its own copy of the template rootfs and the suite's base config (runc's `spec` with the probe
    /// as the process, no terminal, a writable root), which <paramref name="edit"/> may change.
    /// </summary>
    public async Task<Bundle> NewBundleAsync(Action<Bundle>? edit = null)
    {
        var bundleDir = Path.Combine(Dir, $"bundle{++_bundles}");
        Directory.CreateDirectory(bundleDir);
        await RootfsTemplate.CopyTreeAsync(Suite.TemplateRootfs, Path.Combine(bundleDir, "rootfs"));
        var spec = DefaultSpec.Create(cgroupNamespace: Host.IsCgroupV2);
        spec.Process!.Terminal = false;
        spec.Process.Args = [RootfsTemplate.ProbeInContainer, "report"];
        spec.Root!.Readonly = false;
        var bundle = new Bundle(bundleDir, spec);
        edit?.Invoke(bundle);
        bundle.Save();
        return bundle;
    }

    /// <summary>A container id unique in the whole run (cgroups are named after it).</summary>
    public string NewId(string what = "c")
    {
        var id = $"{Suite.RunId}-{Runtime.Name}-{number}-{what}{_ids.Count}";
        _ids.Add(id);
        return id;
    }

    /// <summary>The cgroupsPath the suite gives a container that has none: under a parent named after this run.</summary>
    public string CgroupsPathFor(string id) => $"/{Suite.CgroupParentFor(Runtime.Name)}/{id}";

    public string StdoutOf(string id) => Path.Combine(Dir, $"{id}.out");
    public string StderrOf(string id) => Path.Combine(Dir, $"{id}.err");

    /// <summary>What the container wrote to its stdout so far.</summary>
    public string OutputOf(string id) => RuntimeDriver.ReadSoFar(StdoutOf(id));

    /// <summary>
    /// `create --bundle B ID`, the container's stdio on files. A bundle without cgroupsPath gets one under the suite's
    /// own parent, so no case creates a cgroup anywhere else.
    /// </summary>
    public Task<Invocation> CreateAsync(Bundle bundle, string id, params string[] extra)
    {
        bundle.Linux.CgroupsPath ??= CgroupsPathFor(id);
        bundle.Save();
        return Runtime.RunAsync(["create", "--bundle", bundle.Dir, .. extra, id], StdoutOf(id), StderrOf(id));
    }

    /// <summary>create with a config.json the case wrote itself (not re-serialized from the model).</summary>
    public Task<Invocation> CreateRawAsync(string bundleDir, string id) =>
        Runtime.RunAsync(["create", "--bundle", bundleDir, id], StdoutOf(id), StderrOf(id));

    public Task<Invocation> StartAsync(string id) => Runtime.RunAsync("start", id);
    public Task<Invocation> StateAsync(string id) => Runtime.RunAsync("state", id);
    public Task<Invocation> KillAsync(string id, string signal = "SIGTERM") => Runtime.RunAsync("kill", id, signal);
    public Task<Invocation> DeleteAsync(string id, bool force = false) =>
        force ? Runtime.RunAsync("delete", "--force", id) : Runtime.RunAsync("delete", id);

    /// <summary>`exec ID ARGS...` in the foreground; the result holds the process's output and exit code.</summary>
    public Task<Invocation> ExecAsync(string id, params string[] args) => Runtime.RunAsync(["exec", id, .. args], null, null);

    /// <summary>create + start, both required to work; returns the container's pid from `state`.</summary>
    public async Task<int> CreateAndStartAsync(Bundle bundle, string id)
    {
        Check.Succeeded(await CreateAsync(bundle, id), "create");
        Check.Succeeded(await StartAsync(id), "start");
        return (await StateOfAsync(id)).Pid;
    }

    /// <summary>`state ID` parsed; a failing call or unparsable output fails the case.</summary>
    public async Task<State> StateOfAsync(string id)
    {
        var call = await StateAsync(id);
        Check.Succeeded(call, "state");
        try
        {
            return OciJson.Parse<State>(call.Stdout, "state output");
        }
        catch (Exception e) when (e is JsonException or InvalidSpecException)
        {
            throw new CaseFailedException($"state printed no valid state document: {e.Message}");
        }
    }

    /// <summary>Polls `state` until the status is <paramref name="status"/>.</summary>
    public async Task WaitForStatusAsync(string id, string status, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var call = await StateAsync(id);
            if (call.Succeeded)
            {
                last = StatusIn(call.Stdout);
                if (last == status) return;
            }
            else
            {
                last = call.Brief;
            }
            await Task.Delay(20);
        }
        throw new CaseFailedException($"container {id} did not become {status} within {seconds} s (last: {last})");
    }

    /// <summary>The "status" of a state document; a description of the output when it is not one.</summary>
    private static string StatusIn(string stateOutput)
    {
        try
        {
            using var doc = JsonDocument.Parse(stateOutput);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("status", out var s)
                ? s.GetString() ?? "" : "state printed no status";
        }
        catch (JsonException)
        {
            return $"state printed no JSON ({stateOutput.Length} bytes)";
        }
    }

    /// <summary>
    /// Runs the probe as the container's process (create, start, wait until stopped) and returns its report.
    /// <paramref name="probeArgs"/> follow "report" (e.g. "--path", "/proc/kcore").
    /// </summary>
    public async Task<Report> ProbeAsync(Bundle bundle, params string[] probeArgs)
    {
        bundle.Process.Args = [RootfsTemplate.ProbeInContainer, "report", .. probeArgs];
        var id = NewId("probe");
        await CreateAndStartAsync(bundle, id);
        await WaitForStatusAsync(id, "stopped");
        var output = OutputOf(id);
        await DeleteAsync(id);
        return ParseReport(output, RuntimeDriver.ReadSoFar(StderrOf(id)));
    }

    public static Report ParseReport(string output, string stderr)
    {
        try
        {
            return JsonSerializer.Deserialize(output, ReportJson.Default.Report)
                   ?? throw new CaseFailedException("the probe printed null");
        }
        catch (JsonException)
        {
            var err = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            throw new CaseFailedException($"the probe printed no report (stdout {output.Length} bytes; stderr: {err})");
        }
    }

    /// <summary>The runtime's `features` document, or a skip when the runtime has none.</summary>
    public Features Features => Suite.FeaturesOf(Runtime) ?? throw new CaseSkippedException($"{Runtime.Name} has no usable `features` command");

    /// <summary>
    /// Starts a host process the case owns (e.g. `unshare --net sleep 1000` to hold a namespace); it is killed by pid
    /// at cleanup. Returns its pid.
    /// </summary>
    public int StartHolder(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        _holders.Add(process);
        return process.Id;
    }

    public async Task CleanupAsync()
    {
        foreach (var id in _ids)
            await Runtime.RunAsync("delete", "--force", id);
        foreach (var holder in _holders)
        {
            try
            {
                if (!holder.HasExited) holder.Kill(entireProcessTree: true);
                await holder.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            holder.Dispose();
        }
        // A mount left under the case dir would make a recursive delete reach into whatever it shows: leave the
        // directory for a human then (the suite's leftover check reports it).
        if (!Suite.Keep && !Mounts.AnyUnder(Dir))
            Directory.Delete(Dir, recursive: true);
    }
}
