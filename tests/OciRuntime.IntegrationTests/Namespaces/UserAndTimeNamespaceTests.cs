namespace OciRuntime.IntegrationTests.Namespaces;

/// <summary>
/// The two namespaces that carry data: user (uidMappings/gidMappings) and time (timeOffsets). The container reads
/// its own maps, ids and clocks; the host checks the init's credentials as the kernel stores them.
/// </summary>
public sealed class UserAndTimeNamespaceTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private const uint HostBase = 100000;
    private const uint Size = 65536;

    private static string[] Fields(string line) => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RootInsideIsTheMappedHostRange(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).UserNamespace(HostBase, Size)
            .Sh("id -u; id -g; cat /proc/self/uid_map /proc/self/gid_map; readlink /proc/self/ns/user; stat -c %u:%g /bin/busybox");
        var id = ContainerDriver.NewId("userns");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run in a user namespace");
        var lines = run.StdoutLines;
        Assert.Equal("0", lines[0]);
        Assert.Equal("0", lines[1]);
        Assert.Equal(["0", $"{HostBase}", $"{Size}"], Fields(lines[2]));
        Assert.Equal(["0", $"{HostBase}", $"{Size}"], Fields(lines[3]));
        Assert.NotEqual(HostView.Namespace("user"), lines[4]);
        // The rootfs belongs to host root, which is not mapped: it shows as the overflow id.
        Assert.Equal("65534:65534", lines[5]);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheHostSeesTheInitAsTheMappedUid(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).UserNamespace(HostBase, Size).User(1000, 1000).Args("sleep", "100");
        var id = ContainerDriver.NewId("usernshost");

        var pid = await rt.CreateAndStartAsync(bundle, id);

        var status = HostView.ReadOrEmpty($"/proc/{pid}/status").Split('\n');
        var uid = Fields(status.First(l => l.StartsWith("Uid:", StringComparison.Ordinal)));
        var gid = Fields(status.First(l => l.StartsWith("Gid:", StringComparison.Ordinal)));
        Assert.Equal($"{HostBase + 1000}", uid[1]);
        Assert.Equal($"{HostBase + 1000}", gid[1]);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AChownedRootfsIsOwnedByRootInside(string runtime)
    {
        // The usual way to use a user namespace: the image is chowned to the mapped range.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).UserNamespace(HostBase, Size)
            .Sh("stat -c %u:%g /bin/busybox; touch /written-as-root && stat -c %u /written-as-root");
        Sh($"chown -R -h {HostBase}:{HostBase} {FileStdio.Quote(bundle.RootfsPath())}");
        var id = ContainerDriver.NewId("usernschown");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run on a chowned rootfs");
        Assert.Equal(["0:0", "0"], run.StdoutLines);
        // On the host the new file belongs to the mapped uid.
        Assert.Equal($"{HostBase}", Sh($"stat -c %u {FileStdio.Quote(Path.Combine(bundle.RootfsPath(), "written-as-root"))}").Trim());
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task SeveralMappingRangesAreAllWritten(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).UserNamespace(HostBase, Size).Sh("cat /proc/self/uid_map");
        bundle.Linux["uidMappings"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["containerID"] = 0, ["hostID"] = HostBase, ["size"] = 1000 },
            new System.Text.Json.Nodes.JsonObject { ["containerID"] = 1000, ["hostID"] = 300000, ["size"] = 10 });
        var id = ContainerDriver.NewId("usernsmulti");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run with two uid ranges");
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Equal(["0", $"{HostBase}", "1000"], Fields(run.StdoutLines[0]));
        Assert.Equal(["1000", "300000", "10"], Fields(run.StdoutLines[1]));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AUserNamespaceIsJoinedByPath(string runtime)
    {
        // runc 1.1.5 insists on uidMappings/gidMappings even with a path ("User namespaces enabled, but no uid
        // mappings found."); they match the holder's maps here, which suits both.
        var rt = Use(runtime);
        var holder = await HoldNamespacesAsync(["user"]);
        holder.MapIds(HostBase, Size);
        var bundle = (await NewBundleAsync()).UserNamespace(HostBase, Size).Namespace("user", holder.NsPath("user"))
            .Sh("readlink /proc/self/ns/user; id -u; cat /proc/self/uid_map");
        var id = ContainerDriver.NewId("usernsjoin");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run joining a user namespace");
        Assert.Equal(holder.Ns("user"), run.StdoutLines[0]);
        Assert.Equal("0", run.StdoutLines[1]);
        Assert.Equal(["0", $"{HostBase}", $"{Size}"], Fields(run.StdoutLines[2]));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task InAUserNamespaceDevicesAreBindMountedFromTheHost(string runtime)
    {
        // mknod is not allowed inside a user namespace, so linux.devices become bind mounts of the host's device
        // node at the same path (runc does this; it fails if the host has no such node).
        var rt = Use(runtime);
        Skip.IfNot(File.Exists("/dev/kmsg"), "the host has no /dev/kmsg to bind-mount");
        var bundle = (await NewBundleAsync()).UserNamespace(HostBase, Size)
            .Device("/dev/kmsg", "c", 1, 11, Convert.ToUInt32("644", 8))
            .Sh("stat -c '%F %t:%T' /dev/kmsg; awk '$5 == \"/dev/kmsg\" { print $4 }' /proc/self/mountinfo");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("usernsdev"));

        run.ShouldSucceed($"{rt.Name} run with a device in a user namespace");
        Assert.Equal(["character special file 1:b", "/kmsg"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TimeOffsetsShiftTheContainersClocks(string runtime)
    {
        var rt = Use(runtime);
        Skip.If(rt.IsRunc, "runc 1.1.5 predates time namespaces (added in runc 1.2.0); it fails with `namespace {\"time\" \"\"} does not exist`");
        var bundle = (await NewBundleAsync()).Namespace("time").Sh("cat /proc/self/timens_offsets; cut -d. -f1 /proc/uptime");
        bundle.Linux["timeOffsets"] = new System.Text.Json.Nodes.JsonObject
        {
            ["boottime"] = new System.Text.Json.Nodes.JsonObject { ["secs"] = 1000000, ["nanosecs"] = 0 },
            ["monotonic"] = new System.Text.Json.Nodes.JsonObject { ["secs"] = 500000, ["nanosecs"] = 0 },
        };
        var id = ContainerDriver.NewId("timens");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run with time offsets");
        Assert.Contains(run.StdoutLines, l => Fields(l) is ["monotonic", "500000", "0"]);
        Assert.Contains(run.StdoutLines, l => Fields(l) is ["boottime", "1000000", "0"]);
        // /proc/uptime follows CLOCK_BOOTTIME: at least the offset, whatever the host's uptime.
        var hostUptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(long.Parse(run.StdoutLines[^1]), 1000000 + (long)hostUptime - 5, 1000000 + (long)hostUptime + 60);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ATimeNamespaceIsJoinedByPath(string runtime)
    {
        var rt = Use(runtime);
        Skip.If(rt.IsRunc, "runc 1.1.5 predates time namespaces (added in runc 1.2.0)");
        var holder = await HoldNamespacesAsync(["time"], "--boottime", "2000000");
        var bundle = (await NewBundleAsync()).Namespace("time", holder.NsPath("time")).Sh("readlink /proc/self/ns/time; cut -d. -f1 /proc/uptime");
        var id = ContainerDriver.NewId("timejoin");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run joining a time namespace");
        Assert.Equal(holder.Ns("time"), run.StdoutLines[0]);
        Assert.True(long.Parse(run.StdoutLines[1]) >= 2000000, $"uptime not shifted\n{run.Describe()}");
    }
}
