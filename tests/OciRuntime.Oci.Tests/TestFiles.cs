using System.Runtime.CompilerServices;
using System.Text;

namespace OciRuntime.Oci.Tests;

/// <summary>Fixture and golden files: read from the build output, rewritten in the source tree.</summary>
internal static class TestFiles
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static IEnumerable<string> FixtureNames(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), pattern)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    /// <summary>
    /// Compares <paramref name="actual"/> with Golden/<paramref name="name"/> byte for byte.
    /// Run the tests with UPDATE_GOLDEN=1 to rewrite the golden file (in the source tree) from the
    /// current output instead; review the diff before committing it.
    /// </summary>
    public static void AssertGolden(string name, string actual, [CallerFilePath] string thisFile = "")
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            string sourcePath = Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);
            File.WriteAllBytes(sourcePath, Encoding.UTF8.GetBytes(actual));
            return;
        }

        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name), Encoding.UTF8);
        Assert.Equal(expected, actual);
    }
}
