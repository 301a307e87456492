using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>config.md process, hostname, domainname, root.</summary>
public static class ProcessCases
{
    public static IEnumerable<Case> All()
    {
        yield break;
    }
}
