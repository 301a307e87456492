using OciRuntime.Linux;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Linux;

public sealed class NamespacesTests
{
    private static Spec With(params LinuxNamespace[] namespaces) => new() { Linux = new OciRuntime.Oci.Linux { Namespaces = [.. namespaces] } };

    [Fact]
    public void NamespacesWithoutPathAreCreatedAndWithPathJoined()
    {
        var plan = Namespaces.ForCreate(With(
            new LinuxNamespace { Type = "pid" },
            new LinuxNamespace { Type = "network", Path = "/var/run/netns/x" },
            new LinuxNamespace { Type = "mount" },
            new LinuxNamespace { Type = "user" },
            new LinuxNamespace { Type = "time" }));
        Assert.Equal(Namespaces.CLONE_NEWPID | Namespaces.CLONE_NEWNS | Namespaces.CLONE_NEWUSER | Namespaces.CLONE_NEWTIME, plan.CloneFlags);
        Assert.Equal([(Namespaces.CLONE_NEWNET, "/var/run/netns/x")], plan.Joins);
        Assert.True(plan.Has(Namespaces.CLONE_NEWNET));
        Assert.False(plan.Creates(Namespaces.CLONE_NEWNET));
    }

    [Fact]
    public void TheBootstrapIsWhatNsexecParses()
    {
        var plan = new NamespacePlan(Namespaces.CLONE_NEWPID | Namespaces.CLONE_NEWTIME, [(Namespaces.CLONE_NEWNET, "/proc/7/ns/net")]);
        var offsets = new Dictionary<string, LinuxTimeOffset> { ["monotonic"] = new() { Secs = 5, Nanosecs = 7 } };
        Assert.Equal("clone 536871040\njoin 1073741824 /proc/7/ns/net\ntimens monotonic 5 7\n", Namespaces.Bootstrap(plan, offsets));
    }

    [Fact]
    public void TheBootstrapSaysWhereTheProcessIsBorn()
    {
        var plan = new NamespacePlan(Namespaces.CLONE_NEWPID, []);
        Assert.Equal("clone 536870912\ncgroup-tasks /sys/fs/cgroup/cpu/c1/tasks\ncgroup-tasks /sys/fs/cgroup/pids/c1/tasks\n" +
            "cgroup-dir /sys/fs/cgroup/unified/c1\n",
            Namespaces.Bootstrap(plan, null, ["/sys/fs/cgroup/cpu/c1/tasks", "/sys/fs/cgroup/pids/c1/tasks"], "/sys/fs/cgroup/unified/c1"));
        Assert.DoesNotContain("cgroup", Namespaces.Bootstrap(plan, null));
    }

    [Fact]
    public void TimeOffsetsAreSentOnlyForANewTimeNamespace()
    {
        var offsets = new Dictionary<string, LinuxTimeOffset> { ["boottime"] = new() { Secs = 1 } };
        Assert.DoesNotContain("timens", Namespaces.Bootstrap(new NamespacePlan(0, []), offsets));
    }

    [Fact]
    public void ExecJoinsTheNamespacesThatDifferFromOurs()
    {
        // Against ourselves every namespace is our own, so there is nothing to join.
        Assert.Empty(Namespaces.ForExec(Environment.ProcessId).Joins);
    }

    [Fact]
    public void AnUnknownTypeIsRefused() =>
        Assert.Throws<ArgumentException>(() => Namespaces.FlagOf("foo"));
}
