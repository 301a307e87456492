using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// Quick edits of a <see cref="TempBundle"/>'s config.json for the lifecycle tests. Each returns the bundle so edits
/// chain; <see cref="ContainerDriver"/> saves the config before create/run. Field names are the runtime-spec's.
/// </summary>
public static class BundleConfig
{
    public static TempBundle Args(this TempBundle b, params string[] args)
    {
        b.Process["args"] = Array(args);
        return b;
    }

    /// <summary>The process is <c>sh -c SCRIPT</c> (busybox ash).</summary>
    public static TempBundle Sh(this TempBundle b, string script) => b.Args("sh", "-c", script);

    public static TempBundle Terminal(this TempBundle b, bool on)
    {
        b.Process["terminal"] = on;
        return b;
    }

    public static TempBundle Cwd(this TempBundle b, string cwd)
    {
        b.Process["cwd"] = cwd;
        return b;
    }

    /// <summary>Adds (or replaces, by name) environment entries <c>NAME=value</c>.</summary>
    public static TempBundle Env(this TempBundle b, params string[] entries)
    {
        var env = ChildArray(b.Process, "env");
        foreach (var entry in entries)
        {
            var name = entry.Split('=')[0] + "=";
            foreach (var old in env.Where(e => e!.GetValue<string>().StartsWith(name, StringComparison.Ordinal)).ToList())
                env.Remove(old);
            env.Add(entry);
        }
        return b;
    }

    public static TempBundle User(this TempBundle b, uint uid, uint gid, uint[]? additionalGids = null, uint? umask = null)
    {
        var user = new JsonObject { ["uid"] = uid, ["gid"] = gid };
        if (additionalGids is not null)
            user["additionalGids"] = Array(additionalGids);
        if (umask is not null)
            user["umask"] = umask;
        b.Process["user"] = user;
        return b;
    }

    /// <summary>Sets the five capability sets; a null set is removed from the config.</summary>
    public static TempBundle Capabilities(this TempBundle b, string[]? bounding = null, string[]? effective = null,
        string[]? permitted = null, string[]? inheritable = null, string[]? ambient = null)
    {
        var caps = new JsonObject();
        foreach (var (name, set) in new[] { ("bounding", bounding), ("effective", effective), ("permitted", permitted), ("inheritable", inheritable), ("ambient", ambient) })
            if (set is not null)
                caps[name] = Array(set);
        b.Process["capabilities"] = caps;
        return b;
    }

    /// <summary>Sets one rlimit, replacing an entry of the same type (the default spec has RLIMIT_NOFILE).</summary>
    public static TempBundle Rlimit(this TempBundle b, string type, ulong soft, ulong hard)
    {
        var limits = ChildArray(b.Process, "rlimits");
        foreach (var old in limits.Where(l => (string?)l!["type"] == type).ToList())
            limits.Remove(old);
        limits.Add(new JsonObject { ["type"] = type, ["soft"] = soft, ["hard"] = hard });
        return b;
    }

    public static TempBundle NoNewPrivileges(this TempBundle b, bool on)
    {
        b.Process["noNewPrivileges"] = on;
        return b;
    }

    public static TempBundle OomScoreAdj(this TempBundle b, int value)
    {
        b.Process["oomScoreAdj"] = value;
        return b;
    }

    public static TempBundle Hostname(this TempBundle b, string? name)
    {
        if (name is null)
            b.Config.AsObject().Remove("hostname");
        else
            b.Config["hostname"] = name;
        return b;
    }

    public static TempBundle Domainname(this TempBundle b, string name)
    {
        b.Config["domainname"] = name;
        return b;
    }

    public static TempBundle ReadonlyRoot(this TempBundle b, bool on)
    {
        b.Config["root"]!["readonly"] = on;
        return b;
    }

    public static TempBundle Sysctl(this TempBundle b, string key, string value)
    {
        ChildObject(b.Linux, "sysctl")[key] = value;
        return b;
    }

    /// <summary>Adds a mount at the end of the list (mounts are made in order).</summary>
    public static TempBundle Mount(this TempBundle b, string destination, string type, string source, params string[] options)
    {
        var mount = new JsonObject { ["destination"] = destination, ["type"] = type, ["source"] = source };
        if (options.Length > 0)
            mount["options"] = Array(options);
        ChildArray(b.Config.AsObject(), "mounts").Add(mount);
        return b;
    }

    /// <summary>A bind mount of a host path; options default to <c>rbind</c> (add ro, rro, rslave, ... as needed).</summary>
    public static TempBundle Bind(this TempBundle b, string hostPath, string destination, params string[] options) =>
        b.Mount(destination, "bind", hostPath, options.Length == 0 ? ["rbind"] : options);

    public static TempBundle RemoveMount(this TempBundle b, string destination)
    {
        var mounts = ChildArray(b.Config.AsObject(), "mounts");
        foreach (var m in mounts.Where(m => (string?)m!["destination"] == destination).ToList())
            mounts.Remove(m);
        return b;
    }

    /// <summary>Adds a namespace, or sets the path of an existing entry of that type (path null: a new one).</summary>
    public static TempBundle Namespace(this TempBundle b, string type, string? path = null)
    {
        var list = Namespaces(b);
        var entry = list.FirstOrDefault(n => (string?)n!["type"] == type)?.AsObject();
        if (entry is null)
            list.Add(entry = new JsonObject { ["type"] = type });
        if (path is null)
            entry.Remove("path");
        else
            entry["path"] = path;
        return b;
    }

