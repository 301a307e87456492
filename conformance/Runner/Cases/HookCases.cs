using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>config.md hooks and the lifecycle steps that run them.</summary>
public static class HookCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
