using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>config-linux.md namespaces and user namespace mappings.</summary>
public static class NamespaceCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
