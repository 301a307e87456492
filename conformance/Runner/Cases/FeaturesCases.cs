using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>features.md: every feature the runtime claims works.</summary>
public static class FeaturesCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
