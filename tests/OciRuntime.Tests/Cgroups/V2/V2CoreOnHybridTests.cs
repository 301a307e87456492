using System.Diagnostics;
using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V2;

namespace OciRuntime.Tests.Cgroups.V2;

/// <summary>
/// The v2 core (cgroup.procs, cgroup.freeze with cgroup.events, cgroup.kill) through ocirt's V2Manager, on
/// this hybrid host's cgroup2 mount: a cgroup this test creates under it, with a `sleep` this test starts, both
/// removed at the end. (Containers on a hybrid host use the v1 freezer; the full v2 suite runs in user-mode-linux.)
/// Needs root, as `make test` runs; without root the kernel refuses the cgroup, which is asserted instead.
/// </summary>
public sealed class V2CoreOnHybridTests
{
    [Fact]
    public void FreezeListKillThroughTheV2Files()
    {
        var unified = CgroupMount.Read().FirstOrDefault(m => m.IsV2);
        Assert.NotNull(unified); // both kinds of host this project runs on have a cgroup2 mount
        string name = $"ocirt-test-{Guid.NewGuid():N}"[..24];
        string dir = Path.Combine(unified.MountPoint, name);
        if (Environment.UserName != "root")
        {
            Assert.ThrowsAny<UnauthorizedAccessException>(() => Directory.CreateDirectory(dir));
            return;
        }

        var manager = new V2Manager(dir);
        Directory.CreateDirectory(dir);
        using var sleep = Process.Start("/bin/sleep", "100");
        try
        {
            File.WriteAllText(Path.Combine(dir, "cgroup.procs"), sleep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(dir, manager.Placement().Unified);
            Assert.Empty(manager.Placement().Tasks);
            Assert.Equal([sleep.Id], manager.Pids());

            manager.Freeze();
            Assert.True(manager.IsFrozen());
            Assert.Contains("frozen 1", File.ReadAllLines(Path.Combine(dir, "cgroup.events")));
            manager.Thaw();
            Assert.False(manager.IsFrozen());

            // SIGKILL goes through cgroup.kill: every process at once.
            Assert.True(File.Exists(Path.Combine(dir, "cgroup.kill")));
            manager.Signal(9);
            Assert.True(sleep.WaitForExit(5000), "cgroup.kill did not end the process");
            Assert.Equal(128 + 9, sleep.ExitCode); // ended by SIGKILL
        }
        finally
        {
            if (!sleep.HasExited)
                sleep.Kill();
            sleep.WaitForExit();
            CgroupManager.Remove([dir]);
        }
        Assert.False(Directory.Exists(dir));
    }
}
