namespace OciRuntime.Oci;

public static partial class SpecValidator
{
    private static void CheckLinux(Findings findings, Linux linux, NamespaceSet namespaces)
    {
        CheckNamespaces(findings, linux.Namespaces);
        CheckUserNamespace(findings, linux, namespaces);
        CheckTimeNamespace(findings, linux.TimeOffsets, namespaces);
        CheckSysctl(findings, linux.Sysctl, namespaces);
        CheckDevices(findings, linux.Devices);
        CheckNetDevices(findings, linux.NetDevices, namespaces);

        if (!string.IsNullOrEmpty(linux.RootfsPropagation) && !KnownNames.RootfsPropagationSet.Contains(linux.RootfsPropagation))
            findings.Error("linux.rootfsPropagation", $"unknown propagation {Quote(linux.RootfsPropagation)}");

        // config-linux.md: both lists MUST hold absolute paths; runc needs a mount namespace to apply them.
        CheckPathList(findings, linux.MaskedPaths, "linux.maskedPaths", namespaces);
        CheckPathList(findings, linux.ReadonlyPaths, "linux.readonlyPaths", namespaces);

        CheckCgroupsPath(findings, linux.CgroupsPath);
        if (linux.Resources is not null)
            CheckResources(findings, linux.Resources, "linux.resources");
        if (linux.Seccomp is not null)
            CheckSeccomp(findings, linux.Seccomp, "linux.seccomp");
        if (linux.IntelRdt is not null)
            CheckIntelRdt(findings, linux.IntelRdt, "linux.intelRdt");
        if (linux.MemoryPolicy is not null)
            CheckMemoryPolicy(findings, linux.MemoryPolicy, "linux.memoryPolicy");
        if (linux.Personality is not null)
            CheckPersonality(findings, linux.Personality, "linux.personality");
    }

