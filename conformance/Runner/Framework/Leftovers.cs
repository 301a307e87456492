namespace OciConformance.Framework;

/// <summary>
/// After a runtime's run: every case deleted its containers, so the runtime must list none, and the run's cgroup
/// parent must be empty. The parent is then removed (rmdir only, so a non-empty cgroup is never forced away).
/// </summary>
public static class Leftovers
{
    public static async Task<IReadOnlyList<string>> CheckAndCleanAsync(RuntimeDriver runtime, SuiteSettings settings)
    {
        var problems = new List<string>();
        var list = await runtime.RunAsync("list", "-q");
        var ids = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > 0)
        {
            problems.Add($"containers left after the run (deleting them now): {string.Join(", ", ids)}");
            foreach (var id in ids) await runtime.RunAsync("delete", "--force", id);
        }

        var parent = settings.CgroupParentFor(runtime.Name);
        foreach (var dir in Host.CgroupDirs(parent).Where(Directory.Exists))
        {
            var children = Directory.GetDirectories(dir, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList();
            if (children.Count > 0)
                problems.Add($"cgroups left after the run: {string.Join(", ", children)}");
            foreach (var child in children.Append(dir))
            {
                try
                {
                    Directory.Delete(child);
                }
                catch (IOException e)
                {
                    problems.Add($"could not remove cgroup {child}: {e.Message}");
                }
            }
        }
        return problems;
    }
}
