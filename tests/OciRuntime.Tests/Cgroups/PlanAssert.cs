using OciRuntime.Cgroups;

namespace OciRuntime.Tests.Cgroups;

/// <summary>Plans compared as "controller:file=value" lines, which read well in a failed assertion.</summary>
internal static class PlanAssert
{
    public static string[] Lines(IEnumerable<CgroupWrite> plan) =>
        plan.Select(w => $"{w.Controller}:{w.File}={w.Value}").ToArray();

    public static void Equal(IEnumerable<CgroupWrite> plan, params string[] expected) =>
        Assert.Equal(expected, Lines(plan));

    public static void Refused(Action plan, string messageStart)
    {
        var e = Assert.Throws<CgroupException>(plan);
        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
    }
}
