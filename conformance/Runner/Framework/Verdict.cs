namespace OciConformance.Framework;

/// <summary>How one case's result counts against a runtime's allowlist.</summary>
public enum Verdict
{
    Pass,
    Fail,
    Skip,
    /// <summary>Failed, and the allowlist says why: does not fail the run.</summary>
    KnownFail,
    /// <summary>Passed although the allowlist lists it: the entry is stale and fails the run.</summary>
    StalePass,
}

public sealed record Row(Case Case, CaseResult Result, Verdict Verdict, string Reason)
{
    public static Row Judge(Case @case, CaseResult result, Allowlist allowlist)
    {
        var listed = allowlist.TryGetReason(@case.Id, out var why);
        return (result.Outcome, listed) switch
        {
            (Outcome.Pass, false) => new Row(@case, result, Verdict.Pass, ""),
            (Outcome.Pass, true) => new Row(@case, result, Verdict.StalePass, $"passes but is allowlisted ({why}): remove it from {allowlist.Path}"),
            (Outcome.Fail, true) => new Row(@case, result, Verdict.KnownFail, $"{why} [got: {result.Reason}]"),
            (Outcome.Fail, false) => new Row(@case, result, Verdict.Fail, result.Reason),
            _ => new Row(@case, result, Verdict.Skip, result.Reason + (listed ? $" (allowlisted: {why})" : "")),
        };
    }

    public string Mark => Verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "FAIL",
        Verdict.Skip => "skip",
        Verdict.KnownFail => "allowlisted",
        Verdict.StalePass => "STALE",
        _ => "?",
    };

    /// <summary>Counts against the run: an unexpected failure or a stale allowlist entry.</summary>
    public bool FailsRun => Verdict is Verdict.Fail or Verdict.StalePass;
}
