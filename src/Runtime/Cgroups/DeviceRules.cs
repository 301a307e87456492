using System.Globalization;
using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>The v1 devices controller's writes for a spec, in order: deny everything, then the spec's rules, then
/// the devices every container gets (runc's allowed list: the default device nodes, the pty devices, mknod of
/// anything) and the spec's linux.devices. Pure: the cgroup code writes the lines it returns.</summary>
internal static class DeviceRules
{
    /// <summary>runc's default allow list (libcontainer/specconv AllowedDevices): mknod of any device, and the
    /// nodes every container has.</summary>
    private static readonly string[] Defaults =
    [
        "c *:* m", "b *:* m",
        "c 1:3 rwm", "c 1:8 rwm", "c 1:7 rwm", "c 5:0 rwm", "c 1:5 rwm", "c 1:9 rwm",
        "c 5:1 rwm", "c 136:* rwm", "c 5:2 rwm",
    ];

    /// <summary>(file, line) pairs: "devices.deny" or "devices.allow".</summary>
    public static IReadOnlyList<(string File, string Line)> Plan(Spec spec)
    {
        var writes = new List<(string, string)> { ("devices.deny", "a") };
        foreach (var rule in spec.Linux?.Resources?.Devices ?? [])
        {
            string line = $"{Type(rule.Type)} {Number(rule.Major)}:{Number(rule.Minor)} {(string.IsNullOrEmpty(rule.Access) ? "rwm" : rule.Access)}";
            // "a *:* rwm" is how "everything" is spelled; the kernel takes "a" alone.
            if (line == "a *:* rwm")
                line = "a";
            writes.Add((rule.Allow ? "devices.allow" : "devices.deny", line));
        }
        foreach (string line in Defaults)
            writes.Add(("devices.allow", line));
        foreach (var device in spec.Linux?.Devices ?? [])
            if (device.Type is "c" or "b" or "u")
                writes.Add(("devices.allow", $"{(device.Type == "b" ? "b" : "c")} {device.Major}:{device.Minor} rwm"));
        return writes;
    }

    private static string Type(string? type) => string.IsNullOrEmpty(type) ? "a" : type;

    private static string Number(long? number) => number is null or < 0 ? "*" : number.Value.ToString(CultureInfo.InvariantCulture);
}
