using System.Text.Json;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V1;

/// <summary>A container's cgroup on a v1 or hybrid host: a directory in every hierarchy (on a hybrid host the v2
/// mount gets one too, for placement only), resources from the v1 plans written to each controller's directory,
/// device rules through the devices controller, the freezer controller for pause.</summary>
internal sealed class V1Manager(IReadOnlyDictionary<CgroupMount, string> directories) : ICgroupManager
{
    public IReadOnlyList<string> Prepare(Spec spec)
    {
        var created = new List<string>();
        try
        {
            foreach (var (mount, dir) in directories)
            {
                int before = created.Count;
                CgroupManager.CreateDirectories(dir, created);
                // Top-down, so each new level copies from a parent that already has values.
                if (mount.Controllers.Contains("cpuset"))
                    foreach (string level in created.Skip(before).Append(dir))
                        InheritCpuset(level);
            }
            if (spec.Linux?.Resources is { } resources)
                CgroupApply.Apply(ResourcePlan.ForV1(resources, CgroupProbe.New), DirectoryOf);
            WriteDeviceRules(spec);
            return created;
        }
        catch
        {
            CgroupManager.Remove(created);
            throw;
        }
    }

    public CgroupPlacement Placement(string? sub = null, IReadOnlyCollection<string>? controllers = null)
    {
        var tasks = new List<string>();
        string? unified = null;
        foreach (var (mount, dir) in directories)
        {
            bool below = sub is not null && (controllers is null || mount.Controllers.Intersect(controllers).Any());
            string target = below ? CgroupManager.Below(dir, sub) : dir;
            if (!Directory.Exists(target))
                continue;
            if (mount.IsV2)
                unified = target;
            else
                tasks.Add(Path.Combine(target, "tasks"));
        }
        return new CgroupPlacement(tasks, unified);
    }

    public void Update(LinuxResources resources, Spec spec)
    {
        CgroupApply.Apply(ResourcePlan.ForV1(resources, CgroupProbe.ReadV1(DirectoryOf)), DirectoryOf);
        if (resources.Devices is not null)
            WriteDeviceRules(spec);
    }

    // The v1 freezer: FREEZING may last a while (a task in uninterruptible sleep keeps it there), so the state is
    // written again until it is what was asked, as runc does.
    public void Freeze() => SetFreezer("FROZEN");
    public void Thaw() => SetFreezer("THAWED");

    public bool IsFrozen() => FreezerState() is { } file && File.ReadAllText(file).Trim() == "FROZEN";

    public IReadOnlyList<int> Pids() => CgroupManager.ReadPids(Path.Combine(directories.Values.First(), "cgroup.procs"));

    public void Signal(int signal)
    {
        foreach (int pid in Pids())
            Libc.Kill(pid, signal);
    }

    public void WriteStats(Utf8JsonWriter json) => CgroupStats.Write(json, DirectoryOf, v2: false);

    public ulong OomKills() => CgroupStats.OomKills(DirectoryOf("memory"), v2: false);

    private string? DirectoryOf(string controller) =>
        directories.Where(d => !d.Key.IsV2 && d.Key.Controllers.Contains(controller)).Select(d => d.Value).FirstOrDefault();

    private void WriteDeviceRules(Spec spec)
    {
        if (DirectoryOf("devices") is not { } dir)
            return;
        foreach (var (file, line) in DeviceRules.Plan(spec))
            File.WriteAllText(Path.Combine(dir, file), line);
    }

    private string? FreezerState() =>
        DirectoryOf("freezer") is { } dir && File.Exists(Path.Combine(dir, "freezer.state")) ? Path.Combine(dir, "freezer.state") : null;

    private void SetFreezer(string state)
    {
        string file = FreezerState() ?? throw new CgroupException("the container has no freezer cgroup");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            File.WriteAllText(file, state);
            if (File.ReadAllText(file).Trim() == state)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{file}: did not become {state}");
            Thread.Sleep(1);
        }
    }

    // A new v1 cpuset cgroup starts with empty cpus and mems, and the kernel refuses tasks until they are set.
    private static void InheritCpuset(string dir)
    {
        foreach (string file in new[] { "cpuset.cpus", "cpuset.mems" })
        {
            string path = Path.Combine(dir, file);
            if (File.Exists(path) && File.ReadAllText(path).Trim().Length == 0)
                File.WriteAllText(path, File.ReadAllText(Path.Combine(Path.GetDirectoryName(dir)!, file)).Trim());
        }
    }
}
