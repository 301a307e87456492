using System.Text.Json;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V2;

/// <summary>A container's cgroup on a pure v2 host: one directory, resources from the v2 plans, device rules as an
/// eBPF program, cgroup.freeze and cgroup.kill for pause and kill --all.</summary>
internal sealed class V2Manager(string directory) : ICgroupManager
{
    private const int SIGKILL = 9;

    public IReadOnlyList<string> Prepare(Spec spec)
    {
        var created = new List<string>();
        try
        {
            CgroupManager.CreateDirectories(directory, created);
            if (spec.Linux?.Resources is { } resources)
                CgroupApply.Apply(ResourcePlan.ForV2(resources, CgroupProbe.New), _ => directory);
            DeviceFilterLoader.Apply(directory, DeviceRules.Rules(spec));
            return created;
        }
        catch
        {
            CgroupManager.Remove(created);
            throw;
        }
    }

    public CgroupPlacement Placement(string? sub = null, IReadOnlyCollection<string>? controllers = null) =>
        new([], CgroupManager.Below(directory, sub));

    public void Update(LinuxResources resources, Spec spec)
    {
        CgroupApply.Apply(ResourcePlan.ForV2(resources, CgroupProbe.ReadV2(directory)), _ => directory);
        if (resources.Devices is not null)
            DeviceFilterLoader.Apply(directory, DeviceRules.Rules(spec));
    }

    public void Freeze() => SetFrozen(true);
    public void Thaw() => SetFrozen(false);

    public bool IsFrozen()
    {
        string file = Path.Combine(directory, "cgroup.freeze");
        return File.Exists(file) && File.ReadAllText(file).Trim() == "1";
    }

    public IReadOnlyList<int> Pids() => CgroupManager.ReadPids(Path.Combine(directory, "cgroup.procs"));

    // cgroup.kill (5.14+) ends every process at once, with no window for a fork to escape; crun uses it too.
    public void Signal(int signal)
    {
        string kill = Path.Combine(directory, "cgroup.kill");
        if (signal == SIGKILL && File.Exists(kill))
            File.WriteAllText(kill, "1");
        else
            foreach (int pid in Pids())
                Libc.Kill(pid, signal);
    }

    public void WriteStats(Utf8JsonWriter json) => CgroupStats.Write(json, _ => directory, v2: true);

    public ulong OomKills() => CgroupStats.OomKills(directory, v2: true);

    // Freezing completes when cgroup.events says "frozen 1": only then are all tasks really stopped.
    private void SetFrozen(bool frozen)
    {
        File.WriteAllText(Path.Combine(directory, "cgroup.freeze"), frozen ? "1" : "0");
        string wanted = frozen ? "frozen 1" : "frozen 0";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.ReadLines(Path.Combine(directory, "cgroup.events")).Any(l => l == wanted))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{directory}: not {wanted} after 10 s");
            Thread.Sleep(1);
        }
    }
}
