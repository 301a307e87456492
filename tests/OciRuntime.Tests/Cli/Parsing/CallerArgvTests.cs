using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>Every command line containerd and podman send parses to the intended command, id and flags.</summary>
public sealed class CallerArgvTests
{
    // The engines' recorded argv lives in ../shared/reference/contract beside the repository (CI clones it there).
    private static readonly string ContractDirectory = FindContractDirectory();

    private static string FindContractDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OciRuntime.sln")))
                return Path.Combine(dir.FullName, "..", "shared", "reference", "contract");
        return "/nonexistent/shared/reference/contract";
    }

    public static TheoryData<string, string, string, string> Lines()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (argv, command, id, expect) in CallerArgv.Recorded)
            data.Add(argv, command, id, expect);
        foreach (var (argv, command, id, expect) in CallerArgv.FromSources)
            data.Add(argv, command, id, expect);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parses(string argv, string command, string id, string expect)
    {
        var parsed = ArgParser.Parse(argv.Split(' '));

        Assert.Equal(command, parsed.Command);
        Assert.False(parsed.ShowHelp);
        Assert.Equal(id.Length == 0 ? null : id, parsed.ContainerId);
        foreach (string pair in expect.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            if (equals < 0)
                Assert.True(parsed.GetBool(pair), pair);
            else
                Assert.Equal(pair[(equals + 1)..], parsed.Get(pair[..equals]));
        }
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void GlobalOptionsAreRead(string argv, string command, string id, string expect)
    {
        _ = (command, id, expect);
        var globals = ArgParser.Parse(argv.Split(' ')).Globals;

        if (argv.Contains("--root /run/containerd/runc/default", StringComparison.Ordinal))
            Assert.Equal("/run/containerd/runc/default", globals.Root);
        if (argv.Contains("--log-format", StringComparison.Ordinal))
            Assert.Equal("json", globals.LogFormat);
        string[] words = argv.Split(' ');
        int log = Array.IndexOf(words, "--log");
        Assert.Equal(log < 0 ? null : words[log + 1], globals.Log);
        Assert.Equal(argv.Contains("--systemd-cgroup", StringComparison.Ordinal), globals.SystemdCgroup);
    }

    [Fact]
    public void KillSignalsFromCallersAreNumbers()
    {
        Assert.Equal(10, Signals.Parse(ArgParser.Parse(["kill", "d2", "10"]).Arguments[1]));
        Assert.Equal(9, Signals.Parse(ArgParser.Parse(["kill", "--all", "d3", "9"]).Arguments[1]));
    }

    /// <summary>
    /// Every argv line of the recorded contract files (when the reference directory is present) parses, the id is
    /// its last word (or the one before a kill signal), and every "--flag value" pair in it reads back.
    /// </summary>
    [Theory]
    [InlineData("ctr-argv.txt")]
    [InlineData("podman-argv.txt")]
    [InlineData("ctr-argv-with-rc.txt")]
    [InlineData("podman-argv-with-rc.txt")]
    public void EveryRecordedLineParses(string file)
    {
        string path = Path.Combine(ContractDirectory, file);
        Assert.True(File.Exists(path), $"{path} is missing: the shared reference must sit beside the repository");

        int lines = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (!line.StartsWith("argv: ", StringComparison.Ordinal))
                continue;
            lines++;
            string[] words = line["argv: ".Length..].Split(' ');
            string[] args = words[1..];
            var parsed = ArgParser.Parse(args);

            Assert.NotNull(parsed.Command);
            string expectedId = parsed.Command == "kill" ? args[^2] : args[^1];
            Assert.Equal(expectedId, parsed.ContainerId);
            int commandIndex = Array.IndexOf(args, parsed.Command);
            for (int i = commandIndex + 1; i < args.Length - 1; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                    continue;
                string name = args[i][2..];
                if (parsed.Spec!.FindFlag(name)!.TakesValue)
                    Assert.Equal(args[++i], parsed.Get(name));
                else
                    Assert.True(parsed.GetBool(name), line);
            }
        }
        Assert.True(lines > 0, path);
    }
}
