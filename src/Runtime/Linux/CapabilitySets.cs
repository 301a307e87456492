namespace OciRuntime.Linux;

/// <summary>The five capability sets of a process as bit masks (bit N = capability N), computed from the spec by
/// <see cref="Capabilities.Compute(OciRuntime.Oci.LinuxCapabilities?, int)"/>. <see cref="Ignored"/> lists the names
/// the running kernel does not know; runc ignores them with a warning, so that a spec written for a newer kernel
/// still runs.</summary>
internal sealed record CapabilitySets(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient)
{
    public IReadOnlyList<string> Ignored { get; init; } = [];
}
