using CliWrap;
using CliWrap.Buffered;

namespace OciConformance.Tests;

/// <summary>run-upstream.sh runs validation programs someone built and sums up their TAP; here two fake ones.</summary>
public sealed class UpstreamScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("upstream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void FakeProgram(string name, string tap)
    {
        var path = Path.Combine(_dir, "validation", name, name + ".t");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\n[ -n \"$RUNTIME\" ] || exit 9\nprintf '{tap}'\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    [Fact]
    public async Task The_programs_TAP_is_counted_and_a_failure_fails_the_script()
    {
        FakeProgram("create", "ok 1 - state is created\\nnot ok 2 - pid file\\n1..2\\n");
        FakeProgram("kill", "ok 1 - skipped # SKIP needs something\\n1..1\\n");

        var result = await Cli.Wrap(Path.Combine(Repo.Root, "conformance", "run-upstream.sh"))
            .WithArguments([_dir, "/bin/true"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

        Assert.Contains("upstream: 2 programs, 1 ok, 1 not ok, 1 skip, 0 without TAP (runtime /usr/bin/true)", result.StandardOutput);
        Assert.Contains("not ok 2 - pid file", result.StandardOutput);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_directory_without_built_programs_is_refused()
    {
        var result = await Cli.Wrap(Path.Combine(Repo.Root, "conformance", "run-upstream.sh"))
            .WithArguments([_dir]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no built validation programs", result.StandardError);
    }
}
