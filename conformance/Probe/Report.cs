using System.Text.Json.Serialization;

namespace OciConformance.Probe;

/// <summary>
/// What a container really got, as seen from inside it by <c>oci-probe report</c>. This file is the contract between
/// the probe (which fills it in) and the runner (which compiles the same file and reads it back): every field is
/// raw kernel truth, read from /proc, a syscall or the filesystem, with no interpretation the cases could disagree with.
/// </summary>
public sealed class Report
{
    public int Pid { get; set; }
    public int Ppid { get; set; }

    /// <summary>argv of the probe, argv[0] included.</summary>
    public List<string> Args { get; set; } = [];
    public List<string> Env { get; set; } = [];
    public string Cwd { get; set; } = "";

    /// <summary>Namespace name (cgroup, ipc, mnt, net, pid, time, user, uts) to its /proc/self/ns link ("net:[4026531840]").</summary>
    public Dictionary<string, string> Namespaces { get; set; } = [];

    public string Hostname { get; set; } = "";
    public string Domainname { get; set; } = "";

    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public uint Euid { get; set; }
    public uint Egid { get; set; }
    /// <summary>Supplementary groups (getgroups).</summary>
    public List<uint> Groups { get; set; } = [];
    /// <summary>The umask, read with umask(2) and put back.</summary>
    public uint Umask { get; set; }

    /// <summary>Capability set name (bounding, effective, inheritable, permitted, ambient) to capability names ("CAP_CHOWN").</summary>
    public Dictionary<string, List<string>> Capabilities { get; set; } = [];

    /// <summary>RLIMIT_* name to its limits (getrlimit; RLIM_INFINITY as ulong.MaxValue).</summary>
    public Dictionary<string, Rlimit> Rlimits { get; set; } = [];

    public bool NoNewPrivileges { get; set; }
    /// <summary>The "Seccomp:" line of /proc/self/status: 0 disabled, 1 strict, 2 filter.</summary>
    public int SeccompMode { get; set; }
    public int OomScoreAdj { get; set; }
    /// <summary>personality(0xffffffff).</summary>
    public uint Personality { get; set; }
    /// <summary>/proc/self/attr/current, or null when unreadable.</summary>
    public string? SecurityLabel { get; set; }

    /// <summary>Lines of /proc/self/cgroup.</summary>
    public List<string> Cgroups { get; set; } = [];
    /// <summary>/proc/self/timens_offsets, or null when the kernel has no time namespaces.</summary>
    public string? TimeOffsets { get; set; }

    /// <summary>/proc/self/mountinfo, parsed.</summary>
    public List<MountEntry> Mounts { get; set; } = [];
    /// <summary>statvfs("/") has ST_RDONLY.</summary>
    public bool RootReadonly { get; set; }

    /// <summary>Everything under /dev (recursively, not following links, not into mounted filesystems' deep trees beyond 3 levels).</summary>
    public List<PathInfo> Devices { get; set; } = [];

    /// <summary>Each path asked for with --path, in order.</summary>
    public List<PathInfo> Paths { get; set; } = [];

    public bool StdinIsTty { get; set; }
    public bool StdoutIsTty { get; set; }

    /// <summary>
    /// What the probe could not read, one line each ("personality: EPERM", "/proc/self/status: EACCES"): the field it
    /// would have filled keeps its default (null, empty, 0). Empty when everything was read; an absence that is an
    /// answer (no LSM label, no time namespaces, a namespace type the kernel lacks) is not listed.
    /// </summary>
    public List<string> Errors { get; set; } = [];
}

public sealed class Rlimit
{
    public ulong Soft { get; set; }
    public ulong Hard { get; set; }
}

/// <summary>One line of /proc/self/mountinfo.</summary>
public sealed class MountEntry
{
    public int Id { get; set; }
    public int Parent { get; set; }
    /// <summary>"major:minor" of the filesystem.</summary>
    public string Device { get; set; } = "";
    /// <summary>The root of the mount within its filesystem.</summary>
    public string Root { get; set; } = "";
    public string MountPoint { get; set; } = "";
    /// <summary>Per-mount options, split ("ro", "nosuid", "relatime"...).</summary>
    public List<string> Options { get; set; } = [];
    /// <summary>Optional fields ("shared:12", "master:3", "unbindable"); none means private.</summary>
    public List<string> Optional { get; set; } = [];
    public string FsType { get; set; } = "";
    public string Source { get; set; } = "";
    /// <summary>Per-superblock options, split.</summary>
    public List<string> SuperOptions { get; set; } = [];
}

/// <summary>What the probe found at one path (lstat, then tries to read and to write without changing anything).</summary>
public sealed class PathInfo
{
    public string Path { get; set; } = "";
    public bool Exists { get; set; }
    /// <summary>"file", "dir", "symlink", "char", "block", "fifo", "socket"; "" when missing.</summary>
    public string Type { get; set; } = "";
    /// <summary>Permission bits (mode &amp; 07777).</summary>
    public uint Mode { get; set; }
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    /// <summary>For char/block devices: st_rdev's major and minor.</summary>
    public uint Major { get; set; }
    public uint Minor { get; set; }
    public long Size { get; set; }
    public string? LinkTarget { get; set; }
    /// <summary>First 4096 bytes of a file (UTF-8, invalid bytes replaced) when it could be read; for a dir, its entry names.</summary>
    public string? Content { get; set; }
    public List<string>? Entries { get; set; }
    /// <summary>errno name ("EACCES", "EROFS"...) of the failed read (open O_RDONLY + read, or opendir), null when it worked.</summary>
    public string? ReadError { get; set; }
    /// <summary>
    /// errno name of the failed write attempt, null when writing worked. Files: open(O_WRONLY) without O_TRUNC, closed
    /// again (nothing is written). Dirs: create and remove a uniquely named file inside. Devices are not tried.
    /// </summary>
    public string? WriteError { get; set; }
    /// <summary>statfs f_type of the filesystem holding the path, as hex ("0x1021994" is tmpfs).</summary>
    public string? FsMagic { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(Report))]
public sealed partial class ReportJson : JsonSerializerContext;
