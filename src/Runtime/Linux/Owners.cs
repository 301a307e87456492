using System.Globalization;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>The user name owning a path, looked up in /etc/passwd (runc's `list` shows the state directory's owner).</summary>
internal static class Owners
{
    public static string NameOf(string path)
    {
        uint uid;
        try
        {
            uid = Libc.Owner(path).Uid;
        }
        catch (SyscallException)
        {
            return "";
        }
        string id = uid.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (string line in File.ReadLines("/etc/passwd"))
            {
                string[] fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == id)
                    return fields[0];
            }
        }
        catch (IOException)
        {
        }
        return id;
    }
}
