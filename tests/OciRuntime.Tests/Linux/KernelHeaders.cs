using System.Globalization;
using System.Text.RegularExpressions;

namespace OciRuntime.Tests.Linux;

/// <summary>Reads NAME/value pairs from an installed C header ("#define NAME 12", "NAME = 0x8," in an enum), so that
/// the runtime's tables can be checked against the kernel's own. Empty when the header is not installed.</summary>
internal static class KernelHeaders
{
    public static Dictionary<string, long> Values(string path, string namePattern)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return values;
        var regex = new Regex($@"^\s*(?:#\s*define\s+|)({namePattern})\s*(?:=\s*)?(0x[0-9A-Fa-f]+|\d+)\b", RegexOptions.Multiline);
        foreach (Match m in regex.Matches(File.ReadAllText(path)))
        {
            string text = m.Groups[2].Value;
            long value = text.StartsWith("0x", StringComparison.Ordinal)
                ? long.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : long.Parse(text, CultureInfo.InvariantCulture);
            values.TryAdd(m.Groups[1].Value, value);
        }
        return values;
    }
}
