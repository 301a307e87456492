using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 net_prio controller (runc libcontainer/cgroups/fs/net_prio.go; kernel cgroup-v1/net_prio.rst):
/// one "ifname priority" line per interface to net_prio.ifpriomap, in the spec's order.</summary>
internal static class NetPrioV1
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r)
    {
        var writes = new List<CgroupWrite>();
        foreach (var p in r.Network?.Priorities ?? [])
        {
            // The name is a token of the line: a space or newline in it would write a different interface's entry.
            if (p.Name.Length == 0 || p.Name.Any(ch => char.IsWhiteSpace(ch) || ch == '/'))
                throw CgroupException.Field("network.priorities", $"invalid interface name \"{p.Name}\"");
            writes.Add(new("net_prio", "net_prio.ifpriomap", $"{p.Name} {CgroupFormat.UInt(p.Priority)}"));
        }
        return writes;
    }
}
