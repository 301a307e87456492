using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Cgroups.V2;

/// <summary>Puts a device program on a cgroup v2 directory, replacing the one there (create and update), as runc's
/// libcontainer/cgroups/devices/ebpf_linux.go does: the new program is attached with BPF_F_ALLOW_MULTI first and the
/// old ones are detached after, so the cgroup is never without a filter (while both are attached a request must pass
/// both, which is only stricter). runc replaces a single old program in place with BPF_F_REPLACE after probing for
/// it; the end state is the same.</summary>
internal static class DeviceFilterLoader
{
    /// <summary>No helper is called, so no GPL-only helper is needed: runc loads its program as "Apache".</summary>
    private const string License = "Apache-2.0";
    private const string ProgramName = "ocirt_devices";

    public static void Apply(string cgroupDir, IReadOnlyList<DeviceRule> rules)
    {
        ulong[] program = Array.ConvertAll(DeviceFilter.Build(rules), instruction => instruction.Encode());

        // Before 5.11 BPF memory was charged to RLIMIT_MEMLOCK, often 64 KiB (runc #2167); later kernels charge the
        // memory cgroup and ignore it. The raised limit is not inherited by the container: this is the runtime.
        try
        {
            Libc.SetRlimit(0, Libc.RLIMIT_MEMLOCK, Libc.RLIM_INFINITY, Libc.RLIM_INFINITY, "RLIMIT_MEMLOCK");
        }
        catch (SyscallException)
        {
        }

        using SafeFileHandle cgroup = Libc.Open(cgroupDir, Libc.O_RDONLY | Libc.O_DIRECTORY);
        uint[] old = Libc.BpfProgQuery(cgroup, Libc.BPF_CGROUP_DEVICE, cgroupDir);
        using SafeFileHandle loaded = Load(program);
        Libc.BpfProgAttach(cgroup, loaded, Libc.BPF_CGROUP_DEVICE, Libc.BPF_F_ALLOW_MULTI, cgroupDir);
        foreach (uint id in old)
        {
            SafeFileHandle previous;
            try
            {
                previous = Libc.BpfProgGetFdById(id);
            }
            catch (SyscallException e) when (e.Errno is Errno.EPERM or Errno.EACCES or Errno.ENOENT)
            {
                // An LSM may keep us from a program someone else attached (runc skips those too: another device
                // program can only restrict more); ENOENT: it went away meanwhile.
                continue;
            }
            using (previous)
                Libc.BpfProgDetach(cgroup, previous, Libc.BPF_CGROUP_DEVICE, cgroupDir);
        }
    }

    /// <summary>The ids of the device programs attached to the directory itself.</summary>
    public static uint[] Attached(string cgroupDir)
    {
        using SafeFileHandle cgroup = Libc.Open(cgroupDir, Libc.O_RDONLY | Libc.O_DIRECTORY);
        return Libc.BpfProgQuery(cgroup, Libc.BPF_CGROUP_DEVICE, cgroupDir);
    }

    /// <summary>Loads the program; when the kernel refuses it, loads it again with the verifier's log so the error
    /// says why.</summary>
    internal static SafeFileHandle Load(ulong[] program)
    {
        try
        {
            return Libc.BpfProgLoad(Libc.BPF_PROG_TYPE_CGROUP_DEVICE, program, License, ProgramName, []);
        }
        catch (SyscallException first) when (first.Errno is Errno.EINVAL or Errno.EACCES)
        {
            byte[] log = new byte[1 << 16];
            try
            {
                return Libc.BpfProgLoad(Libc.BPF_PROG_TYPE_CGROUP_DEVICE, program, License, ProgramName, log);
            }
            catch (SyscallException second)
            {
                int end = Array.IndexOf(log, (byte)0);
                string text = System.Text.Encoding.UTF8.GetString(log, 0, end < 0 ? log.Length : end).Trim().ReplaceLineEndings("; ");
                throw new IOException($"loading the cgroup device program ({program.Length} instructions): {second.Message}: verifier: {text}", second);
            }
        }
    }
}
