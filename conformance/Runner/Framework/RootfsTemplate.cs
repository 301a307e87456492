using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace OciConformance.Framework;

/// <summary>
/// The rootfs every bundle starts from: the busybox rootfs plus the probe at /bin/oci-probe and the shared libraries
/// it needs (as ldd lists them, the ELF interpreter included), at the same paths they have on the host. Built once
/// per run; each bundle gets its own copy so that nothing a container does can leak into the next case.
/// </summary>
public static partial class RootfsTemplate
{
    public const string ProbeInContainer = "/bin/oci-probe";

    public static async Task<string> BuildAsync(string busyboxRootfs, string probe, string dir)
    {
        if (!File.Exists(Path.Combine(busyboxRootfs, "bin/busybox")))
            throw new InvalidOperationException($"{busyboxRootfs}: no bin/busybox (make bundle builds it)");
        if (!File.Exists(probe))
            throw new InvalidOperationException($"{probe}: probe not found (make conformance builds it)");

        await CopyTreeAsync(busyboxRootfs, dir);
        CopyFile(probe, Path.Combine(dir, ProbeInContainer.TrimStart('/')), 0b111_101_101);
        foreach (var library in await SharedLibrariesAsync(probe))
            CopyFile(library, Path.Combine(dir, library.TrimStart('/')), 0b111_101_101);
        return dir;
    }

    /// <summary>cp -a: keeps modes, owners, links and special files exactly.</summary>
    public static async Task CopyTreeAsync(string from, string to)
    {
        var result = await Cli.Wrap("cp").WithArguments(["-a", "--", from, to])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"cp -a {from} {to}: {result.StandardError.Trim()}");
    }

    /// <summary>The absolute paths of the libraries ldd says <paramref name="binary"/> loads.</summary>
    public static async Task<IReadOnlyList<string>> SharedLibrariesAsync(string binary)
    {
        var result = await Cli.Wrap("ldd").WithArguments([binary]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ldd {binary}: {result.StandardError.Trim()}{result.StandardOutput.Trim()}");
        return ParseLdd(result.StandardOutput);
    }

    /// <summary>"libc.so.6 =&gt; /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)" lines.</summary>
    internal static IReadOnlyList<string> ParseLdd(string output) =>
        [.. LddPath().Matches(output).Select(m => m.Groups[1].Value).Distinct()];

    [GeneratedRegex(@"(?:=>\s+|^\s*)(/\S+)\s+\(0x", RegexOptions.Multiline)]
    private static partial Regex LddPath();

    /// <summary>Copies the file's content (following links) to <paramref name="to"/>, making its directories.</summary>
    private static void CopyFile(string from, string to, int mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
        File.SetUnixFileMode(to, (UnixFileMode)mode);
    }
}
