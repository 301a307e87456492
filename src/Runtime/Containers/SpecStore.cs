using OciRuntime.Oci;

namespace OciRuntime.Containers;

/// <summary>The validated spec is kept beside state.json: start and delete need its hooks, exec its process
/// defaults, and the bundle's config.json may change or vanish after create (crun keeps a copy the same way).
/// Those readers take only their member (OciJson.ParseMember): building the contract of a whole spec costs each
/// of those commands 1.5 ms, its hooks alone 0.4; and exec sends the process it read on to the process it starts,
/// written with the contract it was read with.</summary>
internal static class SpecStore
{
    public const string FileName = "config.json";

    public static void Save(string containerDirectory, Spec spec) =>
        Linux.AtomicFile.Write(Path.Combine(containerDirectory, FileName), OciJson.SerializeToUtf8Bytes(spec, indented: false));

    /// <summary>The whole spec (update rewrites it).</summary>
    public static Spec Load(string containerDirectory) => OciJson.LoadSpec(Path.Combine(containerDirectory, FileName));

    /// <summary>The hooks alone (start: poststart; delete: poststop).</summary>
    public static Oci.Hooks? LoadHooks(string containerDirectory)
    {
        string path = Path.Combine(containerDirectory, FileName);
        return OciJson.ParseMember<Oci.Hooks>(OciJson.ReadFile(path), path, "hooks");
    }

    /// <summary>What an exec'd process takes from the container: its process (the defaults of `exec` without
    /// --process, and oom_score_adj) and linux.personality.</summary>
    public static (Process? Process, LinuxPersonality? Personality) LoadProcess(string containerDirectory)
    {
        string path = Path.Combine(containerDirectory, FileName);
        byte[] json = OciJson.ReadFile(path);
        return (OciJson.ParseMember<Process>(json, path, "process"), OciJson.ParseMember<LinuxPersonality>(json, path, "linux", "personality"));
    }
}
