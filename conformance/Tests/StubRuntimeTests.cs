using CliWrap;
using System.Text.RegularExpressions;
using CliWrap.Buffered;

namespace OciConformance.Tests;

/// <summary>
/// The cases can fail: the suite runs some of them against stubs/forgetful-runtime.sh, which hands every call to
/// ocirt but first drops config fields (or turns commands into no-ops). Each case that checks a dropped feature must
/// then fail, while the same cases pass against ocirt itself in the same run.
/// </summary>
public class StubRuntimeTests
{
    /// <summary>Field dropped by the stub → the case that must catch it.</summary>
    public static TheoryData<string, string, string> Forgotten => new()
    {
        { "del(.hostname)", "", "config.hostname" },
        { ".process.env = [\"PATH=/bin\"]", "", "config.process.env" },
        { "del(.process.rlimits)", "", "config.process.rlimits" },
        { ".process.user.uid = 0", "", "config.process.user.uid" },
        { "del(.linux.maskedPaths)", "", "linux.masked-paths.file" },
        { "del(.linux.readonlyPaths)", "", "linux.readonly-paths.file" },
        { "del(.hooks)", "", "hooks.prestart.during-create" },
        { "del(.linux.resources)", "", "linux.resources.pids.limit" },
        // Commands that do nothing: the lifecycle cases see it. (delete stays real, so cleanup still works.)
        { "", "kill", "operations.kill.sends-signal" },
        { "", "start", "lifecycle.start.runs-program" },
    };

    [SkippableTheory]
    [MemberData(nameof(Forgotten))]
    public async Task A_case_fails_when_the_runtime_skips_what_it_checks(string forget, string noop, string caseId)
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "the conformance suite creates containers: run as root (make test does)");
        Skip.IfNot(File.Exists(Repo.Ocirt), $"{Repo.Ocirt} not built (make build)");
        Assert.Contains(Catalog.All, c => c.Id == caseId);

        // The runner keeps its work dir when a runtime fails, as the stub must: give it one this test removes.
        var work = Directory.CreateTempSubdirectory("stub-conformance-");
        var result = await Cli.Wrap(Path.Combine(Repo.Root, "conformance", "run.sh"))
            .WithArguments(["--runtime", $"ocirt={Repo.Ocirt}", "--runtime", $"forgetful={Path.Combine(Repo.Root, "conformance/stubs/forgetful-runtime.sh")}",
                            "--filter", caseId, "--work", Path.Combine(work.FullName, "run")])
            .WithEnvironmentVariables(e => e.Set("STUB_REAL_RUNTIME", Repo.Ocirt).Set("STUB_FORGET", forget).Set("STUB_NOOP", noop))
            .WithWorkingDirectory(Repo.Root)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        // The runner ran in a mount namespace of its own, gone with it: nothing is mounted under the work dir here.
        work.Delete(recursive: true);
        var tap = result.StandardOutput;
        var ocirtPart = tap[..tap.IndexOf("# Subtest: forgetful", StringComparison.Ordinal)];
        var stubPart = tap[tap.IndexOf("# Subtest: forgetful", StringComparison.Ordinal)..];
        var line = $@"^    (not )?ok \d+ - {Regex.Escape(caseId)} ";
        var ocirtLine = Regex.Match(ocirtPart, line, RegexOptions.Multiline);
        var stubLine = Regex.Match(stubPart, line, RegexOptions.Multiline);
        Assert.True(ocirtLine.Success && !ocirtLine.Groups[1].Success, $"ocirt should pass {caseId}:\n{tap}\n{result.StandardError}");
        Assert.True(stubLine.Success && stubLine.Groups[1].Success, $"the stub should fail {caseId}:\n{tap}\n{result.StandardError}");
        Assert.Equal(1, result.ExitCode);
    }
}
