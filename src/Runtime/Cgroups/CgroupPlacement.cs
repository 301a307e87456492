namespace OciRuntime.Cgroups;

/// <summary>Where a new process is placed, by the single-threaded first stage of Native/nsexec.c before it clones
/// the process (so the kernel never has to move a running one): <paramref name="Tasks"/>, the v1 `tasks` files that
/// stage writes "0" to, moving itself; <paramref name="Unified"/>, the v2 directory the process is cloned into
/// (CLONE_INTO_CGROUP), or null when there is no cgroup2 hierarchy to place it in.</summary>
internal sealed record CgroupPlacement(IReadOnlyList<string> Tasks, string? Unified);
