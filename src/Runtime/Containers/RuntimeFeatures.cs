using OciRuntime.Oci;

namespace OciRuntime.Containers;

/// <summary>The `features` document: only what this build really does. A list is empty (not missing) when ocirt
/// supports none of its entries, so a caller never mistakes "not yet" for "unknown". It grows as features land.</summary>
internal static class RuntimeFeatures
{
    public static Features Describe() => new()
    {
        OciVersionMin = "1.0.0",
        OciVersionMax = SpecVersion.Current,
        Hooks = [],
        MountOptions = [],
        Linux = new LinuxFeatures
        {
            Namespaces = [],
            Capabilities = [],
            Cgroup = new CgroupFeatures { V1 = false, V2 = false, Systemd = false, SystemdUser = false, Rdma = false },
            Seccomp = new SeccompFeatures { Enabled = false },
            Apparmor = new EnabledFeature { Enabled = false },
            Selinux = new EnabledFeature { Enabled = false },
            IntelRdt = new IntelRdtFeatures { Enabled = false },
            MountExtensions = new MountExtensionsFeatures { IdMap = new EnabledFeature { Enabled = false } },
            NetDevices = new EnabledFeature { Enabled = false },
        },
        Annotations = new Dictionary<string, string>
        {
            ["org.opencontainers.runc.checkpoint.enabled"] = "false",
        },
        PotentiallyUnsafeConfigAnnotations = [],
    };
}
