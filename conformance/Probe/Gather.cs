using System.Collections;
using System.Globalization;
using System.Text;

namespace OciConformance.Probe;

/// <summary>
/// Fills a <see cref="Report"/> from the kernel. Every part is read on its own: a part that fails leaves its field at
/// the default, adds a line to <see cref="Report.Errors"/>, and the rest of the report is still made.
/// </summary>
internal static unsafe class Gather
{
    // include/uapi/linux/capability.h, by bit number.
    private static readonly string[] CapabilityNames =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
        "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
        "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
        "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    // /proc/self/status line to Report.Capabilities key.
    private static readonly (string Line, string Set)[] CapabilitySets =
    [
        ("CapBnd", "bounding"), ("CapEff", "effective"), ("CapInh", "inheritable"), ("CapPrm", "permitted"),
        ("CapAmb", "ambient"),
    ];

    // include/uapi/asm-generic/resource.h, by resource number.
    private static readonly string[] RlimitNames =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    private static readonly string[] NamespaceNames = ["cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"];

    private const int PR_GET_NO_NEW_PRIVS = 39;
    private const ulong ST_RDONLY = 1;

    public static Report Report(IReadOnlyList<string> paths)
    {
        var report = new Report();
        var errors = report.Errors;
        Dictionary<string, string> status = [];

        Step(errors, "pid", () => { report.Pid = Libc.getpid(); report.Ppid = Libc.getppid(); });
        Step(errors, "args", () => report.Args = Args(errors));
        Step(errors, "env", () => report.Env = Env(errors));
        Step(errors, "cwd", () => report.Cwd = Cwd(errors));
        Step(errors, "namespaces", () => report.Namespaces = Namespaces(errors));
        Step(errors, "uname", () => Uname(report, errors));
        Step(errors, "ids", () =>
        {
            report.Uid = Libc.getuid();
            report.Gid = Libc.getgid();
            report.Euid = Libc.geteuid();
            report.Egid = Libc.getegid();
        });
        Step(errors, "groups", () => report.Groups = Groups(errors));
        Step(errors, "umask", () =>
        {
            // umask(2) can only be read by setting it: set 0, then put the old value straight back.
            uint mask = Libc.umask(0);
            Libc.umask(mask);
            report.Umask = mask;
        });
        Step(errors, "/proc/self/status", () => status = Status(errors));
        Step(errors, "capabilities", () => report.Capabilities = Capabilities(status, errors));
        Step(errors, "rlimits", () => report.Rlimits = Rlimits(errors));
        Step(errors, "noNewPrivileges", () => report.NoNewPrivileges = NoNewPrivileges(status, errors));
        Step(errors, "seccompMode", () =>
        {
            if (status.TryGetValue("Seccomp", out string? mode))
                report.SeccompMode = int.Parse(mode, CultureInfo.InvariantCulture);
            else
                errors.Add("seccompMode: no Seccomp line in /proc/self/status");
        });
        Step(errors, "oomScoreAdj", () =>
        {
            string? text = ReadProc("/proc/self/oom_score_adj", errors);
            if (text != null)
                report.OomScoreAdj = int.Parse(text.Trim(), CultureInfo.InvariantCulture);
        });
        Step(errors, "personality", () =>
        {
            int persona = Libc.personality(0xffffffff);
            if (persona == -1)
                errors.Add($"personality: {Libc.ErrnoName(Libc.Errno)}");
            else
                report.Personality = (uint)persona;
        });
        // EINVAL: no LSM with labels. SELinux ends a label with a NUL, AppArmor with a newline: neither is part of it.
        Step(errors, "securityLabel", () =>
            report.SecurityLabel = ReadProc("/proc/self/attr/current", errors, Libc.EINVAL)?.TrimEnd('\n', '\0'));
        Step(errors, "cgroups", () =>
            report.Cgroups = Lines(ReadProc("/proc/self/cgroup", errors)));
        // ENOENT: a kernel without time namespaces.
        Step(errors, "timeOffsets", () =>
            report.TimeOffsets = ReadProc("/proc/self/timens_offsets", errors, Libc.ENOENT));
        Step(errors, "mounts", () =>
        {
            string? text = ReadProc("/proc/self/mountinfo", errors);
            foreach (string line in Lines(text))
            {
                var entry = ParseMountinfo(line);
                if (entry == null)
                    errors.Add($"/proc/self/mountinfo: cannot parse \"{line}\"");
                else
                    report.Mounts.Add(entry);
            }
        });
        Step(errors, "rootReadonly", () =>
        {
            int errno = Libc.MountFlags("/", out ulong flags);
            if (errno != 0)
                errors.Add($"statvfs /: {Libc.ErrnoName(errno)}");
            report.RootReadonly = (flags & ST_RDONLY) != 0;
        });
        Step(errors, "devices", () => report.Devices = PathProbe.Devices(errors));
        foreach (string path in paths)
        {
            // Every path asked for gets its entry, in order, even if probing it failed.
            var info = new PathInfo { Path = path };
            Step(errors, path, () => info = PathProbe.Probe(path, tryAccess: true));
            report.Paths.Add(info);
        }
        Step(errors, "tty", () =>
        {
            report.StdinIsTty = Libc.isatty(0) == 1;
            report.StdoutIsTty = Libc.isatty(1) == 1;
        });
        return report;
    }

