using System.Diagnostics;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// Base of the container lifecycle tests. Every test is a theory over <see cref="Both"/> runtimes: the runc row
/// proves the test checks the right thing, the ocirt row checks ocirt. xUnit makes one instance per test row, so
/// each row gets its own <see cref="Runtimes"/> (private --root dirs and scratch dir).
///
/// Dispose is the "nothing left behind" check every test gets for free: it deletes (--force) whatever the test
/// left in either root, runs the test's own cleanups (namespace holders, host mounts it made), then fails the test
/// if a mount is still standing anywhere under the scratch dir (it is lazily unmounted first, so the recursive
/// delete of the scratch dir can never reach through a leaked bind mount into the host).
/// </summary>
public abstract class ContainerTestBase : IDisposable
{
    private readonly List<Action> _cleanups = [];

    protected ContainerTestBase(ITestOutputHelper log)
    {
        Log = log;
        Rt = new Runtimes(log);
        // Directory.CreateTempSubdirectory makes 0700; a container root mapped to another uid (user namespace tests)
        // must still be able to walk into a rootfs copy below it.
        File.SetUnixFileMode(Rt.WorkDir, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    protected ITestOutputHelper Log { get; }
    protected Runtimes Rt { get; }

    /// <summary>The runtime column of every theory.</summary>
    public static TheoryData<string> Both => new() { "ocirt", "runc" };

    /// <summary>
    /// The driver for one runtime. runc rows skip (with the reason) when runc is not installed; every row skips
    /// when not root, since containers need namespaces and mounts.
    /// </summary>
    protected ContainerDriver Use(string runtime)
    {
        Runtimes.RequireRoot();
        var cli = runtime switch
        {
            "ocirt" => Rt.Ocirt,
            "runc" => Rt.RequireRunc(),
            _ => throw new ArgumentException($"unknown runtime {runtime}"),
        };
        return new ContainerDriver(cli, Rt.WorkDir, Log);
    }

    /// <summary>
    /// A bundle on the shared busybox rootfs (read-only) with terminal off and no linux.resources (see
    /// <see cref="BundleConfig.WithoutResources"/>); <paramref name="copyRootfs"/> gives it a private rootfs copy.
    /// The process is <c>true</c> until the test sets one.
    /// </summary>
    protected async Task<TempBundle> NewBundleAsync(string name = "bundle", bool copyRootfs = false)
    {
        var bundle = await TempBundle.CreateAsync(Rt, name);
        bundle.WithoutResources().Terminal(false).Args("true");
        if (copyRootfs)
            bundle.CopyRootfs();
        bundle.Save();
        return bundle;
    }

    /// <summary>A scratch dir of this test (mode 0777 so any container uid can write into it when bind-mounted).</summary>
    protected string NewHostDir(string name)
    {
        var dir = Rt.NewDir(name);
        File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("777", 8));
        return dir;
    }

    /// <summary>Runs at dispose, before the leak checks, last registered first.</summary>
    protected void OnCleanup(Action cleanup) => _cleanups.Add(cleanup);

    /// <summary>A namespace holder killed at the end of the test.</summary>
    protected async Task<NamespaceHolder> HoldNamespacesAsync(string[] specTypes, params string[] extraFlags)
    {
        var holder = await NamespaceHolder.StartAsync(specTypes, extraFlags);
        OnCleanup(holder.Dispose);
        return holder;
    }

    /// <summary>Mounts on the host (for propagation and rbind tests), unmounted at the end of the test.</summary>
    protected void HostMount(string target, string type = "tmpfs", string source = "tmpfs", string? options = null)
    {
        Sh($"mount -t {type} {(options is null ? "" : "-o " + options)} {source} {FileStdio.Quote(target)}");
        OnCleanup(() => Sh($"umount -l {FileStdio.Quote(target)}", check: false));
    }

    /// <summary>A host shell command for set-up (mount, mknod); fails the test when it fails.</summary>
    protected static string Sh(string script, bool check = true)
    {
        var psi = new ProcessStartInfo("/bin/sh", ["-c", script])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (check && p.ExitCode != 0)
            throw new InvalidOperationException($"host command failed ({p.ExitCode}): {script}\n{stderr}");
        return stdout.Result;
    }

    public void Dispose()
    {
        var problems = new List<string>();
        foreach (var runtime in new[] { Rt.Ocirt, Rt.Runc })
            if (runtime?.Root is { } root && Directory.Exists(root))
                foreach (var state in Directory.GetDirectories(root))
                    runtime.RunAsync("delete", "--force", Path.GetFileName(state)).GetAwaiter().GetResult();

        for (var i = _cleanups.Count - 1; i >= 0; i--)
        {
            try
            {
                _cleanups[i]();
            }
            catch (Exception e)
            {
                problems.Add($"cleanup failed: {e.Message}");
            }
        }

        // Deepest first, so nested leaks come off cleanly.
        foreach (var mount in HostView.MountPointsUnder(Rt.WorkDir).OrderByDescending(m => m.Length))
        {
            problems.Add($"mount left on the host: {mount}");
            Sh($"umount -l {FileStdio.Quote(mount)}", check: false);
        }

        Rt.Dispose();
        GC.SuppressFinalize(this);
        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException("the test left things behind:\n  " + string.Join("\n  ", problems));
    }
}
