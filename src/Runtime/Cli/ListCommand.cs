using System.Globalization;
using OciRuntime.Containers;
using OciRuntime.Linux;
using OciRuntime.Logging;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`list [--format table|json] [-q]`. The JSON form is what go-runc's List decodes; with no containers it
/// is `null`, as runc prints it.</summary>
internal static class ListCommand
{
    public static int Run(CommandContext context)
    {
        string format = context.Args.Get("format") ?? "table";
        if (format is not ("table" or "json"))
            throw new ArgumentException("invalid format option");

        var states = new List<ContainerState>();
        foreach (string id in context.Store.Ids())
        {
            try
            {
                var container = Container.Load(context.Store, id);
                states.Add(ContainerStates.From(container, container.Status(), Owners.NameOf(container.Directory)));
            }
            catch (ContainerException e)
            {
                // One unreadable container must not hide the others (runc reports and goes on).
                Log.Warn($"load container {id}: {e.Message}");
            }
        }

        if (context.Args.GetBool("quiet"))
        {
            foreach (var state in states)
                Output.WriteLine(state.Id);
            return 0;
        }
        if (format == "json")
        {
            Output.WriteLine(states.Count == 0 ? "null" : OciJson.SerializeCompact(states));
            return 0;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER" } };
        foreach (var s in states)
            rows.Add([s.Id, s.Pid.ToString(CultureInfo.InvariantCulture), s.Status, s.Bundle, s.Created, s.Owner]);
        Output.Write(TabTable.Format(rows));
        return 0;
    }
}
