using System.Text;
using System.Text.Json;
using OciRuntime.Cgroups;
using OciRuntime.Containers;

namespace OciRuntime.Cli;

/// <summary>`events [--stats] [--interval DURATION] ID`: one `{"type":"stats","id":ID,"data":{...}}` line with
/// --stats; otherwise a stats line every interval and an `{"type":"oom","id":ID}` line whenever the kernel OOM-kills
/// in the container, until the container stops (runc's events shape, which go-runc decodes).</summary>
internal static class EventsCommand
{
    public static int Run(CommandContext context)
    {
        var container = Container.Load(context.Store, context.ContainerId);
        string cgroupPath = container.Record.CgroupPath ?? throw new InvalidOperationException("the container has no cgroup");
        if (context.Args.GetBool("stats"))
        {
            if (container.Status() == ContainerStatus.Stopped)
                throw new ContainerException("container not running");
            Output.WriteLine(StatsLine(container.Id, CgroupManager.For(cgroupPath)));
            return 0;
        }

        var interval = context.Args.GetDuration("interval") ?? TimeSpan.FromSeconds(5);
        if (interval <= TimeSpan.Zero)
            throw new ArgumentException("duration of interval must be greater than 0");
        var cgroup = CgroupManager.For(cgroupPath);
        ulong oomKills = cgroup.OomKills();
        var nextStats = DateTime.UtcNow;
        while (container.Status() != ContainerStatus.Stopped)
        {
            ulong now = cgroup.OomKills();
            if (now > oomKills)
                Output.WriteLine($"{{\"type\":\"oom\",\"id\":{JsonSerializer.Serialize(container.Id, Oci.OciJson.GetTypeInfo<string>())}}}");
            oomKills = now;
            if (DateTime.UtcNow >= nextStats)
            {
                Output.WriteLine(StatsLine(container.Id, cgroup));
                nextStats = DateTime.UtcNow + interval;
            }
            Output.Flush();
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(100, interval.TotalMilliseconds)));
        }
        return 0;
    }

    private static string StatsLine(string id, ICgroupManager cgroup)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "stats");
            json.WriteString("id", id);
            json.WritePropertyName("data");
            cgroup.WriteStats(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
