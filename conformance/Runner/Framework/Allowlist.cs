namespace OciConformance.Framework;

/// <summary>
/// The cases a runtime is known not to pass yet, each with a written reason: allowlist/&lt;runtime&gt;.txt, one
/// "case-id  reason" per line, '#' comments. A listed failure does not fail the run; a listed case that passes, or
/// an entry that names no case, does (it is stale and must be removed), so the list only ever shrinks to the truth.
/// </summary>
public sealed class Allowlist
{
    private readonly Dictionary<string, string> _reasons;

    private Allowlist(string? path, Dictionary<string, string> reasons)
    {
        Path = path;
        _reasons = reasons;
    }

    public string? Path { get; }
    public IReadOnlyDictionary<string, string> Reasons => _reasons;

    public static Allowlist Empty { get; } = new(null, []);

    public static Allowlist Load(string path) => Parse(File.ReadAllLines(path), path);

    public static Allowlist Parse(IEnumerable<string> lines, string path)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var split = line.IndexOfAny([' ', '\t']);
            var id = split < 0 ? line : line[..split];
            var reason = split < 0 ? "" : line[split..].Trim();
            if (reason.Length == 0)
                throw new FormatException($"{path}:{number}: {id} has no reason; every entry says why it is there");
            if (!reasons.TryAdd(id, reason))
                throw new FormatException($"{path}:{number}: {id} is listed twice");
        }
        return new Allowlist(path, reasons);
    }

    public bool TryGetReason(string caseId, out string reason) => _reasons.TryGetValue(caseId, out reason!);

    /// <summary>Entries naming no case of the catalogue (renamed or removed cases).</summary>
    public IEnumerable<string> UnknownIds(IEnumerable<string> caseIds)
    {
        var known = caseIds.ToHashSet(StringComparer.Ordinal);
        return _reasons.Keys.Where(id => !known.Contains(id));
    }
}
