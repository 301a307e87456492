using System.Globalization;

namespace OciRuntime.Cgroups;

/// <summary>Number spellings of cgroup files: invariant decimal, and v2's "max" for -1 (runc's numToStr), which
/// cgroup v1 spelled as -1.</summary>
internal static class CgroupFormat
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string UInt(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>v2 files ending .max/.high/.low/.min: -1 means no limit and is written "max".</summary>
    public static string MaxOr(long value) => value == -1 ? "max" : Int(value);
}
