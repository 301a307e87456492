namespace OciRuntime.Linux;

/// <summary>A process attribute from the spec (user, capabilities, limits, scheduling ...) could not be applied. The
/// message says what was being done, in runc's words ("unable to setup user"); the inner exception says why
/// ("setresuid 1000: Operation not permitted"), so the one-line error chain reads like runc's.</summary>
internal sealed class ProcessAttributeException : Exception
{
    public ProcessAttributeException(string message)
        : base(message)
    {
    }

    public ProcessAttributeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
