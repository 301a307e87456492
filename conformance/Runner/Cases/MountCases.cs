using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>config.md mounts, config-linux.md default filesystems, propagation, masked and readonly paths.</summary>
public static class MountCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
