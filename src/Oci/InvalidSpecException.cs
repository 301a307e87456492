namespace OciRuntime.Oci;

/// <summary>
/// A config.json (or process.json, resources document) that cannot be used: unreadable, not JSON,
/// a value of the wrong type, or a rule of the runtime-spec broken. The message is one line and
/// names the JSON path, e.g. "config.json: process.args: expected array of strings".
/// </summary>
public sealed class InvalidSpecException : Exception
{
    public InvalidSpecException(string message)
        : this(message, innerException: null)
    {
    }

    public InvalidSpecException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Several validation errors at once; the message joins them with "; ".</summary>
    public InvalidSpecException(IReadOnlyList<string> errors)
        : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Each problem found, one line each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
