using System.Runtime.InteropServices;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Linux;

/// <summary>Starts a program through Native/spawn.c: no managed code ever runs in the child. Each (fd, number) pair
/// puts one of our fds at that number in the child; numbers from <c>closeFrom</c> up are closed.</summary>
internal static unsafe partial class NativeSpawn
{
    [LibraryImport("ocirt_native", EntryPoint = "ocirt_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ocirt_spawn(string path, byte** argv, byte** envp, int* from, int* to, int count, int closeFrom, int* pid);

    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env,
        IReadOnlyList<(SafeHandle Fd, int Number)> fds, int closeFrom)
    {
        var handles = new List<SafeHandle>();
        try
        {
            int* from = stackalloc int[fds.Count];
            int* to = stackalloc int[fds.Count];
            for (int i = 0; i < fds.Count; i++)
            {
                bool added = false;
                fds[i].Fd.DangerousAddRef(ref added);
                handles.Add(fds[i].Fd);
                from[i] = (int)fds[i].Fd.DangerousGetHandle();
                to[i] = fds[i].Number;
            }
            using var args = new NativeStringArray(argv);
            using var environment = new NativeStringArray(env);
            int pid;
            int error = ocirt_spawn(path, args.Pointer, environment.Pointer, from, to, fds.Count, closeFrom, &pid);
            if (error != 0)
                throw new SyscallException("spawn", error, path);
            return pid;
        }
        finally
        {
            foreach (var handle in handles)
                handle.DangerousRelease();
        }
    }
}
