using System.Text.Json;
using OciConformance.Framework;
using OciRuntime.Oci;
using static OciConformance.Framework.LifecycleSupport;

namespace OciConformance.Cases;

/// <summary>features.md and features-linux.md: the features document is well formed and every feature it claims works.</summary>
public static class FeaturesCases
{
    private static readonly string[] SpecHooks = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"];

    /// <summary>capabilities(7) numbers, to tell which claimed capabilities this kernel has.</summary>
    private static readonly string[] CapabilityNumbers =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    public static IEnumerable<Case> All()
    {
        yield return Case.Must("features.document.oci-versions", "features.md", "Specification version",
            "ociVersionMin (string, REQUIRED), ociVersionMax (string, REQUIRED) ... MUST NOT be less than ociVersionMin", async t =>
            {
                var call = await t.Runtime.RunAsync("features");
                Skip.Unless(call.Succeeded, $"no features document (a runtime MAY provide one): {call.Brief}");
                JsonElement doc;
                try
                {
                    using var parsed = JsonDocument.Parse(call.Stdout);
                    doc = parsed.RootElement.Clone();
                }
                catch (JsonException e)
                {
                    throw Check.Fail($"features printed no valid JSON: {e.Message}");
                }
                Check.True(doc.ValueKind == JsonValueKind.Object, "the features document is not a JSON object");
                string Version(string name)
                {
                    Check.True(doc.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String, $"the features document has no {name} string");
                    Check.True(IsSemVer(v.GetString()), $"{name} \"{v.GetString()}\" is not SemVer");
                    return v.GetString()!;
                }
                var min = Version("ociVersionMin");
                var max = Version("ociVersionMax");
                Check.True(CompareSemVer(max, min) >= 0, $"ociVersionMax {max} is less than ociVersionMin {min}");
            });

        yield return Case.Must("features.oci-versions.accepted", "features.md", "Specification version",
            "ociVersionMin, ociVersionMax: The runtime MUST accept this value as the ociVersion property of config.json", async t =>
            {
                var features = t.Features;
                foreach (var (name, version) in new[] { ("ociVersionMin", features.OciVersionMin), ("ociVersionMax", features.OciVersionMax) })
                {
                    Check.True(!string.IsNullOrEmpty(version), $"the features document has no {name}");
                    var bundle = await t.NewBundleAsync(b => { b.Spec.OciVersion = version!; b.Spec.Hostname = "conformance-version"; });
                    var report = await t.ProbeAsync(bundle);
                    Check.Equal("conformance-version", report.Hostname, $"hostname in a container whose ociVersion is {version} ({name})");
                }
            });

        yield return Case.Must("features.hooks.claimed-run", "features.md", "Hooks",
            "hooks ... The runtime MUST support the elements in this array as the hooks property of config.json", async t =>
            {
                var claimed = t.Features.Hooks;
                Skip.If(claimed is null || claimed.Count == 0, "the features document claims no hooks");
                var kinds = claimed!.Intersect(SpecHooks).ToList();
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [RootfsTemplate.ProbeInContainer, "exit", "0"];
                    b.Spec.Hooks = new Hooks();
                    foreach (var kind in kinds)
                        HookList(b.Spec.Hooks, kind).Add(MarkingHook(t, kind));
                });
                var id = t.NewId();
                await t.CreateAndStartAsync(bundle, id);
                await t.WaitForStatusAsync(id, "stopped", 30);
                Check.Succeeded(await t.DeleteAsync(id), "delete");
                var missing = kinds.Where(k => !File.Exists(HookMark(t, bundle, k))).ToList();
                Check.True(missing.Count == 0, $"claimed hooks that did not run: {string.Join(", ", missing)}");
            });

        yield return Case.Must("features.namespaces.claimed-work", "features-linux.md", "Namespaces",
            "namespaces ... The runtime MUST recognize the elements in this array as the type of linux.namespaces objects", async t =>
            {
                var claimed = t.Features.Linux?.Namespaces;
                Skip.If(claimed is null || claimed.Count == 0, "the features document claims no namespaces");
                var failures = new List<string>();
                var tried = 0;
                foreach (var type in claimed!)
                {
                    var proc = LinuxSupport.LinkName(type);
                    if (!File.Exists($"/proc/self/ns/{proc}")) continue;   // the kernel has no such namespace
                    tried++;
                    var bundle = await t.NewBundleAsync(b => WithNamespace(b, type));
                    try
                    {
                        var report = await t.ProbeAsync(bundle);
                        var mine = Host.NamespaceOf(Environment.ProcessId, proc);
                        if (!report.Namespaces.TryGetValue(proc, out var got) || got == mine)
                            failures.Add($"{type}: the container is in the runtime's namespace ({got})");
                    }
                    catch (CaseFailedException e)
                    {
                        failures.Add($"{type}: {e.Message}");
                    }
                }
                Skip.If(tried == 0, "this kernel has none of the claimed namespaces");
                Check.True(failures.Count == 0, string.Join("; ", failures));
            });

        yield return Case.Must("features.capabilities.claimed-kept", "features-linux.md", "Capabilities",
            "capabilities ... The runtime MUST recognize the elements in this array in the process.capabilities object", async t =>
            {
                var claimed = t.Features.Linux?.Capabilities;
                Skip.If(claimed is null || claimed.Count == 0, "the features document claims no capabilities");
                var bundle = await t.NewBundleAsync(b => b.Process.Capabilities!.Bounding = [.. claimed!]);
                var report = await t.ProbeAsync(bundle);
                // Only what this kernel knows and the runtime itself holds can end up in the container.
                var lastCap = int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim());
                var held = HostBoundingSet();
                var expected = claimed!.Where(c => Array.IndexOf(CapabilityNumbers, c) is var n && n >= 0 && n <= lastCap && (held >> n & 1) == 1);
                var got = report.Capabilities.GetValueOrDefault("bounding") ?? [];
                var missing = expected.Except(got).ToList();
                Check.True(missing.Count == 0, $"claimed capabilities missing from the bounding set: {string.Join(", ", missing)}");
            });

        yield return Case.Must("features.mount-options.claimed-accepted", "features.md", "Mount Options",
            "mountOptions ... The runtime MUST recognize the elements in this array as the options of mounts objects", async t =>
            {
                var claimed = t.Features.MountOptions;
                Skip.If(claimed is null || claimed.Count == 0, "the features document claims no mount options");
                var source = Path.Combine(t.Dir, "bind-source");
                Directory.CreateDirectory(source);
                var mounts = claimed!.Select((option, i) => (option, mounts: OptionMounts(claimed!, option, $"/mnt/option{i}", source))).ToList();
                var failures = new List<string>();
                // Most often one container per kind of mount is enough; only a failing group is tried option by option.
                foreach (var group in mounts.GroupBy(m => m.mounts[^1].Type))
                {
                    if (await TryCreateAsync(t, group.SelectMany(m => m.mounts)) is null) continue;
                    foreach (var (option, optionMounts) in group)
                    {
                        if (await TryCreateAsync(t, optionMounts) is { } why)
                            failures.Add($"{option} ({(optionMounts[^1].Type == "tmpfs" ? "tmpfs" : "bind")}): {why}");
                    }
                }
                Check.True(failures.Count == 0, $"claimed mount options refused: {string.Join("; ", failures)}");
            });

        yield return Case.Must("features.cgroup.host-version", "features-linux.md", "Cgroup",
            "v1 (bool, OPTIONAL) represents whether the runtime supports cgroup v1; v2 ... cgroup v2 (checked: the host's version)", async t =>
            {
                var version = Host.IsCgroupV2 ? "v2" : "v1";
                var cgroup = t.Features.Linux?.Cgroup;
                var claim = Host.IsCgroupV2 ? cgroup?.V2 : cgroup?.V1;
                Skip.If(claim is null, $"the features document does not say whether cgroup {version} (this host's) is supported");
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Process.Args = [.. SleepArgs];
                    b.Linux.Resources ??= new LinuxResources();
                    b.Linux.Resources.Pids = new LinuxPids { Limit = 91 };
                });
                var id = t.NewId();
                if (claim == false)
                {
                    await CheckRefusedAsync(t, bundle, id, $"a pids limit on a cgroup {version} host (the runtime says it does not support {version})");
                    return;
                }
                Check.Succeeded(await t.CreateAsync(bundle, id), $"create with a pids limit on a cgroup {version} host");
                var dir = Host.CgroupDir("pids", bundle.Linux.CgroupsPath!);
                Check.Equal("91", File.Exists(Path.Combine(dir, "pids.max")) ? File.ReadAllText(Path.Combine(dir, "pids.max")).Trim() : "(no file)",
                    $"pids.max of {dir}");
            });

        yield return Case.Must("features.seccomp.claim-matches", "features-linux.md", "Seccomp",
            "enabled (bool, OPTIONAL) represents whether the runtime supports seccomp", async t =>
            {
                var enabled = t.Features.Linux?.Seccomp?.Enabled;
                Skip.If(enabled is null, "the features document does not say whether seccomp is supported");
                var bundle = await t.NewBundleAsync(b => b.Linux.Seccomp = new LinuxSeccomp
                {
                    DefaultAction = "SCMP_ACT_ALLOW",
                    Syscalls = [new LinuxSyscall { Names = ["syslog"], Action = "SCMP_ACT_ERRNO" }],
                });
                if (enabled == false)
                {
                    await CheckRefusedAsync(t, bundle, t.NewId(), "linux.seccomp (the runtime says it does not support seccomp)");
                    return;
                }
                Skip.Unless(File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Seccomp:", StringComparison.Ordinal)), "this kernel has no seccomp");
                var report = await t.ProbeAsync(bundle);
                Check.Equal(2, report.SeccompMode, "seccomp mode of the container process (2: filter)");
            });

        yield return Case.Must("features.apparmor.claim-matches", "features-linux.md", "AppArmor",
            "enabled (bool, OPTIONAL) represents whether the runtime supports AppArmor", async t =>
            {
                var enabled = t.Features.Linux?.Apparmor?.Enabled;
                Skip.If(enabled is null, "the features document does not say whether AppArmor is supported");
                if (enabled == false)
                {
                    var refused = await t.NewBundleAsync(b => b.Process.ApparmorProfile = "conformance-profile");
                    await CheckRefusedAsync(t, refused, t.NewId(), "process.apparmorProfile (the runtime says it does not support AppArmor)");
                    return;
                }
                Skip.Unless(File.Exists("/sys/module/apparmor/parameters/enabled") && File.ReadAllText("/sys/module/apparmor/parameters/enabled").Trim() == "Y",
                    "AppArmor is not enabled on this host");
                var bundle = await t.NewBundleAsync(b => b.Process.ApparmorProfile = "unconfined");
                var report = await t.ProbeAsync(bundle);
                Check.True(report.SecurityLabel?.StartsWith("unconfined", StringComparison.Ordinal) == true,
                    $"AppArmor label of the container process: {report.SecurityLabel}");
            });

        yield return Case.Must("features.selinux.claim-matches", "features-linux.md", "SELinux",
            "enabled (bool, OPTIONAL) represents whether the runtime supports SELinux", async t =>
            {
                var enabled = t.Features.Linux?.Selinux?.Enabled;
                Skip.If(enabled is null, "the features document does not say whether SELinux is supported");
                const string label = "system_u:system_r:container_t:s0:c1,c2";
                var bundle = await t.NewBundleAsync(b => b.Process.SelinuxLabel = label);
                if (enabled == false)
                {
                    await CheckRefusedAsync(t, bundle, t.NewId(), "process.selinuxLabel (the runtime says it does not support SELinux)");
                    return;
                }
                Skip.Unless(File.Exists("/sys/fs/selinux/enforce"), "SELinux is not enabled on this host");
                var report = await t.ProbeAsync(bundle);
                Check.Equal(label, report.SecurityLabel?.TrimEnd('\0'), "SELinux label of the container process");
            });
    }

    private static List<Hook> HookList(Hooks hooks, string kind) => kind switch
    {
        "prestart" => hooks.Prestart ??= [],
        "createRuntime" => hooks.CreateRuntime ??= [],
        "createContainer" => hooks.CreateContainer ??= [],
        "startContainer" => hooks.StartContainer ??= [],
        "poststart" => hooks.Poststart ??= [],
        _ => hooks.Poststop ??= [],
    };

    /// <summary>
    /// A hook that leaves a file named after its kind. startContainer's path resolves in the container, so it uses the
    /// rootfs's sh and writes into the rootfs; the others use the host's sh and write into the case directory.
    /// </summary>
    private static Hook MarkingHook(CaseContext t, string kind) => kind == "startContainer"
        ? new Hook { Path = "/bin/sh", Args = ["sh", "-c", $"echo {kind} > /hook-{kind}"] }
        : new Hook { Path = "/bin/sh", Args = ["sh", "-c", $"echo {kind} > {RuntimeDriver.Quote(Path.Combine(t.Dir, $"hook-{kind}"))}"] };

    private static string HookMark(CaseContext t, Bundle bundle, string kind) =>
        kind == "startContainer" ? bundle.InRootfs($"hook-{kind}") : Path.Combine(t.Dir, $"hook-{kind}");

    /// <summary>Makes sure the config asks for a new namespace of <paramref name="type"/> (a user one with identity mappings).</summary>
    private static void WithNamespace(Bundle b, string type)
    {
        var namespaces = b.Linux.Namespaces ??= [];
        if (!namespaces.Any(n => n.Type == type))
            namespaces.Add(new LinuxNamespace { Type = type });
        if (type == LinuxNamespaceType.User)
        {
            b.Linux.UidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = 0, Size = 65536 }];
            b.Linux.GidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = 0, Size = 65536 }];
        }
    }

    /// <summary>The runner's own bounding set (CapBnd of /proc/self/status).</summary>
    private static ulong HostBoundingSet()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
        return Convert.ToUInt64(line["CapBnd:".Length..].Trim(), 16);
    }

    /// <summary>
    /// Mounts that carry <paramref name="option"/> on a kind it makes sense for: binds for bind, rbind and the recursive
    /// (r-prefixed) forms; remount on a tmpfs that an earlier entry mounted at the same place; a tmpfs for the rest.
    /// </summary>
    private static Mount[] OptionMounts(IReadOnlyCollection<string> claimed, string option, string destination, string source)
    {
        Mount Tmpfs(params List<string> options) => new() { Destination = destination, Type = "tmpfs", Source = "tmpfs", Options = options.Count > 0 ? options : null };
        Mount Bind(params List<string> options) => new() { Destination = destination, Type = "none", Source = source, Options = options };
        var recursive = option.Length > 1 && option[0] == 'r' && claimed.Contains(option[1..]);
        return option switch
        {
            "bind" or "rbind" => [Bind(option)],
            "remount" => [Tmpfs(), Tmpfs("remount")],
            _ when recursive => [Bind("rbind", option)],
            _ => [Tmpfs(option)],
        };
    }

    /// <summary>Creates a container with <paramref name="mounts"/> added; null when create worked (it is then deleted), else why not.</summary>
    private static async Task<string?> TryCreateAsync(CaseContext t, IEnumerable<Mount> mounts)
    {
        var bundle = await t.NewBundleAsync(b => b.Spec.Mounts!.AddRange(mounts));
        var id = t.NewId();
        var create = await t.CreateAsync(bundle, id);
        if (!create.Succeeded)
        {
            // The end of the runtime's message says why (the errno); its start repeats the paths.
            var err = create.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            return $"create exit {create.ExitCode}: " + (err.Length > 140 ? "..." + err[^140..] : err);
        }
        await t.DeleteAsync(id, force: true);
        return null;
    }
}
