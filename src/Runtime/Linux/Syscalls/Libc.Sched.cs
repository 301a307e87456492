using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

/// <summary>CPU and I/O scheduling of the calling thread: sched_setattr(2) and ioprio_set(2). glibc before 2.41 wraps
/// neither, so both go through syscall(2) with the number of the running architecture.</summary>
internal static partial class Libc
{
    public const int IOPRIO_WHO_PROCESS = 1;

    /// <summary>struct sched_attr of include/uapi/linux/sched/types.h, SCHED_ATTR_SIZE_VER1 (56 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct sched_attr
    {
        public uint size;
        public uint sched_policy;
        public ulong sched_flags;
        public int sched_nice;
        public uint sched_priority;
        public ulong sched_runtime;
        public ulong sched_deadline;
        public ulong sched_period;
        public uint sched_util_min;
        public uint sched_util_max;
    }

    private static partial class SchedCalls
    {
        // syscall(2) is variadic in C, but glibc implements it in assembly that only moves registers: passing every
        // argument as a 64-bit integer is exactly what it expects on x86_64 and arm64.
        [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
        public static partial long syscall(long number, long arg1, long arg2, long arg3);

        // asm/unistd_64.h (x86_64) and asm-generic/unistd.h (arm64).
        public static long SchedSetattr => Arch(x64: 314, arm64: 274);
        public static long IoprioSet => Arch(x64: 251, arm64: 30);
        public static long IoprioGet => Arch(x64: 252, arm64: 31);

        private static long Arch(long x64, long arm64) => RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => x64,
            Architecture.Arm64 => arm64,
            var other => throw new PlatformNotSupportedException($"no system call table for {other}"),
        };
    }

    /// <summary>sched_setattr(2) for thread <paramref name="tid"/> (0: the calling thread). Real-time policies and
    /// negative nice values need CAP_SYS_NICE in the initial user namespace, or a matching RLIMIT_RTPRIO/RLIMIT_NICE.</summary>
    public static unsafe void SchedSetattr(int tid, sched_attr attr)
    {
        if (SchedCalls.syscall(SchedCalls.SchedSetattr, tid, (long)&attr, 0) != 0)
            throw SyscallException.FromLastError("sched_setattr");
    }

    /// <summary>ioprio_set(2). With IOPRIO_WHO_PROCESS the kernel sets one thread's I/O context (0: the caller).
    /// IOPRIO_CLASS_RT needs CAP_SYS_ADMIN or CAP_SYS_NICE in the initial user namespace.</summary>
    public static void IoprioSet(int which, int who, int ioprio)
    {
        if (SchedCalls.syscall(SchedCalls.IoprioSet, which, who, ioprio) != 0)
            throw SyscallException.FromLastError("ioprio_set");
    }

    /// <summary>ioprio_get(2): the class and level, encoded as ioprio_set takes them.</summary>
    public static int IoprioGet(int which, int who)
    {
        long result = SchedCalls.syscall(SchedCalls.IoprioGet, which, who, 0);
        if (result < 0)
            throw SyscallException.FromLastError("ioprio_get");
        return (int)result;
    }
}
