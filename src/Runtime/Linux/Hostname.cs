using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>The spec's <c>hostname</c> and <c>domainname</c>, set in the container's UTS namespace by its init (the
/// validator refuses either one without a uts namespace). As runc does, an empty or missing value is left alone.</summary>
internal static class Hostname
{
    public static void Apply(Spec spec) => Apply(spec.Hostname, spec.Domainname);

    public static void Apply(string? hostname, string? domainname)
    {
        if (!string.IsNullOrEmpty(hostname))
            Libc.SetHostname(hostname);
        if (!string.IsNullOrEmpty(domainname))
            Libc.SetDomainname(domainname);
    }
}
