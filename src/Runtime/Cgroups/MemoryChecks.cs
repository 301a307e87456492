using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>Memory refusals common to v1 and v2.</summary>
internal static class MemoryChecks
{
    /// <summary>Kernel memory accounting limits were deprecated in 5.4 and removed in 6.0 (kmem.limit_in_bytes).
    /// runc since 1.0 only warns and ignores them; ocirt refuses them so a config never silently gets less isolation
    /// than it asked for.</summary>
    public static void RefuseKernelMemory(LinuxMemory m)
    {
        if (m.Kernel is not null)
            throw CgroupException.Field("memory.kernel", "kernel memory limits are obsolete and not supported");
        if (m.KernelTcp is not null)
            throw CgroupException.Field("memory.kernelTCP", "kernel memory limits are obsolete and not supported");
    }
}
