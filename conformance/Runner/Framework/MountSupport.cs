using OciConformance.Probe;
using OciRuntime.Oci;

namespace OciConformance.Framework;

/// <summary>Steps the mount and device cases share: mount entries, mountinfo look-ups, shell containers.</summary>
public static class MountSupport
{
    public static Mount Tmpfs(string destination, params string[] options) =>
        new() { Destination = destination, Type = "tmpfs", Source = "tmpfs", Options = options.Length > 0 ? [.. options] : null };

    /// <summary>A bind mount as the spec's example writes it: a dummy type and "bind" or "rbind" among the options.</summary>
    public static Mount Bind(string source, string destination, params string[] options) =>
        new()
        {
            Destination = destination,
            Type = "none",
            Source = source,
            Options = options.Contains("bind") || options.Contains("rbind") ? [.. options] : ["bind", .. options],
        };

    public static void AddMount(this Bundle bundle, Mount mount) => (bundle.Spec.Mounts ??= []).Add(mount);

    /// <summary>The mount a path shows: the last (topmost) mountinfo entry at that mount point.</summary>
    public static MountEntry MountAt(Report report, string point) =>
        report.Mounts.LastOrDefault(m => m.MountPoint == point)
        ?? throw new CaseFailedException($"no mount at {point} in the container (mount points: {string.Join(" ", report.Mounts.Select(m => m.MountPoint).Distinct())})");

    /// <summary>What the probe found at a path asked for with --path.</summary>
    public static PathInfo PathAt(Report report, string path) =>
        report.Paths.FirstOrDefault(p => p.Path == path) ?? throw new CaseFailedException($"the probe did not report {path}");

    /// <summary>What the probe found at a path under /dev (its /dev walk).</summary>
    public static PathInfo DeviceAt(Report report, string path) =>
        report.Devices.FirstOrDefault(p => p.Path == path) ?? throw new CaseFailedException($"{path} does not exist in the container");

    /// <summary>Runs `/bin/sh -c SCRIPT` as the container's process until it stops; returns what it wrote to stdout.</summary>
    public static async Task<string> RunShellAsync(CaseContext t, Bundle bundle, string script)
    {
        bundle.Process.Args = ["/bin/sh", "-c", script];
        var id = t.NewId("sh");
        await t.CreateAndStartAsync(bundle, id);
        await t.WaitForStatusAsync(id, "stopped");
        return t.OutputOf(id);
    }

    /// <summary>The running kernel is at least <paramref name="major"/>.<paramref name="minor"/>.</summary>
    public static bool KernelAtLeast(int major, int minor)
    {
        var parts = File.ReadAllText("/proc/sys/kernel/osrelease").Split('.', '-');
        return int.TryParse(parts[0], out var ma) && int.TryParse(parts.ElementAtOrDefault(1), out var mi)
               && (ma > major || (ma == major && mi >= minor));
    }

    /// <summary>
    /// Runs the probe with the runtime started inside a mount namespace of its own whose mounts are all shared
    /// (`unshare --mount --propagation shared`, held by a process the case owns). The runner's own namespace is
    /// private, where "slave of the host" and "private" look the same; here the container's mounts have a peer
    /// group above them, so each propagation mode shows in mountinfo. Nothing is mounted: only the propagation of
    /// that namespace's copies of the mounts changes, and the namespace goes away with its holder.
    /// </summary>
    public static async Task<Report> ProbeUnderSharedMountsAsync(CaseContext t, Bundle bundle, params string[] probeArgs)
    {
        var holder = t.StartHolder("unshare", "--mount", "--propagation", "shared", "--", "sleep", "1000");
        await WaitForExecAsync(holder, "sleep");

        var wrapper = Path.Combine(t.Dir, "runtime-in-shared-mntns");
        File.WriteAllText(wrapper,
            $"#!/bin/sh\nexec nsenter --mount=/proc/{holder}/ns/mnt -- {RuntimeDriver.Quote(t.Runtime.Binary)} \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var driver = new RuntimeDriver(t.Runtime.Name, wrapper, t.Runtime.Root, t.Dir);

        bundle.Process.Args = [RootfsTemplate.ProbeInContainer, "report", .. probeArgs];
        var id = t.NewId("probe");
        bundle.Linux.CgroupsPath ??= t.CgroupsPathFor(id);
        bundle.Save();
        Check.Succeeded(await driver.RunAsync(["create", "--bundle", bundle.Dir, id], t.StdoutOf(id), t.StderrOf(id)), "create");
        Check.Succeeded(await driver.RunAsync("start", id), "start");
        await t.WaitForStatusAsync(id, "stopped");
        return CaseContext.ParseReport(t.OutputOf(id), RuntimeDriver.ReadSoFar(t.StderrOf(id)));
    }

    /// <summary>Waits until process <paramref name="pid"/> has exec'd <paramref name="comm"/> (unshare is done then).</summary>
    private static async Task WaitForExecAsync(int pid, string comm)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 10)
        {
            try
            {
                if (File.ReadAllText($"/proc/{pid}/comm").Trim() == comm) return;
            }
            catch (IOException)
            {
                // Not there yet, or gone: the timeout says so.
            }
            await Task.Delay(20);
        }
        throw new InvalidOperationException($"process {pid} did not exec {comm} within 10 s");
    }
}