    // config-linux.md: duplicated types MUST be an error; path MUST be absolute.
    private static void CheckNamespaces(Findings findings, List<LinuxNamespace>? namespaces)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (namespaces?.Count ?? 0); i++)
        {
            LinuxNamespace ns = namespaces![i];
            string path = $"linux.namespaces[{i}]";
            if (!KnownNames.NamespaceSet.Contains(ns.Type))
                findings.Error($"{path}.type", $"unknown namespace {Quote(ns.Type)}");
            else if (!seen.Add(ns.Type))
                findings.Error($"{path}.type", $"duplicate namespace {Quote(ns.Type)}");
            if (ns.Path is not null && !ns.Path.StartsWith('/'))
                findings.Error($"{path}.path", $"must be absolute, got {Quote(ns.Path)}");
        }
    }

    // runc: mappings need a user namespace; a new one needs mappings; a joined one must not get any.
    private static void CheckUserNamespace(Findings findings, Linux linux, NamespaceSet namespaces)
    {
        bool hasUid = linux.UidMappings is { Count: > 0 }, hasGid = linux.GidMappings is { Count: > 0 };
        if (!namespaces.Has(LinuxNamespaceType.User))
        {
            if (hasUid)
                findings.Error("linux.uidMappings", "requires a user namespace");
            if (hasGid)
                findings.Error("linux.gidMappings", "requires a user namespace");
        }
        else if (namespaces.JoinedAt(LinuxNamespaceType.User) >= 0)
        {
            // A joined namespace already has its maps; mappings given too describe them (runc accepts this and
            // uses them to know who root is), so they are not an error.
        }
        else if (!hasUid && !hasGid)
        {
            findings.Error("linux", "a new user namespace needs uidMappings and gidMappings");
        }

        CheckIdMappings(findings, linux.UidMappings, "linux.uidMappings");
        CheckIdMappings(findings, linux.GidMappings, "linux.gidMappings");
    }

    private static void CheckTimeNamespace(Findings findings, Dictionary<string, LinuxTimeOffset>? offsets, NamespaceSet namespaces)
    {
        if (offsets is null || offsets.Count == 0)
            return;

        if (!namespaces.Has(LinuxNamespaceType.Time))
            findings.Error("linux.timeOffsets", "requires a time namespace");
        else if (namespaces.JoinedAt(LinuxNamespaceType.Time) is var joined and >= 0)
            findings.Error("linux.timeOffsets", $"cannot be combined with joining the time namespace of linux.namespaces[{joined}].path");

        foreach ((string clock, LinuxTimeOffset offset) in offsets)
        {
            string path = $"linux.timeOffsets['{clock}']";
            if (!KnownNames.TimeNamespaceClockSet.Contains(clock))
                findings.Error(path, $"unknown clock {Quote(clock)} (a time namespace offsets only monotonic and boottime)");
            if (offset.Nanosecs >= 1_000_000_000)
                findings.Error($"{path}.nanosecs", "must be less than 1000000000");
        }
    }

    private static readonly HashSet<string> IpcSysctls = new(StringComparer.Ordinal)
    {
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
        "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
    };

    // /proc/sys is only partly namespaced; runc allows exactly these, by the namespace that owns them.
    private static void CheckSysctl(Findings findings, Dictionary<string, string>? sysctl, NamespaceSet namespaces)
    {
        foreach (string key in sysctl?.Keys ?? Enumerable.Empty<string>())
        {
            string name = DotSeparated(key);
            string path = $"linux.sysctl['{key}']";
            if (IpcSysctls.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal))
            {
                if (!namespaces.Has(LinuxNamespaceType.Ipc))
                    findings.Error(path, "requires an ipc namespace");
            }
            else if (name.StartsWith("net.", StringComparison.Ordinal))
            {
                if (!namespaces.Has(LinuxNamespaceType.Network))
                    findings.Error(path, "requires a network namespace");
            }
            else if (name == "kernel.hostname" && namespaces.Has(LinuxNamespaceType.Uts))
            {
                findings.Error(path, "conflicts with the hostname field; set that instead");
            }
            else if (!(name == "kernel.domainname" && namespaces.Has(LinuxNamespaceType.Uts)))
            {
                findings.Error(path, "is not namespaced by any namespace the container has");
            }
        }
    }

    /// <summary>sysctl(8) also takes '/' as the separator, in which case a '.' belongs to a name part.</summary>
    private static string DotSeparated(string key)
    {
        int first = key.IndexOfAny(['.', '/']);
        if (first < 0 || key[first] == '.')
            return key;
        return string.Create(key.Length, key, static (span, k) =>
        {
            for (int i = 0; i < k.Length; i++)
                span[i] = k[i] switch { '/' => '.', '.' => '/', var c => c };
        });
    }

    // config-linux.md: type is c, b, u or p; major and minor are REQUIRED unless it is p.
    private static void CheckDevices(Findings findings, List<LinuxDevice>? devices)
    {
        for (int i = 0; i < (devices?.Count ?? 0); i++)
        {
            LinuxDevice device = devices![i];
            string path = $"linux.devices[{i}]";
            CheckAbsolute(findings, $"{path}.path", device.Path);
            if (device.Type is not ("c" or "b" or "u" or "p"))
            {
                findings.Error($"{path}.type", $"unknown device type {Quote(device.Type)} (one of c, b, u, p)");
            }
            else if (device.Type != "p")
            {
                if (device.Major is null)
                    findings.Error($"{path}.major", $"required for type {Quote(device.Type)}");
                if (device.Minor is null)
                    findings.Error($"{path}.minor", $"required for type {Quote(device.Type)}");
            }
        }
    }

    private static void CheckNetDevices(Findings findings, Dictionary<string, LinuxNetDevice>? devices, NamespaceSet namespaces)
    {
        if (devices is null || devices.Count == 0)
            return;

        if (!namespaces.Has(LinuxNamespaceType.Network))
            findings.Error("linux.netDevices", "requires a network namespace");
        foreach ((string hostName, LinuxNetDevice device) in devices)
        {
            string path = $"linux.netDevices['{hostName}']";
            if (!IsInterfaceName(hostName))
                findings.Error(path, $"invalid interface name {Quote(hostName)}");
            if (device.Name is { Length: > 0 } name && !IsInterfaceName(name))
                findings.Error($"{path}.name", $"invalid interface name {Quote(name)}");
        }
    }

    /// <summary>The kernel's dev_valid_name(): under IFNAMSIZ (16) bytes, not "." or "..", no '/', ':' or space.</summary>
    private static bool IsInterfaceName(string name) =>
        name.Length is > 0 and < 16 && name is not ("." or "..")
        && !name.Any(c => c is '/' or ':' or '\0' || char.IsWhiteSpace(c));

    private static void CheckPathList(Findings findings, List<string>? paths, string path, NamespaceSet namespaces)
    {
        if (paths is null || paths.Count == 0)
            return;

        if (!namespaces.Has(LinuxNamespaceType.Mount))
            findings.Error(path, "requires a mount namespace");
        for (int i = 0; i < paths.Count; i++)
        {
            if (paths[i] is not { } entry || !entry.StartsWith('/'))
                findings.Error($"{path}[{i}]", $"must be absolute, got {Quote(paths[i])}");
        }
    }

    // config-linux.md allows any absolute or relative path; with systemd, runc and crun read
    // "slice:prefix:name". Only the shape is checked: which form is required depends on the
    // cgroup manager the runtime was asked for.
    private static void CheckCgroupsPath(Findings findings, string? cgroupsPath)
    {
        if (string.IsNullOrEmpty(cgroupsPath))
            return;

        if (cgroupsPath.Contains('\0'))
        {
            findings.Error("linux.cgroupsPath", "contains a NUL byte");
            return;
        }
        if (cgroupsPath.StartsWith('/') || !cgroupsPath.Contains(':'))
            return;

        string[] parts = cgroupsPath.Split(':');
        bool shaped = parts.Length == 3
            && (parts[0].Length == 0 || parts[0].EndsWith(".slice", StringComparison.Ordinal))
            && !parts[0].Contains('/') && parts[2].Length > 0 && !parts[2].Contains('/');
        if (!shaped)
            findings.Error("linux.cgroupsPath", $"{Quote(cgroupsPath)} is neither a path nor systemd's \"slice:prefix:name\"");
    }

    private static void CheckIntelRdt(Findings findings, LinuxIntelRdt rdt, string path)
    {
        // The CLOS id names a directory under /sys/fs/resctrl (runc's check).
        if (rdt.ClosId is "." or ".." || rdt.ClosId?.Contains('/') == true)
            findings.Error($"{path}.closID", $"{Quote(rdt.ClosId)} is not a valid directory name");
        if (!string.IsNullOrEmpty(rdt.MemBwSchema))
        {
            if (!rdt.MemBwSchema.StartsWith("MB:", StringComparison.Ordinal))
                findings.Error($"{path}.memBwSchema", "must start with \"MB:\"");
            if (rdt.MemBwSchema.Contains('\n'))
                findings.Error($"{path}.memBwSchema", "must not contain newlines");
        }
    }

    private static void CheckMemoryPolicy(Findings findings, LinuxMemoryPolicy policy, string path)
    {
        string mode = policy.Mode;
        if (string.IsNullOrEmpty(mode))
            findings.Error($"{path}.mode", "required");
        else if (!KnownNames.MemoryPolicyModeSet.Contains(mode))
            findings.Error($"{path}.mode", $"unknown memory policy mode {Quote(mode)}");

        bool hasNodes = !string.IsNullOrEmpty(policy.Nodes);
        if (hasNodes && !IsIdList(policy.Nodes))
            findings.Error($"{path}.nodes", $"{Quote(policy.Nodes)} is not a node list such as \"0-3,7\"");
        // set_mempolicy(2): DEFAULT and LOCAL take no nodes; these four need at least one.
        if (mode is "MPOL_DEFAULT" or "MPOL_LOCAL" && hasNodes)
            findings.Error($"{path}.nodes", $"must be empty for {mode}");
        if (mode is "MPOL_BIND" or "MPOL_INTERLEAVE" or "MPOL_WEIGHTED_INTERLEAVE" or "MPOL_PREFERRED_MANY" && !hasNodes)
            findings.Error($"{path}.nodes", $"required for {mode}");

        List<string> flags = policy.Flags ?? [];
        for (int i = 0; i < flags.Count; i++)
        {
            if (!KnownNames.MemoryPolicyFlagSet.Contains(flags[i] ?? ""))
                findings.Error($"{path}.flags[{i}]", $"unknown memory policy flag {Quote(flags[i])}");
        }
        if (flags.Contains("MPOL_F_STATIC_NODES") && flags.Contains("MPOL_F_RELATIVE_NODES"))
            findings.Error($"{path}.flags", "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other");
    }

    private static void CheckPersonality(Findings findings, LinuxPersonality personality, string path)
    {
        if (!KnownNames.PersonalityDomainSet.Contains(personality.Domain))
            findings.Error($"{path}.domain", $"unknown personality domain {Quote(personality.Domain)} (LINUX or LINUX32)");
        for (int i = 0; i < (personality.Flags?.Count ?? 0); i++)
            findings.Error($"{path}.flags[{i}]", $"unknown personality flag {Quote(personality.Flags![i])} (none are defined)");
    }
}
