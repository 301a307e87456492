using System.Globalization;

namespace OciRuntime.Containers;

/// <summary>systemd socket activation: LISTEN_FDS=N means fds 3..3+N-1 are listening sockets meant for the
/// process named by LISTEN_PID (ours, or the variables were inherited by mistake and are ignored).</summary>
internal static class SocketActivation
{
    public static int ListenFds()
    {
        string? fds = Environment.GetEnvironmentVariable("LISTEN_FDS");
        string? pid = Environment.GetEnvironmentVariable("LISTEN_PID");
        if (!int.TryParse(fds, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count <= 0)
            return 0;
        if (pid is not null && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            return 0;
        return count;
    }
}
