using System.Runtime.InteropServices;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>The few host facts tests compare with (e.g. the ids `spec --rootless` maps); .NET does not expose them.</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEgid();
}
