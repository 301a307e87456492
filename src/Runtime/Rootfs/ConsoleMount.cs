using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Rootfs;

/// <summary>/dev/console of a container with a terminal is its pty's slave, bind-mounted over a plain file (runc
/// mountConsole): a real console device node would reach the host's console.</summary>
internal static class ConsoleMount
{
    public static void Bind(string slavePath)
    {
        const string console = "/dev/console";
        // A file to mount on; an existing node is left as is and covered by the bind.
        if (!File.Exists(console))
            File.WriteAllBytes(console, []);
        Libc.Mount(slavePath, console, null, MountFlags.MS_BIND, what: "error mounting console");
    }
}
