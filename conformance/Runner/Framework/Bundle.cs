using OciRuntime.Oci;

namespace OciConformance.Framework;

/// <summary>A bundle of one case: its directory, its own rootfs copy, and the config a case edits before create.</summary>
public sealed class Bundle(string dir, Spec spec)
{
    public string Dir { get; } = dir;
    public string Rootfs => Path.Combine(Dir, "rootfs");
    public Spec Spec { get; } = spec;

    public Process Process => Spec.Process!;
    public Linux Linux => Spec.Linux ??= new Linux();

    /// <summary>Writes config.json (temp + rename, so a runtime never reads half a file).</summary>
    public void Save()
    {
        var path = Path.Combine(Dir, "config.json");
        File.WriteAllText(path + ".tmp", OciJson.Serialize(Spec));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Replaces config.json with raw text (for malformed-config cases); <see cref="Spec"/> is then not used.</summary>
    public void SaveRaw(string json) => File.WriteAllText(Path.Combine(Dir, "config.json"), json);

    /// <summary>A path inside the rootfs, as the host sees it.</summary>
    public string InRootfs(string containerPath) => Path.Combine(Rootfs, containerPath.TrimStart('/'));
}
