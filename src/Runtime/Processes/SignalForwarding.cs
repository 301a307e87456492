using System.Runtime.InteropServices;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Processes;

/// <summary>While `run` waits in the foreground, the signals a supervisor sends to it go to the container.</summary>
internal sealed class SignalForwarding : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public static SignalForwarding To(int pid)
    {
        var forwarding = new SignalForwarding();
        foreach (var (signal, number) in new[] { (PosixSignal.SIGTERM, 15), (PosixSignal.SIGINT, 2), (PosixSignal.SIGHUP, 1), (PosixSignal.SIGQUIT, 3) })
        {
            forwarding._registrations.Add(PosixSignalRegistration.Create(signal, context =>
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
