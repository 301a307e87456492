namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// Error texts and behaviours of Debian's runc 1.1.5 seen while writing the lifecycle tests (live runs as root with
/// a private --root). Tests match on the part callers rely on; runc prefixes some with "runc create failed: " or
/// "runc run failed: " and prints them through logrus (<c>time=... level=error msg="..."</c>).
/// </summary>
public static class RuncMessages
{
    /// <summary><c>kill</c> of a stopped container (containerd's checkKillError matches it).</summary>
    public const string NotRunning = "container not running";

    /// <summary><c>exec</c> into a stopped container: runc 1.1.5 says "cannot exec in a stopped container", exit 255.</summary>
    public const string ExecStopped = "cannot exec in a stopped container";

    /// <summary>runc's <c>exec</c> exits 255 on its own errors (<c>fatalWithCode(..., 255)</c>), not 1.</summary>
    public const int ExecErrorExit = 255;

    /// <summary>process.args missing or empty: runc says "args must not be empty"; tests check these words.</summary>
    public static readonly string[] ArgsEmpty = ["args", "must not be empty"];

    /// <summary>A relative process.cwd: runc says "Cwd must be an absolute path"; tests check these words.</summary>
    public static readonly string[] CwdNotAbsolute = ["cwd", "absolute"];

    /// <summary>Prefix of a missing rootfs: "invalid rootfs: stat /x: no such file or directory".</summary>
    public const string InvalidRootfs = "invalid rootfs";

    /// <summary>Truncated config.json: runc shows Go's decoder error.</summary>
    public const string TruncatedJson = "unexpected EOF";

    /// <summary>No config.json in the bundle.</summary>
    public const string NoConfig = "JSON specification file config.json not found";

    /// <summary>A process binary that is not in the rootfs.</summary>
    public const string ExecutableNotFound = "executable file not found in $PATH";
}
