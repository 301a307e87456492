using System.Globalization;
using System.Text;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>
/// <c>process.oomScoreAdj</c>: /proc/PID/oom_score_adj (proc(5)). The value is per process and inherited by children.
/// <para>Anyone may raise it, but lowering it below the process's floor (oom_score_adj_min, itself inherited) needs
/// CAP_SYS_RESOURCE in the initial user namespace. runc therefore writes it in nsexec's first stage, still on the
/// host, before any namespace is joined (libcontainer/nsenter/nsexec.c, update_oom_score_adj), for the container's
/// init and for exec'd processes alike. An unchanged value is not written again, so the parent may write it for the
/// child's pid first (a privileged write also moves the floor) and the init's own pass is then a no-op.</para>
/// </summary>
internal static class OomScore
{
    public const int Min = -1000;
    public const int Max = 1000;

    /// <summary>Sets the score of process <paramref name="pid"/> (0: this process) unless it already has it.</summary>
    public static void Apply(int score, int pid = 0)
    {
        string path = PathOf(pid);
        try
        {
            if (Parse(File.ReadAllText(path)) == score)
                return;
            using var file = Libc.Open(path, Libc.O_WRONLY);
            Libc.WriteAll(file, Encoding.ASCII.GetBytes(score.ToString(CultureInfo.InvariantCulture)), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProcessAttributeException($"failed to update {path}", e);
        }
    }

    /// <summary>The score in the file's text ("-500\n"); null when it is not a number.</summary>
    public static int? Parse(string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int score) ? score : null;

    private static string PathOf(int pid) =>
        pid == 0 ? "/proc/self/oom_score_adj" : $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/oom_score_adj";
}
