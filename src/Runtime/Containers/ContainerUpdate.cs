using OciRuntime.Cgroups;
using OciRuntime.Oci;

namespace OciRuntime.Containers;

/// <summary>`update`: validate the new resources, apply them to the live cgroup, and keep them in the stored spec so
/// later commands (and a later update) start from what is in force.</summary>
internal static class ContainerUpdate
{
    public static void Update(Container container, LinuxResources resources)
    {
        var errors = SpecValidator.ValidateResources(resources);
        if (errors.Count > 0)
            throw new InvalidSpecException(string.Join("; ", errors));
        using var held = container.Store.Lock(container.Id);
        if (container.Status() == ContainerStatus.Stopped)
            throw new ContainerException("container not running");
        var spec = SpecStore.Load(container.Directory);
        spec.Linux ??= new Oci.Linux();
        spec.Linux.Resources = Merge(spec.Linux.Resources, resources);
        CgroupManager.For(container.Record.CgroupPath).Update(resources, spec);
        SpecStore.Save(container.Directory, spec);
    }

    // Sections the update sets replace the stored ones; the others stay.
    private static LinuxResources Merge(LinuxResources? stored, LinuxResources update)
    {
        var merged = stored ?? new LinuxResources();
        merged.Memory = update.Memory ?? merged.Memory;
        merged.Cpu = update.Cpu ?? merged.Cpu;
        merged.Pids = update.Pids ?? merged.Pids;
        merged.BlockIO = update.BlockIO ?? merged.BlockIO;
        merged.HugepageLimits = update.HugepageLimits ?? merged.HugepageLimits;
        merged.Network = update.Network ?? merged.Network;
        merged.Rdma = update.Rdma ?? merged.Rdma;
        merged.Unified = update.Unified ?? merged.Unified;
        merged.Devices = update.Devices ?? merged.Devices;
        return merged;
    }
}
