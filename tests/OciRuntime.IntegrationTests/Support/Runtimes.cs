namespace OciRuntime.IntegrationTests.Support;

/// <summary>Where the binaries and the shared busybox rootfs are; environment variables override the defaults.</summary>
public static class TestPaths
{
    /// <summary>The Debian runc package's binary (hack/install-deps.sh installs it); /usr/bin/runc links to it.</summary>
    public const string DebianRunc = "/usr/sbin/runc";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Ocirt => Environment.GetEnvironmentVariable("OCIRT_BIN") is { Length: > 0 } bin
        ? bin
        : Path.Combine(RepoRoot, "bin", "ocirt");

    /// <summary>Made by <c>make bundle</c> (hack/make-rootfs.sh); bundles point at it read-only, never copy it.</summary>
    public static string BusyboxRootfs => Environment.GetEnvironmentVariable("OCIRT_BUNDLE_ROOTFS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(RepoRoot, "bundle", "busybox", "rootfs");

    /// <summary>OCIRT_RUNC overrides the reference runtime's path; set it empty to run as if runc were absent.</summary>
    public static string? Runc => Environment.GetEnvironmentVariable("OCIRT_RUNC") is { } path
        ? (path.Length > 0 && File.Exists(path) ? path : null)
        : File.Exists(DebianRunc) ? DebianRunc : null;

    // The test assembly runs from tests/.../bin/<config>/..., so the first ancestor holding the solution is the repo.
    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OciRuntime.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"OciRuntime.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>
/// The runtimes one test drives, each with its own fresh <c>--root</c> under a private temp dir, so tests never share
/// state and never touch /run/runc or /run/ocirt. xUnit builds a new test class instance per test, so a class that
/// owns one of these (and disposes it) gets that isolation for every test. Dispose deletes every container the test
/// left behind through the runtime that made it, then the temp dir.
/// </summary>
public sealed class Runtimes : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ocirt-it-");

    public Runtimes(ITestOutputHelper log)
    {
        // A missing binary is a broken build, not a reason to skip: fail every test that needs it, saying why.
        if (!File.Exists(TestPaths.Ocirt))
            throw new InvalidOperationException($"ocirt binary not found at {TestPaths.Ocirt} (run `make build` or set OCIRT_BIN)");
        Ocirt = new RuntimeCli("ocirt", TestPaths.Ocirt, NewDir("ocirt-root"), log);
        if (TestPaths.Runc is { } runc)
            Runc = new RuntimeCli("runc", runc, NewDir("runc-root"), log);
        Log = log;
    }

    public ITestOutputHelper Log { get; }

    /// <summary>Scratch space private to this test (bundles, log files); deleted on dispose.</summary>
    public string WorkDir => _work.FullName;

    public RuntimeCli Ocirt { get; }

    /// <summary>Null when runc is not installed; tests then compare with recorded runc 1.1.5 values only.</summary>
    public RuntimeCli? Runc { get; }

    /// <summary>For the live half of a runc comparison; the recorded half runs in a sibling test either way.</summary>
    public RuntimeCli RequireRunc()
    {
        Skip.If(Runc is null,
            $"runc not found (looked at OCIRT_RUNC or {TestPaths.DebianRunc}; make deps installs it): ocirt was compared with the recorded runc 1.1.5 values only");
        return Runc!;
    }

    /// <summary>True when nothing at all was written under the root dir: commands that fail must leave no trace.</summary>
    public static bool IsEmptyDir(string dir) => !Directory.EnumerateFileSystemEntries(dir).Any();

    public string NewDir(string name) => Directory.CreateDirectory(Path.Combine(WorkDir, name)).FullName;

    /// <summary>For tests that only make sense as root (namespaces, mounts); says so in the skip reason.</summary>
    public static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess, "needs root: integration tests create namespaces and mounts (run `make test` as root)");

    public void Dispose()
    {
        foreach (var runtime in new[] { Ocirt, Runc })
            if (runtime?.Root is { } root && Directory.Exists(root))
                foreach (var state in Directory.GetDirectories(root))
                    runtime.RunAsync("delete", "--force", Path.GetFileName(state)).GetAwaiter().GetResult();
        try
        {
            _work.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never fail a test over cleanup, but leave a trace of what leaked.
            Log.WriteLine($"cleanup of {WorkDir} failed: {e.Message}");
        }
    }
}
