namespace OciRuntime.Logging;

/// <summary>Turns an exception and its inner exceptions into runc's one-line form: "outer: inner: root cause".</summary>
internal static class ErrorChain
{
    public static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            string text = current.Message.Trim().Replace('\n', ' ');
            // A wrapper that only repeats its cause adds nothing.
            if (text.Length > 0 && (parts.Count == 0 || parts[^1] != text))
                parts.Add(text);
        }
        return string.Join(": ", parts);
    }
}
