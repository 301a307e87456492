using System.Collections.Concurrent;
using OciRuntime.Oci;

namespace OciConformance.Framework;

/// <summary>What every case of one run shares: where things are, the run's unique names, and cached `features`.</summary>
public sealed class SuiteSettings
{
    private readonly ConcurrentDictionary<string, Lazy<Features?>> _features = new();

    /// <summary>Short and unique per run; prefixes every container id and names the cgroup parent.</summary>
    public required string RunId { get; init; }
    public required string WorkDir { get; init; }
    public required string TemplateRootfs { get; init; }

    /// <summary>Keep case directories after the run (for debugging a case).</summary>
    public bool Keep { get; init; }

    /// <summary>The cgroup every container of this run and runtime is placed under; only this run creates and removes it.</summary>
    public string CgroupParentFor(string runtime) => $"oci-conformance-{RunId}-{runtime}";

    /// <summary>The runtime's parsed `features` output, fetched once; null when the command fails or prints no JSON.</summary>
    public Features? FeaturesOf(RuntimeDriver runtime) =>
        _features.GetOrAdd(runtime.Name, _ => new Lazy<Features?>(() =>
        {
            var call = runtime.RunAsync("features").GetAwaiter().GetResult();
            if (!call.Succeeded) return null;
            try
            {
                return OciJson.Parse<Features>(call.Stdout, "features output");
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidSpecException)
            {
                return null;
            }
        })).Value;
}
