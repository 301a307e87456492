using OciRuntime.Oci;

namespace OciRuntime.Containers;

/// <summary>Fields ocirt cannot honour yet are refused at create, naming the field: no container ever runs with
/// less isolation than its config asked for. Entries leave this list as the features land.</summary>
internal static class Unsupported
{
    public static void Check(Spec spec)
    {
        var linux = spec.Linux;
        Refuse(linux?.Seccomp is not null, "linux.seccomp", "seccomp");
        Refuse(linux?.IntelRdt is not null, "linux.intelRdt", "Intel RDT");
        Refuse(linux?.NetDevices is { Count: > 0 }, "linux.netDevices", "network device moves");
        Refuse(linux?.MemoryPolicy is not null, "linux.memoryPolicy", "memory policies");
        Refuse(!string.IsNullOrEmpty(linux?.MountLabel), "linux.mountLabel", "SELinux mount labels");
        Refuse(spec.Process?.ExecCpuAffinity is not null, "process.execCPUAffinity", "exec CPU affinity");
        for (int i = 0; i < (spec.Mounts?.Count ?? 0); i++)
        {
            var mount = spec.Mounts![i];
            Refuse(mount.UidMappings is { Count: > 0 } || mount.GidMappings is { Count: > 0 }, $"mounts[{i}].uidMappings", "id-mapped mounts");
        }
    }

    private static void Refuse(bool present, string field, string what)
    {
        if (present)
            throw new ContainerException($"{field}: {what} not supported by ocirt yet");
    }
}
