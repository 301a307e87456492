using System.Runtime.InteropServices;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Processes;

/// <summary>While `run` waits in the foreground, the signals a supervisor sends to it go to the container.</summary>
internal sealed class SignalForwarding : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    // Every catchable signal but those that concern the runtime itself (runc forwards all but SIGCHLD, SIGWINCH
    // and SIGURG): SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGTRAP are faults, SIGPIPE the runtime's own broken pipes.
    private static readonly int[] Forwarded = [1, 2, 3, 6, 10, 12, 14, 15, 16, 18, 20, 21, 22, 24, 25, 26, 27, 29, 30, 31];

    public static SignalForwarding To(int pid)
    {
        var forwarding = new SignalForwarding();
        foreach (int number in Forwarded)
        {
            // PosixSignal takes raw signal numbers by cast; the named values cover only a few.
            forwarding._registrations.Add(PosixSignalRegistration.Create((PosixSignal)number, context =>
            {
                context.Cancel = true;
                Libc.Kill(pid, number);
            }));
        }
        return forwarding;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
