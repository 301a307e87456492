namespace OciRuntime.Rootfs;

/// <summary>Setting up the container's root filesystem failed. The message says what was being done, in runc's
/// words ("error mounting \"tmpfs\" to rootfs at \"/run\""); the inner exception, when there is one, is the cause.</summary>
internal sealed class RootfsException : Exception
{
    public RootfsException(string message) : base(message) { }
    public RootfsException(string message, Exception inner) : base(message, inner) { }
}
