namespace OciConformance.Tests;

/// <summary>Where the repository and the things the suite needs are.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Ocirt => Environment.GetEnvironmentVariable("OCIRT_BIN") ?? Path.Combine(Root, "bin", "ocirt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OciRuntime.sln")))
                return dir.FullName;
        throw new InvalidOperationException("OciRuntime.sln not found above " + AppContext.BaseDirectory);
    }
}
