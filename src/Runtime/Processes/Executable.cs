namespace OciRuntime.Processes;

/// <summary>Finds the program to exec the way execvp(3) would, with the container's PATH, inside the container's
/// root. Done before the init says it is ready, so `create` reports a missing program (as runc does).</summary>
internal static class Executable
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static string Find(string name, IReadOnlyList<string>? env)
    {
        if (name.Contains('/'))
            return IsExecutable(name) ? name : throw new FileNotFoundException($"exec: \"{name}\": stat {name}: no such file or directory");
        string path = env?.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? DefaultPath;
        foreach (string dir in path.Split(':'))
        {
            string candidate = Path.Combine(dir.Length == 0 ? "." : dir, name);
            if (IsExecutable(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"exec: \"{name}\": executable file not found in $PATH");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
