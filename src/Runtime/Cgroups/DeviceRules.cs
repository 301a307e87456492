using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>The devices rules of a spec, in order: deny everything, then the spec's rules, then the devices every
/// container gets (runc's allowed list: the default device nodes, the pty devices, mknod of anything) and the spec's
/// linux.devices. Pure: the v1 cgroup code writes the lines <see cref="Plan"/> returns; the v2 code builds a device
/// program from <see cref="Rules"/> (V2.DeviceFilter).</summary>
internal static class DeviceRules
{
    /// <summary>runc's default allow list (libcontainer/specconv AllowedDevices): mknod of any device, and the
    /// nodes every container has.</summary>
    private static readonly DeviceRule[] Defaults =
    [
        new(true, "c", null, null, "m"), new(true, "b", null, null, "m"),
        Node(1, 3), Node(1, 8), Node(1, 7), Node(5, 0), Node(1, 5), Node(1, 9),
        new(true, "c", 136, null, "rwm"), Node(5, 2),
        // tun: removed in runc 1.2.0-rc1, restored because orchestrators depended on it (runc keeps it by default).
        Node(10, 200),
    ];

    /// <summary>The rules in the order they take effect.</summary>
    public static IReadOnlyList<DeviceRule> Rules(Spec spec)
    {
        var rules = new List<DeviceRule> { new(false, "a", null, null, "rwm") };
        foreach (var rule in spec.Linux?.Resources?.Devices ?? [])
            rules.Add(new DeviceRule(
                rule.Allow,
                string.IsNullOrEmpty(rule.Type) ? "a" : rule.Type,
                Number(rule.Major),
                Number(rule.Minor),
                string.IsNullOrEmpty(rule.Access) ? "rwm" : rule.Access));
        rules.AddRange(Defaults);
        foreach (var device in spec.Linux?.Devices ?? [])
            if (device.Type is "c" or "b" or "u")
                rules.Add(new DeviceRule(true, device.Type == "b" ? "b" : "c", Number(device.Major), Number(device.Minor), "rwm"));
        return rules;
    }

    /// <summary>(file, line) pairs: "devices.deny" or "devices.allow".</summary>
    public static IReadOnlyList<(string File, string Line)> Plan(Spec spec) =>
        Rules(spec).Select(rule => (rule.Allow ? "devices.allow" : "devices.deny", rule.Line)).ToList();

    private static DeviceRule Node(long major, long minor) => new(true, "c", major, minor, "rwm");

    /// <summary>A negative number is runc's "any" (-1), as null is.</summary>
    private static long? Number(long? number) => number is null or < 0 ? null : number;
}
