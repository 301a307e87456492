using System.Text.Json;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Containers;

/// <summary>The containers under one --root: a directory per container holding state.json (and, while created, the
/// exec fifo). Writes are atomic (temp file, rename) and mutations happen under an flock on the container's
/// directory, so two ocirt processes never see or write half a state.</summary>
internal sealed class StateStore(string root)
{
    public const string StateFile = "state.json";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>runc's default: /run/ocirt for root; $XDG_RUNTIME_DIR/ocirt for anyone else when it is set.</summary>
    public static string DefaultRoot()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return Libc.geteuid() != 0 && !string.IsNullOrEmpty(xdg) ? Path.Combine(xdg, "ocirt") : "/run/ocirt";
    }

    /// <summary>The container's directory. The id is validated first, so a bad id never reaches the filesystem.</summary>
    public string DirectoryOf(string id)
    {
        ContainerId.Validate(id);
        return Path.Combine(Root, id);
    }

    /// <summary>Reads a container's record; a missing directory or state file means the container does not exist.</summary>
    public ContainerRecord Load(string id)
    {
        string file = Path.Combine(DirectoryOf(id), StateFile);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ContainerNotFoundException(id);
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, RuntimeJsonContext.Default.ContainerRecord)
                   ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new ContainerException($"read state of container {id}: {file}: {e.Message}");
        }
    }

    /// <summary>The ids of every directory under the root (those without a readable state are reported by callers).</summary>
    public IReadOnlyList<string> Ids()
    {
        if (!Directory.Exists(Root))
            return [];
        var ids = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories(Root))
        {
            string name = Path.GetFileName(dir);
            if (ContainerId.IsValid(name))
                ids.Add(name);
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Makes the root directory (0700) if it is missing. It is the runtime's own directory, not a container's:
    /// create makes it before reading the config, since the overlay view of the binary uses it as its second layer
    /// (SelfExe), and an empty root is what `list` reads as "no containers".</summary>
    public void EnsureRoot() =>
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    /// <summary>Claims the id: creates its directory (failing if it exists) and returns the held lock.</summary>
    public ContainerLock Claim(string id)
    {
        string dir = DirectoryOf(id);
        EnsureRoot();
        // mkdir(2) is the atomic claim: of two concurrent creates with one id, exactly one succeeds.
        if (!Libc.MkdirIfAbsent(dir, 0b111_001_001))
            throw new ContainerExistsException(id);
        return ContainerLock.Acquire(dir);
    }

    /// <summary>Locks an existing container's directory for a mutation.</summary>
    public ContainerLock Lock(string id)
    {
        string dir = DirectoryOf(id);
        if (!Directory.Exists(dir))
            throw new ContainerNotFoundException(id);
        return ContainerLock.Acquire(dir);
    }

    /// <summary>Writes state.json atomically: a reader sees the old file or the new one, never a torn write.</summary>
    public void Save(ContainerRecord record, ContainerLock held)
    {
        string dir = DirectoryOf(record.Id);
        if (held.Directory != dir)
            throw new InvalidOperationException($"lock for {held.Directory} does not cover {dir}");
        AtomicFile.Write(Path.Combine(dir, StateFile),
            JsonSerializer.SerializeToUtf8Bytes(record, RuntimeJsonContext.Default.ContainerRecord));
    }

    /// <summary>Removes the container's directory and everything in it.</summary>
    public void Remove(string id)
    {
        string dir = DirectoryOf(id);
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
