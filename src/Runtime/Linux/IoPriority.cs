using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary><c>process.ioPriority</c>: ioprio_set(2) of the thread that will execve. The value packs the class above
/// the level: class &lt;&lt; IOPRIO_CLASS_SHIFT (13) | level (linux/ioprio.h).</summary>
internal static class IoPriority
{
    private const int IOPRIO_CLASS_SHIFT = 13;

    /// <summary>IOPRIO_CLASS_RT = 1, IOPRIO_CLASS_BE = 2, IOPRIO_CLASS_IDLE = 3 (0 is IOPRIO_CLASS_NONE, which the
    /// spec does not name). The spec lists them in number order.</summary>
    public static int ClassOf(string name)
    {
        for (int i = 0; i < KnownNames.IOPriorityClasses.Count; i++)
        {
            if (KnownNames.IOPriorityClasses[i] == name)
                return i + 1;
        }
        throw new ArgumentException($"unknown I/O priority class \"{name}\"", nameof(name));
    }

    /// <summary>The ioprio value: IOPRIO_PRIO_VALUE(class, level).</summary>
    public static int Encode(LinuxIOPriority priority) => ClassOf(priority.Class) << IOPRIO_CLASS_SHIFT | priority.Priority;

    /// <summary>Sets the I/O priority of thread <paramref name="tid"/> (0: the calling thread), unless it already has
    /// it. runc sets it in the parent before starting an exec'd process (libcontainer/process_linux.go,
    /// setIOPriority), because IOPRIO_CLASS_RT needs CAP_SYS_ADMIN or CAP_SYS_NICE in the initial user namespace;
    /// skipping an unchanged value lets the parent do the same and the init's own pass then does nothing.</summary>
    public static void Apply(LinuxIOPriority priority, int tid = 0)
    {
        int value = Encode(priority);
        try
        {
            if (Libc.IoprioGet(Libc.IOPRIO_WHO_PROCESS, tid) == value)
                return;
            Libc.IoprioSet(Libc.IOPRIO_WHO_PROCESS, tid, value);
        }
        catch (SyscallException e)
        {
            throw new ProcessAttributeException("failed to set io priority", e);
        }
    }
}
