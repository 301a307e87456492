namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// What Debian's runc 1.1.5 (1.1.5+ds1-1+deb12u1) did for the calls these tests make, recorded by running it as root
/// with a private --root. ocirt is always checked against these, so the comparison holds on machines without runc;
/// where runc is installed the tests also compare with it live. runc prints errors through logrus, so its stderr is
/// `time="..." level=error msg="..."`; only the msg text is recorded here.
/// </summary>
public static class RecordedRunc
{
    /// <summary><c>runc --version</c> (and <c>-v</c>): five lines; go-runc reads only the first three.</summary>
    public static readonly string[] VersionLines =
        ["runc version 1.1.5+ds1", "commit: 1.1.5+ds1-1+deb12u1", "spec: 1.0.2-dev", "go: go1.19.8", "libseccomp: 2.5.4"];

    /// <summary><c>state missing</c>, <c>delete missing</c>: exit 1. <c>delete --force missing</c>: exit 0, no output.</summary>
    public const string NotExist = "container does not exist";

    /// <summary><c>spec</c> when config.json exists: exit 1, file left alone.</summary>
    public const string SpecExists = "File config.json exists. Remove it first";

    /// <summary><c>state ../x</c>, <c>state a/b</c>, <c>state .</c>: exit 1.</summary>
    public const string InvalidId = "invalid container ID format";

    /// <summary><c>state ''</c>: exit 1, a message of its own.</summary>
    public const string EmptyId = "container id cannot be empty";

    /// <summary>
    /// <c>runc foo</c>: exit 3 (urfave/cli's "No help topic for 'foo'"), not 1. ocirt uses 1 like every other error;
    /// callers only need non-zero (runtime-tools CLI doc).
    /// </summary>
    public const int UnknownCommandExit = 3;

    /// <summary><c>runc --foo state x</c> and <c>runc state --foo x</c>: exit 1, "flag provided but not defined: -foo".</summary>
    public const int UnknownFlagExit = 1;

    /// <summary><c>list</c> on an empty root: this header line only (tabwriter, no trailing blanks).</summary>
    public const string ListHeader = "ID          PID         STATUS      BUNDLE      CREATED     OWNER";

    /// <summary><c>list --format json</c> on an empty root: Go marshals the nil slice as null. <c>list -q</c>: nothing.</summary>
    public const string ListJsonEmpty = "null";

    /// <summary>
    /// <c>--log F --log-format json state missing</c>: F gets exactly this shape (logrus JSONFormatter, keys sorted,
    /// RFC3339 seconds) and stderr gets the bare message "container does not exist" on one line.
    /// </summary>
    public const string LogLineExample = """{"level":"error","msg":"container does not exist","time":"2026-11-24T23:42:35Z"}""";
}
