using System.Diagnostics;
using System.Text.Json;
using OciConformance.Framework;
using OciRuntime.Oci;

namespace OciConformance.Cases;

/// <summary>config.md hooks and the lifecycle steps that run them.</summary>
public static class HookCases
{
    private const string Probe = RootfsTemplate.ProbeInContainer;
    private const string HooksSection = "POSIX-platform Hooks";

    // The namespaces a hook's are compared on: those the base config creates anew.
    private static readonly string[] NamespaceTypes = ["mnt", "uts", "ipc", "net", "pid"];

    public static IEnumerable<Case> All()
    {
        // When each kind runs.
        foreach (var kind in new[] { "prestart", "createRuntime", "createContainer" })
        {
            yield return Case.Must($"hooks.{kind}.during-create", "config.md", $"{HooksSection}: {kind}",
                $"the {kind} hooks MUST be called as part of the create operation after the runtime environment has been created",
                t => RunsDuringCreateAsync(t, kind));
        }

        yield return Case.Must("hooks.startContainer.before-process", "config.md", $"{HooksSection}: startContainer",
            "the startContainer hooks MUST be called before the user-specified process is executed as part of the start operation", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "report", "--path", "/hook-ran"];
                    Add(b, "startContainer", Sh("echo ran > /hook-ran"));
                });
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.True(!File.Exists(bundle.InRootfs("hook-ran")), "the startContainer hook already ran during create");
                Check.Succeeded(await t.StartAsync(id), "start");
                await t.WaitForStatusAsync(id, "stopped");
                var report = CaseContext.ParseReport(t.OutputOf(id), RuntimeDriver.ReadSoFar(t.StderrOf(id)));
                Check.True(report.Paths[0].Exists, "the user process started before the startContainer hook had run (its mark was missing)");
            });

        yield return Case.Must("hooks.poststart.after-process", "config.md", $"{HooksSection}: poststart",
            "the poststart hooks MUST be called after the user-specified process is executed but before the start operation returns", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    // What the container process runs when the hook runs: the user program, if it was executed already.
                    Add(b, "poststart", Sh($"pid=$({PidFromStdin}); tr '\\0' ' ' < /proc/$pid/cmdline > {Q(b.InRootfs("hook-saw"))}"));
                });
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.True(!File.Exists(bundle.InRootfs("hook-saw")), "the poststart hook already ran during create");
                Check.Succeeded(await t.StartAsync(id), "start");
                Check.True(File.Exists(bundle.InRootfs("hook-saw")), "the poststart hook had not run when start returned");
                var saw = File.ReadAllText(bundle.InRootfs("hook-saw")).Trim();
                Check.True(saw.StartsWith(Probe, StringComparison.Ordinal),
                    $"when the poststart hook ran, the container process was not the user program yet (its cmdline: \"{saw}\")");
            });

        yield return Case.Must("hooks.poststop.after-delete", "config.md", $"{HooksSection}: poststop",
            "the poststop hooks MUST be called after the container is deleted but before the delete operation returns", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    Add(b, "poststop", Sh($"echo ran > {Q(b.InRootfs("hook-ran"))}"));
                });
                var id = t.NewId();
                await t.CreateAndStartAsync(bundle, id);
                await StopAsync(t, id);
                Check.True(!File.Exists(bundle.InRootfs("hook-ran")), "the poststop hook ran before delete");
                Check.Succeeded(await t.DeleteAsync(id), "delete");
                Check.True(File.Exists(bundle.InRootfs("hook-ran")), "the poststop hook had not run when delete returned");
            });

        // Order.
        yield return Case.Must("hooks.order.listed", "config.md", HooksSection,
            "Hooks MUST be called in the listed order", async t =>
            {
                var order = await RunEveryKindAsync(t);
                foreach (var kind in Kinds)
                    Check.Equal($"{kind}-1 {kind}-2 {kind}-3", string.Join(' ', order.Where(l => l.StartsWith(kind + "-", StringComparison.Ordinal))),
                        $"the {kind} hooks ran in this order");
            });

        yield return Case.Must("hooks.order.prestart-before-createRuntime", "config.md", $"{HooksSection}: prestart",
            "the prestart hooks MUST be called before the createRuntime hooks", async t =>
            {
                var order = await RunEveryKindAsync(t);
                CheckBefore(order, "prestart", "createRuntime");
            });

        yield return Case.Must("hooks.order.createContainer-after-createRuntime", "config.md", $"{HooksSection}: createContainer",
            "the createContainer hooks MUST be called after the createRuntime hooks", async t =>
            {
                var order = await RunEveryKindAsync(t);
                CheckBefore(order, "createRuntime", "createContainer");
            });

        // The state on stdin.
        foreach (var kind in Kinds)
        {
            yield return Case.Must($"hooks.{kind}.state-on-stdin", "config.md", HooksSection,
                $"the state of the container MUST be passed to hooks over stdin (a {kind} hook sees status \"{StatusSeenBy(kind)}\")",
                t => StateOnStdinAsync(t, kind));
        }

        // Where each kind's path resolves and where it runs.
        foreach (var kind in new[] { "prestart", "createRuntime", "poststart", "poststop" })
        {
            yield return Case.Must($"hooks.{kind}.runtime-namespace", "config.md", $"{HooksSection}: {kind}",
                $"the {kind} hooks' path MUST resolve in the runtime namespace; they MUST be executed in the runtime namespace",
                t => RuntimeNamespaceAsync(t, kind));
        }

        yield return Case.Must("hooks.createContainer.container-namespace", "config.md", $"{HooksSection}: createContainer",
            "the createContainer hooks' path MUST resolve in the runtime namespace; they MUST be executed in the container namespace, before pivot_root", async t =>
            {
                // A script only the host has; it writes to a host path, reachable only before pivot_root.
                var output = Path.Combine(t.Dir, "hook-ns");
                var script = WriteScript(Path.Combine(t.Dir, "ns-hook.sh"), NamespaceScript(output));
                var bundle = await t.NewBundleAsync(b => Add(b, "createContainer", new Hook { Path = script, Args = [script] }));
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                var pid = (await t.StateOfAsync(id)).Pid;
                Check.True(File.Exists(output), $"the createContainer hook {script} (a host path) did not run, or could not reach the host's filesystem (after pivot_root?)");
                CheckNamespaces(output, pid, "the container process");
            });

        yield return Case.Must("hooks.startContainer.container-namespace", "config.md", $"{HooksSection}: startContainer",
            "the startContainer hooks' path MUST resolve in the container namespace; they MUST be executed in the container namespace", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    // A script only the container's rootfs has, run by the container's sh.
                    WriteScript(b.InRootfs("ns-hook.sh"), NamespaceScript("/hook-ns"));
                    Add(b, "startContainer", new Hook { Path = "/ns-hook.sh", Args = ["/ns-hook.sh"] });
                });
                var id = t.NewId();
                var pid = await t.CreateAndStartAsync(bundle, id);
                var output = bundle.InRootfs("hook-ns");
                await WaitForFileAsync(output, "the startContainer hook /ns-hook.sh (a path only in the rootfs) did not run");
                CheckNamespaces(output, pid, "the container process");
            });

        // What a hook is given.
        yield return Case.Must("hooks.args", "config.md", HooksSection,
            "args (array of strings, OPTIONAL) with the same semantics as execv's argv (args[0] is argv[0])", async t =>
            {
                var output = Path.Combine(t.Dir, "hook-argv");
                string[] args = ["conformance-argv0", "-c", $"tr '\\0' '\\n' < /proc/$$/cmdline > {Q(output)}", "one", "two  words"];
                var bundle = await t.NewBundleAsync(b => Add(b, "createRuntime", new Hook { Path = "/bin/sh", Args = [.. args] }));
                Check.Succeeded(await t.CreateAsync(bundle, t.NewId()), "create");
                Check.True(File.Exists(output), "the createRuntime hook did not run");
                Check.Equal(string.Join(" | ", args), string.Join(" | ", Lines(output)), "the hook's argv");
            });

        yield return Case.Must("hooks.env", "config.md", HooksSection,
            "env (array of strings, OPTIONAL) with the same semantics as IEEE Std 1003.1-2008's environ", async t =>
            {
                var output = Path.Combine(t.Dir, "hook-environ");
                string[] env = ["CONFORMANCE_ONE=1", "CONFORMANCE_TWO=two  words", "CONFORMANCE_EQ=a=b", "PATH=/usr/bin:/bin"];
                var bundle = await t.NewBundleAsync(b => Add(b, "createRuntime", new Hook
                {
                    Path = "/bin/sh",
                    Args = ["sh", "-c", $"tr '\\0' '\\n' < /proc/$$/environ > {Q(output)}"],
                    Env = [.. env],
                }));
                Check.Succeeded(await t.CreateAsync(bundle, t.NewId()), "create");
                Check.True(File.Exists(output), "the createRuntime hook did not run");
                Check.SameSet(env, Lines(output), "the hook's environment");
            });

        yield return Case.Must("hooks.path.absolute", "config.md", HooksSection,
            "path ... MUST be absolute (config.md Valid values: runtimes MUST generate an error when invalid values are encountered)", async t =>
            {
                // Relative, yet it names /bin/sh from any working directory: only validation can refuse it.
                var relative = string.Concat(Enumerable.Repeat("../", 40)) + "bin/sh";
                var bundle = await t.NewBundleAsync(b => Add(b, "createRuntime", new Hook { Path = relative, Args = ["sh", "-c", "exit 0"] }));
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with a relative hook path");
            });

        yield return Case.Must("hooks.timeout.aborts", "config.md", HooksSection,
            "timeout (int, OPTIONAL) is the number of seconds before aborting the hook (a createRuntime hook that runs past it fails create)", async t =>
            {
                var pidFile = Path.Combine(t.Dir, "hook-pid");
                var bundle = await t.NewBundleAsync(b => Add(b, "createRuntime", Sh($"echo $$ > {Q(pidFile)}; exec sleep 60", timeout: 1)));
                var clock = Stopwatch.StartNew();
                var create = await t.CreateAsync(bundle, t.NewId());
                Check.Failed(create, "create with a createRuntime hook that outlives its timeout of 1 s");
                Check.True(clock.Elapsed.TotalSeconds < 25, $"create took {clock.Elapsed.TotalSeconds:F0} s: the hook was not aborted after its timeout of 1 s");
                if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
                    await WaitGoneAsync(pid, "the timed-out hook process");
            });

        yield return Case.Must("hooks.timeout.positive", "config.md", HooksSection,
            "if set, timeout MUST be greater than zero (config.md Valid values: runtimes MUST generate an error when invalid values are encountered)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => Add(b, "createRuntime", Sh("exit 0", timeout: 0)));
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with a hook timeout of 0");
            });

        // Failures.
        foreach (var kind in new[] { "prestart", "createRuntime", "createContainer" })
        {
            yield return Case.Must($"hooks.{kind}.failure-errors", "runtime.md", "Lifecycle",
                $"if any {kind} hook fails, the runtime MUST generate an error, stop the container, and continue the lifecycle at step 12",
                t => CreateHookFailsAsync(t, kind));
        }

        yield return Case.Must("hooks.startContainer.failure-errors", "runtime.md", "Lifecycle",
            "if any startContainer hook fails, the runtime MUST generate an error, stop the container, and continue the lifecycle at step 12", async t =>
            {
                var bundle = await t.NewBundleAsync(b => Add(b, "startContainer", Sh("exit 1")));
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.Failed(await t.StartAsync(id), "start with a failing startContainer hook");
                await WaitNotRunningAsync(t, id);
                Check.Equal("", t.OutputOf(id), "output of the user program, which must not have run");
            });

        yield return Case.Must("hooks.create-failure.runs-poststop", "runtime.md", "Lifecycle",
            "a failed createRuntime hook continues the lifecycle at step 12; step 13: the poststop hooks MUST be invoked by the runtime", async t =>
            {
                var mark = Path.Combine(t.Dir, "poststop-ran");
                var bundle = await t.NewBundleAsync(b =>
                {
                    Add(b, "createRuntime", Sh("exit 1"));
                    Add(b, "poststop", Sh($"echo ran > {Q(mark)}"));
                });
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with a failing createRuntime hook");
                await WaitForFileAsync(mark, "the poststop hook did not run after the createRuntime hook failed");
            });

        yield return Case.Must("hooks.poststart.failure-continues", "runtime.md", "Lifecycle",
            "if any poststart hook fails, the runtime MUST log a warning, but the remaining hooks and lifecycle continue as if the hook had succeeded", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    Add(b, "poststart", Sh("exit 1"), Sh($"echo ran > {Q(b.InRootfs("second-ran"))}"));
                });
                var id = t.NewId();
                Check.Succeeded(await t.CreateAsync(bundle, id), "create");
                Check.Succeeded(await t.StartAsync(id), "start with a failing poststart hook");
                Check.True(File.Exists(bundle.InRootfs("second-ran")), "the poststart hook after the failing one did not run");
                Check.Equal("running", (await t.StateOfAsync(id)).Status, "status after start");
            });

        yield return Case.Must("hooks.poststop.failure-continues", "runtime.md", "Lifecycle",
            "if any poststop hook fails, the runtime MUST log a warning, but the remaining hooks and lifecycle continue as if the hook had succeeded", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [Probe, "sleep"];
                    Add(b, "poststop", Sh("exit 1"), Sh($"echo ran > {Q(b.InRootfs("second-ran"))}"));
                });
                var id = t.NewId();
                await t.CreateAndStartAsync(bundle, id);
                await StopAsync(t, id);
                Check.Succeeded(await t.DeleteAsync(id), "delete with a failing poststop hook");
                Check.True(File.Exists(bundle.InRootfs("second-ran")), "the poststop hook after the failing one did not run");
                Check.True(!(await t.StateAsync(id)).Succeeded, "the container still exists after delete");
            });
    }

    private static readonly string[] Kinds = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"];

    // The pid in the state document on stdin (compact or indented JSON).
    private const string PidFromStdin = "grep -o '\"pid\": *[0-9]*' | grep -o '[0-9]*$'";

    private static Hook Sh(string script, int? timeout = null) => new() { Path = "/bin/sh", Args = ["sh", "-c", script], Timeout = timeout };

    private static string Q(string s) => RuntimeDriver.Quote(s);

    private static void Add(Bundle bundle, string kind, params Hook[] hooks)
    {
        var all = bundle.Spec.Hooks ??= new Hooks();
        var list = kind switch
        {
            "prestart" => all.Prestart ??= [],
            "createRuntime" => all.CreateRuntime ??= [],
            "createContainer" => all.CreateContainer ??= [],
            "startContainer" => all.StartContainer ??= [],
            "poststart" => all.Poststart ??= [],
            "poststop" => all.Poststop ??= [],
            _ => throw new ArgumentException(kind),
        };
        list.AddRange(hooks);
    }

    /// <summary>
    /// Where a hook of <paramref name="kind"/> writes a file the case reads at bundle.InRootfs(name): startContainer
    /// runs after pivot_root and writes inside the container; the others see the host's paths.
    /// </summary>
    private static string MarkPath(Bundle bundle, string kind, string name) =>
        kind == "startContainer" ? "/" + name : bundle.InRootfs(name);

    private static string StatusSeenBy(string kind) => kind switch
    {
        "startContainer" => "created",
        "poststart" => "running",
        "poststop" => "stopped",
        _ => "creating",
    };

    private static async Task RunsDuringCreateAsync(CaseContext t, string kind)
    {
        var bundle = await t.NewBundleAsync(b =>
        {
            b.Process.Args = [Probe, "sleep"];
            Add(b, kind, Sh($"echo ran > {Q(MarkPath(b, kind, "hook-ran"))}"));
        });
        var id = t.NewId();
        Check.Succeeded(await t.CreateAsync(bundle, id), "create");
        Check.True(File.Exists(bundle.InRootfs("hook-ran")), $"the {kind} hook had not run when create returned");
        Check.Equal("created", (await t.StateOfAsync(id)).Status, "status after create");
    }

    /// <summary>A container with three hooks of every kind, each appending its name to one file; its whole lifecycle.</summary>
    private static async Task<List<string>> RunEveryKindAsync(CaseContext t)
    {
        var bundle = await t.NewBundleAsync(b =>
        {
            b.Process.Args = [Probe, "sleep"];
            foreach (var kind in Kinds)
            {
                var file = Q(MarkPath(b, kind, "hook-order"));
                Add(b, kind, [.. Enumerable.Range(1, 3).Select(n => Sh($"echo {kind}-{n} >> {file}"))]);
            }
        });
        var id = t.NewId();
        await t.CreateAndStartAsync(bundle, id);
        await StopAsync(t, id);
        Check.Succeeded(await t.DeleteAsync(id), "delete");
        var path = bundle.InRootfs("hook-order");
        Check.True(File.Exists(path), "no hook ran");
        return Lines(path);
    }

    private static void CheckBefore(List<string> order, string first, string then)
    {
        var lastFirst = order.FindLastIndex(l => l.StartsWith(first + "-", StringComparison.Ordinal));
        var firstThen = order.FindIndex(l => l.StartsWith(then + "-", StringComparison.Ordinal));
        Check.True(lastFirst >= 0 && firstThen >= 0, $"the {first} or {then} hooks did not run (order: {string.Join(' ', order)})");
        Check.True(lastFirst < firstThen, $"a {then} hook ran before a {first} hook (order: {string.Join(' ', order)})");
    }

    private static async Task StateOnStdinAsync(CaseContext t, string kind)
    {
        var bundle = await t.NewBundleAsync(b =>
        {
            b.Process.Args = [Probe, "sleep"];
            b.Spec.Annotations = new() { ["com.example.conformance"] = "hooks" };
            Add(b, kind, Sh($"cat > {Q(MarkPath(b, kind, "hook-state"))}"));
        });
        var id = t.NewId();
        var hostPid = await t.CreateAndStartAsync(bundle, id);
        await StopAsync(t, id);
        Check.Succeeded(await t.DeleteAsync(id), "delete");

        var path = bundle.InRootfs("hook-state");
        Check.True(File.Exists(path), $"the {kind} hook did not run");
        var text = File.ReadAllText(path);
        JsonElement state;
        try
        {
            state = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException e)
        {
            throw Check.Fail($"the {kind} hook's stdin was no JSON state ({text.Length} bytes): {e.Message}");
        }
        Check.Equal(id, StringOf(state, "id"), "state.id on stdin");
        Check.Equal(StatusSeenBy(kind), StringOf(state, "status"), "state.status on stdin");
        Check.Equal(bundle.Dir, StringOf(state, "bundle"), "state.bundle on stdin");
        Check.True(!string.IsNullOrEmpty(StringOf(state, "ociVersion")), "state.ociVersion on stdin is missing");

        // pid: "For hooks executed in the runtime namespace, it is the pid as seen by the runtime. For hooks executed
        // in the container namespace, it is the pid as seen by the container" (1, in the container's new pid
        // namespace); REQUIRED when the status is created or running.
        var expected = kind is "createContainer" or "startContainer" ? 1 : hostPid;
        var hasPid = state.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number;
        if (StatusSeenBy(kind) is "created" or "running")
            Check.True(hasPid, $"state.pid on stdin is missing (REQUIRED when status is {StatusSeenBy(kind)})");
        if (hasPid && kind != "poststop")
            Check.Equal(expected, pid.GetInt32(), "state.pid on stdin");
    }

    private static string? StringOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static async Task RuntimeNamespaceAsync(CaseContext t, string kind)
    {
        // A script only the host has, writing the namespaces it runs in.
        var output = Path.Combine(t.Dir, "hook-ns");
        var script = WriteScript(Path.Combine(t.Dir, "ns-hook.sh"), NamespaceScript(output));
        var bundle = await t.NewBundleAsync(b =>
        {
            b.Process.Args = [Probe, "sleep"];
            Add(b, kind, new Hook { Path = script, Args = [script] });
        });
        var id = t.NewId();
        await t.CreateAndStartAsync(bundle, id);
        await StopAsync(t, id);
        Check.Succeeded(await t.DeleteAsync(id), "delete");
        Check.True(File.Exists(output), $"the {kind} hook {script} (a host path) did not run");
        CheckNamespaces(output, Environment.ProcessId, "the runtime");
    }

    private static string NamespaceScript(string output) =>
        $"#!/bin/sh\nfor ns in {string.Join(' ', NamespaceTypes)}; do readlink /proc/self/ns/$ns; done > {Q(output)}\n";

    private static string WriteScript(string path, string text)
    {
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private static void CheckNamespaces(string output, int pid, string whose)
    {
        var got = Lines(output);
        for (var i = 0; i < NamespaceTypes.Length; i++)
        {
            var want = Host.NamespaceOf(pid, NamespaceTypes[i]);
            Check.Equal(want, i < got.Count ? got[i] : "", $"the hook's {NamespaceTypes[i]} namespace (that of {whose})");
        }
    }

    private static async Task CreateHookFailsAsync(CaseContext t, string kind)
    {
        var pidFile = Path.Combine(t.Dir, "container-pid");
        var bundle = await t.NewBundleAsync(b =>
        {
            // A hook in the runtime namespace notes the container's pid; createContainer sees the container's own.
            var noter = kind == "createContainer" ? "createRuntime" : kind;
            if (noter != kind) Add(b, noter, Sh($"{PidFromStdin} > {Q(pidFile)}"));
            Add(b, kind, Sh(noter == kind ? $"{PidFromStdin} > {Q(pidFile)}; exit 1" : "exit 1"));
        });
        var id = t.NewId();
        Check.Failed(await t.CreateAsync(bundle, id), $"create with a failing {kind} hook");
        Check.True(!(await t.StateAsync(id)).Succeeded, $"the container still exists after its {kind} hook failed");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            await WaitGoneAsync(pid, "the container process");
        Check.Equal("", t.OutputOf(id), "output of the user program, which must not have run");
    }

    /// <summary>
    /// Ends the container's process and waits until the container is stopped. SIGKILL, because a SIGTERM that comes
    /// before `oci-probe sleep` has its handler would be ignored by a pid namespace's init.
    /// </summary>
    private static async Task StopAsync(CaseContext t, string id)
    {
        Check.Succeeded(await t.KillAsync(id, "SIGKILL"), "kill");
        await t.WaitForStatusAsync(id, "stopped");
    }

    /// <summary>Waits until `state` fails (the container is gone) or says stopped.</summary>
    private static async Task WaitNotRunningAsync(CaseContext t, string id, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var call = await t.StateAsync(id);
            if (!call.Succeeded) return;
            using var doc = JsonDocument.Parse(call.Stdout);
            last = doc.RootElement.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";
            if (last == "stopped") return;
            await Task.Delay(50);
        }
        throw Check.Fail($"the container was not stopped within {seconds} s (status: {last})");
    }

    private static async Task WaitForFileAsync(string path, string failure, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (clock.Elapsed.TotalSeconds > seconds) throw Check.Fail(failure);
            await Task.Delay(50);
        }
        // The writer may still be writing: wait for the size to settle.
        long size = -1;
        while (new FileInfo(path).Length != size && clock.Elapsed.TotalSeconds < seconds)
        {
            size = new FileInfo(path).Length;
            await Task.Delay(100);
        }
    }

    private static async Task WaitGoneAsync(int pid, string what, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (Host.ProcessExists(pid) && !Host.IsZombie(pid))
        {
            if (clock.Elapsed.TotalSeconds > seconds) throw Check.Fail($"{what} (pid {pid}) still runs {seconds} s later");
            await Task.Delay(100);
        }
    }

    private static List<string> Lines(string path) =>
        [.. File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
