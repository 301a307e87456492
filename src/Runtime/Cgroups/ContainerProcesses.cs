using System.Globalization;

namespace OciRuntime.Cgroups;

/// <summary>The processes of a container, read from its cgroup (every process it started is in it, exec'd ones
/// too): for `ps` and `kill --all`.</summary>
internal static class ContainerProcesses
{
    /// <summary>The pids in the container's cgroup, from the first hierarchy that has it (v2, or any v1 controller:
    /// every v1 hierarchy holds the same processes for a container ocirt placed).</summary>
    public static IReadOnlyList<int> Pids(string? cgroupPath, IReadOnlyList<CgroupMount> mounts)
    {
        if (cgroupPath is null)
            return [];
        foreach (var mount in mounts.OrderByDescending(m => m.IsV2))
        {
            string procs = Path.Combine(ContainerCgroup.DirectoryIn(mount, cgroupPath), "cgroup.procs");
            if (!File.Exists(procs))
                continue;
            var pids = new List<int>();
            foreach (string line in File.ReadAllLines(procs))
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                    pids.Add(pid);
            pids.Sort();
            return pids;
        }
        return [];
    }

    /// <summary>The container's cgroup.kill on a pure v2 host (kernel 5.14+), or null.</summary>
    public static string? KillFile(string? cgroupPath, IReadOnlyList<CgroupMount> mounts)
    {
        if (cgroupPath is null || mounts.Count == 0 || !mounts.All(m => m.IsV2))
            return null;
        string file = Path.Combine(ContainerCgroup.DirectoryIn(mounts[0], cgroupPath), "cgroup.kill");
        return File.Exists(file) ? file : null;
    }
}
