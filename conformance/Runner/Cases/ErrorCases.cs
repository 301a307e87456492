using System.Text.Json.Nodes;
using OciConformance.Framework;
using OciRuntime.Oci;
using static OciConformance.Framework.LifecycleSupport;

namespace OciConformance.Cases;

/// <summary>runtime.md and config.md: errors the runtime must report, and what a failed operation must leave behind.</summary>
public static class ErrorCases
{
    public static IEnumerable<Case> All()
    {
        yield return Case.Must("errors.create.failure-leaves-no-trace", "runtime.md", "Errors",
            "generating an error MUST leave the state of the environment as if the operation were never attempted", async t =>
            {
                // The bind source is missing, so create fails late: after the container process and its cgroup exist.
                var bundle = await t.NewBundleAsync(b => b.Spec.Mounts!.Add(new Mount
                {
                    Destination = "/mnt/missing", Type = "none", Source = Path.Combine(t.Dir, "no-such-dir"), Options = ["rbind"],
                }));
                var id = t.NewId();
                Check.Failed(await t.CreateAsync(bundle, id), "create with a bind mount of a missing source");
                await CheckNoTraceAsync(t, id);
                // As if never attempted: the id is free, and the cgroup path too.
                var good = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                good.Linux.CgroupsPath = bundle.Linux.CgroupsPath;
                Check.Succeeded(await t.CreateAsync(good, id), "create with the same id after the failed one");
                Check.Equal("created", (await t.StateOfAsync(id)).Status, "status of the second container");
            });

        yield return Case.Must("errors.config.malformed-json", "runtime.md", "Lifecycle",
            "If the runtime is unable to create the environment specified in the config.json, it MUST generate an error (malformed JSON)", async t =>
            {
                var bundle = await t.NewBundleAsync();
                bundle.SaveRaw("{\"ociVersion\": \"1.0.2\", \"process\": {\"args\": [\"/bin/true\"], ");
                await CheckRefusedAsync(t, bundle, t.NewId(), "a malformed config.json", raw: true);
            });

        yield return Case.Must("errors.config.missing", "runtime.md", "Lifecycle",
            "If the runtime is unable to create the environment specified in the config.json, it MUST generate an error (no config.json)", async t =>
            {
                var bundle = await t.NewBundleAsync();
                File.Delete(Path.Combine(bundle.Dir, "config.json"));
                await CheckRefusedAsync(t, bundle, t.NewId(), "a bundle without config.json", raw: true);
            });

        yield return Case.Must("errors.config.root-path-missing", "config.md", "Root",
            "A directory MUST exist at the path declared by the field (root.path)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Spec.Root!.Path = "no-such-rootfs");
                await CheckRefusedAsync(t, bundle, t.NewId(), "a root.path that does not exist");
            });

        yield return Case.Must("errors.config.args-missing", "config.md", "Process",
            "args ... at least one entry is REQUIRED (non-Windows)", async t =>
            {
                var absent = await t.NewBundleAsync();
                var id = t.NewId();
                SaveEdited(absent, t.CgroupsPathFor(id), root => root["process"]!.AsObject().Remove("args"));
                await CheckRefusedAsync(t, absent, id, "a process without args", raw: true);

                var empty = await t.NewBundleAsync();
                id = t.NewId();
                SaveEdited(empty, t.CgroupsPathFor(id), root => root["process"]!["args"] = new JsonArray());
                await CheckRefusedAsync(t, empty, id, "process.args []", raw: true);
            });

