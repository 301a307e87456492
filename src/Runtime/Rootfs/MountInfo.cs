using System.Text;

namespace OciRuntime.Rootfs;

/// <summary>One line of /proc/self/mountinfo (proc(5)): "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3
/// /dev/root rw,errors=continue". Paths have the kernel's octal escapes (\040 for a space) undone.</summary>
internal sealed record MountInfo(
    string Root,
    string MountPoint,
    IReadOnlyList<string> OptionalFields,
    string FsType,
    string Source,
    string SuperOptions)
{
    public const string SelfPath = "/proc/self/mountinfo";

    /// <summary>Parses the whole file; malformed lines are skipped (the kernel writes none).</summary>
    public static IReadOnlyList<MountInfo> ParseAll(string text)
    {
        var mounts = new List<MountInfo>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(line) is { } mount)
                mounts.Add(mount);
        }
        return mounts;
    }

    public static MountInfo? Parse(string line)
    {
        string[] fields = line.Split(' ');
        int separator = fields.Length >= 10 ? Array.IndexOf(fields, "-", 6) : -1;
        if (separator < 0 || fields.Length < separator + 4)
            return null;
        return new MountInfo(
            Unescape(fields[3]),
            Unescape(fields[4]),
            fields[6..separator],
            fields[separator + 1],
            Unescape(fields[separator + 2]),
            fields[separator + 3]);
    }

    public static IReadOnlyList<MountInfo> ReadSelf() => ParseAll(File.ReadAllText(SelfPath));

    /// <summary>The mount that holds <paramref name="path"/>: the longest mount point that is a prefix of it (runc's
    /// getParentMount). The last such line wins, as a later mount covers an earlier one at the same place.</summary>
    public static MountInfo? Containing(IReadOnlyList<MountInfo> mounts, string path)
    {
        MountInfo? best = null;
        foreach (var mount in mounts)
        {
            if (IsUnder(path, mount.MountPoint) && (best is null || mount.MountPoint.Length >= best.MountPoint.Length))
                best = mount;
        }
        return best;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="dir"/> or below it (both absolute and clean).</summary>
    public static bool IsUnder(string path, string dir) =>
        dir == "/" || path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);

    public bool IsShared => OptionalFields.Any(f => f.StartsWith("shared:", StringComparison.Ordinal));

    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var bytes = new List<byte>(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                bytes.Add((byte)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '3' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
