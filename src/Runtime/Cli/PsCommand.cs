using System.Globalization;
using OciRuntime.Cgroups;
using OciRuntime.Containers;
using OciRuntime.Linux;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`ps [--format table|json] ID [ps-args]`: the container's processes. JSON is the array of pids
/// containerd's shim decodes; the table is ps(1)'s own output limited to those pids, as runc prints it.</summary>
internal static class PsCommand
{
    public static int Run(CommandContext context)
    {
        var container = Container.Load(context.Store, context.ContainerId);
        var pids = container.Record.CgroupPath is null ? [] : CgroupManager.For(container.Record.CgroupPath).Pids();
        string format = context.Args.Get("format") ?? "table";
        if (format == "json")
        {
            // No processes print as null, as runc's (Go's nil slice) do; containerd decodes both.
            Output.WriteLine(pids.Count == 0 ? "null" : OciJson.SerializeCompact(pids.ToList()));
            return 0;
        }
        if (format != "table")
            throw new ArgumentException("invalid format option");
        var psArgs = context.Args.Arguments.Skip(1).ToList();
        var result = Command.Capture("/bin/ps", ["ps", .. (psArgs.Count > 0 ? psArgs : ["-ef"])], ["PATH=/usr/bin:/bin"]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ps: {result.Stderr.Trim()}");
        Output.Write(Filter(result.Stdout, pids));
        return 0;
    }

    // Keep the header and the lines whose PID column is one of the container's (runc finds the column by name).
    private static string Filter(string table, IReadOnlyList<int> pids)
    {
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
            return "";
        int column = Array.IndexOf(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), "PID");
        if (column < 0)
            throw new InvalidOperationException("couldn't find PID field in ps output");
        var wanted = pids.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var kept = lines.Skip(1).Where(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var f && f.Length > column && wanted.Contains(f[column]));
        return string.Join('\n', kept.Prepend(lines[0])) + "\n";
    }
}
