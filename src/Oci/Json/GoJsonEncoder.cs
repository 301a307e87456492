using System.Text;
using System.Text.Encodings.Web;

namespace OciRuntime.Oci.Json;

/// <summary>
/// Escapes strings exactly as Go's encoding/json does with its default HTML escaping: quote,
/// backslash and control characters, plus &lt; &gt; &amp; U+2028 U+2029; every other character,
/// non-ASCII included, is written as is. System.Text.Json's built-in encoders escape far more (or,
/// relaxed, not the HTML characters), which would make files differ from runc's byte for byte.
/// </summary>
internal sealed class GoJsonEncoder : JavaScriptEncoder
{
    public static readonly GoJsonEncoder Instance = new();

    private GoJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6; // \u00XX

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20
        || unicodeScalar is '"' or '\\' or '<' or '>' or '&' or 0x2028 or 0x2029;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (int i = 0; i < textLength; i++)
        {
            char c = text[i];
            if (WillEncode(c))
                return i;

            // A lone surrogate is not valid Unicode; reporting it makes the encoder replace it with
            // U+FFFD, as Go does with invalid UTF-8.
            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return i;
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(
        int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> text = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ when WillEncode(unicodeScalar) => $"\\u{unicodeScalar:x4}",
            _ => new Rune(unicodeScalar).ToString(),
        };

        if (!text.TryCopyTo(destination))
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        numberOfCharactersWritten = text.Length;
        return true;
    }
}
