using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>cpuset.cpus then cpuset.mems, each only when non-empty: the same files and order on v1 and v2 (runc
/// fs/cpuset.go, fs2/cpuset.go). The list syntax is the kernel's to check; it answers EINVAL naming the file.</summary>
internal static class CpusetWrites
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r, string controller)
    {
        var writes = new List<CgroupWrite>();
        if (!string.IsNullOrEmpty(r.Cpu?.Cpus))
            writes.Add(new(controller, "cpuset.cpus", r.Cpu.Cpus));
        if (!string.IsNullOrEmpty(r.Cpu?.Mems))
            writes.Add(new(controller, "cpuset.mems", r.Cpu.Mems));
        return writes;
    }
}
