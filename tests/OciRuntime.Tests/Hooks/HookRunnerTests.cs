using System.Diagnostics;
using OciRuntime.Hooks;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Hooks;

/// <summary>HookRunner against real /bin/sh hooks in a temp dir: what a hook receives, and how its failures read
/// (runc's wording, libcontainer/configs/config.go; checked live against runc 1.1.5 where it has the same text).</summary>
public sealed class HookRunnerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ocirt-hooks-");

    private static readonly State SampleState = new()
    {
        OciVersion = "1.3.0",
        Id = "hooked",
        Status = ContainerStatus.Creating,
        Pid = 4242,
        Bundle = "/tmp/some bundle",
        Annotations = new() { ["org.example/key"] = "value" },
    };

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private string Script(string name, string body)
    {
        string path = PathOf(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static Hook Sh(string command, List<string>? env = null, int? timeout = null) =>
        new() { Path = "/bin/sh", Args = ["sh", "-c", command], Env = env, Timeout = timeout };

    [Fact]
    public void NoHooksRunNothing()
    {
        HookRunner.Run("prestart", null, SampleState);
        HookRunner.Run("prestart", [], SampleState);
    }

    [Fact]
    public void TheStateJsonArrivesOnStdin()
    {
        HookRunner.Run("createRuntime", [Sh($"cat > '{PathOf("stdin")}'")], SampleState);

        string received = File.ReadAllText(PathOf("stdin"));
        Assert.Equal(OciJson.SerializeCompact(SampleState), received);
        var parsed = OciJson.Parse<State>(received, "hook stdin");
        Assert.Equal(("hooked", "creating", 4242, "/tmp/some bundle"), (parsed.Id, parsed.Status, parsed.Pid, parsed.Bundle));
        Assert.Equal("value", parsed.Annotations!["org.example/key"]);
    }

    [Fact]
    public void TheEnvironmentIsExactlyTheHooks()
    {
        var hook = Sh($"/usr/bin/env > '{PathOf("env")}'", env: ["FOO=bar", "EMPTY="]);
        HookRunner.Run("prestart", [hook], SampleState, defaultEnv: ["NOT=used"]);
        Assert.Equal(["EMPTY=", "FOO=bar"], EnvWrittenByHook());
    }

    [Fact]
    public void AHookWithoutEnvGetsAnEmptyOneUnlessTheCallerGivesADefault()
    {
        var hook = Sh($"/usr/bin/env > '{PathOf("env")}'");
        HookRunner.Run("prestart", [hook], SampleState);
        Assert.Empty(EnvWrittenByHook());

        HookRunner.Run("prestart", [hook], SampleState, defaultEnv: ["PATH=/bin"]);
        Assert.Equal(["PATH=/bin"], EnvWrittenByHook());

        // "env": [] stays empty even with a default (runc: a non-nil, empty Env).
        HookRunner.Run("prestart", [Sh($"/usr/bin/env > '{PathOf("env")}'", env: [])], SampleState, defaultEnv: ["PATH=/bin"]);
        Assert.Empty(EnvWrittenByHook());
    }

    // The shell in between sets PWD of its own accord; everything else came from the hook's env.
    private string[] EnvWrittenByHook() =>
        File.ReadAllLines(PathOf("env")).Where(l => !l.StartsWith("PWD=", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void ArgsZeroIsArgvZero()
    {
        // $$ is the shell itself; its cmdline starts with the argv[0] we gave it.
        HookRunner.Run("prestart", [new Hook { Path = "/bin/sh", Args = ["custom-argv0", "-c", $"cat /proc/$$/cmdline > '{PathOf("cmdline")}'"] }], SampleState);
        Assert.StartsWith("custom-argv0\0-c\0", File.ReadAllText(PathOf("cmdline")));
    }

    [Fact]
    public void WithoutArgsArgvIsThePath()
    {
        Assert.Equal(["/bin/true"], HookRunner.Argv(new Hook { Path = "/bin/true" }));
        Assert.Equal(["/bin/true"], HookRunner.Argv(new Hook { Path = "/bin/true", Args = [] }));
        Assert.Equal(["true", "x"], HookRunner.Argv(new Hook { Path = "/bin/true", Args = ["true", "x"] }));
        HookRunner.Run("prestart", [new Hook { Path = "/bin/true" }], SampleState);
    }

    [Fact]
    public void HooksRunInOrderAndTheFirstFailureStopsThePhase()
    {
        string log = PathOf("order");
        var hooks = new List<Hook>
        {
            Sh($"echo 0 >> '{log}'"),
            Sh($"echo 1 >> '{log}'"),
            Sh($"echo 2 >> '{log}'; exit 1"),
            Sh($"echo 3 >> '{log}'"),
        };
        var e = Assert.Throws<HookFailedException>(() => HookRunner.Run("createContainer", hooks, SampleState));
        Assert.Equal(("createContainer", 2), (e.Phase, e.Index));
        Assert.Equal(["0", "1", "2"], File.ReadAllLines(log));
    }

    [Fact]
    public void AFailingHookNamesItsPhaseAndIndexWithItsOutputInRuncsWords()
    {
        string failing = Script("fail.sh", "echo to-stdout\necho to-stderr >&2\nexit 3");
        var e = Assert.Throws<HookFailedException>(() =>
            HookRunner.Run("createRuntime", [new Hook { Path = "/bin/true" }, new Hook { Path = failing }], SampleState));
        Assert.Equal("error running createRuntime hook #1: exit status 3, stdout: to-stdout\n, stderr: to-stderr\n", e.Message);
        Assert.Equal(("createRuntime", 1, "exit status 3, stdout: to-stdout\n, stderr: to-stderr\n"), (e.Phase, e.Index, e.Reason));
    }

    [Fact]
    public void AHookKilledByASignalSaysSo()
    {
        var e = Assert.Throws<HookFailedException>(() => HookRunner.Run("poststart", [Sh("kill -9 $$")], SampleState));
        Assert.Equal("error running poststart hook #0: signal: killed, stdout: , stderr: ", e.Message);
    }

    [Fact]
    public void AHookThatCannotStartSaysWhy()
    {
        var e = Assert.Throws<HookFailedException>(() =>
            HookRunner.Run("prestart", [new Hook { Path = "/nonexistent/hook" }], SampleState));
        Assert.Equal("error running prestart hook #0: fork/exec /nonexistent/hook: no such file or directory", e.Message);

        string notExecutable = PathOf("plain");
        File.WriteAllText(notExecutable, "#!/bin/sh\n");
        File.SetUnixFileMode(notExecutable, UnixFileMode.UserRead);
        // Not even root may execute a file without any x bit.
        e = Assert.Throws<HookFailedException>(() => HookRunner.Run("prestart", [new Hook { Path = notExecutable }], SampleState));
        Assert.Equal($"error running prestart hook #0: fork/exec {notExecutable}: permission denied", e.Message);
    }

    [Fact]
    public void ATimeoutKillsTheHook()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<HookFailedException>(() =>
            HookRunner.Run("prestart", [new Hook { Path = "/bin/sleep", Args = ["sleep", "5"], Timeout = 1 }], SampleState));
        Assert.Equal("error running prestart hook #0: hook ran past specified timeout of 1.0s", e.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void AHookThatLeavesAChildHoldingItsOutputDoesNotHangUs()
    {
        // runc waits for end-of-file on the hook's stdout, so a daemonising hook hangs it; we give up after a grace.
        var clock = Stopwatch.StartNew();
        HookRunner.Run("poststart", [Sh("sleep 5 & echo started")], SampleState);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void AHookThatIgnoresStdinStillSucceeds()
    {
        var big = new State { OciVersion = "1.3.0", Id = "x", Status = "creating", Bundle = "/b", Annotations = [] };
        for (int i = 0; i < 5000; i++)
            big.Annotations[$"key{i}"] = new string('v', 40);
        HookRunner.Run("prestart", [new Hook { Path = "/bin/true" }], big);
    }

    [Theory]
    [InlineData(0x0000, "exit status 0")]
    [InlineData(0x0300, "exit status 3")]
    [InlineData(0x0009, "signal: killed")]
    [InlineData(0x000f, "signal: terminated")]
    [InlineData(0x0086, "signal: aborted (core dumped)")]
    [InlineData(0x0040, "signal: signal 64")]
    public void WaitStatusesReadLikeGo(int status, string expected) =>
        Assert.Equal(expected, HookRunner.DescribeStatus(status));
}
