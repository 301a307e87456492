using OciConformance.Framework;

namespace OciConformance.Tests;

public class AllowlistTests
{
    private static readonly Case Sample = Case.Must("config.sample", "config.md", "Sample", "a sample", _ => Task.CompletedTask);

    [Fact]
    public void Entries_have_ids_and_reasons_comments_and_blank_lines_are_ignored()
    {
        var list = Allowlist.Parse(["# comment", "", "config.sample   not yet: issue 9 (config.md Sample)", "  other.case\treason two  "], "x.txt");
        Assert.Equal("not yet: issue 9 (config.md Sample)", list.Reasons["config.sample"]);
        Assert.Equal("reason two", list.Reasons["other.case"]);
    }

    [Fact]
    public void An_entry_without_a_reason_is_refused_with_its_line()
    {
        var e = Assert.Throws<FormatException>(() => Allowlist.Parse(["# c", "config.sample"], "ocirt.txt"));
        Assert.Equal("ocirt.txt:2: config.sample has no reason; every entry says why it is there", e.Message);
    }

    [Fact]
    public void A_case_listed_twice_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => Allowlist.Parse(["a r1", "a r2"], "ocirt.txt"));
        Assert.Contains("ocirt.txt:2: a is listed twice", e.Message);
    }

    [Fact]
    public void Entries_naming_no_case_are_reported()
    {
        var list = Allowlist.Parse(["config.sample r", "gone.case r"], "x");
        Assert.Equal(["gone.case"], list.UnknownIds(["config.sample"]));
    }

    [Theory]
    [InlineData(Outcome.Pass, false, Verdict.Pass, false)]
    [InlineData(Outcome.Pass, true, Verdict.StalePass, true)]
    [InlineData(Outcome.Fail, false, Verdict.Fail, true)]
    [InlineData(Outcome.Fail, true, Verdict.KnownFail, false)]
    [InlineData(Outcome.Skip, false, Verdict.Skip, false)]
    [InlineData(Outcome.Skip, true, Verdict.Skip, false)]
    public void A_result_is_judged_against_the_allowlist(Outcome outcome, bool listed, Verdict verdict, bool failsRun)
    {
        var list = listed ? Allowlist.Parse(["config.sample known reason"], "x") : Allowlist.Empty;
        var row = Row.Judge(Sample, new CaseResult(outcome, "what happened", TimeSpan.Zero), list);
        Assert.Equal(verdict, row.Verdict);
        Assert.Equal(failsRun, row.FailsRun);
    }

    [Fact]
    public void A_stale_entry_says_to_remove_it()
    {
        var row = Row.Judge(Sample, new CaseResult(Outcome.Pass, "", TimeSpan.Zero), Allowlist.Parse(["config.sample old"], "allowlist/ocirt.txt"));
        Assert.Equal("passes but is allowlisted (old): remove it from allowlist/ocirt.txt", row.Reason);
    }
}
