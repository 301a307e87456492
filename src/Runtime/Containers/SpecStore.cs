using OciRuntime.Oci;

namespace OciRuntime.Containers;

/// <summary>The validated spec is kept beside state.json: start and delete need its hooks, exec its process
/// defaults, and the bundle's config.json may change or vanish after create (crun keeps a copy the same way).</summary>
internal static class SpecStore
{
    public const string FileName = "config.json";

    public static void Save(string containerDirectory, Spec spec) =>
        Linux.AtomicFile.Write(Path.Combine(containerDirectory, FileName), OciJson.SerializeToUtf8Bytes(spec, indented: false));

    public static Spec Load(string containerDirectory) => OciJson.LoadSpec(Path.Combine(containerDirectory, FileName));
}
