using OciRuntime.Oci;
using OciRuntime.Rootfs;

namespace OciRuntime.Containers;

/// <summary>The `features` document: only what this build really does. A list is empty (not missing) when ocirt
/// supports none of its entries, so a caller never mistakes "not yet" for "unknown". It grows as features land:
/// cgroup v1 and v2 limits and device rules are applied (v2 devices through eBPF); the systemd driver and rdma
/// (planned, never tried on hardware here) are not claimed, nor is seccomp until filters are loaded.</summary>
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
            Cgroup = new CgroupFeatures { V1 = true, V2 = true, Systemd = false, SystemdUser = false, Rdma = false },
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
