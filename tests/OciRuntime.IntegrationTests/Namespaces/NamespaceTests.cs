namespace OciRuntime.IntegrationTests.Namespaces;

/// <summary>
/// Each namespace type of linux.namespaces, as the container sees it: `readlink /proc/self/ns/X` inside compared
/// with the host's (new: different), without the entry (shared: the same), and with a `path` (joined: the same as
/// the holder's, a `unshare ... sleep` the test owns). The mount namespace cannot be shared (runc refuses: "unable
/// to restrict sys entries without a private MNT namespace"), so it is only checked as created and joined.
/// </summary>
public sealed class NamespaceTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private static readonly string[] Types = ["pid", "network", "ipc", "uts", "mount", "cgroup"];

    public static TheoryData<string, string> EveryType()
    {
        var data = new TheoryData<string, string>();
        foreach (var runtime in new[] { "ocirt", "runc" })
            foreach (var type in Types)
                data.Add(runtime, type);
        return data;
    }

    public static TheoryData<string, string> ShareableTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var runtime in new[] { "ocirt", "runc" })
            foreach (var type in Types.Where(t => t != "mount"))
                data.Add(runtime, type);
        return data;
    }

    /// <summary>The container prints `type=readlink` for every namespace type, one a line.</summary>
    private static string PrintNamespaces() =>
        "for t in " + string.Join(' ', Types.Select(t => $"{t}:{HostView.NsFile(t)}")) + "; do " +
        "echo \"${t%%:*}=$(readlink /proc/self/ns/${t#*:})\"; done";

    private static Dictionary<string, string> Parse(CliResult run) =>
        run.StdoutLines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    [SkippableTheory]
    [MemberData(nameof(EveryType))]
    public async Task ANewNamespaceIsCreated(string runtime, string type)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Namespace(type).Sh(PrintNamespaces());
        var id = ContainerDriver.NewId($"ns-{type}");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run with a new {type} namespace");
        var inside = Parse(run);
        var host = HostView.Namespace(HostView.NsFile(type));
        Assert.True(inside.TryGetValue(type, out var ns) && ns.StartsWith(HostView.NsFile(type) + ":[", StringComparison.Ordinal),
            $"no {type} namespace printed\n{run.Describe()}");
        Assert.NotEqual(host, ns);
    }

    [SkippableTheory]
    [MemberData(nameof(ShareableTypes))]
    public async Task WithoutTheEntryTheHostNamespaceIsShared(string runtime, string type)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).RemoveNamespace(type).Sh(PrintNamespaces());
        if (type == "uts")
            bundle.Hostname(null); // runc: "unable to set hostname without a private UTS namespace"
        var id = ContainerDriver.NewId($"share-{type}");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run without a {type} namespace");
        Assert.Equal(HostView.Namespace(HostView.NsFile(type)), Parse(run).GetValueOrDefault(type));
    }

    [SkippableTheory]
    [MemberData(nameof(EveryType))]
    public async Task ANamespaceIsJoinedByPath(string runtime, string type)
    {
        var rt = Use(runtime);
        var holder = await HoldNamespacesAsync([type]);
        var bundle = (await NewBundleAsync()).Namespace(type, holder.NsPath(type)).Sh(PrintNamespaces());
        var id = ContainerDriver.NewId($"join-{type}");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run joining the {type} namespace at {holder.NsPath(type)}");
        Assert.Equal(holder.Ns(type), Parse(run).GetValueOrDefault(type));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ThePidNamespaceMakesTheProcessPid1(string runtime)
    {
        var rt = Use(runtime);
        // `; true` keeps sh alive as pid 1 (busybox ash would exec its last command in place).
        var bundle = (await NewBundleAsync()).Sh("echo $$; ps -o pid,comm; true");
        var id = ContainerDriver.NewId("pid1");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal("1", run.StdoutLines[0]);
        // Only the container's own processes are visible: sh as 1 and ps (after the header line).
        var rows = run.StdoutLines.Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.True(rows.Count == 2 && rows[0] is ["1", "sh"] && rows[1][1] == "ps", $"unexpected process list\n{run.Describe()}");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ANewNetworkNamespaceHasOnlyLoopback(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("ls /sys/class/net");
        var id = ContainerDriver.NewId("netns");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["lo"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheCgroupNamespaceRootsTheContainersCgroupAtSlash(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Namespace("cgroup").Sh("cat /proc/self/cgroup");
        var id = ContainerDriver.NewId("cgns");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run with a cgroup namespace");
        // Every hierarchy line ends in ":/": the container's cgroup is the namespace's root.
        Assert.NotEmpty(run.StdoutLines);
        Assert.All(run.StdoutLines, line => Assert.EndsWith(":/", line));
    }
}
