using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary><c>linux.personality</c>: the execution domain of the container process (personality(2)). LINUX32 makes
/// uname(2) report a 32-bit machine ("i686" on x86_64), as setarch/linux32 does. Runtime-spec 1.3 defines no flags.</summary>
internal static class Personality
{
    public const ulong PER_LINUX = 0x0000;
    public const ulong PER_LINUX32 = 0x0008;

    /// <summary>The persona value of a spec domain.</summary>
    public static ulong ValueOf(LinuxPersonality personality)
    {
        if (personality.Flags is { Count: > 0 })
            throw new ArgumentException($"unknown personality flag \"{personality.Flags[0]}\" (none are defined)", nameof(personality));
        return personality.Domain switch
        {
            "LINUX" => PER_LINUX,
            "LINUX32" => PER_LINUX32,
            var other => throw new ArgumentException($"unknown personality domain \"{other}\"", nameof(personality)),
        };
    }

    /// <summary>personality(2) on the calling thread; execve keeps it for the new program.</summary>
    public static void Apply(LinuxPersonality personality)
    {
        try
        {
            Libc.Personality(ValueOf(personality), personality.Domain);
        }
        catch (SyscallException e)
        {
            throw new ProcessAttributeException("unable to set personality", e);
        }
    }
}
