using OciConformance.Framework;

namespace OciConformance.Cases;

/// <summary>runtime.md: the lifecycle, the state machine and the state document.</summary>
public static class LifecycleCases
{
    public static IEnumerable<Case> All()
    {
        yield return Case.Must("lifecycle.create.status-created", "runtime.md", "Operations: create",
            "the state of the container MUST be created after create", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = ["/bin/sleep", "1000"]);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.Equal("created", (await t.StateOfAsync(id)).Status, "status after create");
            });
    }
}
