namespace OciRuntime.Cgroups;

/// <summary>Freezing a container's cgroup: the v1 freezer controller (freezer.state FROZEN/THAWED, FREEZING while
/// in progress) or v2's cgroup.freeze (with "frozen 1" in cgroup.events once done). Freeze waits until the kernel
/// says every task is frozen, so `pause` returning means the processes really stopped running.</summary>
internal static class Freezer
{
    public static void Freeze(string? cgroupPath, IReadOnlyList<CgroupMount> mounts) => Set(cgroupPath, mounts, frozen: true);

    public static void Thaw(string? cgroupPath, IReadOnlyList<CgroupMount> mounts) => Set(cgroupPath, mounts, frozen: false);

    /// <summary>Whether the container's cgroup is frozen (a paused container).</summary>
    public static bool IsFrozen(string? cgroupPath, IReadOnlyList<CgroupMount> mounts)
    {
        var (file, v2) = StateFile(cgroupPath, mounts);
        if (file is null)
            return false;
        return v2 ? File.ReadAllText(file).Trim() == "1" : File.ReadAllText(file).Trim() == "FROZEN";
    }

    private static void Set(string? cgroupPath, IReadOnlyList<CgroupMount> mounts, bool frozen)
    {
        var (file, v2) = StateFile(cgroupPath, mounts);
        if (file is null)
            throw new InvalidOperationException("the container has no freezer cgroup");
        string value = v2 ? (frozen ? "1" : "0") : (frozen ? "FROZEN" : "THAWED");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        // v1 may report FREEZING for a while (and a task in uninterruptible sleep can keep it there): write again
        // until the state is what was asked, as runc does.
        while (true)
        {
            File.WriteAllText(file, value);
            if (Reached(file, v2, frozen))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{file}: did not become {value}");
            Thread.Sleep(1);
        }
    }

    private static bool Reached(string file, bool v2, bool frozen)
    {
        if (!v2)
            return File.ReadAllText(file).Trim() == (frozen ? "FROZEN" : "THAWED");
        string events = Path.Combine(Path.GetDirectoryName(file)!, "cgroup.events");
        return File.ReadLines(events).Any(l => l == (frozen ? "frozen 1" : "frozen 0"));
    }

    private static (string? File, bool V2) StateFile(string? cgroupPath, IReadOnlyList<CgroupMount> mounts)
    {
        if (cgroupPath is null)
            return (null, false);
        // On a hybrid host the v1 freezer is the one engines and runc use (and read back), so it comes first.
        foreach (var mount in mounts.Where(m => !m.IsV2 && m.Controllers.Contains("freezer")))
        {
            string state = Path.Combine(ContainerCgroup.DirectoryIn(mount, cgroupPath), "freezer.state");
            if (File.Exists(state))
                return (state, false);
        }
        foreach (var mount in mounts.Where(m => m.IsV2))
        {
            string freeze = Path.Combine(ContainerCgroup.DirectoryIn(mount, cgroupPath), "cgroup.freeze");
            if (File.Exists(freeze))
                return (freeze, true);
        }
        return (null, false);
    }
}
