using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>The command table covers runc's surface (anchors §1.1-1.3) and renders help.</summary>
public sealed class CommandTableTests
{
    public static TheoryData<string, string, string> RuncFlags()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string command, string flags)
        {
            foreach (string flag in flags.Split(' '))
            {
                var parts = flag.Split('/');
                data.Add(command, parts[0], parts.Length > 1 ? parts[1] : "");
            }
        }

        const string createFlags = "bundle/b console-socket pidfd-socket pid-file no-pivot no-new-keyring preserve-fds";
        Add("create", createFlags);
        Add("run", createFlags + " detach/d keep no-subreaper");
        Add("exec", "console-socket pidfd-socket cwd env/e tty/t user/u additional-gids/g process/p detach/d pid-file "
            + "process-label apparmor no-new-privs cap/c preserve-fds cgroup ignore-paused");
        Add("kill", "all/a");
        Add("delete", "force/f");
        Add("list", "format/f quiet/q");
        Add("ps", "format/f");
        Add("events", "interval stats");
        Add("update", "resources/r blkio-weight cpu-period cpu-quota cpu-burst cpu-share cpu-rt-period cpu-rt-runtime "
            + "cpuset-cpus cpuset-mems kernel-memory kernel-memory-tcp memory cpu-idle memory-reservation memory-swap "
            + "pids-limit l3-cache-schema mem-bw-schema");
        Add("spec", "bundle/b rootless");
        Add("checkpoint", "image-path work-path parent-path leave-running tcp-established tcp-skip-in-flight link-remap "
            + "ext-unix-sk shell-job lazy-pages status-fd page-server file-locks pre-dump manage-cgroups-mode empty-ns auto-dedup");
        Add("restore", "console-socket image-path work-path tcp-established ext-unix-sk shell-job file-locks "
            + "manage-cgroups-mode bundle/b detach/d pid-file no-subreaper no-pivot empty-ns auto-dedup lazy-pages "
            + "lsm-profile lsm-mount-context");
        return data;
    }

    [Theory]
    [MemberData(nameof(RuncFlags))]
    public void DefinesEveryRuncFlag(string command, string flag, string alias)
    {
        var spec = CommandTable.Find(command);
        Assert.NotNull(spec);
        var definition = spec.FindFlag(flag);
        Assert.NotNull(definition);
        Assert.Equal(flag, definition.Name);
        Assert.Equal(alias.Length == 0 ? null : alias, definition.Alias);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("start")]
    [InlineData("state")]
    [InlineData("kill")]
    [InlineData("delete")]
    [InlineData("run")]
    [InlineData("exec")]
    [InlineData("list")]
    [InlineData("ps")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("events")]
    [InlineData("update")]
    [InlineData("spec")]
    [InlineData("features")]
    [InlineData("checkpoint")]
    [InlineData("restore")]
    [InlineData("init")]
    public void CommandExists(string command)
    {
        Assert.True(CommandTable.Exists(command));
    }

    [Theory]
    [InlineData("checkpointt")]
    [InlineData("help")]
    [InlineData("Create")]
    [InlineData("")]
    public void CommandDoesNotExist(string command)
    {
        Assert.False(CommandTable.Exists(command));
    }

    [Fact]
    public void FlagNamesAreUniqueWithinEachCommand()
    {
        foreach (var command in CommandTable.Commands)
        {
            var names = new HashSet<string>();
            foreach (var flag in command.Flags)
            {
                Assert.True(names.Add(flag.Name), $"{command.Name} --{flag.Name}");
                if (flag.Alias is not null)
                    Assert.True(names.Add(flag.Alias), $"{command.Name} -{flag.Alias}");
            }
        }
    }

    [Fact]
    public void ProgramUsageListsVisibleCommandsAndGlobalFlags()
    {
        string usage = CommandTable.Usage(null);

        Assert.StartsWith("NAME:\n   ocirt - ", usage);
        Assert.Contains("\n   checkpoint ", usage);
        Assert.Contains("\n   features ", usage);
        Assert.Contains("--log-format value", usage);
        Assert.Contains("--systemd-cgroup", usage);
        Assert.Contains("--version, -v", usage);
        Assert.DoesNotContain("\n   init ", usage);
        Assert.DoesNotContain("--criu", usage);
    }

    [Fact]
    public void CommandUsageListsItsFlagsWithAliasesAndDefaults()
    {
        string usage = CommandTable.Usage("create");

        Assert.Contains("ocirt create [command options] <container-id>", usage);
        Assert.Contains("--bundle value, -b value", usage);
        Assert.Contains("--no-pivot ", usage);
        Assert.Contains("(default: 0)", usage);
    }

    [Fact]
    public void HiddenFlagsAreNotListed()
    {
        Assert.DoesNotContain("--all", CommandTable.Usage("kill"));
        Assert.Contains("ocirt kill <container-id> [signal]", CommandTable.Usage("kill"));
        Assert.DoesNotContain("kernel-memory", CommandTable.Usage("update"));
    }

    [Fact]
    public void UsageOfACommandWithoutFlags()
    {
        string usage = CommandTable.Usage("start");

        Assert.Contains("ocirt start <container-id>", usage);
        Assert.DoesNotContain("OPTIONS", usage);
    }

    [Fact]
    public void UsageOfAnUnknownCommandThrows()
    {
        Assert.Throws<ArgumentException>(() => CommandTable.Usage("frobnicate"));
    }
}
