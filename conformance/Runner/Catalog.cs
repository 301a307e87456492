using OciConformance.Cases;
using OciConformance.Framework;

namespace OciConformance;

/// <summary>Every case of the suite, in report order; ids are unique.</summary>
public static class Catalog
{
    public static IReadOnlyList<Case> All { get; } = Build();

    private static IReadOnlyList<Case> Build()
    {
        IEnumerable<Case>[] groups =
        [
            LifecycleCases.All(),
            ErrorCases.All(),
            HookCases.All(),
            ProcessCases.All(),
            MountCases.All(),
            DeviceCases.All(),
            NamespaceCases.All(),
            LinuxCases.All(),
            CgroupCases.All(),
            FeaturesCases.All(),
        ];
        var all = groups.SelectMany(g => g).ToList();
        var dup = all.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"case id {dup.Key} is used twice");
        return all;
    }

    /// <summary>Cases whose id matches any pattern (a '*' glob or a substring); all when there are none.</summary>
    public static IReadOnlyList<Case> Select(IReadOnlyList<string> patterns) =>
        patterns.Count == 0 ? All : [.. All.Where(c => patterns.Any(p => Matches(c.Id, p)))];

    private static bool Matches(string id, string pattern) =>
        pattern.Contains('*')
            ? System.Text.RegularExpressions.Regex.IsMatch(id, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$")
            : id.Contains(pattern, StringComparison.Ordinal);
}
