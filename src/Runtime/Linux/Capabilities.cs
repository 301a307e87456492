using System.Collections.Frozen;
using System.Globalization;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>
/// Capability names and numbers, and the two halves of giving a process its capabilities (capabilities(7)):
/// <see cref="ApplyBoundingSet"/> before the uid switch (dropping from the bounding set needs CAP_SETPCAP, which a
/// switch to a non-zero uid takes away), <see cref="ApplyCaps"/> after it. Everything here acts on the calling thread.
/// </summary>
internal static class Capabilities
{
    /// <summary>The highest capability this runtime knows: CAP_CHECKPOINT_RESTORE (Linux 5.9).</summary>
    public const int KnownLastCap = 40;

    private const string LastCapPath = "/proc/sys/kernel/cap_last_cap";

    private static readonly FrozenDictionary<string, int> Numbers =
        KnownNames.Capabilities.Select((name, number) => (name, number)).ToFrozenDictionary(p => p.name, p => p.number, StringComparer.Ordinal);

    private static int? _lastCap;

    /// <summary>Every capability name of linux/capability.h, indexed by its number.</summary>
    public static IReadOnlyList<string> Names => KnownNames.Capabilities;

    /// <summary>The number of a capability name ("CAP_CHOWN" -> 0), or null for a name this runtime does not know.</summary>
    public static int? NumberOf(string name) => Numbers.TryGetValue(name, out int number) ? number : null;

    /// <summary>The name of a capability number; a number newer than this runtime reads "CAP_41", as it has no name.</summary>
    public static string NameOf(int number) =>
        number >= 0 && number < Names.Count ? Names[number] : "CAP_" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The names of the capabilities in a mask, in number order.</summary>
    public static IReadOnlyList<string> NamesOf(ulong mask) =>
        [.. Enumerable.Range(0, 64).Where(n => (mask & 1UL << n) != 0).Select(NameOf)];

    /// <summary>The highest capability the running kernel knows, read once from /proc/sys/kernel/cap_last_cap. Without
    /// that file (no /proc yet, or a kernel before 3.2) the bounding set is probed instead: PR_CAPBSET_READ fails with
    /// EINVAL for a capability the kernel does not know (prctl(2)).</summary>
    public static int LastCap() => _lastCap ??= ReadLastCap() ?? ProbeLastCap();

    /// <summary>Parses the text of cap_last_cap ("40\n"); null when it is not a number.</summary>
    public static int? ParseLastCap(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int last) && last < 64 ? last : null;

    /// <summary>The spec's sets as masks, with the capabilities above <paramref name="lastCap"/> or unknown to this
    /// runtime left out and listed in <see cref="CapabilitySets.Ignored"/>. A missing <c>capabilities</c> object
    /// means empty sets, as in runc: the process gets no capabilities at all.</summary>
    public static CapabilitySets Compute(LinuxCapabilities? capabilities, int lastCap)
    {
        var ignored = new SortedSet<string>(StringComparer.Ordinal);
        ulong Mask(List<string>? names)
        {
            ulong mask = 0;
            foreach (string name in names ?? [])
            {
                if (NumberOf(name) is int number && number <= lastCap)
                    mask |= 1UL << number;
                else
                    ignored.Add(name);
            }
            return mask;
        }

        var sets = new CapabilitySets(
            Mask(capabilities?.Bounding), Mask(capabilities?.Effective), Mask(capabilities?.Permitted),
            Mask(capabilities?.Inheritable), Mask(capabilities?.Ambient));
        return sets with { Ignored = [.. ignored] };
    }

    /// <summary><see cref="Compute(LinuxCapabilities?, int)"/> for the running kernel.</summary>
    public static CapabilitySets Compute(LinuxCapabilities? capabilities) => Compute(capabilities, LastCap());

    /// <summary>Drops from the bounding set every capability not in <see cref="CapabilitySets.Bounding"/>. Must run
    /// while the thread still has CAP_SETPCAP, i.e. before the uid switch. Capabilities already out of the bounding
    /// set are skipped, so a second call (or a thread without CAP_SETPCAP whose set already fits) does not fail.</summary>
    public static void ApplyBoundingSet(CapabilitySets sets, int lastCap)
    {
        for (int cap = 0; cap <= lastCap; cap++)
        {
            if ((sets.Bounding & 1UL << cap) != 0 || Libc.CapBsetRead(cap) != true)
                continue;
            Libc.CapBsetDrop(cap, NameOf(cap));
        }
    }

    /// <summary>Sets the effective, permitted and inheritable sets with one capset(2), then the ambient set: cleared,
    /// then each capability raised. The ambient set goes last because the kernel only raises a capability that is
    /// already permitted and inheritable. As runc does, a capability that cannot be raised is a warning, not an
    /// error (older runc ignored these failures silently, and specs rely on it).</summary>
    public static void ApplyCaps(CapabilitySets sets)
    {
        Libc.CapSet(sets.Effective, sets.Permitted, sets.Inheritable);

        if (!Libc.AmbientClearAll())
        {
            if (sets.Ambient != 0)
                Log.Warn("ignoring ambient capabilities: the kernel does not support them");
            return;
        }
        foreach (int cap in Enumerable.Range(0, 64).Where(n => (sets.Ambient & 1UL << n) != 0))
        {
            try
            {
                Libc.AmbientRaise(cap, NameOf(cap));
            }
            catch (SyscallException e)
            {
                // runc says nothing here: an ambient cap that is not also inheritable simply cannot be raised.
                Log.Debug($"can't raise ambient capability {NameOf(cap)}: {Errno.Describe(e.Errno)}");
            }
        }
    }

    /// <summary>The calling thread's effective, permitted and inheritable sets (capget(2)); reads only.</summary>
    public static (ulong Effective, ulong Permitted, ulong Inheritable) Current() => Libc.CapGet();

    private static int? ReadLastCap()
    {
        try
        {
            return ParseLastCap(File.ReadAllText(LastCapPath));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int ProbeLastCap()
    {
        int last = KnownLastCap;
        while (last > 0 && Libc.CapBsetRead(last) is null)
            last--;
        while (last < 63 && Libc.CapBsetRead(last + 1) is not null)
            last++;
        return last;
    }
}
