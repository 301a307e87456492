using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

/// <summary>bpf(2), for the cgroup v2 device programs only: load one, attach it to a cgroup directory, list and detach
/// the ones attached. union bpf_attr is built by hand per command (include/uapi/linux/bpf.h); fields not set stay
/// zero, which the kernel requires.</summary>
internal static unsafe partial class Libc
{
    public const int BPF_PROG_LOAD = 5;
    public const int BPF_PROG_ATTACH = 8;
    public const int BPF_PROG_DETACH = 9;
    public const int BPF_PROG_GET_FD_BY_ID = 13;
    public const int BPF_PROG_QUERY = 16;
    public const uint BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    public const uint BPF_CGROUP_DEVICE = 6;
    public const uint BPF_F_ALLOW_MULTI = 2;
    public const int RLIMIT_MEMLOCK = 8;

    private const long SYS_bpf_x86_64 = 321;
    private const long SYS_bpf_arm64 = 280;
    private const int ENOSPC = 28;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall_bpf(long number, long command, void* attr, long size);

    private static long Bpf(int command, void* attr, int size) =>
        syscall_bpf(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? SYS_bpf_arm64 : SYS_bpf_x86_64, command, attr, size);

    /// <summary>BPF_PROG_LOAD. With a non-empty <paramref name="log"/> the verifier writes its reasoning there
    /// (log_level 1); the caller asks for it after a first failure, as loading with a log is slower.</summary>
    public static SafeFileHandle BpfProgLoad(uint type, ReadOnlySpan<ulong> instructions, string license, string name, Span<byte> log)
    {
        byte[] licenseBytes = Encoding.ASCII.GetBytes(license + "\0");
        byte* attr = stackalloc byte[128];
        new Span<byte>(attr, 128).Clear();
        fixed (ulong* insns = instructions)
        fixed (byte* licensePointer = licenseBytes)
        fixed (byte* logPointer = log)
        {
            *(uint*)(attr + 0) = type;                                 // prog_type
            *(uint*)(attr + 4) = (uint)instructions.Length;            // insn_cnt
            *(ulong*)(attr + 8) = (ulong)insns;                        // insns
            *(ulong*)(attr + 16) = (ulong)licensePointer;              // license
            if (!log.IsEmpty)
            {
                *(uint*)(attr + 24) = 1;                               // log_level
                *(uint*)(attr + 28) = (uint)log.Length;                // log_size
                *(ulong*)(attr + 32) = (ulong)logPointer;              // log_buf
            }
            // prog_name (16 bytes at 48): shows in bpftool prog; the kernel takes [A-Za-z0-9_.], NUL-terminated.
            Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, 15)), new Span<byte>(attr + 48, 15));
            for (int attempt = 0; ; attempt++)
            {
                long fd = Bpf(BPF_PROG_LOAD, attr, 72);
                if (fd >= 0)
                    return new SafeFileHandle((nint)fd, ownsHandle: true);
                int errno = Marshal.GetLastPInvokeError();
                // The verifier gives up with EAGAIN when a signal is pending (cilium/ebpf retries the same way).
                if ((errno != Errno.EINTR && errno != Errno.EAGAIN) || attempt >= 5)
                    throw new SyscallException("bpf BPF_PROG_LOAD", errno, name);
            }
        }
    }

    /// <summary>BPF_PROG_ATTACH of a program to a cgroup directory.</summary>
    public static void BpfProgAttach(SafeHandle cgroup, SafeHandle program, uint attachType, uint flags, string path)
    {
        byte* attr = stackalloc byte[20];
        new Span<byte>(attr, 20).Clear();
        *(uint*)(attr + 0) = (uint)cgroup.DangerousGetHandle();       // target_fd
        *(uint*)(attr + 4) = (uint)program.DangerousGetHandle();      // attach_bpf_fd
        *(uint*)(attr + 8) = attachType;                              // attach_type
        *(uint*)(attr + 12) = flags;                                  // attach_flags
        if (Bpf(BPF_PROG_ATTACH, attr, 20) < 0)
            throw SyscallException.FromLastError("bpf BPF_PROG_ATTACH", path);
        GC.KeepAlive(cgroup);
        GC.KeepAlive(program);
    }

    /// <summary>BPF_PROG_DETACH of one program (needed when several are attached with BPF_F_ALLOW_MULTI).</summary>
    public static void BpfProgDetach(SafeHandle cgroup, SafeHandle program, uint attachType, string path)
    {
        byte* attr = stackalloc byte[20];
        new Span<byte>(attr, 20).Clear();
        *(uint*)(attr + 0) = (uint)cgroup.DangerousGetHandle();
        *(uint*)(attr + 4) = (uint)program.DangerousGetHandle();
        *(uint*)(attr + 8) = attachType;
        if (Bpf(BPF_PROG_DETACH, attr, 20) < 0)
            throw SyscallException.FromLastError("bpf BPF_PROG_DETACH", path);
        GC.KeepAlive(cgroup);
        GC.KeepAlive(program);
    }

    /// <summary>BPF_PROG_QUERY: the ids of the programs attached to the cgroup itself (not inherited ones).</summary>
    public static uint[] BpfProgQuery(SafeHandle cgroup, uint attachType, string path)
    {
        uint count = 64; // the kernel's limit of programs per cgroup and attach type (BPF_CGROUP_MAX_PROGS)
        byte* attr = stackalloc byte[32];
        for (int attempt = 0; attempt < 10; attempt++)
        {
            var ids = new uint[Math.Max(count, 1)];
            new Span<byte>(attr, 32).Clear();
            fixed (uint* idsPointer = ids)
            {
                *(uint*)(attr + 0) = (uint)cgroup.DangerousGetHandle(); // target_fd
                *(uint*)(attr + 4) = attachType;                        // attach_type
                *(ulong*)(attr + 16) = (ulong)idsPointer;               // prog_ids
                *(uint*)(attr + 24) = (uint)ids.Length;                 // prog_cnt
                long result = Bpf(BPF_PROG_QUERY, attr, 32);
                count = *(uint*)(attr + 24);
                if (result >= 0)
                {
                    GC.KeepAlive(cgroup);
                    return ids[..(int)Math.Min(count, (uint)ids.Length)];
                }
            }
            int errno = Marshal.GetLastPInvokeError();
            // ENOSPC: more programs than room; prog_cnt now holds how many there are.
            if (errno != ENOSPC && errno != Errno.EINTR)
                throw new SyscallException("bpf BPF_PROG_QUERY", errno, path);
        }
        throw new SyscallException("bpf BPF_PROG_QUERY", ENOSPC, path);
    }

    /// <summary>BPF_PROG_GET_FD_BY_ID: an fd for an attached program, to detach it.</summary>
    public static SafeFileHandle BpfProgGetFdById(uint id)
    {
        byte* attr = stackalloc byte[12];
        new Span<byte>(attr, 12).Clear();
        *(uint*)(attr + 0) = id; // prog_id
        long fd = Bpf(BPF_PROG_GET_FD_BY_ID, attr, 12);
        if (fd < 0)
            throw SyscallException.FromLastError("bpf BPF_PROG_GET_FD_BY_ID", $"program {id}");
        return new SafeFileHandle((nint)fd, ownsHandle: true);
    }
}