    public static TempBundle RemoveNamespace(this TempBundle b, string type)
    {
        var list = Namespaces(b);
        foreach (var n in list.Where(n => (string?)n!["type"] == type).ToList())
            list.Remove(n);
        return b;
    }

    /// <summary>A new user namespace mapping container ids 0..size-1 to host ids hostId.. (uid and gid alike).</summary>
    public static TempBundle UserNamespace(this TempBundle b, uint hostId, uint size)
    {
        b.Namespace("user");
        b.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = hostId, ["size"] = size });
        b.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = hostId, ["size"] = size });
        return b;
    }

    public static TempBundle MaskedPaths(this TempBundle b, params string[] paths) => AddToList(b, "maskedPaths", paths);

    public static TempBundle ReadonlyPaths(this TempBundle b, params string[] paths) => AddToList(b, "readonlyPaths", paths);

    /// <summary>A <c>linux.devices</c> entry (mode in octal as usual, e.g. 0o640).</summary>
    public static TempBundle Device(this TempBundle b, string path, string type, long major, long minor, uint fileMode, uint uid = 0, uint gid = 0)
    {
        ChildArray(b.Linux, "devices").Add(new JsonObject
        {
            ["path"] = path, ["type"] = type, ["major"] = major, ["minor"] = minor,
            ["fileMode"] = fileMode, ["uid"] = uid, ["gid"] = gid,
        });
        return b;
    }

    /// <summary>
    /// Appends a hook of <paramref name="kind"/> (prestart, createRuntime, createContainer, startContainer, poststart,
    /// poststop). <paramref name="args"/> includes argv[0], as in the spec.
    /// </summary>
    public static TempBundle Hook(this TempBundle b, string kind, string path, string[]? args = null, string[]? env = null, int? timeout = null)
    {
        var list = ChildArray(ChildObject(b.Config.AsObject(), "hooks"), kind);
        var hook = new JsonObject { ["path"] = path };
        if (args is not null) hook["args"] = Array(args);
        if (env is not null) hook["env"] = Array(env);
        if (timeout is not null) hook["timeout"] = timeout;
        list.Add(hook);
        return b;
    }

    /// <summary>
    /// Drops <c>linux.resources</c>. The default spec asks the device cgroup to deny everything; resources belong to
    /// the cgroup issue and its tests, and until they land ocirt refuses resources it cannot apply.
    /// </summary>
    public static TempBundle WithoutResources(this TempBundle b)
    {
        b.Linux.Remove("resources");
        return b;
    }

    /// <summary>
    /// Gives the bundle its own copy of the busybox rootfs at <c>BUNDLE/rootfs</c> (root.path relative, as containerd
    /// writes it), for tests that write to the rootfs or need mount points that do not exist in the shared one:
    /// a runtime creates missing mount points (and a missing cwd) inside the rootfs, even with root.readonly.
    /// </summary>
    public static TempBundle CopyRootfs(this TempBundle b, bool readOnly = false)
    {
        var copy = Path.Combine(b.Dir, "rootfs");
        Directory.CreateDirectory(copy);
        using var cp = Process.Start(new ProcessStartInfo("cp", ["-a", TestPaths.BusyboxRootfs + "/.", copy]) { UseShellExecute = false })!;
        cp.WaitForExit();
        if (cp.ExitCode != 0)
            throw new InvalidOperationException($"cp -a of the busybox rootfs into {copy} failed with exit {cp.ExitCode}");
        b.Config["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = readOnly };
        return b;
    }

    /// <summary>
    /// Writes config.json through a temp file and a rename, so a runtime reading it concurrently (parallel creates
    /// of one bundle) never sees a half-written file. <see cref="ContainerDriver"/> saves with this before each call.
    /// </summary>
    public static void SaveAtomically(this TempBundle b)
    {
        lock (b.Config)
        {
            var temp = Path.Combine(b.Dir, $".config.json.{Guid.NewGuid():N}");
            File.WriteAllText(temp, b.Config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            File.Move(temp, b.ConfigPath, overwrite: true);
        }
    }

    /// <summary>The absolute host path of the rootfs (root.path resolved against the bundle).</summary>
    public static string RootfsPath(this TempBundle b) => Path.GetFullPath((string)b.Config["root"]!["path"]!, b.Dir);

    private static TempBundle AddToList(TempBundle b, string field, string[] items)
    {
        var list = ChildArray(b.Linux, field);
        foreach (var item in items)
            list.Add(item);
        return b;
    }

    private static JsonArray Namespaces(TempBundle b) => ChildArray(b.Linux, "namespaces");

    /// <summary>The child node <paramref name="key"/>, added empty when missing; edits go into the config in place.</summary>
    private static JsonArray ChildArray(JsonObject parent, string key)
    {
        if (parent[key] is JsonArray existing)
            return existing;
        var created = new JsonArray();
        parent[key] = created;
        return created;
    }

    private static JsonObject ChildObject(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    private static JsonArray Array<T>(IEnumerable<T> items) => new(items.Select(i => JsonValue.Create(i)).ToArray<JsonNode?>());
}
