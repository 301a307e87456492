using System.Diagnostics;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// A process that sits in fresh namespaces so a container can join them by path (<c>{"type": "network",
/// "path": "/proc/PID/ns/net"}</c>): <c>unshare --net ... sleep</c>, owned by the test and killed (by pid) on dispose.
/// With --pid the namespace belongs to unshare's forked child, so <see cref="Pid"/> is that child.
/// </summary>
public sealed class NamespaceHolder : IDisposable
{
    private readonly Process _unshare;

    private NamespaceHolder(Process unshare, int pid)
    {
        _unshare = unshare;
        Pid = pid;
    }

    /// <summary>The process whose /proc/PID/ns/* are the holder's namespaces.</summary>
    public int Pid { get; }

    public string NsPath(string specType) => $"/proc/{Pid}/ns/{HostView.NsFile(specType)}";

    /// <summary>readlink of the holder's namespace, e.g. "net:[4026532210]".</summary>
    public string Ns(string specType) => HostView.Namespace(HostView.NsFile(specType), Pid)
                                         ?? throw new InvalidOperationException($"namespace holder {Pid} is gone");

    /// <summary>
    /// Starts <c>unshare FLAGS sleep 3600</c> and waits until the holder really is in new namespaces of
    /// <paramref name="specTypes"/> (unshare execs sleep only after unsharing).
    /// </summary>
    public static async Task<NamespaceHolder> StartAsync(string[] specTypes, params string[] extraFlags)
    {
        var flags = specTypes.Select(t => t switch
        {
            "network" => "--net",
            "mount" => "--mount",
            "pid" => "--pid",
            "ipc" => "--ipc",
            "uts" => "--uts",
            "cgroup" => "--cgroup",
            "user" => "--user",
            "time" => "--time",
            _ => throw new ArgumentException($"no unshare flag for namespace type {t}"),
        }).ToList();
        var forks = specTypes.Contains("pid") || specTypes.Contains("time");
        if (forks)
            flags.Add("--fork");
        var psi = new ProcessStartInfo("unshare", [.. flags, .. extraFlags, "sleep", "3600"]) { UseShellExecute = false };
        var unshare = Process.Start(psi) ?? throw new InvalidOperationException("unshare did not start");

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (unshare.HasExited)
                throw new InvalidOperationException($"unshare {string.Join(' ', psi.ArgumentList)} exited with {unshare.ExitCode}");
            var pid = forks ? ChildOf(unshare.Id) : unshare.Id;
            if (pid > 0 && specTypes.All(t => HostView.Namespace(HostView.NsFile(t), pid) is { } ns && ns != HostView.Namespace(HostView.NsFile(t)))
                && File.ReadAllText($"/proc/{pid}/comm").Trim() == "sleep")
                return new NamespaceHolder(unshare, pid);
            await Task.Delay(20);
        }
        unshare.Kill(entireProcessTree: true);
        throw new TimeoutException($"unshare {string.Join(' ', psi.ArgumentList)} did not enter new namespaces within 10s");
    }

    /// <summary>
    /// Maps ids 0..size-1 of the holder's user namespace to host ids hostId.. (uid and gid), written from the host
    /// as root: `unshare --map-users` would need newuidmap, which is not installed everywhere.
    /// </summary>
    public void MapIds(uint hostId, uint size)
    {
        File.WriteAllText($"/proc/{Pid}/uid_map", $"0 {hostId} {size}\n");
        File.WriteAllText($"/proc/{Pid}/gid_map", $"0 {hostId} {size}\n");
    }

    public void Dispose()
    {
        // Only what this holder started, by pid: unshare and its forked child.
        try
        {
            _unshare.Kill(entireProcessTree: true);
            _unshare.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _unshare.Dispose();
    }

    private static int ChildOf(int pid)
    {
        var children = HostView.ReadOrEmpty($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0 ? int.Parse(children[0]) : 0;
    }
}
