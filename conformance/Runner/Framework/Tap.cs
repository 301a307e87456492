namespace OciConformance.Framework;

/// <summary>TAP 14 lines, one runtime per subtest: allowlisted failures are TODO, skips are SKIP.</summary>
public static class Tap
{
    public static void WriteRow(TextWriter tap, int number, Row row)
    {
        var req = row.Case.Requirement;
        var title = $"{req.Id} [{req.LevelName}] {req.Where}: {req.KeyWords}".Replace('#', ' ');
        var line = row.Verdict switch
        {
            Verdict.Pass => $"ok {number} - {title}",
            Verdict.Skip => $"ok {number} - {title} # SKIP {OneLine(row.Reason)}",
            Verdict.KnownFail => $"not ok {number} - {title} # TODO allowlisted: {OneLine(row.Reason)}",
            _ => $"not ok {number} - {title}",
        };
        tap.WriteLine("    " + line);
        if (row.Verdict is Verdict.Fail or Verdict.StalePass)
            tap.WriteLine($"      # {OneLine(row.Reason)}");
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace('#', ' ').Trim();
}
