using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OciConformance.Probe;

/// <summary>
/// oci-probe: the process the conformance suite runs in its containers, often as PID 1, with whatever limits the case
/// sets. The JSON goes to stdout and nothing else does; diagnostics go to stderr.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: oci-probe report [--path P]... | exit N | sleep";

    // The signals "sleep" ends on. PID 1 of a pid namespace ignores any signal left at its default action.
    private static readonly int[] EndingSignals = [1, 2, 10, 12, 15]; // SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGTERM

    private static int Main(string[] args)
    {
        if (args.Length == 0)
            return Fail(Usage);
        return args[0] switch
        {
            "report" => Report(args[1..]),
            "exit" when args.Length == 2 && int.TryParse(args[1], CultureInfo.InvariantCulture, out int code) => code,
            "sleep" when args.Length == 1 => Sleep(),
            _ => Fail($"bad command \"{string.Join(' ', args)}\"\n{Usage}"),
        };
    }

    private static int Report(string[] args)
    {
        var paths = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] != "--path" || i + 1 == args.Length)
                return Fail($"bad report argument \"{args[i]}\"\n{Usage}");
            paths.Add(args[++i]);
        }

        var report = Gather.Report(paths);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(report, ReportJson.Default.Report);
        int errno = Libc.WriteAll(1, [.. json, (byte)'\n']);
        if (errno != 0)
        {
            Libc.Warn($"writing the report: {Libc.ErrnoName(errno)}");
            return 1;
        }
        return 0;
    }

    // Waits for a signal, forever. Each ending signal gets a handler that says which one came and exits 128+N, the
    // status a shell reports for a process killed by signal N. The handler is a plain sigaction one: the runtime's
    // PosixSignalRegistration starts threads, which a small RLIMIT_NPROC refuses.
    private static unsafe int Sleep()
    {
        ulong* ending = stackalloc ulong[Libc.SigsetSize / 8];
        new Span<ulong>(ending, Libc.SigsetSize / 8).Clear();
        foreach (int signal in EndingSignals)
            ending[0] |= 1UL << (signal - 1);

        // The handler runs managed code, so it must only interrupt this thread while it waits in sigsuspend (native
        // code), never while it runs managed code: the signals stay blocked except during the wait.
        ulong* wait = stackalloc ulong[Libc.SigsetSize / 8];
        if (Libc.sigprocmask(Libc.SIG_BLOCK, ending, wait) != 0)
            Libc.Warn($"sigprocmask: {Libc.ErrnoName(Libc.Errno)}");
        for (int i = 0; i < Libc.SigsetSize / 8; i++)
            wait[i] &= ~ending[i];

        byte* action = stackalloc byte[Libc.SigactionSize];
        new Span<byte>(action, Libc.SigactionSize).Clear();
        *(delegate* unmanaged<int, void>*)action = &OnSignal;
        // sa_mask: no second ending signal interrupts the handler (it would find this thread in managed code).
        Buffer.MemoryCopy(ending, action + 8, Libc.SigsetSize, Libc.SigsetSize);
        foreach (int signal in EndingSignals)
        {
            if (Libc.sigaction(signal, action, null) != 0)
                Libc.Warn($"sigaction {signal}: {Libc.ErrnoName(Libc.Errno)}");
        }

        while (true)
            Libc.sigsuspend(wait);
    }

    [UnmanagedCallersOnly]
    private static void OnSignal(int signal)
    {
        // No allocation here: "signal N\n" is formatted on the stack.
        Span<byte> line = stackalloc byte[16];
        "signal "u8.CopyTo(line);
        signal.TryFormat(line[7..], out int digits, default, CultureInfo.InvariantCulture);
        line[7 + digits] = (byte)'\n';
        Libc.WriteAll(1, line[..(8 + digits)]);
        Libc._exit(128 + signal);
    }

    private static int Fail(string message)
    {
        Libc.Warn(message);
        return 2;
    }
}
