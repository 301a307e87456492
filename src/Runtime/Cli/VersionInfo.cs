using System.Reflection;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`--version` in runc's shape, which go-runc parses line by line: "X version V", "commit: C", "spec: S".</summary>
internal static class VersionInfo
{
    public static string Text()
    {
        // The build stamps "version+commit" into the informational version (see OciRuntime.csproj).
        string informational = typeof(VersionInfo).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = informational.IndexOf('+');
        string version = plus < 0 ? informational : informational[..plus];
        string commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
        return $"ocirt version {version}\ncommit: {commit}\nspec: {SpecVersion.Current}\n";
    }
}
