using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    private const int KEYCTL_JOIN_SESSION_KEYRING = 1;
    private const long SYS_keyctl_x86_64 = 250;
    private const long SYS_keyctl_arm64 = 219;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial long syscall_keyctl(long number, long operation, string name);

    /// <summary>keyctl(KEYCTL_JOIN_SESSION_KEYRING, name): a new session keyring for this process and its children.</summary>
    public static void JoinSessionKeyring(string name)
    {
        long number = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? SYS_keyctl_arm64 : SYS_keyctl_x86_64;
        if (syscall_keyctl(number, KEYCTL_JOIN_SESSION_KEYRING, name) < 0)
            throw SyscallException.FromLastError("keyctl join session keyring", name);
    }
}
