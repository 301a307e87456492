using System.Text.Json;
using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// A bundle in a test's scratch dir: config.json from <c>ocirt spec</c>, editable as a JsonNode, with root.path set
/// to the shared busybox rootfs (absolute, read-only) instead of a copy. Nothing is bind-mounted on the host.
/// </summary>
public sealed class TempBundle
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private TempBundle(string dir, JsonNode config)
    {
        Dir = dir;
        Config = config;
    }

    public string Dir { get; }
    public string ConfigPath => Path.Combine(Dir, "config.json");

    /// <summary>The whole config; edit it, then call <see cref="Save"/>.</summary>
    public JsonNode Config { get; }

    public JsonObject Process => Config["process"]!.AsObject();
    public JsonObject Linux => Config["linux"]!.AsObject();

    /// <summary>Makes a bundle dir under <paramref name="runtimes"/>' scratch dir and fills it as described above.</summary>
    public static async Task<TempBundle> CreateAsync(Runtimes runtimes, string name = "bundle", bool rootless = false)
    {
        var rootfs = TestPaths.BusyboxRootfs;
        if (!File.Exists(Path.Combine(rootfs, "bin", "busybox")))
            throw new InvalidOperationException($"busybox rootfs missing at {rootfs} (run `make bundle` or set OCIRT_BUNDLE_ROOTFS)");

        var dir = runtimes.NewDir(name);
        string[] args = rootless ? ["spec", "--rootless", "--bundle", dir] : ["spec", "--bundle", dir];
        var spec = await runtimes.Ocirt.RunAsync(new CliOptions { WithoutRoot = true }, args);
        if (spec.ExitCode != 0)
            throw new InvalidOperationException($"ocirt spec failed with exit {spec.ExitCode}: {spec.Stderr.Trim()}");

        var path = Path.Combine(dir, "config.json");
        if (!File.Exists(path))
            throw new InvalidOperationException($"ocirt spec exited 0 but wrote no {path}");
        var bundle = new TempBundle(dir, JsonNode.Parse(File.ReadAllText(path))!);
        bundle.Config["root"] = new JsonObject { ["path"] = rootfs, ["readonly"] = true };
        // Tests capture stdio through pipes; a terminal would need a console socket.
        bundle.Process["terminal"] = false;
        bundle.Save();
        return bundle;
    }

    public void Save() => File.WriteAllText(ConfigPath, Config.ToJsonString(Indented));
}
