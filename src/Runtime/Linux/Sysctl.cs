using System.Text;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>
/// <c>linux.sysctl</c>: each key names a file under /proc/sys that the init writes, after pivot_root (so that /proc is
/// the container's own procfs, showing its namespaces) and before the readonly paths make /proc/sys read-only, as runc's
/// standard init does (libcontainer/standard_init_linux.go, writeSystemProperty). Which keys a container may set is
/// decided earlier by the spec validator (only namespaced ones); here a key only has to stay inside /proc/sys.
/// </summary>
internal static class Sysctl
{
    public const string ProcSys = "/proc/sys";

    /// <summary>The path of a key relative to /proc/sys. As sysctl(8) reads them, "net.ipv4.ip_forward" and
    /// "net/ipv4/ip_forward" are the same key; when the first separator is a slash, dots belong to the name
    /// ("net/ipv4/conf/eth0.100/forwarding"), and in the dotted form a slash stands for such a dot. A key that would
    /// leave /proc/sys (empty components, "." or "..", a leading separator, NUL) is refused.</summary>
    public static string RelativePathOf(string key)
    {
        if (key.Length == 0 || key.Contains('\0'))
            throw Invalid(key);
        int first = key.IndexOfAny(['.', '/']);
        string path = first >= 0 && key[first] == '.'
            ? string.Create(key.Length, key, static (span, k) =>
            {
                for (int i = 0; i < k.Length; i++)
                    span[i] = k[i] switch { '.' => '/', '/' => '.', var c => c };
            })
            : key;
        foreach (string part in path.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == "..")
                throw Invalid(key);
        }
        return path;
    }

    /// <summary>Writes every key, in the spec's order, under <paramref name="procSys"/> (a parameter for tests).
    /// O_NOFOLLOW: procfs has no symlinks under /proc/sys, so a symlink there is not the kernel's file.</summary>
    public static void Apply(IReadOnlyDictionary<string, string>? sysctl, string procSys = ProcSys)
    {
        foreach ((string key, string value) in sysctl ?? new Dictionary<string, string>())
        {
            string path = procSys + "/" + RelativePathOf(key);
            try
            {
                using var file = Libc.Open(path, Libc.O_WRONLY | Libc.O_NOFOLLOW);
                Libc.WriteAll(file, Encoding.UTF8.GetBytes(value), path);
            }
            catch (SyscallException e)
            {
                throw new ProcessAttributeException($"error setting sysctl {key}", e);
            }
        }
    }

    private static ProcessAttributeException Invalid(string key) =>
        new($"linux.sysctl[\"{key}\"]: not a key under {ProcSys}");
}
