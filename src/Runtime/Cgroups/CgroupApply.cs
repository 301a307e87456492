using System.Text;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Cgroups;

/// <summary>Writes a resource plan. Each value is one write(2) to a file opened O_WRONLY (cgroupfs takes a value per
/// write; runc's WriteFile does the same), with runc's tolerances carried in <see cref="CgroupWriteFlags"/>.</summary>
internal static class CgroupApply
{
    private const int O_WRONLY = 1;
    private const int O_TRUNC = 0x200;

    /// <summary>Writes <paramref name="plan"/> in order. <paramref name="directoryOfController"/> maps a write's
    /// controller to the container's directory in that hierarchy ("" on v2: the one directory), or null when that
    /// hierarchy is not mounted.</summary>
    public static void Apply(IReadOnlyList<CgroupWrite> plan, Func<string, string?> directoryOfController)
    {
        foreach (var w in plan)
        {
            string dir = directoryOfController(w.Controller) ??
                throw new CgroupException($"cannot set {(w.Controller.Length == 0 ? "cgroup v2" : w.Controller)} limit: container could not join or create cgroup");
            string path = Path.Combine(dir, w.File);
            try
            {
                Write(path, w.Value);
            }
            catch (SyscallException e) when (e.Errno == Errno.ENOENT && w.Flags.HasFlag(CgroupWriteFlags.IgnoreMissing))
            {
            }
            catch (SyscallException e) when (e.Errno == Errno.EINVAL && w.Flags.HasFlag(CgroupWriteFlags.RetriedLater))
            {
                // The plan repeats this file after the write that makes it acceptable.
            }
            catch (SyscallException e) when (e.Errno == Errno.EBUSY && w.File == "memory.limit_in_bytes")
            {
                throw new CgroupException(MemoryBusy(dir, w.Value), e);
            }
            catch (SyscallException e)
            {
                throw new CgroupException($"failed to write \"{w.Value}\" to \"{path}\": {Errno.Describe(e.Errno)}");
            }
        }
    }

    /// <summary>One write of <paramref name="value"/>; EINTR is retried by WriteAll, as runc retries it.</summary>
    private static void Write(string path, string value)
    {
        using var fd = Libc.Open(path, O_WRONLY | O_TRUNC);
        Libc.WriteAll(fd, Encoding.UTF8.GetBytes(value), path);
    }

    // The kernel answers EBUSY when the new limit is below what the cgroup uses and reclaim cannot free enough;
    // runc reports the usage in these words.
    private static string MemoryBusy(string dir, string value)
    {
        string Read(string file)
        {
            try
            {
                return File.ReadAllText(Path.Combine(dir, file)).Trim();
            }
            catch (IOException)
            {
                return "?";
            }
        }
        return $"unable to set memory limit to {value} (current usage: {Read("memory.usage_in_bytes")}, peak usage: {Read("memory.max_usage_in_bytes")})";
    }
}
