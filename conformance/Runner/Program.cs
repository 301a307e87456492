using System.Diagnostics;
using OciConformance;
using OciConformance.Framework;

// oci-conformance: runs the runtime-spec requirement cases of Cases/ against one or more runtime binaries.
// Usage: oci-conformance --runtime [NAME=]PATH [--runtime ...] --rootfs DIR --probe PATH [--allowlist DIR]
//        [--filter PATTERN]... [--jobs N] [--work DIR] [--markdown FILE] [--readme FILE] [--keep] [--list]
// Exit 0 when every runtime passed every case not on its allowlist and no allowlist entry is stale.

Options options;
try
{
    options = Options.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"oci-conformance: {e.Message}");
    return 2;
}

var cases = Catalog.Select(options.Filters);
if (options.List)
{
    foreach (var c in cases)
        Console.WriteLine($"{c.Id,-48} {c.Requirement.LevelName,-6} {c.Requirement.Where}: {c.Requirement.KeyWords}");
    Console.WriteLine($"{cases.Count} cases, {cases.Count(c => c.Requirement.Level == Level.Must)} MUST, {cases.Count(c => c.Requirement.Level == Level.Should)} SHOULD");
    return 0;
}
if (options.Runtimes.Count == 0 || options.Rootfs is null || options.Probe is null)
{
    Console.Error.WriteLine("oci-conformance: --runtime, --rootfs and --probe are required (see `make conformance`)");
    return 2;
}
if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("oci-conformance: must run as root (it creates containers)");
    return 2;
}

// Containers may make mounts that propagate (rootfsPropagation "shared", bind mounts of the case dirs): the suite
// therefore runs in a private mount namespace of its own, so nothing can reach the host's mount table.
if (Environment.GetEnvironmentVariable("OCI_CONFORMANCE_PRIVATE_MNT") != "1")
    return await PrivateMountNamespace.ReexecAsync(args);

var runId = $"{DateTime.UtcNow:HHmmss}{Environment.ProcessId % 1000:D3}";
var work = options.WorkDir ?? Path.Combine(Path.GetTempPath(), $"oci-conformance-{runId}");
Directory.CreateDirectory(work);
var template = await RootfsTemplate.BuildAsync(options.Rootfs, options.Probe, Path.Combine(work, "template-rootfs"));
var settings = new SuiteSettings { RunId = runId, WorkDir = work, TemplateRootfs = template, Keep = options.Keep };

Console.WriteLine("TAP version 14");
var runs = new List<RuntimeRun>();
var clock = Stopwatch.StartNew();
foreach (var (name, binary) in options.Runtimes)
{
    var stateRoot = Path.Combine(work, name, "state");
    var ioDir = Path.Combine(work, name, "io");
    Directory.CreateDirectory(ioDir);
    var runtime = new RuntimeDriver(name, binary, stateRoot, ioDir);
    var allowlist = options.AllowlistDir is { } d && File.Exists(Path.Combine(d, $"{name}.txt"))
        ? Allowlist.Load(Path.Combine(d, $"{name}.txt"))
        : Allowlist.Empty;
    var rows = await new Suite(settings, cases, Console.Out, options.Jobs).RunAsync(runtime, allowlist, runs.Count + 1);
    var problems = (await Leftovers.CheckAndCleanAsync(runtime, settings)).ToList();
    // Only a full run can tell that an entry names no case; a filtered run sees just part of the catalogue.
    if (options.Filters.Count == 0)
        problems.AddRange(allowlist.UnknownIds(cases.Select(c => c.Id)).Select(id => $"stale allowlist entry {id}: no such case"));
    runs.Add(new RuntimeRun(runtime, allowlist, rows, problems));
}
Console.WriteLine($"1..{runs.Count}");

Summary.WriteText(Console.Out, cases, runs);
Console.WriteLine($"conformance: {clock.Elapsed.TotalSeconds:F0} s");
if (options.Markdown is { } md)
    File.WriteAllText(md, "# Conformance results\n\n" + "Written by `make conformance-compare`; one row per case.\n\n" + Summary.Markdown(cases, runs));
if (options.Readme is { } readme)
    Summary.UpdateBlock(readme, Summary.Markdown(cases, runs, onlyNotPassing: true));

if (!options.Keep && runs.All(r => !r.Failed) && !Mounts.AnyUnder(work))
    Directory.Delete(work, recursive: true);
return runs.Any(r => r.Failed) ? 1 : 0;
