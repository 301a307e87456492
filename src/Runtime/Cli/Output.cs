using System.Text;

namespace OciRuntime.Cli;

/// <summary>Writes command output to stdout as UTF-8 bytes. Cheaper at start-up than System.Console's writer, and
/// exact: nothing is added that the command did not write (runc's `state` ends without a newline).</summary>
internal static class Output
{
    private static Stream? _stdout;

    public static void Write(string text)
    {
        _stdout ??= Console.OpenStandardOutput();
        _stdout.Write(Encoding.UTF8.GetBytes(text));
    }

    public static void WriteLine(string text) => Write(text + "\n");

    public static void Flush() => _stdout?.Flush();
}
