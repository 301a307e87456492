using OciConformance.Framework;

namespace OciConformance.Tests;

public class CatalogTests
{
    // The runtime-spec's documents, plus "runc CLI" for the command-line behaviour runtime.md leaves to the runtime
    // (e.g. --pid-file), which engines and runtime-tools rely on.
    private static readonly string[] Documents =
        ["runtime.md", "runtime-linux.md", "config.md", "config-linux.md", "features.md", "features-linux.md", "runc CLI"];

    [Fact]
    public void The_catalogue_has_at_least_150_cases_with_unique_ids()
    {
        Assert.True(Catalog.All.Count >= 150, $"{Catalog.All.Count} cases");
        Assert.Equal(Catalog.All.Count, Catalog.All.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Every_case_names_its_document_section_and_key_words()
    {
        foreach (var c in Catalog.All)
        {
            Assert.Contains(c.Requirement.Document, Documents);
            Assert.False(string.IsNullOrWhiteSpace(c.Requirement.Section), c.Id);
            Assert.True(c.Requirement.KeyWords.Length >= 10, $"{c.Id}: key words too short");
            Assert.Matches("^[a-z0-9]+(\\.[a-zA-Z0-9-]+)+$", c.Id);
        }
    }

    [Fact]
    public void Both_levels_are_present()
    {
        Assert.Contains(Catalog.All, c => c.Requirement.Level == Level.Must);
        Assert.Contains(Catalog.All, c => c.Requirement.Level == Level.Should);
    }

    [Theory]
    [InlineData("hooks.*", true)]
    [InlineData("config.process", true)]
    [InlineData("no-such-*", false)]
    public void Filters_select_by_glob_or_substring(string pattern, bool any)
    {
        var selected = Catalog.Select([pattern]);
        Assert.Equal(any, selected.Count > 0);
    }

    [Fact]
    public void Ldd_output_gives_the_libraries_and_the_interpreter()
    {
        const string output = "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f)\n" +
                              "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f)\n";
        Assert.Equal(["/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"],
            RootfsTemplate.ParseLdd(output));
    }

    [Fact]
    public void The_committed_allowlists_parse_and_name_only_real_cases()
    {
        var dir = Path.Combine(Repo.Root, "conformance", "allowlist");
        foreach (var file in Directory.GetFiles(dir, "*.txt"))
        {
            var list = Allowlist.Load(file);
            Assert.Empty(list.UnknownIds(Catalog.All.Select(c => c.Id)));
        }
    }
}
