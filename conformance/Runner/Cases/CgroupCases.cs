using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>config-linux.md control groups: cgroupsPath and resources.</summary>
public static class CgroupCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
