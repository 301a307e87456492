using System.Collections.Frozen;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>
/// <c>process.rlimits</c>: setrlimit(2) resources by name, and applying them with prlimit(2).
/// <para>Where to apply them matters. Lowering a limit is always allowed, but raising a hard limit needs
/// CAP_SYS_RESOURCE in the <em>initial</em> user namespace, which an init inside a new user namespace does not have.
/// runc therefore sets them from the parent (host side) on the child's pid, at the child's "ready" step, just before
/// the child switches user (libcontainer/process_linux.go, procReady). Applying here skips a limit that already has
/// the wanted values, so the parent may set them first and the init's own pass is then a no-op.</para>
/// </summary>
internal static class Rlimits
{
    // The resource numbers of asm-generic/resource.h, which x86_64 and arm64 use (alpha, mips, sparc differ).
    private static readonly FrozenDictionary<string, int> Numbers =
        KnownNames.Rlimits.Select((name, number) => (name, number)).ToFrozenDictionary(p => p.name, p => p.number, StringComparer.Ordinal);

    /// <summary>"RLIMIT_NOFILE" -> 7; null for a name that is not a Linux resource.</summary>
    public static int? NumberOf(string name) => Numbers.TryGetValue(name, out int number) ? number : null;

    /// <summary>Sets each limit of process <paramref name="pid"/> (0: this process), in the spec's order, skipping
    /// those already in place. Errors read as runc's: "error setting rlimit type RLIMIT_NOFILE: prlimit ...".</summary>
    public static void Apply(int pid, IReadOnlyList<PosixRlimit>? rlimits)
    {
        foreach (PosixRlimit rlimit in rlimits ?? [])
        {
            int resource = NumberOf(rlimit.Type)
                ?? throw new ProcessAttributeException($"error setting rlimit type {rlimit.Type}: unknown resource");
            try
            {
                if (Libc.GetRlimit(pid, resource, rlimit.Type) == (rlimit.Soft, rlimit.Hard))
                    continue;
                Libc.SetRlimit(pid, resource, rlimit.Soft, rlimit.Hard, rlimit.Type);
            }
            catch (SyscallException e)
            {
                throw new ProcessAttributeException($"error setting rlimit type {rlimit.Type}", e);
            }
        }
    }

    /// <summary>The current (soft, hard) limits of a resource of this process; reads only.</summary>
    public static (ulong Soft, ulong Hard) Current(string name) =>
        Libc.GetRlimit(0, NumberOf(name) ?? throw new ArgumentException($"unknown rlimit \"{name}\"", nameof(name)), name);
}
