using System.Globalization;
using System.Text;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>The namespaces a container gets, as the constructor in Native/nsexec.c needs them: clone flags for the
/// ones to create, (flag, path) pairs for the ones to join. A pure function of the spec.</summary>
internal sealed record NamespacePlan(ulong CloneFlags, IReadOnlyList<(ulong Flag, string Path)> Joins)
{
    public bool Creates(ulong flag) => (CloneFlags & flag) != 0;

    public bool Has(ulong flag) => Creates(flag) || Joins.Any(j => j.Flag == flag);
}

internal static class Namespaces
{
    public const ulong CLONE_NEWTIME = 0x80;
    public const ulong CLONE_NEWNS = 0x20000;
    public const ulong CLONE_NEWCGROUP = 0x2000000;
    public const ulong CLONE_NEWUTS = 0x4000000;
    public const ulong CLONE_NEWIPC = 0x8000000;
    public const ulong CLONE_NEWUSER = 0x10000000;
    public const ulong CLONE_NEWPID = 0x20000000;
    public const ulong CLONE_NEWNET = 0x40000000;

    /// <summary>The spec's namespace type to its clone flag and its name under /proc/PID/ns.</summary>
    public static readonly IReadOnlyList<(string Type, ulong Flag, string ProcName)> All =
    [
        ("user", CLONE_NEWUSER, "user"),
        ("pid", CLONE_NEWPID, "pid"),
        ("network", CLONE_NEWNET, "net"),
        ("ipc", CLONE_NEWIPC, "ipc"),
        ("uts", CLONE_NEWUTS, "uts"),
        ("mount", CLONE_NEWNS, "mnt"),
        ("cgroup", CLONE_NEWCGROUP, "cgroup"),
        ("time", CLONE_NEWTIME, "time"),
    ];

    public static ulong FlagOf(string type) =>
        All.FirstOrDefault(n => n.Type == type).Flag is var flag and not 0
            ? flag
            : throw new ArgumentException($"unknown namespace \"{type}\"");

    /// <summary>The plan for a new container: namespaces without a path are created, the others joined.</summary>
    public static NamespacePlan ForCreate(Spec spec)
    {
        ulong clone = 0;
        var joins = new List<(ulong, string)>();
        foreach (var ns in spec.Linux?.Namespaces ?? [])
        {
            ulong flag = FlagOf(ns.Type);
            if (string.IsNullOrEmpty(ns.Path))
                clone |= flag;
            else
                joins.Add((flag, ns.Path));
        }
        return new NamespacePlan(clone, joins);
    }

    /// <summary>The plan for `exec`: join every namespace the container's init is in that differs from ours.</summary>
    public static NamespacePlan ForExec(int initPid, string procRoot = "/proc")
    {
        var joins = new List<(ulong, string)>();
        foreach (var (_, flag, procName) in All)
        {
            string theirs = $"{procRoot}/{initPid.ToString(CultureInfo.InvariantCulture)}/ns/{procName}";
            string ours = $"{procRoot}/self/ns/{procName}";
            // time: the init's own namespace is time_for_children of its creator, so compare the init's.
            string? target = ReadLink(theirs);
            if (target is null || target == ReadLink(ours))
                continue;
            joins.Add((flag, theirs));
        }
        return new NamespacePlan(0, joins);
    }

    /// <summary>The bootstrap text the constructor parses: "clone FLAGS", "join FLAG PATH", "timens CLOCK S NS",
    /// and where the new process goes: "cgroup-tasks PATH" per v1 tasks file, "cgroup-dir PATH" for the v2
    /// directory.</summary>
    public static string Bootstrap(NamespacePlan plan, IReadOnlyDictionary<string, LinuxTimeOffset>? timeOffsets,
        IReadOnlyList<string>? cgroupTasks = null, string? cgroupDirectory = null)
    {
        var text = new StringBuilder();
        text.Append("clone ").Append(plan.CloneFlags.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (flag, path) in plan.Joins)
            text.Append("join ").Append(flag.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(path).Append('\n');
        if (plan.Creates(CLONE_NEWTIME))
            foreach (var (clock, offset) in timeOffsets ?? new Dictionary<string, LinuxTimeOffset>())
                text.Append("timens ").Append(clock).Append(' ')
                    .Append(offset.Secs.ToString(CultureInfo.InvariantCulture)).Append(' ')
                    .Append(offset.Nanosecs.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (string tasks in cgroupTasks ?? [])
            text.Append("cgroup-tasks ").Append(tasks).Append('\n');
        if (cgroupDirectory is not null)
            text.Append("cgroup-dir ").Append(cgroupDirectory).Append('\n');
        return text.ToString();
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
