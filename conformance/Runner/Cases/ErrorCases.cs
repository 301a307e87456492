using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>runtime.md and config.md: errors the runtime must report.</summary>
public static class ErrorCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
