using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Cli;

/// <summary>
/// Compares `ocirt spec` with `runc spec` field by field, where the two should agree. Each tolerated difference is
/// listed here with its reason; anything else is reported, so drift in either runtime shows up as a failure.
/// Tolerated:
///  - ociVersion: ocirt targets runtime-spec 1.3.0; Debian's runc 1.1.5 writes "1.0.2-dev". (Not compared.)
///  - hostname: each runtime writes its own name. (Not compared.)
///  - process.capabilities.ambient: runc 1.1.5 sets it to the same three caps; runc 1.2+ dropped it from the
///    template (libcontainer/specconv/example.go). ocirt may omit it; if present it must equal runc's.
///  - linux.maskedPaths: later runc adds "/sys/devices/virtual/tpm"; every runc 1.1.5 entry must still be there.
///  - linux.namespaces: runc adds "cgroup" only on a cgroup-v2-only host (this Debian host is hybrid, so 1.1.5
///    wrote none); ocirt may add it. Order is not significant, so namespaces are compared as sets.
/// </summary>
public static class SpecComparison
{
    private static readonly string[] ProcessFields = ["terminal", "user", "args", "env", "cwd", "rlimits", "noNewPrivileges"];
    private static readonly string[] CapabilitySets = ["bounding", "effective", "permitted", "inheritable"];
    private static readonly HashSet<string> LaterRuncMaskedPaths = ["/sys/devices/virtual/tpm"];

    /// <summary>One line per difference that is not tolerated; empty means the two agree. Tolerated ones that
    /// actually occurred go to <paramref name="tolerated"/>, so a test can log them.</summary>
    public static List<string> Differences(JsonNode ocirt, JsonNode runc, List<string>? tolerated = null)
    {
        var diffs = new List<string>();
        tolerated ??= [];
        if (ocirt["ociVersion"]?.ToJsonString() != runc["ociVersion"]?.ToJsonString())
            tolerated.Add($"ociVersion: ocirt {ocirt["ociVersion"]?.ToJsonString()} runc {runc["ociVersion"]?.ToJsonString()}");
        Same(diffs, "root", ocirt["root"], runc["root"]);
        Same(diffs, "mounts", ocirt["mounts"], runc["mounts"]);

        foreach (var field in ProcessFields)
            Same(diffs, $"process.{field}", ocirt["process"]?[field], runc["process"]?[field]);
        var ocirtCaps = ocirt["process"]?["capabilities"];
        var runcCaps = runc["process"]?["capabilities"];
        foreach (var set in CapabilitySets)
            Same(diffs, $"process.capabilities.{set}", ocirtCaps?[set], runcCaps?[set]);
        if (ocirtCaps?["ambient"] is { } ambient)
            Same(diffs, "process.capabilities.ambient", ambient, runcCaps?["ambient"]);
        else if (runcCaps?["ambient"] is not null)
            tolerated.Add("process.capabilities.ambient: only runc sets it (runc 1.2+ does not either)");

        var ocirtLinux = ocirt["linux"];
        var runcLinux = runc["linux"];
        foreach (var field in new[] { "resources", "uidMappings", "gidMappings" })
            Same(diffs, $"linux.{field}", ocirtLinux?[field], runcLinux?[field]);

        if (Strings(ocirtLinux?["namespaces"], "type").Contains("cgroup") != Strings(runcLinux?["namespaces"], "type").Contains("cgroup"))
            tolerated.Add("linux.namespaces: cgroup in only one of them");
        var ocirtNs = Strings(ocirtLinux?["namespaces"], "type").Where(t => t != "cgroup").ToHashSet();
        var runcNs = Strings(runcLinux?["namespaces"], "type").Where(t => t != "cgroup").ToHashSet();
        if (!ocirtNs.SetEquals(runcNs))
            diffs.Add($"linux.namespaces: ocirt [{string.Join(",", ocirtNs.Order())}] runc [{string.Join(",", runcNs.Order())}]");

        var ocirtMasked = Strings(ocirtLinux?["maskedPaths"]).ToHashSet();
        var runcMasked = Strings(runcLinux?["maskedPaths"]).ToHashSet();
        foreach (var missing in runcMasked.Except(ocirtMasked))
            diffs.Add($"linux.maskedPaths: ocirt lacks {missing}");
        foreach (var extra in ocirtMasked.Except(runcMasked))
            (LaterRuncMaskedPaths.Contains(extra) ? tolerated : diffs).Add($"linux.maskedPaths: ocirt adds {extra}");

        var ocirtReadonly = Strings(ocirtLinux?["readonlyPaths"]).ToHashSet();
        if (!ocirtReadonly.SetEquals(Strings(runcLinux?["readonlyPaths"])))
            diffs.Add($"linux.readonlyPaths: ocirt {ocirtLinux?["readonlyPaths"]?.ToJsonString()} runc {runcLinux?["readonlyPaths"]?.ToJsonString()}");
        return diffs;
    }

    private static void Same(List<string> diffs, string path, JsonNode? ocirt, JsonNode? runc)
    {
        if (!JsonNode.DeepEquals(ocirt, runc))
            diffs.Add($"{path}: ocirt {ocirt?.ToJsonString() ?? "absent"} runc {runc?.ToJsonString() ?? "absent"}");
    }

    private static IEnumerable<string> Strings(JsonNode? array, string? key = null) =>
        array?.AsArray().Select(e => (key is null ? e : e?[key])?.GetValue<string>() ?? "") ?? [];
}
