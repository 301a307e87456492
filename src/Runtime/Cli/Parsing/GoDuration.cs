namespace OciRuntime.Cli.Parsing;

/// <summary>
/// Go's time.ParseDuration: a signed sequence of decimal numbers, each with an optional fraction and a unit
/// ("ns", "us", "µs", "ms", "s", "m", "h"), e.g. "5s", "1m30s", "1.5h", "-500ms". A bare "0" is allowed.
/// Used for `events --interval`. Sub-100ns precision is truncated (TimeSpan ticks).
/// </summary>
internal static class GoDuration
{
    private const ulong MaxMagnitude = 1UL << 63;

    /// <exception cref="FormatException">The text is not a Go duration; the message uses Go's wording.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    public static bool TryParse(string text, out TimeSpan value) => TryParse(text, out value, out _);

    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        if (!TryParseNanoseconds(text, out long nanoseconds, out error))
            return false;
        value = TimeSpan.FromTicks(nanoseconds / 100);
        return true;
    }

    private static bool TryParseNanoseconds(string text, out long result, out string error)
    {
        result = 0;
        error = $"time: invalid duration {Quote(text)}";
        var s = text.AsSpan();
        bool negative = false;
        if (!s.IsEmpty && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.SequenceEqual("0"))
        {
            error = "";
            return true;
        }
        if (s.IsEmpty)
            return false;

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
                return false;

            int before = s.Length;
            if (!TryLeadingInt(ref s, out ulong whole))
                return false;
            bool hadWhole = s.Length != before;

            ulong fraction = 0;
            double scale = 1;
            bool hadFraction = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                int start = s.Length;
                LeadingFraction(ref s, out fraction, out scale);
                hadFraction = s.Length != start;
            }
            if (!hadWhole && !hadFraction)
                return false;

            int unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
                unitLength++;
            var unitText = s[..unitLength];
            s = s[unitLength..];
            if (unitText.IsEmpty)
            {
                error = $"time: missing unit in duration {Quote(text)}";
                return false;
            }
            ulong unit = UnitNanoseconds(unitText);
            if (unit == 0)
            {
                error = $"time: unknown unit {Quote(unitText.ToString())} in duration {Quote(text)}";
                return false;
            }

            if (whole > MaxMagnitude / unit)
                return false;
            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > MaxMagnitude)
                    return false;
            }
            total += whole;
            if (total > MaxMagnitude)
                return false;
        }

        if (negative)
        {
            result = (long)(0UL - total);
        }
        else
        {
            if (total > long.MaxValue)
                return false;
            result = (long)total;
        }
        error = "";
        return true;
    }

    private static bool TryLeadingInt(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        int i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (value > MaxMagnitude / 10)
                return false;
            value = value * 10 + (ulong)(s[i] - '0');
            if (value > MaxMagnitude)
                return false;
        }
        s = s[i..];
        return true;
    }

    // Digits past what fits are dropped rather than rejected, as Go does.
    private static void LeadingFraction(ref ReadOnlySpan<char> s, out ulong value, out double scale)
    {
        value = 0;
        scale = 1;
        bool overflow = false;
        int i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
                continue;
            if (value > (MaxMagnitude - 1) / 10)
            {
                overflow = true;
                continue;
            }
            ulong next = value * 10 + (ulong)(s[i] - '0');
            if (next > MaxMagnitude)
            {
                overflow = true;
                continue;
            }
            value = next;
            scale *= 10;
        }
        s = s[i..];
    }

    private static ulong UnitNanoseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1,
        "us" or "\u00b5s" or "\u03bcs" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        _ => 0,
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
