using OciRuntime.Oci;
using OciRuntime.Rootfs;

namespace OciRuntime.Containers;

/// <summary>The `features` document: only what this build really does. A list is empty (not missing) when ocirt
/// supports none of its entries, so a caller never mistakes "not yet" for "unknown". It grows as features land;
/// the cgroup flags stay false until resource limits are applied (placement and device rules alone are not
/// cgroup support), seccomp until filters are loaded.</summary>
internal static class RuntimeFeatures
{
    public static Features Describe() => new()
    {
        OciVersionMin = "1.0.0",
        OciVersionMax = SpecVersion.Current,
        Hooks = [.. KnownNames.HookNames],
        // idmap/ridmap parse, but id-mapped mounts are refused at create: not claimed.
        MountOptions = [.. MountOptions.Known.Where(o => o is not ("idmap" or "ridmap"))],
        Linux = new LinuxFeatures
        {
            Namespaces = [.. KnownNames.Namespaces],
            Capabilities = [.. KnownNames.Capabilities],
            Cgroup = new CgroupFeatures { V1 = false, V2 = false, Systemd = false, SystemdUser = false, Rdma = false },
            Seccomp = new SeccompFeatures { Enabled = false },
            Apparmor = new EnabledFeature { Enabled = false },
            Selinux = new EnabledFeature { Enabled = false },
            IntelRdt = new IntelRdtFeatures { Enabled = false },
            MountExtensions = new MountExtensionsFeatures { IdMap = new EnabledFeature { Enabled = false } },
            NetDevices = new EnabledFeature { Enabled = false },
        },
        PotentiallyUnsafeConfigAnnotations = [],
    };
}
