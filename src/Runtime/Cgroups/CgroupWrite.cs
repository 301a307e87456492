namespace OciRuntime.Cgroups;

/// <summary>One value a resource plan writes to one cgroup file. <paramref name="Controller"/> names the v1 hierarchy
/// the file lives in ("memory", "cpu", ...) and is "" on v2, where every file is in the one unified directory.</summary>
internal sealed record CgroupWrite(string Controller, string File, string Value, CgroupWriteFlags Flags = CgroupWriteFlags.None);
