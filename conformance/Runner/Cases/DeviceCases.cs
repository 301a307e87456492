using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>config-linux.md devices and default devices.</summary>
public static class DeviceCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
