using OciConformance.Framework;
using OciRuntime.Oci;
using static OciConformance.Framework.LifecycleSupport;

namespace OciConformance.Cases;

/// <summary>runtime.md: the lifecycle, the state machine and the state document, and the operations on them.</summary>
public static class LifecycleCases
{
    private const string Marker = "conformance-program-ran";

    public static IEnumerable<Case> All() => [.. Lifecycle(), .. State(), .. Operations()];

    private static IEnumerable<Case> Lifecycle()
    {
        yield return Case.Must("lifecycle.create.status-created", "runtime.md", "Operations: create",
            "the state of the container MUST be created after create", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = ["/bin/sleep", "1000"]);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.Equal("created", (await t.StateOfAsync(id)).Status, "status after create");
            });

        yield return Case.Must("lifecycle.create.program-not-run", "runtime.md", "Lifecycle",
            "the user-specified program (from process) MUST NOT be run at this time (create)", async t =>
            {
                var bundle = await t.NewBundleAsync(MarkerProgram);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.Equal("created", (await t.StateOfAsync(id)).Status, "status after create");
                Check.True(!File.Exists(bundle.InRootfs(Marker)), "the program ran during create: its marker file exists before start");
            });

        yield return Case.Must("lifecycle.start.runs-program", "runtime.md", "Operations: start",
            "This operation MUST run the user-specified program as specified by process", async t =>
            {
                var bundle = await t.NewBundleAsync(MarkerProgram);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.Succeeded(await t.StartAsync(id), "start");
                Check.True(await EventuallyAsync(() => File.Exists(bundle.InRootfs(Marker))),
                    "start returned, but the program never wrote its marker file");
            });

        yield return Case.Must("lifecycle.start.status-running", "runtime.md", "State",
            "running: the container process has executed the user-specified program but has not exited", async t =>
            {
                var bundle = await t.NewBundleAsync();
                var id = t.NewId();
                bundle.Process.Args = [.. SleepArgs];
                await t.CreateAndStartAsync(bundle, id);
                Check.Equal("running", (await t.StateOfAsync(id)).Status, "status right after start returned");
            });

        yield return Case.Must("lifecycle.status.stopped-after-exit", "runtime.md", "State",
            "stopped: the container process has exited", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [RootfsTemplate.ProbeInContainer, "exit", "3"]);
                var id = t.NewId();
                await t.CreateAndStartAsync(bundle, id);
                await t.WaitForStatusAsync(id, "stopped", 30);
            });

        yield return Case.Must("lifecycle.create.namespaces-applied", "runtime.md", "Operations: create",
            "All of the properties configured in config.json except for process MUST be applied (namespaces exist after create)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var pid = (await t.StateOfAsync(id)).Pid;
                Check.True(pid > 0, $"state gives no pid for the created container ({pid})");
                foreach (var ns in bundle.Linux.Namespaces ?? [])
                {
                    var proc = LinuxSupport.LinkName(ns.Type);
                    var mine = Host.NamespaceOf(Environment.ProcessId, proc);
                    Check.True(Host.NamespaceOf(pid, proc) != mine,
                        $"after create, the container process is still in the runtime's {ns.Type} namespace ({mine})");
                }
            });

        yield return Case.Must("lifecycle.create.cgroup-applied", "runtime.md", "Operations: create",
            "All of the properties configured in config.json except for process MUST be applied (cgroup and its limits exist after create)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [.. SleepArgs];
                    b.Linux.Resources ??= new LinuxResources();
                    b.Linux.Resources.Pids = new LinuxPids { Limit = 97 };
                });
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var pid = (await t.StateOfAsync(id)).Pid;
                var dir = Host.CgroupDir("pids", bundle.Linux.CgroupsPath!);
                Check.True(Directory.Exists(dir), $"no cgroup {dir} after create");
                Check.Contains(pid.ToString(), File.ReadAllLines(Path.Combine(dir, "cgroup.procs")), $"processes of {dir}");
                Check.Equal("97", File.ReadAllText(Path.Combine(dir, "pids.max")).Trim(), "pids.max after create");
            });

        yield return Case.Must("lifecycle.create.root-and-mounts-applied", "runtime.md", "Operations: create",
            "All of the properties configured in config.json except for process MUST be applied (root and mounts set up after create)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var token = $"conformance-root-{Guid.NewGuid():N}";
                File.WriteAllText(bundle.InRootfs(token), token);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var pid = (await t.StateOfAsync(id)).Pid;
                Check.True(File.Exists($"/proc/{pid}/root/{token}"), "after create, the container process's root is not the bundle's rootfs");
                var mounts = File.ReadAllLines($"/proc/{pid}/mountinfo").Select(l => l.Split(' ')).ToList();
                foreach (var (point, type) in new[] { ("/proc", "proc"), ("/dev", "tmpfs") })
                {
                    Check.True(mounts.Any(f => f.Length > 4 && f[4] == point && f[Array.IndexOf(f, "-") + 1] == type),
                        $"after create, the container has no {type} mount at {point}");
                }
            });

        yield return Case.Must("lifecycle.create.config-edits-ignored", "runtime.md", "Lifecycle",
            "Any updates to config.json after this step (create) MUST NOT affect the container", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Spec.Hostname = "conformance-original");
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                bundle.Process.Args = ["/bin/sh", "-c", "echo edited"];
                bundle.Spec.Hostname = "conformance-edited";
                bundle.Save();
                Check.Succeeded(await t.StartAsync(id), "start");
                await t.WaitForStatusAsync(id, "stopped", 30);
                var output = t.OutputOf(id);
                Check.True(!output.StartsWith("edited", StringComparison.Ordinal), "start ran the args written into config.json after create");
                var report = CaseContext.ParseReport(output, RuntimeDriver.ReadSoFar(t.StderrOf(id)));
                Check.Equal("conformance-original", report.Hostname, "hostname (config.json said another after create)");
            });
    }

    private static IEnumerable<Case> State()
    {
        yield return Case.Must("state.oci-version", "runtime.md", "State",
            "ociVersion (string, REQUIRED) is version of the Open Container Initiative Runtime Specification", async t =>
            {
                var state = await CreatedStateAsync(t);
                Check.True(state.TryGetProperty("ociVersion", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String,
                    "the state has no ociVersion string");
                Check.True(IsSemVer(v.GetString()), $"state ociVersion \"{v.GetString()}\" is not a SemVer version");
            });

        yield return Case.Must("state.id", "runtime.md", "State",
            "id (string, REQUIRED) is the container's ID", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var state = await StateJsonAsync(t, id);
                Check.Equal(id, state.TryGetProperty("id", out var v) ? v.GetString() : null, "state id");
            });

        yield return Case.Must("state.pid.created", "runtime.md", "State",
            "pid (int, REQUIRED when status is created or running on Linux) is the ID of the container process", async t =>
            {
                var state = await CreatedStateAsync(t);
                Check.True(state.TryGetProperty("pid", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number,
                    "the state of a created container has no pid");
                var pid = v.GetInt32();
                Check.True(pid > 0 && Host.ProcessExists(pid), $"state pid {pid} of the created container is no live process");
            });

        yield return Case.Must("state.pid.running-is-program", "runtime.md", "State",
            "pid (int, REQUIRED when status is ... running) is the ID of the container process", async t =>
            {
                var bundle = await t.NewBundleAsync();
                var id = t.NewId();
                await StartSleeperAsync(t, bundle, id);
                var state = await StateJsonAsync(t, id);
                Check.True(state.TryGetProperty("pid", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number,
                    "the state of a running container has no pid");
                var pid = v.GetInt32();
                var cmdline = File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ') : "";
                Check.Equal(string.Join(' ', SleepArgs), cmdline, $"command line of state pid {pid}");
            });

        yield return Case.Must("state.bundle.absolute", "runtime.md", "State",
            "bundle (string, REQUIRED) is the absolute path to the container's bundle directory", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var id = t.NewId();
                bundle.Linux.CgroupsPath = t.CgroupsPathFor(id);
                bundle.Save();
                // Given relative to the runtime's working directory (the runner's), the runtime must make it absolute.
                var relative = Path.GetRelativePath(Environment.CurrentDirectory, bundle.Dir);
                Check.Succeeded(await t.Runtime.RunAsync(["create", "--bundle", relative, id], t.StdoutOf(id), t.StderrOf(id)),
                    $"create --bundle {relative}");
                var state = await StateJsonAsync(t, id);
                Check.Equal(bundle.Dir, state.TryGetProperty("bundle", out var v) ? v.GetString() : null, "state bundle");
            });

        yield return Case.Must("state.annotations", "runtime.md", "State",
            "annotations (map, OPTIONAL) contains the list of annotations associated with the container", async t =>
            {
                var want = new Dictionary<string, string> { ["com.example.conformance.key"] = "value-1", ["com.example.conformance.empty"] = "" };
                var bundle = await t.NewBundleAsync(b => { b.Process.Args = [.. SleepArgs]; b.Spec.Annotations = new(want); });
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var got = (await t.StateOfAsync(id)).Annotations ?? [];
                Check.SameSet(want.Select(kv => $"{kv.Key}={kv.Value}"), got.Select(kv => $"{kv.Key}={kv.Value}"), "state annotations");
            });
    }

    private static IEnumerable<Case> Operations()
    {
        yield return Case.Must("operations.missing-id-errors", "runtime.md", "Operations",
            "This operation MUST generate an error if it is not provided the container ID (state, create, start, kill, delete)", async t =>
            {
                var bundle = await t.NewBundleAsync();
                foreach (var call in new string[][] { ["state"], ["create", "--bundle", bundle.Dir], ["start"], ["kill"], ["delete"] })
                    Check.Failed(await t.Runtime.RunAsync(call), $"{call[0]} without an id");
            });

        yield return Case.Must("operations.unknown-id-errors", "runtime.md", "Operations",
            "Attempting to query / start / send a signal to / delete a container that does not exist MUST generate an error", async t =>
            {
                var id = t.NewId();
                Check.Failed(await t.StateAsync(id), "state of a container that does not exist");
                Check.Failed(await t.StartAsync(id), "start of a container that does not exist");
                Check.Failed(await t.KillAsync(id, "SIGKILL"), "kill of a container that does not exist");
                Check.Failed(await t.DeleteAsync(id), "delete of a container that does not exist");
            });

        yield return Case.Must("operations.create.duplicate-id-errors", "runtime.md", "Operations: create",
            "If the ID provided is not unique ..., the implementation MUST generate an error and a new container MUST NOT be created", async t =>
            {
                var first = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(first, id), "create");
                var before = await t.StateOfAsync(id);
                var second = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                second.Linux.CgroupsPath = first.Linux.CgroupsPath;
                Check.Failed(await t.CreateAsync(second, id), "a second create with the same id");
                var after = await t.StateOfAsync(id);
                Check.Equal(before.Status, after.Status, "status of the first container");
                Check.Equal(before.Pid, after.Pid, "pid of the first container");
                Check.Equal(first.Dir, after.Bundle, "bundle of the first container");
                Check.True(Host.ProcessExists(before.Pid), "the first container's process is gone");
            });

        yield return Case.Must("operations.start.running-errors", "runtime.md", "Operations: start",
            "Attempting to start a container that is not created MUST have no effect on the container and MUST generate an error (running)", async t =>
            {
                var bundle = await t.NewBundleAsync();
                var id = t.NewId();
                var pid = await StartSleeperAsync(t, bundle, id);
                Check.Failed(await t.StartAsync(id), "start of a running container");
                var state = await t.StateOfAsync(id);
                Check.Equal("running", state.Status, "status after the refused start");
                Check.Equal(pid, state.Pid, "pid after the refused start");
            });

        yield return Case.Must("operations.start.stopped-errors", "runtime.md", "Operations: start",
            "Attempting to start a container that is not created MUST have no effect on the container and MUST generate an error (stopped)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = ["/bin/sh", "-c", "echo ran"]);
                var id = t.NewId();
                await t.CreateAndStartAsync(bundle, id);
                await t.WaitForStatusAsync(id, "stopped", 30);
                Check.Failed(await t.StartAsync(id), "start of a stopped container");
                Check.Equal("stopped", (await t.StateOfAsync(id)).Status, "status after the refused start");
                Check.Equal("ran\n", t.OutputOf(id), "the program's output (it must have run once)");
            });

        yield return Case.Must("operations.start.no-process-errors", "runtime.md", "Operations: start",
            "This operation MUST generate an error if process was not set", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Spec.Process = null);
                await CheckRefusedAsync(t, bundle, t.NewId(), "a config without process");
            });

        yield return Case.Must("operations.kill.sends-signal", "runtime.md", "Operations: kill",
            "This operation MUST send the specified signal to the process in the container", async t =>
            {
                var bundle = await t.NewBundleAsync();
                var id = t.NewId();
                await StartSleeperAsync(t, bundle, id);
                Check.Succeeded(await t.KillAsync(id, "SIGUSR1"), "kill SIGUSR1");
                await t.WaitForStatusAsync(id, "stopped", 30);
                Check.Equal("signal 10", t.OutputOf(id).Trim(), "what the container process says it received");
            });

        yield return Case.Must("operations.kill.created-signalled", "runtime.md", "Operations: kill",
            "Attempting to send a signal to a container that is neither created nor running MUST ... generate an error (a created one takes signals)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.Succeeded(await t.KillAsync(id, "SIGKILL"), "kill SIGKILL of a created container");
                await t.WaitForStatusAsync(id, "stopped", 30);
            });

        yield return Case.Must("operations.kill.stopped-errors", "runtime.md", "Operations: kill",
            "Attempting to send a signal to a container that is neither created nor running MUST have no effect on the container and MUST generate an error", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [RootfsTemplate.ProbeInContainer, "exit", "0"]);
                var id = t.NewId();
                await t.CreateAndStartAsync(bundle, id);
                await t.WaitForStatusAsync(id, "stopped", 30);
                Check.Failed(await t.KillAsync(id, "SIGKILL"), "kill of a stopped container");
                Check.Equal("stopped", (await t.StateOfAsync(id)).Status, "status after the refused kill");
            });

        yield return Case.Must("operations.delete.running-errors", "runtime.md", "Operations: delete",
            "Attempting to delete a container that is not stopped MUST have no effect on the container and MUST generate an error (running)", async t =>
            {
                var bundle = await t.NewBundleAsync();
                var id = t.NewId();
                var pid = await StartSleeperAsync(t, bundle, id);
                Check.Failed(await t.DeleteAsync(id), "delete of a running container");
                var state = await t.StateOfAsync(id);
                Check.Equal("running", state.Status, "status after the refused delete");
                Check.True(Host.ProcessExists(pid), "the container process is gone after the refused delete");
                Check.True(Host.CgroupDirs(bundle.Linux.CgroupsPath!).Any(Directory.Exists), "the container's cgroup is gone after the refused delete");
            });

        yield return Case.Must("operations.delete.created-errors", "runtime.md", "Operations: delete",
            "Attempting to delete a container that is not stopped MUST have no effect on the container and MUST generate an error (created)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var pid = (await t.StateOfAsync(id)).Pid;
                Check.Failed(await t.DeleteAsync(id), "delete of a created container");
                Check.Equal("created", (await t.StateOfAsync(id)).Status, "status after the refused delete");
                Check.True(Host.ProcessExists(pid), "the container process is gone after the refused delete");
            });

        yield return Case.Must("operations.delete.stopped-removes-resources", "runtime.md", "Operations: delete",
            "Deleting a container MUST delete the resources that were created during the create step", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [RootfsTemplate.ProbeInContainer, "exit", "0"];
                    b.Linux.Resources ??= new LinuxResources();
                    b.Linux.Resources.Pids = new LinuxPids { Limit = 97 };
                });
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var pid = (await t.StateOfAsync(id)).Pid;
                var cgroups = Host.CgroupDirs(bundle.Linux.CgroupsPath!).Where(Directory.Exists).ToList();
                Check.True(cgroups.Count > 0, "create made no cgroup (nothing to check delete against)");
                Check.Succeeded(await t.StartAsync(id), "start");
                await t.WaitForStatusAsync(id, "stopped", 30);
                Check.Succeeded(await t.DeleteAsync(id), "delete of the stopped container");
                Check.Failed(await t.StateAsync(id), "state after delete");
                var list = await t.Runtime.RunAsync("list", "-q");
                Check.True(!list.Stdout.Split('\n', StringSplitOptions.TrimEntries).Contains(id), "list still shows the deleted container");
                Check.True(await EventuallyAsync(() => !cgroups.Any(Directory.Exists)),
                    $"cgroup left after delete: {string.Join(", ", cgroups.Where(Directory.Exists))}");
                Check.True(await EventuallyAsync(() => !Host.ProcessExists(pid) || Host.IsZombie(pid)),
                    $"the container process {pid} still exists after delete");
            });

        yield return Case.Must("operations.delete.keeps-foreign-resources", "runtime.md", "Operations: delete",
            "resources associated with the container, but not created by this container, MUST NOT be deleted", async t =>
            {
                var source = Path.Combine(t.Dir, "bind-source");
                Directory.CreateDirectory(source);
                File.WriteAllText(Path.Combine(source, "keep"), "keep");
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [RootfsTemplate.ProbeInContainer, "exit", "0"];
                    b.Spec.Mounts!.Add(new Mount { Destination = "/mnt/bound", Type = "none", Source = source, Options = ["rbind", "rw"] });
                });
                var id = t.NewId();
                await t.CreateAndStartAsync(bundle, id);
                await t.WaitForStatusAsync(id, "stopped", 30);
                Check.Succeeded(await t.DeleteAsync(id), "delete");
                Check.True(File.Exists(Path.Combine(bundle.Dir, "config.json")), "delete removed the bundle's config.json");
                Check.True(File.Exists(bundle.InRootfs(RootfsTemplate.ProbeInContainer)), "delete removed files of the bundle's rootfs");
                Check.True(File.Exists(Path.Combine(source, "keep")), "delete removed the content of a bind mount's source");
            });

        yield return Case.Should("operations.create.pid-file", "runc CLI", "create --pid-file",
            "create --pid-file FILE writes the container process's pid to FILE (runc's command line; no spec sentence)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
                var id = t.NewId();
                var pidFile = Path.Combine(t.Dir, "container.pid");
                Check.Succeeded(await t.CreateAsync(bundle, id, "--pid-file", pidFile), "create --pid-file");
                Check.True(File.Exists(pidFile), "create wrote no pid file");
                Check.Equal((await t.StateOfAsync(id)).Pid.ToString(), File.ReadAllText(pidFile).Trim(), "pid file content (state pid)");
            });
    }

    /// <summary>A program that leaves a marker file in the rootfs and then waits for a signal.</summary>
    private static void MarkerProgram(Bundle b) =>
        b.Process.Args = ["/bin/sh", "-c", $"touch /{Marker} && exec {string.Join(' ', SleepArgs)}"];

    /// <summary>The raw state of a freshly created (not started) container.</summary>
    private static async Task<System.Text.Json.JsonElement> CreatedStateAsync(CaseContext t)
    {
        var bundle = await t.NewBundleAsync(b => b.Process.Args = [.. SleepArgs]);
        var id = t.NewId();
        Check.Succeeded(await t.CreateAsync(bundle, id), "create");
        return await StateJsonAsync(t, id);
    }
}
