using System.Security.Cryptography;

namespace OciRuntime.IntegrationTests.Security;

/// <summary>Runs alone: another test executing the same binary would make every write fail with ETXTBSY.</summary>
[CollectionDefinition(nameof(SerialSecurity), DisableParallelization = true)]
public sealed class SerialSecurity;

/// <summary>
/// CVE-2019-5736: while the runtime's init runs inside the container, /proc/1/exe in the container is the
/// runtime binary. A container process that opens it (read-only, as O_PATH or O_RDONLY is allowed) and re-opens
/// /proc/self/fd/N for writing once the runtime has exited (no more ETXTBSY) would overwrite the host's runtime.
/// runc and crun run from a sealed memfd or a read-only bind/overlay view, so the write fails (runc 1.1.5 from
/// Debian: ETXTBSY while running, then EROFS: "Read-only file system").
///
/// The attacker is a startContainer hook: it runs inside the container, as a child of the runtime's init, just
/// before the user process starts. It keeps /proc/1/exe open in a background loop that tries to append one byte for
/// ~4 s. The test then requires every attempt to have failed and the host binary to be unchanged. Appending one
/// byte to an ELF leaves it runnable, and the test restores the original (atomically) if it was changed anyway.
/// </summary>
[Collection(nameof(SerialSecurity))]
public sealed class BinaryProtectionTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private const string Attack =
        "readlink /proc/1/exe > /markers/exe-link 2>&1; " +
        "if exec 5</proc/1/exe; then echo opened >> /markers/log; else echo open-refused >> /markers/log; echo done >> /markers/log; exit 0; fi; " +
        "( for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do " +
        "    if printf x >> /proc/self/fd/5; then echo WROTE >> /markers/log; fi; sleep 0.2; " +
        "  done; echo done >> /markers/log ) </dev/null >/dev/null 2>>/markers/errors &";

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheContainerCannotWriteToTheRuntimeBinary(string runtime)
    {
        var rt = Use(runtime);
        var binary = rt.Cli.Binary;
        var backup = Path.Combine(Rt.WorkDir, "runtime-binary.backup");
        File.Copy(binary, backup);
        var before = Hash(binary);

        var markers = NewHostDir("markers");
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .Bind(markers, "/markers", "rbind")
            .Hook("startContainer", "/bin/sh", ["sh", "-c", Attack])
            .Args("sleep", "30");
        var id = ContainerDriver.NewId("cve5736");

        try
        {
            await rt.CreateAndStartAsync(bundle, id);
            var attempts = await ContainerDriver.WaitForFileAsync(Path.Combine(markers, "log"), "done", TimeSpan.FromSeconds(20));

            string exe = HostView.ReadOrEmpty(Path.Combine(markers, "exe-link")).Trim();
            Log.WriteLine($"/proc/1/exe in the hook: {exe}");
            Log.WriteLine($"attempts: {attempts.Replace('\n', ' ')}\nerrors: {HostView.ReadOrEmpty(Path.Combine(markers, "errors"))}");
            Assert.DoesNotContain("WROTE", attempts);
            Assert.True(before.SequenceEqual(Hash(binary)), $"{binary} changed while a container was running");
            // ocirt makes the overlay view here (root, overlayfs), also on the first create of a fresh --root; the
            // sealed copy would show as "/memfd:...".
            if (runtime == "ocirt")
            {
                Assert.NotEmpty(exe);
                Assert.DoesNotContain("memfd:", exe);
            }
        }
        finally
        {
            if (!before.SequenceEqual(Hash(binary)))
            {
                // Put the original back by rename, which works even while the binary is being executed.
                var restore = binary + ".restore";
                File.Copy(backup, restore, overwrite: true);
                File.SetUnixFileMode(restore, File.GetUnixFileMode(backup));
                File.Move(restore, binary, overwrite: true);
            }
        }
    }

    private static byte[] Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }
}
