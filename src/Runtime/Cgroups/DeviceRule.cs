using System.Globalization;

namespace OciRuntime.Cgroups;

/// <summary>One devices-controller rule as the v1 files take it and the v2 device program is built from: allow or
/// deny <paramref name="Access"/> ("rwm" subset) on devices of <paramref name="Type"/> ("a" every device, "c", "b")
/// with the given numbers (null: any).</summary>
internal readonly record struct DeviceRule(bool Allow, string Type, long? Major, long? Minor, string Access)
{
    /// <summary>The line for devices.allow / devices.deny; "a *:* rwm" is spelled "a", as the kernel takes it.</summary>
    public string Line
    {
        get
        {
            string line = $"{Type} {Number(Major)}:{Number(Minor)} {Access}";
            return line == "a *:* rwm" ? "a" : line;
        }
    }

    private static string Number(long? number) => number is null ? "*" : number.Value.ToString(CultureInfo.InvariantCulture);
}
