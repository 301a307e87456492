using System.Collections;

namespace OciRuntime.Containers;

/// <summary>The environment a host-side hook without its own `env` gets: ocirt's, as runc's hooks get runc's
/// (Go's exec with a nil Env), minus ocirt's private bootstrap variables.</summary>
internal static class HookEnvironment
{
    public static IReadOnlyList<string> Host()
    {
        var env = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string key = (string)entry.Key;
            if (!key.StartsWith("_OCIRT_", StringComparison.Ordinal))
                env.Add($"{key}={entry.Value}");
        }
        return env;
    }
}
