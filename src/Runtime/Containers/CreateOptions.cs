namespace OciRuntime.Containers;

/// <summary>The flags of `create` (and `run`) that shape a new container.</summary>
internal sealed record CreateOptions(
    string Bundle,
    string? PidFile,
    string? ConsoleSocket,
    bool NoPivot,
    bool NoNewKeyring,
    int PreserveFds,
    bool Detach,
    bool SystemdCgroup,
    bool Debug,
    string? LogPath);
