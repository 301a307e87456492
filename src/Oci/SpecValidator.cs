using System.Text.Json;
using System.Text.RegularExpressions;
using OciRuntime.Oci.Json;

namespace OciRuntime.Oci;

/// <summary>
/// Checks a parsed config against the runtime-spec's MUST rules (and the structural checks runc
/// makes in specconv and libcontainer/configs/validate) before anything is created. It looks at the
/// document only: whether files, namespaces or cgroup controllers exist is for the runtime to find
/// out. Every error is one line, "json.path: problem".
/// </summary>
public static partial class SpecValidator
{
    /// <summary>All errors in <paramref name="spec"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Spec spec) => Validate(spec, out _);

    /// <summary>
    /// All errors, plus warnings for what the spec deprecates but still allows (runc logs these and
    /// goes on), such as a relative mount destination.
    /// </summary>
    public static IReadOnlyList<string> Validate(Spec spec, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var findings = new Findings();
        var namespaces = new NamespaceSet(spec.Linux?.Namespaces);

        CheckVersion(findings, spec.OciVersion);
        if (spec.Root is null)
            findings.Error("root", "required");
        else if (string.IsNullOrEmpty(spec.Root.Path))
            findings.Error("root.path", "required");

        if (!string.IsNullOrEmpty(spec.Hostname) && !namespaces.Has(LinuxNamespaceType.Uts))
            findings.Error("hostname", "requires a uts namespace");
        if (!string.IsNullOrEmpty(spec.Domainname) && !namespaces.Has(LinuxNamespaceType.Uts))
            findings.Error("domainname", "requires a uts namespace");

        if (spec.Process is not null)
            CheckProcess(findings, spec.Process, "process");
        CheckMounts(findings, spec.Mounts);
        CheckHooks(findings, spec.Hooks);
        if (spec.Linux is not null)
            CheckLinux(findings, spec.Linux, namespaces);

        warnings = findings.Warnings;
        return findings.Errors;
    }

    /// <summary>Throws <see cref="InvalidSpecException"/> listing every error, on one line; returns the warnings,
    /// which the caller logs (runtime.md "Warnings": the operation continues as if they had not been logged).</summary>
    public static IReadOnlyList<string> ValidateOrThrow(Spec spec)
    {
        IReadOnlyList<string> errors = Validate(spec, out IReadOnlyList<string> warnings);
        if (errors.Count > 0)
            throw new InvalidSpecException(errors);
        return warnings;
    }

    /// <summary>
    /// Checks a process on its own, as <c>exec --process</c> reads it. <paramref name="path"/> prefixes
    /// every error; pass "" for a process document whose root is the process.
    /// </summary>
    public static IReadOnlyList<string> ValidateProcess(Process process, string path = "process")
    {
        ArgumentNullException.ThrowIfNull(process);
        var findings = new Findings();
        CheckProcess(findings, process, path);
        return findings.Errors;
    }

    /// <summary>Checks a resources document on its own, as <c>update --resources</c> reads it.</summary>
    public static IReadOnlyList<string> ValidateResources(LinuxResources resources, string path = "linux.resources")
    {
        ArgumentNullException.ThrowIfNull(resources);
        var findings = new Findings();
        CheckResources(findings, resources, path);
        return findings.Errors;
    }

    private static void CheckVersion(Findings findings, string version)
    {
        if (string.IsNullOrEmpty(version))
            findings.Error("ociVersion", "required");
        else if (!SemVer().IsMatch(version))
            findings.Error("ociVersion", $"{Quote(version)} is not a SemVer 2.0.0 version");
        // config.md: runtimes MUST generate an error for unsupported values; a new major version is incompatible by
        // SemVer's definition, whatever it contains.
        else if (Major(version) != Major(SpecVersion.Current))
            findings.Error("ociVersion", $"{Quote(version)} is not supported (this runtime implements {SpecVersion.Minimum} to {SpecVersion.Current})");
    }

    private static string Major(string version) => version[..version.IndexOf('.')];

    private static void CheckHooks(Findings findings, Hooks? hooks)
    {
        if (hooks is null)
            return;

        CheckHookList(findings, hooks.Prestart, "hooks.prestart");
        CheckHookList(findings, hooks.CreateRuntime, "hooks.createRuntime");
        CheckHookList(findings, hooks.CreateContainer, "hooks.createContainer");
        CheckHookList(findings, hooks.StartContainer, "hooks.startContainer");
        CheckHookList(findings, hooks.Poststart, "hooks.poststart");
        CheckHookList(findings, hooks.Poststop, "hooks.poststop");
    }

    private static void CheckHookList(Findings findings, List<Hook>? hooks, string path)
    {
        for (int i = 0; i < (hooks?.Count ?? 0); i++)
        {
            Hook hook = hooks![i];
            CheckAbsolute(findings, $"{path}[{i}].path", hook.Path);
            if (hook.Timeout is <= 0)
                findings.Error($"{path}[{i}].timeout", "must be greater than zero");
        }
    }

    // ---- helpers shared by the partial files ----

    private static void CheckAbsolute(Findings findings, string path, string? value)
    {
        if (string.IsNullOrEmpty(value))
            findings.Error(path, "required");
        else if (!value.StartsWith('/'))
            findings.Error(path, $"must be absolute, got {Quote(value)}");
    }

    /// <summary>Go's %q, near enough: the value as a JSON string literal.</summary>
    internal static string Quote(string? value) =>
        "\"" + JsonEncodedText.Encode(value ?? "", GoJsonEncoder.Instance).ToString() + "\"";

    /// <summary>A cpuset-style list: "0-3,7", entries separated by commas, spaces around them allowed.</summary>
    internal static bool IsIdList(string list)
    {
        string[] entries = list.Split(',');
        foreach (string raw in entries)
        {
            string entry = raw.Trim();
            int dash = entry.IndexOf('-');
            if (dash < 0)
            {
                if (!IsNumber(entry))
                    return false;
            }
            else
            {
                string low = entry[..dash], high = entry[(dash + 1)..];
                if (!IsNumber(low) || !IsNumber(high) || ulong.Parse(low) > ulong.Parse(high))
                    return false;
            }
        }
        return true;

        static bool IsNumber(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);
    }

    // SemVer 2.0.0: MAJOR.MINOR.PATCH, optional -prerelease and +build (https://semver.org).
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex SemVer();

    /// <summary>Errors and warnings found so far.</summary>
    private sealed class Findings
    {
        public List<string> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        public void Error(string path, string problem) => Errors.Add(Line(path, problem));

        public void Warn(string path, string problem) => Warnings.Add(Line(path, problem));

        private static string Line(string path, string problem) => path.Length == 0 ? problem : $"{path}: {problem}";
    }

    /// <summary>The namespaces the config lists: type to index and the path to join, if any.</summary>
    private sealed class NamespaceSet
    {
        private readonly Dictionary<string, (int Index, string? Path)> _entries = new(StringComparer.Ordinal);

        public NamespaceSet(List<LinuxNamespace>? namespaces)
        {
            for (int i = 0; i < (namespaces?.Count ?? 0); i++)
                _entries.TryAdd(namespaces![i].Type ?? "", (i, namespaces[i].Path));
        }

        /// <summary>Created or joined: either way the container does not share the runtime's.</summary>
        public bool Has(string type) => _entries.ContainsKey(type);

        /// <summary>The index of a namespace that is joined by path, or -1.</summary>
        public int JoinedAt(string type) =>
            _entries.TryGetValue(type, out var entry) && !string.IsNullOrEmpty(entry.Path) ? entry.Index : -1;
    }
}
