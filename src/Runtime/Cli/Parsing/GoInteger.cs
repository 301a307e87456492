namespace OciRuntime.Cli.Parsing;

/// <summary>Why a Go integer could not be parsed; the two cases Go's flag package reports differently.</summary>
internal enum GoNumberError
{
    None,
    Syntax,
    Range,
}

/// <summary>
/// Go's strconv.ParseInt(s, 0, 64), which is how urfave/cli reads Int and Int64Slice flags: an optional sign,
/// a base prefix ("0x", "0o", "0b", or a leading "0" for octal) and underscores between digits.
/// </summary>
internal static class GoInteger
{
    public static bool TryParse(string text, out long value, out GoNumberError error)
    {
        value = 0;
        error = GoNumberError.Syntax;
        if (text.Length == 0)
            return false;

        var s = text.AsSpan();
        bool negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (!TryParseUnsigned(s, out ulong magnitude, out error))
            return false;

        ulong limit = negative ? 1UL << 63 : long.MaxValue;
        if (magnitude > limit)
        {
            error = GoNumberError.Range;
            return false;
        }
        value = negative ? (long)(0UL - magnitude) : (long)magnitude;
        error = GoNumberError.None;
        return true;
    }

    private static bool TryParseUnsigned(ReadOnlySpan<char> s, out ulong value, out GoNumberError error)
    {
        value = 0;
        error = GoNumberError.Syntax;
        if (s.IsEmpty || !UnderscoresOk(s))
            return false;

        int numberBase = 10;
        if (s[0] == '0')
        {
            char next = s.Length >= 3 ? char.ToLowerInvariant(s[1]) : '\0';
            numberBase = next switch
            {
                'b' => 2,
                'o' => 8,
                'x' => 16,
                _ => 8,
            };
            s = next is 'b' or 'o' or 'x' ? s[2..] : s[1..];
        }

        ulong cutoff = ulong.MaxValue / (ulong)numberBase + 1;
        foreach (char c in s)
        {
            if (c == '_')
                continue;
            int digit = DigitValue(c);
            if (digit < 0 || digit >= numberBase)
                return false;
            if (value >= cutoff)
                return RangeError(out error);
            ulong shifted = value * (ulong)numberBase;
            ulong next = shifted + (ulong)digit;
            if (next < shifted)
                return RangeError(out error);
            value = next;
        }
        error = GoNumberError.None;
        return true;
    }

    private static bool RangeError(out GoNumberError error)
    {
        error = GoNumberError.Range;
        return false;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    // Go integer-literal rule: an underscore must sit between two digits, or between the base prefix and a digit.
    private static bool UnderscoresOk(ReadOnlySpan<char> s)
    {
        if (!s.Contains('_'))
            return true;
        char saw = '^';
        int i = 0;
        bool hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))
            {
                saw = '0';
            }
            else if (c == '_')
            {
                if (saw != '0')
                    return false;
                saw = '_';
            }
            else
            {
                if (saw == '_')
                    return false;
                saw = '!';
            }
        }
        return saw != '_';
    }
}
