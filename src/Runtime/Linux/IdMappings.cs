using System.Globalization;
using System.Text;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>Writes a new user namespace's uid_map and gid_map from the parent, after the init was cloned and before
/// it goes on (the constructor waits for "go"). Root writes the files; anyone else can only map their own ids
/// alone, so wider maps go through newuidmap/newgidmap (shadow's setuid helpers, driven by /etc/subuid).</summary>
internal static class IdMappings
{
    public static string Format(IReadOnlyList<LinuxIdMapping> mappings)
    {
        var text = new StringBuilder();
        foreach (var m in mappings)
            text.Append(CultureInfo.InvariantCulture, $"{m.ContainerId} {m.HostId} {m.Size}\n");
        return text.ToString();
    }

    public static void Write(int pid, IReadOnlyList<LinuxIdMapping>? uids, IReadOnlyList<LinuxIdMapping>? gids, bool isRoot)
    {
        string proc = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}";
        if (isRoot || !NeedsHelper(uids) && !NeedsHelper(gids))
        {
            // An unprivileged writer must deny setgroups before it may write gid_map (user_namespaces(7)).
            if (!isRoot && gids is { Count: > 0 })
                File.WriteAllText($"{proc}/setgroups", "deny");
            if (uids is { Count: > 0 })
                File.WriteAllText($"{proc}/uid_map", Format(uids));
            if (gids is { Count: > 0 })
                File.WriteAllText($"{proc}/gid_map", Format(gids));
            return;
        }
        RunHelper("newuidmap", pid, uids ?? []);
        RunHelper("newgidmap", pid, gids ?? []);
    }

    /// <summary>The host uid and gid that are root inside the container: its mappings' images of 0 when it gets a
    /// new user namespace, else 0.</summary>
    public static (uint Uid, uint Gid) HostRoot(Spec spec)
    {
        bool newUserNamespace = spec.Linux?.Namespaces?.Any(n => n.Type == "user" && string.IsNullOrEmpty(n.Path)) == true;
        if (!newUserNamespace)
            return (0, 0);
        return (HostIdOf(spec.Linux?.UidMappings, 0), HostIdOf(spec.Linux?.GidMappings, 0));
    }

    private static uint HostIdOf(IReadOnlyList<LinuxIdMapping>? mappings, uint containerId)
    {
        foreach (var m in mappings ?? [])
            if (containerId >= m.ContainerId && containerId - m.ContainerId < m.Size)
                return m.HostId + (containerId - m.ContainerId);
        return 65534; // unmapped: the kernel's overflow id
    }

    private static bool NeedsHelper(IReadOnlyList<LinuxIdMapping>? maps) => maps is { Count: > 1 } || maps is [{ Size: > 1 }];

    private static void RunHelper(string helper, int pid, IReadOnlyList<LinuxIdMapping> maps)
    {
        if (maps.Count == 0)
            return;
        var args = new List<string> { pid.ToString(CultureInfo.InvariantCulture) };
        foreach (var m in maps)
            args.AddRange([m.ContainerId.ToString(CultureInfo.InvariantCulture), m.HostId.ToString(CultureInfo.InvariantCulture), m.Size.ToString(CultureInfo.InvariantCulture)]);
        var result = Command.Run($"/usr/bin/{helper}", [helper, .. args], []);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{helper} {string.Join(' ', args)}: {result.Stderr}");
    }
}
