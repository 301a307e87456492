namespace OciConformance.Framework;

/// <summary>The runner's own view of mounts (its private mount namespace).</summary>
public static class Mounts
{
    /// <summary>Mount points at or below <paramref name="dir"/> in this process's mount namespace.</summary>
    public static IReadOnlyList<string> Under(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        return [.. File.ReadLines("/proc/self/mountinfo")
            .Select(line => Unescape(line.Split(' ')[4]))
            .Where(point => point == dir.TrimEnd('/') || point.StartsWith(prefix, StringComparison.Ordinal))];
    }

    public static bool AnyUnder(string dir) => Under(dir).Count > 0;

    /// <summary>mountinfo escapes space, tab, newline and backslash as \ooo.</summary>
    public static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());
}