    // Runs one part of the report: whatever goes wrong in it is recorded, never thrown.
    private static void Step(List<string> errors, string what, Action part)
    {
        try
        {
            part();
        }
        catch (Exception e)
        {
            errors.Add($"{what}: {e.GetType().Name}: {e.Message}");
        }
    }

    // A /proc file as text (UTF-8, invalid bytes replaced), null when it cannot be read. An errno the caller expects
    // (the file's way of saying "none") is not an error.
    private static string? ReadProc(string path, List<string> errors, int expected = 0)
    {
        int errno = Libc.ReadFile(path, Libc.ProcMax, out byte[] data);
        if (errno != 0)
        {
            if (errno != expected)
                errors.Add($"{path}: {Libc.ErrnoName(errno)}");
            return null;
        }
        if (data.Length == Libc.ProcMax)
            errors.Add($"{path}: cut at {Libc.ProcMax} bytes");
        return Encoding.UTF8.GetString(data);
    }

    private static List<string> Lines(string? text) =>
        text == null ? [] : [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    // NUL-separated strings (cmdline, environ): the last one ends with a NUL too, and empty strings are kept.
    private static List<string> NulSeparated(string text)
    {
        var items = text.Split('\0').ToList();
        if (items.Count > 0 && items[^1].Length == 0)
            items.RemoveAt(items.Count - 1);
        return items;
    }

    // /proc/self/cmdline is argv exactly, argv[0] included, which the runtime's own view does not promise.
    private static List<string> Args(List<string> errors)
    {
        string? text = ReadProc("/proc/self/cmdline", errors);
        return text != null ? NulSeparated(text) : [.. Environment.GetCommandLineArgs()];
    }

    // /proc/self/environ is the environment as exec'd, in order; the runtime's table is the fallback.
    private static List<string> Env(List<string> errors)
    {
        string? text = ReadProc("/proc/self/environ", errors);
        if (text != null)
            return NulSeparated(text);
        var env = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            env.Add($"{entry.Key}={entry.Value}");
        env.Sort(StringComparer.Ordinal);
        return env;
    }

    private static string Cwd(List<string> errors)
    {
        byte* buf = stackalloc byte[4096];
        if (Libc.getcwd(buf, 4096) != null)
            return new string((sbyte*)buf, 0, new ReadOnlySpan<byte>(buf, 4096).IndexOf((byte)0), Encoding.UTF8);
        errors.Add($"getcwd: {Libc.ErrnoName(Libc.Errno)}");
        return Libc.ReadLink("/proc/self/cwd", out string cwd) == 0 ? cwd : "";
    }

    private static Dictionary<string, string> Namespaces(List<string> errors)
    {
        var namespaces = new Dictionary<string, string>();
        foreach (string name in NamespaceNames)
        {
            int errno = Libc.ReadLink("/proc/self/ns/" + name, out string link);
            if (errno == 0)
                namespaces[name] = link;
            else if (errno != Libc.ENOENT) // a kernel without that namespace type has no link for it
                errors.Add($"/proc/self/ns/{name}: {Libc.ErrnoName(errno)}");
        }
        return namespaces;
    }

    // struct utsname: six fields of 65 bytes; nodename is the second, domainname the sixth.
    private static void Uname(Report report, List<string> errors)
    {
        byte* buf = stackalloc byte[6 * 65];
        if (Libc.uname(buf) == 0)
        {
            report.Hostname = Field(buf + 65);
            report.Domainname = Field(buf + 5 * 65);
            return;
        }
        errors.Add($"uname: {Libc.ErrnoName(Libc.Errno)}");
        report.Hostname = ReadProc("/proc/sys/kernel/hostname", errors)?.TrimEnd('\n') ?? "";
        report.Domainname = ReadProc("/proc/sys/kernel/domainname", errors)?.TrimEnd('\n') ?? "";

        static string Field(byte* field)
        {
            int length = new ReadOnlySpan<byte>(field, 65).IndexOf((byte)0);
            return Encoding.UTF8.GetString(field, length < 0 ? 65 : length);
        }
    }

    private static List<uint> Groups(List<string> errors)
    {
        int count = Libc.getgroups(0, null);
        if (count > 0)
        {
            uint[] groups = new uint[count];
            fixed (uint* p = groups)
                count = Libc.getgroups(count, p);
            if (count >= 0)
                return [.. groups.AsSpan(0, count)];
        }
        if (count < 0)
            errors.Add($"getgroups: {Libc.ErrnoName(Libc.Errno)}");
        return [];
    }

    // "Name:\tvalue" lines of /proc/self/status.
    private static Dictionary<string, string> Status(List<string> errors)
    {
        var status = new Dictionary<string, string>();
        foreach (string line in Lines(ReadProc("/proc/self/status", errors)))
        {
            int colon = line.IndexOf(':');
            if (colon > 0)
                status[line[..colon]] = line[(colon + 1)..].Trim();
        }
        return status;
    }

    private static Dictionary<string, List<string>> Capabilities(Dictionary<string, string> status, List<string> errors)
    {
        var sets = new Dictionary<string, List<string>>();
        foreach (var (line, set) in CapabilitySets)
        {
            if (!status.TryGetValue(line, out string? hex))
            {
                errors.Add($"capabilities: no {line} line in /proc/self/status");
                continue;
            }
            ulong mask = ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var names = new List<string>();
            for (int bit = 0; bit < 64; bit++)
            {
                if ((mask & (1UL << bit)) != 0)
                    names.Add(bit < CapabilityNames.Length ? CapabilityNames[bit] : $"CAP_{bit}");
            }
            sets[set] = names;
        }
        return sets;
    }

    private static Dictionary<string, Rlimit> Rlimits(List<string> errors)
    {
        var limits = new Dictionary<string, Rlimit>();
        ulong* limit = stackalloc ulong[2]; // struct rlimit { rlim_cur; rlim_max; }
        for (int resource = 0; resource < RlimitNames.Length; resource++)
        {
            if (Libc.getrlimit(resource, limit) == 0)
                limits[RlimitNames[resource]] = new Rlimit { Soft = limit[0], Hard = limit[1] };
            else
                errors.Add($"getrlimit {RlimitNames[resource]}: {Libc.ErrnoName(Libc.Errno)}");
        }
        return limits;
    }

    private static bool NoNewPrivileges(Dictionary<string, string> status, List<string> errors)
    {
        int value = Libc.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
        if (value >= 0)
            return value == 1;
        errors.Add($"prctl PR_GET_NO_NEW_PRIVS: {Libc.ErrnoName(Libc.Errno)}");
        return status.TryGetValue("NoNewPrivs", out string? line) && line == "1";
    }

    /// <summary>
    /// One line of /proc/self/mountinfo (proc_pid_mountinfo(5)), null when the line does not have that shape:
    /// "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue".
    /// </summary>
    internal static MountEntry? ParseMountinfo(string line)
    {
        string[] fields = line.Split(' ');
        // Six fixed fields, any number of optional ones, "-", then three more.
        int separator = fields.Length < 10 ? -1 : Array.IndexOf(fields, "-", 6);
        if (separator < 0 || separator + 3 >= fields.Length)
            return null;
        if (!int.TryParse(fields[0], CultureInfo.InvariantCulture, out int id)
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out int parent))
            return null;
        return new MountEntry
        {
            Id = id,
            Parent = parent,
            Device = fields[2],
            Root = Unescape(fields[3]),
            MountPoint = Unescape(fields[4]),
            Options = [.. fields[5].Split(',', StringSplitOptions.RemoveEmptyEntries)],
            Optional = [.. fields[6..separator]],
            FsType = Unescape(fields[separator + 1]),
            Source = Unescape(fields[separator + 2]),
            SuperOptions = [.. fields[separator + 3].Split(',', StringSplitOptions.RemoveEmptyEntries)],
        };
    }

    // The kernel writes space, tab, newline and backslash in paths as \040, \011, \012 and \134.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();

        static bool IsOctal(string s, int at) =>
            at + 2 < s.Length && s[at] is >= '0' and <= '3'
            && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
    }
}
