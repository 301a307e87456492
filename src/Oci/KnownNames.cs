using System.Collections.Frozen;

namespace OciRuntime.Oci;

/// <summary>Namespace type strings of <c>linux.namespaces[].type</c>.</summary>
public static class LinuxNamespaceType
{
    public const string Pid = "pid";
    public const string Network = "network";
    public const string Mount = "mount";
    public const string Ipc = "ipc";
    public const string Uts = "uts";
    public const string User = "user";
    public const string Cgroup = "cgroup";
    public const string Time = "time";
}

/// <summary>
/// The closed sets of names the runtime-spec (v1.3.0) and the kernel define. The validator rejects
/// anything else; the lists are in the order the spec (or the kernel header) gives them, so that the
/// <c>features</c> command can print them as they are.
/// </summary>
public static class KnownNames
{
    public static IReadOnlyList<string> Namespaces { get; } =
    [
        LinuxNamespaceType.Pid, LinuxNamespaceType.Network, LinuxNamespaceType.Mount, LinuxNamespaceType.Ipc,
        LinuxNamespaceType.Uts, LinuxNamespaceType.User, LinuxNamespaceType.Cgroup, LinuxNamespaceType.Time,
    ];

    /// <summary>All 41 capabilities of linux/capability.h, in bit order (CAP_CHOWN = 0 ... CAP_CHECKPOINT_RESTORE = 40).</summary>
    public static IReadOnlyList<string> Capabilities { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>setrlimit(2) resources, in asm-generic/resource.h order.</summary>
    public static IReadOnlyList<string> Rlimits { get; } =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
        "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
        "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    public static IReadOnlyList<string> HookNames { get; } =
        ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"];

    public static IReadOnlyList<string> SeccompActions { get; } =
    [
        "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO",
        "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY",
    ];

    public static IReadOnlyList<string> SeccompOperators { get; } =
    [
        "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT",
        "SCMP_CMP_MASKED_EQ",
    ];

    public static IReadOnlyList<string> SeccompArchitectures { get; } =
    [
        "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
        "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64",
        "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390",
        "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64",
        "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_SH", "SCMP_ARCH_SHEB",
    ];

    public static IReadOnlyList<string> SeccompFlags { get; } =
    [
        "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
        "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
    ];

    public static IReadOnlyList<string> SchedulerPolicies { get; } =
        ["SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO", "SCHED_IDLE", "SCHED_DEADLINE"];

    public static IReadOnlyList<string> SchedulerFlags { get; } =
    [
        "SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_POLICY",
        "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MAX",
    ];

    public static IReadOnlyList<string> IOPriorityClasses { get; } =
        ["IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"];

    public static IReadOnlyList<string> MemoryPolicyModes { get; } =
    [
        "MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED",
        "MPOL_PREFERRED_MANY", "MPOL_LOCAL",
    ];

    public static IReadOnlyList<string> MemoryPolicyFlags { get; } =
        ["MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES"];

    public static IReadOnlyList<string> PersonalityDomains { get; } = ["LINUX", "LINUX32"];

    /// <summary>The spec names the first four; runc also takes the recursive forms.</summary>
    public static IReadOnlyList<string> RootfsPropagations { get; } =
        ["shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate", "runbindable"];

    /// <summary>Clocks a time namespace can offset (time_namespaces(7)).</summary>
    public static IReadOnlyList<string> TimeNamespaceClocks { get; } = ["monotonic", "boottime"];

    internal static readonly FrozenSet<string> NamespaceSet = Set(Namespaces);
    internal static readonly FrozenSet<string> CapabilitySet = Set(Capabilities);
    internal static readonly FrozenSet<string> RlimitSet = Set(Rlimits);
    internal static readonly FrozenSet<string> SeccompActionSet = Set(SeccompActions);
    internal static readonly FrozenSet<string> SeccompOperatorSet = Set(SeccompOperators);
    internal static readonly FrozenSet<string> SeccompArchitectureSet = Set(SeccompArchitectures);
    internal static readonly FrozenSet<string> SeccompFlagSet = Set(SeccompFlags);
    internal static readonly FrozenSet<string> SchedulerPolicySet = Set(SchedulerPolicies);
    internal static readonly FrozenSet<string> SchedulerFlagSet = Set(SchedulerFlags);
    internal static readonly FrozenSet<string> IOPriorityClassSet = Set(IOPriorityClasses);
    internal static readonly FrozenSet<string> MemoryPolicyModeSet = Set(MemoryPolicyModes);
    internal static readonly FrozenSet<string> MemoryPolicyFlagSet = Set(MemoryPolicyFlags);
    internal static readonly FrozenSet<string> PersonalityDomainSet = Set(PersonalityDomains);
    internal static readonly FrozenSet<string> RootfsPropagationSet = Set(RootfsPropagations);
    internal static readonly FrozenSet<string> TimeNamespaceClockSet = Set(TimeNamespaceClocks);

    private static FrozenSet<string> Set(IReadOnlyList<string> names) => names.ToFrozenSet(StringComparer.Ordinal);
}