        yield return Case.Must("errors.config.cwd-relative", "config.md", "Process",
            "cwd (string, REQUIRED) ... This value MUST be an absolute path", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Cwd = "tmp");
                await CheckRefusedAsync(t, bundle, t.NewId(), "a relative process.cwd");
            });

        yield return Case.Must("errors.config.cwd-missing", "config.md", "Process",
            "cwd (string, REQUIRED) is the working directory that will be set for the executable", async t =>
            {
                var bundle = await t.NewBundleAsync();
                var id = t.NewId();
                SaveEdited(bundle, t.CgroupsPathFor(id), root => root["process"]!.AsObject().Remove("cwd"));
                await CheckRefusedAsync(t, bundle, id, "a process without cwd", raw: true);
            });

        yield return Case.Must("errors.config.oci-version-invalid", "config.md", "Specification version",
            "ociVersion (string, REQUIRED) MUST be in SemVer v2.0.0 format (missing, and \"1.0\")", async t =>
            {
                var missing = await t.NewBundleAsync();
                var id = t.NewId();
                SaveEdited(missing, t.CgroupsPathFor(id), root => root.Remove("ociVersion"));
                await CheckRefusedAsync(t, missing, id, "a config without ociVersion", raw: true);

                var notSemVer = await t.NewBundleAsync(b => b.Spec.OciVersion = "1.0");
                await CheckRefusedAsync(t, notSemVer, t.NewId(), "ociVersion \"1.0\"");
            });

        yield return Case.Must("errors.config.oci-version-unsupported", "config.md", "Valid values",
            "Runtimes MUST generate an error when invalid or unsupported values are encountered (an ociVersion of a later major version)", async t =>
            {
                var max = TryFeatures(t)?.OciVersionMax;
                var version = NextMajor(max ?? SpecVersion.Current);
                var bundle = await t.NewBundleAsync(b => b.Spec.OciVersion = version);
                await CheckRefusedAsync(t, bundle, t.NewId(), $"ociVersion \"{version}\"");
            });

        yield return Case.Must("errors.config.unknown-properties-ignored", "config.md", "Extensibility",
            "Runtimes MAY log unknown properties but MUST otherwise ignore them. That includes not generating errors", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Spec.Hostname = "conformance-unknown");
                var id = t.NewId();
                SaveEdited(bundle, t.CgroupsPathFor(id), root =>
                {
                    root["com.example.conformance.unknown"] = new JsonObject { ["nested"] = new JsonArray(1, "two") };
                    root["process"]!["conformanceUnknown"] = "value";
                    root["root"]!["conformanceUnknown"] = true;
                    root["linux"]!["conformanceUnknown"] = new JsonObject { ["x"] = 1 };
                    root["mounts"]![0]!["conformanceUnknown"] = 7;
                });
                Check.Succeeded(await t.CreateRawAsync(bundle.Dir, id), "create with unknown properties");
                Check.Succeeded(await t.StartAsync(id), "start");
                await t.WaitForStatusAsync(id, "stopped", 30);
                var report = CaseContext.ParseReport(t.OutputOf(id), RuntimeDriver.ReadSoFar(t.StderrOf(id)));
                Check.Equal("conformance-unknown", report.Hostname, "hostname (the known properties must still apply)");
            });

        yield return Case.Must("errors.config.unknown-namespace-type", "config.md", "Valid values",
            "Runtimes MUST generate an error when invalid or unsupported values are encountered (linux.namespaces[].type)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Linux.Namespaces!.Add(new LinuxNamespace { Type = "conformance-unknown" }));
                await CheckRefusedAsync(t, bundle, t.NewId(), "namespace type \"conformance-unknown\"");
            });

        yield return Case.Must("errors.config.unknown-rlimit-type", "config.md", "POSIX process",
            "The runtime MUST generate an error for any values which cannot be mapped to a relevant kernel interface (rlimits[].type)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Rlimits = [new PosixRlimit { Type = "RLIMIT_CONFORMANCE", Soft = 7, Hard = 7 }]);
                await CheckRefusedAsync(t, bundle, t.NewId(), "rlimit type \"RLIMIT_CONFORMANCE\"");
            });
    }

    private static Features? TryFeatures(CaseContext t)
    {
        try
        {
            return t.Features;
        }
        catch (CaseSkippedException)
        {
            return null;
        }
    }
}
