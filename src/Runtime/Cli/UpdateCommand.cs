using System.Globalization;
using OciRuntime.Containers;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`update [--resources FILE|-] [--memory ...] ID`: change a container's limits. containerd sends
/// `--resources=-` with the LinuxResources JSON on stdin, podman `--resources=FILE`; with neither, runc's individual
/// flags build the resources (memory sizes accept k/m/g/t suffixes, as docker's units do).</summary>
internal static class UpdateCommand
{
    public static int Run(CommandContext context)
    {
        var container = Container.Load(context.Store, context.ContainerId);
        ContainerUpdate.Update(container, Resources(context));
        return 0;
    }

    private static LinuxResources Resources(CommandContext context)
    {
        var args = context.Args;
        if (args.Get("resources") is { } source)
        {
            return source == "-"
                ? OciJson.Parse<LinuxResources>(Console.OpenStandardInput(), "stdin")
                : OciJson.Load<LinuxResources>(source);
        }
        if (args.IsSet("l3-cache-schema") || args.IsSet("mem-bw-schema"))
            throw new ArgumentException("linux.intelRdt: Intel RDT not supported by ocirt yet");
        var r = new LinuxResources();
        if (args.Get("memory") is { } memory)
            (r.Memory ??= new()).Limit = Size(memory, "memory");
        if (args.Get("memory-reservation") is { } reservation)
            (r.Memory ??= new()).Reservation = Size(reservation, "memory-reservation");
        if (args.Get("memory-swap") is { } swap)
            (r.Memory ??= new()).Swap = Size(swap, "memory-swap");
        if (args.Get("cpu-share") is { } shares)
            (r.Cpu ??= new()).Shares = (ulong)Number(shares, "cpu-share");
        if (args.Get("cpu-quota") is { } quota)
            (r.Cpu ??= new()).Quota = Number(quota, "cpu-quota");
        if (args.Get("cpu-period") is { } period)
            (r.Cpu ??= new()).Period = (ulong)Number(period, "cpu-period");
        if (args.Get("cpu-burst") is { } burst)
            (r.Cpu ??= new()).Burst = (ulong)Number(burst, "cpu-burst");
        if (args.Get("cpu-rt-runtime") is { } rtRuntime)
            (r.Cpu ??= new()).RealtimeRuntime = Number(rtRuntime, "cpu-rt-runtime");
        if (args.Get("cpu-rt-period") is { } rtPeriod)
            (r.Cpu ??= new()).RealtimePeriod = (ulong)Number(rtPeriod, "cpu-rt-period");
        if (args.Get("cpu-idle") is { } idle)
            (r.Cpu ??= new()).Idle = Number(idle, "cpu-idle");
        if (args.Get("cpuset-cpus") is { } cpus)
            (r.Cpu ??= new()).Cpus = cpus;
        if (args.Get("cpuset-mems") is { } mems)
            (r.Cpu ??= new()).Mems = mems;
        if (args.IsSet("pids-limit"))
            r.Pids = new LinuxPids { Limit = args.GetInt("pids-limit", 0) };
        if (args.IsSet("blkio-weight"))
            r.BlockIO = new LinuxBlockIO { Weight = (ushort)args.GetInt("blkio-weight", 0) };
        return r;
    }

    private static long Number(string text, string flag) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new ArgumentException($"invalid value for {flag}: {text}");

    /// <summary>"-1", "1024", "64m", "1.5g", "2GiB": binary multiples, as docker's units.RAMInBytes reads them.</summary>
    internal static long Size(string text, string flag)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "-1")
            return -1;
        int end = 0;
        while (end < t.Length && (char.IsDigit(t[end]) || t[end] == '.'))
            end++;
        string unit = t[end..].Replace("ib", "").TrimEnd('b');
        long multiplier = unit switch { "" => 1, "k" => 1L << 10, "m" => 1L << 20, "g" => 1L << 30, "t" => 1L << 40, "p" => 1L << 50, _ => 0 };
        if (end == 0 || multiplier == 0 || !double.TryParse(t[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            throw new ArgumentException($"invalid value for {flag}: {text}");
        return (long)(number * multiplier);
    }
}
