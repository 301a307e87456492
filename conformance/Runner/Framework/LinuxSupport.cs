using System.Diagnostics;
using OciConformance.Probe;
using OciRuntime.Oci;

namespace OciConformance.Framework;

/// <summary>Helpers shared by the namespace, linux and cgroup cases (config-linux.md).</summary>
public static class LinuxSupport
{
    /// <summary>The spec's namespace types and their /proc/PID/ns link names.</summary>
    public static readonly (string Type, string Link)[] NamespaceTypes =
    [
        (LinuxNamespaceType.Pid, "pid"), (LinuxNamespaceType.Network, "net"), (LinuxNamespaceType.Mount, "mnt"),
        (LinuxNamespaceType.Ipc, "ipc"), (LinuxNamespaceType.Uts, "uts"), (LinuxNamespaceType.User, "user"),
        (LinuxNamespaceType.Cgroup, "cgroup"), (LinuxNamespaceType.Time, "time"),
    ];

    /// <summary>The /proc/PID/ns link of a namespace type; an unknown type (a runtime may claim one) as itself.</summary>
    public static string LinkName(string type) => NamespaceTypes.FirstOrDefault(n => n.Type == type).Link ?? type;

    /// <summary>The runner's own namespace of a type: the host's for all but mnt (the runner has a private one).</summary>
    public static string RunnerNamespace(string link) => Host.NamespaceOf(Environment.ProcessId, link);

    /// <summary>The mapping used whenever a case needs a user namespace: container 0-65535 on host 100000-165535.</summary>
    public const uint MappedHostId = 100000;
    public const uint MappedSize = 65536;

    /// <summary>Adds a namespace of <paramref name="type"/> (replacing one of the same type); a user namespace gets the mappings too.</summary>
    public static void SetNamespace(Bundle b, string type, string? path = null)
    {
        var list = b.Linux.Namespaces ??= [];
        list.RemoveAll(n => n.Type == type);
        list.Add(new LinuxNamespace { Type = type, Path = path });
        if (type == LinuxNamespaceType.User && path is null)
            SetMappings(b);
    }

    public static void SetMappings(Bundle b)
    {
        b.Linux.UidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = MappedHostId, Size = MappedSize }];
        b.Linux.GidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = MappedHostId, Size = MappedSize }];
    }

    /// <summary>The runtime's `features` lists the namespace type (a runtime that does not may refuse it instead).</summary>
    public static bool ClaimsNamespace(CaseContext t, string type) => t.Features.Linux?.Namespaces?.Contains(type) == true;

    /// <summary>
    /// Runs the probe like <see cref="CaseContext.ProbeAsync"/>, but a refused create is allowed when the runtime does not
    /// claim the feature (<paramref name="claimed"/> false): it then returns null, the runtime having generated the error
    /// config.md asks for when it cannot apply a property. A claimed feature must create.
    /// </summary>
    public static async Task<Report?> ProbeOrRefusedAsync(CaseContext t, Bundle bundle, bool claimed, string feature,
        params string[] probeArgs)
    {
        bundle.Process.Args = [RootfsTemplate.ProbeInContainer, "report", .. probeArgs];
        var id = t.NewId("probe");
        var create = await t.CreateAsync(bundle, id);
        if (!create.Succeeded)
        {
            if (claimed) throw new CaseFailedException($"create failed although `features` claims {feature}: {create.Brief}");
            return null;
        }
        Check.Succeeded(await t.StartAsync(id), "start");
        await t.WaitForStatusAsync(id, "stopped");
        var output = t.OutputOf(id);
        await t.DeleteAsync(id);
        return CaseContext.ParseReport(output, RuntimeDriver.ReadSoFar(t.StderrOf(id)));
    }

    /// <summary>
    /// Starts `unshare` with <paramref name="unshareArgs"/> running sleep, and waits until the namespace of
    /// <paramref name="link"/> of the sleeping process differs from the runner's. Returns that process's pid (the
    /// forked child with --fork) and its namespace link.
    /// </summary>
    public static async Task<(int Pid, string Namespace)> HoldNamespaceAsync(CaseContext t, string link, params string[] unshareArgs)
    {
        var holder = t.StartHolder("unshare", [.. unshareArgs, "sleep", "1000"]);
        var fork = unshareArgs.Contains("--fork");
        var mine = RunnerNamespace(link);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 20)
        {
            var pid = fork ? ChildOf(holder) : holder;
            if (pid > 0 && File.Exists($"/proc/{pid}/comm") && ReadOr($"/proc/{pid}/comm").Trim() == "sleep")
            {
                var ns = Host.NamespaceOf(pid, link);
                if (ns.Length > 0 && ns != mine) return (pid, ns);
            }
            await Task.Delay(20);
        }
        throw new CaseFailedException($"setup: `unshare {string.Join(' ', unshareArgs)} sleep` did not hold a new {link} namespace within 20 s");
    }

    private static int ChildOf(int pid)
    {
        var children = ReadOr($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0 && int.TryParse(children[0], out var child) ? child : 0;
    }

    public static string ReadOr(string path, string fallback = "")
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }

    /// <summary>A --path entry of a report, failing the case when the probe did not report it.</summary>
    public static PathInfo PathOf(Report report, string path) =>
        report.Paths.FirstOrDefault(p => p.Path == path) ?? throw new CaseFailedException($"the probe did not report {path}");

    /// <summary>The content of a file the probe was asked about, failing the case when it could not be read.</summary>
    public static string ContentOf(Report report, string path)
    {
        var info = PathOf(report, path);
        if (!info.Exists) throw new CaseFailedException($"{path} does not exist in the container");
        return info.Content ?? throw new CaseFailedException($"{path} could not be read in the container: {info.ReadError}");
    }

    /// <summary>Whitespace-normalised lines ("0 100000 65536").</summary>
    public static List<string> NormalisedLines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => string.Join(' ', l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))];

    /// <summary>
    /// Creates a container (process: a long sleep) from a bundle edited by <paramref name="edit"/>, with an explicit
    /// cgroupsPath (the suite's default for its id), and returns its id, pid and cgroupsPath.
    /// </summary>
    public static async Task<(string Id, int Pid, string CgroupsPath, Invocation Create)> TryCreateSleeperAsync(
        CaseContext t, Action<Bundle>? edit = null)
    {
        var id = t.NewId();
        var cgroupsPath = t.CgroupsPathFor(id);
        var bundle = await t.NewBundleAsync(b =>
        {
            b.Process.Args = ["/bin/sleep", "1000"];
            b.Linux.CgroupsPath = cgroupsPath;
            edit?.Invoke(b);
        });
        var create = await t.CreateAsync(bundle, id);
        var pid = create.Succeeded ? (await t.StateOfAsync(id)).Pid : 0;
        return (id, pid, bundle.Linux.CgroupsPath ?? cgroupsPath, create);
    }

    /// <summary>A cgroup v1 control file of the container's cgroup, trimmed; fails when it cannot be read.</summary>
    public static string CgroupFile(string controller, string cgroupsPath, string file)
    {
        var path = Path.Combine(Host.CgroupDir(controller, cgroupsPath), file);
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaseFailedException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>"uid:gid" of a host path (lstat, through stat(1)).</summary>
    public static string OwnerOf(string path)
    {
        var info = new ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("could not start stat");
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
