namespace OciRuntime.Cgroups;

/// <summary>A resource setting was refused or could not be written. The message is one line naming the spec field
/// ("linux.resources.memory.kernel: ...") or the file and value ("failed to write \"1024\" to \"...\": ...").</summary>
internal sealed class CgroupException : Exception
{
    public CgroupException(string message) : base(message) { }
    public CgroupException(string message, Exception inner) : base(message, inner) { }

    /// <summary>A refusal of one field of linux.resources.</summary>
    public static CgroupException Field(string field, string reason) => new($"linux.resources.{field}: {reason}");
}
