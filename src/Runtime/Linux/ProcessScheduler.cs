using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary><c>process.scheduler</c>: the spec's policy and flags as sched_setattr(2) numbers, and applying them to
/// the calling thread. (Named so as not to clash with <see cref="Oci.Scheduler"/>.)</summary>
internal static class ProcessScheduler
{
    /// <summary>SCHED_ATTR_SIZE_VER1: the struct with the utilization clamps.</summary>
    public const uint SchedAttrSize = 56;

    /// <summary>SCHED_OTHER = 0 ... SCHED_DEADLINE = 6 (linux/sched.h; SCHED_ISO = 4 is reserved and the kernel
    /// refuses it with EINVAL). The spec lists the policies in number order.</summary>
    public static uint PolicyOf(string name)
    {
        int index = IndexOf(KnownNames.SchedulerPolicies, name);
        return index >= 0 ? (uint)index : throw new ArgumentException($"unknown scheduling policy \"{name}\"", nameof(name));
    }

    /// <summary>The flags as a mask: SCHED_FLAG_RESET_ON_FORK = 0x01 ... SCHED_FLAG_UTIL_CLAMP_MAX = 0x40, one bit
    /// each in the order the spec lists them.</summary>
    public static ulong FlagsOf(IEnumerable<string>? flags)
    {
        ulong mask = 0;
        foreach (string flag in flags ?? [])
        {
            int index = IndexOf(KnownNames.SchedulerFlags, flag);
            mask |= index >= 0 ? 1UL << index : throw new ArgumentException($"unknown scheduling flag \"{flag}\"", nameof(flags));
        }
        return mask;
    }

    /// <summary>The struct sched_attr for the spec's scheduler, as runc's configs.ToSchedAttr builds it.</summary>
    public static Libc.sched_attr Encode(Scheduler scheduler) => new()
    {
        size = SchedAttrSize,
        sched_policy = PolicyOf(scheduler.Policy),
        sched_flags = FlagsOf(scheduler.Flags),
        sched_nice = scheduler.Nice,
        sched_priority = (uint)scheduler.Priority,
        sched_runtime = scheduler.Runtime,
        sched_deadline = scheduler.Deadline,
        sched_period = scheduler.Period,
    };

    /// <summary>sched_setattr(2) on the calling thread (the one that will execve; the policy is inherited by the new
    /// program and its children unless SCHED_FLAG_RESET_ON_FORK is set).</summary>
    public static void Apply(Scheduler scheduler)
    {
        try
        {
            Libc.SchedSetattr(0, Encode(scheduler));
        }
        catch (SyscallException e)
        {
            throw new ProcessAttributeException("error setting scheduler", e);
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
                return i;
        }
        return -1;
    }
}
