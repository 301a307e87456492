using CliWrap;
using CliWrap.Buffered;

namespace OciRuntime.IntegrationTests.Hack;

/// <summary>
/// hack/make-rootfs.sh builds the busybox rootfs every bundle uses. It must work without chroot or mounts, give a
/// usable shell and the files tools expect, and be idempotent, since `make bundle` and `make test` call it repeatedly.
/// </summary>
public sealed class MakeRootfsTests(ITestOutputHelper log) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ocirt-rootfs-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task BuildsBusyboxTreeWithoutChroot()
    {
        var rootfs = Path.Combine(_work.FullName, "rootfs");

        var result = await MakeRootfs(rootfs);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(rootfs, "bin", "busybox")));
        // Applet links point at /bin/busybox inside the container (absolute, like `busybox --install -s`).
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(rootfs, "bin", "sh")).LinkTarget);
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(rootfs, "usr", "bin", "env")).LinkTarget);
        foreach (var dir in new[] { "proc", "sys", "dev", "root", "run", "sbin", "usr/sbin" })
            Assert.True(Directory.Exists(Path.Combine(rootfs, dir)), $"{dir} missing");
        foreach (var dir in new[] { "tmp", "var/tmp" })
            Assert.Equal(StickyWorldWritable, File.GetUnixFileMode(Path.Combine(rootfs, dir)));
        var passwd = File.ReadAllLines(Path.Combine(rootfs, "etc", "passwd"));
        Assert.Contains(passwd, l => l.StartsWith("root:x:0:0:", StringComparison.Ordinal));
        Assert.Contains(passwd, l => l.StartsWith("nobody:x:65534:", StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(Path.Combine(rootfs, "etc", "group")), l => l.StartsWith("root:x:0:", StringComparison.Ordinal));
        Assert.False(Directory.Exists(rootfs + ".tmp"), "the staging dir was left behind");
    }

    [Fact]
    public async Task SecondRunLeavesTheTreeAlone()
    {
        var rootfs = Path.Combine(_work.FullName, "rootfs");
        await MakeRootfs(rootfs);
        var marker = Path.Combine(rootfs, "root", "marker");
        File.WriteAllText(marker, "kept");

        var second = await MakeRootfs(rootfs);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.StandardOutput);
        Assert.True(File.Exists(marker), "an up-to-date rootfs was rebuilt");
    }

    private const UnixFileMode StickyWorldWritable = UnixFileMode.StickyBit
        | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private async Task<BufferedCommandResult> MakeRootfs(string dir)
    {
        var script = Path.Combine(TestPaths.RepoRoot, "hack", "make-rootfs.sh");
        var result = await CliWrap.Cli.Wrap("bash").WithArguments([script, dir])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        log.WriteLine($"$ bash {script} {dir}\n  exit={result.ExitCode}\n  {result.StandardOutput}{result.StandardError}");
        return result;
    }
}
