using System.Globalization;

namespace OciRuntime.Cli.Parsing;

/// <summary>
/// Signal names and numbers for `kill`, as runc's parseSignal (kill.go) reads them: a decimal number, or a name
/// with or without the "SIG" prefix in any letter case ("KILL", "sigkill", "SIGKILL"). Names are the Linux ones
/// golang.org/x/sys/unix.SignalNum knows (1-31); real-time signals are given by number.
/// </summary>
internal static class Signals
{
    /// <summary>SIGTERM: what `kill ID` sends when no signal is given.</summary>
    public const int Default = 15;

    /// <summary>Highest Linux signal number (SIGRTMAX).</summary>
    public const int Max = 64;

    private static readonly string[] NamesByNumber =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    /// <summary>
    /// Parses a signal. Numbers 0-64 are accepted (0 only probes, as kill(2) does); runc passes any number on
    /// and lets kill(2) fail, ocirt rejects out-of-range numbers up front.
    /// </summary>
    /// <exception cref="UsageException">`unknown signal "FOO"`, runc's wording.</exception>
    public static int Parse(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
        {
            if (number is >= 0 and <= Max)
                return number;
            throw Unknown(text);
        }

        string name = text.ToUpperInvariant();
        if (!name.StartsWith("SIG", StringComparison.Ordinal))
            name = "SIG" + name;
        int index = Array.IndexOf(NamesByNumber, name);
        return index > 0 ? index : throw Unknown(text);
    }

    /// <summary>The optional second argument of `kill ID [SIGNAL]`: absent or empty means SIGTERM, as in runc.</summary>
    public static int ParseKillArgument(string? text) => string.IsNullOrEmpty(text) ? Default : Parse(text);

    /// <summary>"SIGKILL" for 9; "signal 34" for numbers without a name (Go's wording).</summary>
    public static string Name(int signal) =>
        signal > 0 && signal < NamesByNumber.Length
            ? NamesByNumber[signal]
            : "signal " + signal.ToString(CultureInfo.InvariantCulture);

    private static UsageException Unknown(string text) => new($"unknown signal \"{text}\"");
}
