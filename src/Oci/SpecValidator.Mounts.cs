namespace OciRuntime.Oci;

public static partial class SpecValidator
{
    private static void CheckMounts(Findings findings, List<Mount>? mounts)
    {
        for (int i = 0; i < (mounts?.Count ?? 0); i++)
            CheckMount(findings, mounts![i], $"mounts[{i}]");
    }

    private static void CheckMount(Findings findings, Mount mount, string path)
    {
        // config.md (Linux): the destination SHOULD be absolute; a relative one is deprecated and
        // MUST be taken as relative to "/". runc warns and goes on, so this is a warning too.
        if (string.IsNullOrEmpty(mount.Destination))
            findings.Error($"{path}.destination", "required");
        else if (!mount.Destination.StartsWith('/'))
            findings.Warn($"{path}.destination", $"relative path {Quote(mount.Destination)} is deprecated; taken as relative to \"/\"");

        List<string> options = mount.Options ?? [];
        bool bind = mount.Type == "bind" || options.Contains("bind") || options.Contains("rbind");
        if (bind && string.IsNullOrEmpty(mount.Source))
            findings.Error($"{path}.source", "required for a bind mount");

        // Id-mapped mounts (mount_setattr MOUNT_ATTR_IDMAP): runc supports them for bind mounts only,
        // and a mapping needs both halves.
        bool hasUid = mount.UidMappings is { Count: > 0 }, hasGid = mount.GidMappings is { Count: > 0 };
        bool idmapOption = options.Contains("idmap") || options.Contains("ridmap");
        if ((hasUid || hasGid || idmapOption) && !bind)
            findings.Error(path, "id-mapped mounts must be bind mounts");
        if (hasUid != hasGid)
            findings.Error(path, "uidMappings and gidMappings must be given together");
        CheckIdMappings(findings, mount.UidMappings, $"{path}.uidMappings");
        CheckIdMappings(findings, mount.GidMappings, $"{path}.gidMappings");
    }

    private static void CheckIdMappings(Findings findings, List<LinuxIdMapping>? mappings, string path)
    {
        for (int i = 0; i < (mappings?.Count ?? 0); i++)
        {
            LinuxIdMapping mapping = mappings![i];
            if (mapping.Size == 0)
                findings.Error($"{path}[{i}].size", "must be greater than zero");
            else if ((ulong)mapping.ContainerId + mapping.Size - 1 > uint.MaxValue
                     || (ulong)mapping.HostId + mapping.Size - 1 > uint.MaxValue)
                findings.Error($"{path}[{i}]", "range goes past 4294967295");
        }
    }
}
