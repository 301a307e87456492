using System.Globalization;
using System.Text;
using OciRuntime.Linux;

namespace OciRuntime.Containers;

/// <summary>--pid-file: the decimal pid, no newline, written atomically (engines read it as soon as the call returns).</summary>
internal static class PidFile
{
    public static void Write(string? path, int pid)
    {
        if (path is null)
            return;
        string full = Path.GetFullPath(path);
        try
        {
            AtomicFile.Write(full, Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture)),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ContainerException($"open {full}: no such file or directory");
        }
    }
}
