using System.Text;

namespace OciConformance.Framework;

/// <summary>One runtime's rows of a run.</summary>
public sealed record RuntimeRun(RuntimeDriver Runtime, Allowlist Allowlist, IReadOnlyList<Row> Rows, IReadOnlyList<string> Problems)
{
    public int Count(Verdict v) => Rows.Count(r => r.Verdict == v);

    /// <summary>Unexpected failures, stale allowlist entries, leftovers: anything here fails the run.</summary>
    public bool Failed => Rows.Any(r => r.FailsRun) || Problems.Count > 0;

    public string Counts =>
        $"{Runtime.Name}: {Rows.Count} cases, {Count(Verdict.Pass)} pass, {Count(Verdict.Fail)} fail, " +
        $"{Count(Verdict.KnownFail)} allowlisted, {Count(Verdict.Skip)} skip, {Count(Verdict.StalePass)} stale";
}

/// <summary>The summary table (requirement, level, result per runtime, reason), as text and as markdown.</summary>
public static class Summary
{
    public static void WriteText(TextWriter w, IReadOnlyList<Case> cases, IReadOnlyList<RuntimeRun> runs)
    {
        var idWidth = Math.Min(44, cases.Max(c => c.Id.Length));
        w.WriteLine();
        w.WriteLine("Summary");
        w.Write($"{"case".PadRight(idWidth)}  {"level",-6}  {"requirement",-40}");
        foreach (var run in runs) w.Write($"  {run.Runtime.Name,-11}");
        w.WriteLine("  reason");
        for (var i = 0; i < cases.Count; i++)
        {
            var req = cases[i].Requirement;
            w.Write($"{Clip(req.Id, idWidth).PadRight(idWidth)}  {req.LevelName,-6}  {Clip(req.Where, 40),-40}");
            foreach (var run in runs) w.Write($"  {run.Rows[i].Mark,-11}");
            w.WriteLine("  " + Clip(Reasons(runs, i), 160));
        }
        w.WriteLine();
        foreach (var run in runs)
        {
            w.WriteLine(run.Counts);
            foreach (var problem in run.Problems) w.WriteLine($"{run.Runtime.Name}: {problem}");
        }
        var musts = cases.Count(c => c.Requirement.Level == Level.Must);
        w.WriteLine($"catalogue: {cases.Count} cases, {musts} MUST, {cases.Count - musts} SHOULD");
    }

    /// <summary>The full table in markdown, with the counts first.</summary>
    public static string Markdown(IReadOnlyList<Case> cases, IReadOnlyList<RuntimeRun> runs, bool onlyNotPassing = false)
    {
        var md = new StringBuilder();
        md.AppendLine(CountsMarkdown(cases, runs));
        md.Append("| Case | Level | Requirement | ");
        md.AppendJoin(" | ", runs.Select(r => r.Runtime.Name));
        md.AppendLine(" | Reason |");
        md.Append("|:--|:--|:--|");
        md.Append(string.Concat(runs.Select(_ => ":-:|")));
        md.AppendLine(":--|");
        for (var i = 0; i < cases.Count; i++)
        {
            if (onlyNotPassing && runs.All(r => r.Rows[i].Verdict == Verdict.Pass)) continue;
            var req = cases[i].Requirement;
            md.Append($"| `{req.Id}` | {req.LevelName} | {Cell(req.Where)}: {Cell(req.KeyWords)} | ");
            md.AppendJoin(" | ", runs.Select(r => r.Rows[i].Mark));
            md.AppendLine($" | {Cell(Reasons(runs, i))} |");
        }
        return md.ToString();
    }

    public static string CountsMarkdown(IReadOnlyList<Case> cases, IReadOnlyList<RuntimeRun> runs)
    {
        var musts = cases.Count(c => c.Requirement.Level == Level.Must);
        var md = new StringBuilder();
        md.AppendLine($"{cases.Count} cases: {musts} MUST, {cases.Count - musts} SHOULD.");
        md.AppendLine();
        md.AppendLine("| Runtime | pass | fail | allowlisted | skip |");
        md.AppendLine("|:--|--:|--:|--:|--:|");
        foreach (var run in runs)
            md.AppendLine($"| {run.Runtime.Name} | {run.Count(Verdict.Pass)} | {run.Count(Verdict.Fail) + run.Count(Verdict.StalePass)} | " +
                          $"{run.Count(Verdict.KnownFail)} | {run.Count(Verdict.Skip)} |");
        return md.ToString();
    }

    /// <summary>Replaces the text between the conformance markers of <paramref name="file"/>.</summary>
    public static void UpdateBlock(string file, string content)
    {
        const string begin = "<!-- conformance:begin -->", end = "<!-- conformance:end -->";
        var text = File.ReadAllText(file);
        var a = text.IndexOf(begin, StringComparison.Ordinal);
        var b = text.IndexOf(end, StringComparison.Ordinal);
        if (a < 0 || b < a) throw new InvalidOperationException($"{file}: no {begin} ... {end} block to update");
        File.WriteAllText(file, text[..(a + begin.Length)] + "\n" + content + text[b..]);
    }

    private static string Reasons(IReadOnlyList<RuntimeRun> runs, int i)
    {
        var parts = runs.Where(r => r.Rows[i].Verdict != Verdict.Pass).Select(r => $"{r.Runtime.Name}: {r.Rows[i].Reason}").ToList();
        return string.Join("; ", parts);
    }

    private static string Cell(string s) => s.ReplaceLineEndings(" ").Replace("|", "\\|");

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
