using OciConformance.Framework;
using OciRuntime.Oci;
using static OciConformance.Framework.LinuxSupport;

namespace OciConformance.Cases;

/// <summary>config-linux.md namespaces and user namespace mappings.</summary>
public static class NamespaceCases
{
    private const string Doc = "config-linux.md";

    // How `unshare` makes a process hold a new namespace of each type (pid and time apply to children: --fork).
    private static readonly Dictionary<string, string[]> Unshare = new()
    {
        [LinuxNamespaceType.Pid] = ["--pid", "--fork"],
        [LinuxNamespaceType.Network] = ["--net"],
        [LinuxNamespaceType.Mount] = ["--mount"],
        [LinuxNamespaceType.Ipc] = ["--ipc"],
        [LinuxNamespaceType.Uts] = ["--uts"],
        [LinuxNamespaceType.User] = ["--user"],
        [LinuxNamespaceType.Cgroup] = ["--cgroup"],
        [LinuxNamespaceType.Time] = ["--time", "--fork"],
    };

    public static IEnumerable<Case> All()
    {
        foreach (var (type, link) in NamespaceTypes)
        {
            yield return Case.Must($"linux.namespaces.new.{type}", Doc, "Namespaces",
                $"If path is not specified, the runtime MUST create a new container namespace of type type ({type})", async t =>
                {
                    Skip.If(type == LinuxNamespaceType.Time && !Host.HasTimeNamespace, "the kernel has no time namespaces");
                    var bundle = await t.NewBundleAsync(b => SetNamespace(b, type));
                    var report = await ProbeOrRefusedAsync(t, bundle, ClaimsNamespace(t, type), $"the {type} namespace");
                    if (report is null) return; // not in `features`, and refused: the required error
                    var got = report.Namespaces.GetValueOrDefault(link, "");
                    Check.True(got.Length > 0, $"the probe could not read /proc/self/ns/{link}");
                    Check.True(got != RunnerNamespace(link), $"the container's {link} namespace is the runtime's own ({got})");
                    if (type == LinuxNamespaceType.Mount)
                        Check.True(got != Host.NamespaceOf(1, link), $"the container's mnt namespace is the host's ({got})");
                    if (type == LinuxNamespaceType.Cgroup)
                    {
                        // The container's cgroup is the root of its new cgroup namespace.
                        var notRoot = report.Cgroups.Where(l => !l.EndsWith(":/", StringComparison.Ordinal)).ToList();
                        Check.True(notRoot.Count == 0, $"/proc/self/cgroup in the new cgroup namespace shows non-root paths: {string.Join("; ", notRoot)}");
                    }
                });
        }

        yield return Case.Should("linux.namespaces.types-supported", Doc, "Namespaces",
            "type (string, REQUIRED) - namespace type. The following namespace types SHOULD be supported: pid, network, mount, ipc, uts, user, cgroup, time",
            async t =>
            {
                var kernel = NamespaceTypes.Where(n => n.Type != LinuxNamespaceType.Time || Host.HasTimeNamespace).ToList();
                var bundle = await t.NewBundleAsync(b =>
                {
                    foreach (var (type, _) in kernel) SetNamespace(b, type);
                });
                var report = await t.ProbeAsync(bundle);
                foreach (var (type, link) in kernel)
                    Check.True(report.Namespaces.GetValueOrDefault(link, "") != RunnerNamespace(link), $"the container got no new {type} namespace");
            });

        foreach (var (type, link) in NamespaceTypes)
        {
            yield return Case.Must($"linux.namespaces.path.{type}", Doc, "Namespaces",
                $"The runtime MUST place the container process in the namespace associated with that path ({type})", async t =>
                {
                    Skip.If(type == LinuxNamespaceType.Time && !Host.HasTimeNamespace, "the kernel has no time namespaces");
                    var (pid, held) = await HoldNamespaceAsync(t, link, Unshare[type]);
                    if (type == LinuxNamespaceType.User)
                        MapHolder(pid);
                    var bundle = await t.NewBundleAsync(b =>
                    {
                        SetNamespace(b, type, $"/proc/{pid}/ns/{link}");
                        // The same mappings as the holder's, for runtimes that want them in the config of a joined one.
                        if (type == LinuxNamespaceType.User) SetMappings(b);
                    });
                    var report = await ProbeOrRefusedAsync(t, bundle, ClaimsNamespace(t, type), $"the {type} namespace");
                    if (report is null) return;
                    Check.Equal(held, report.Namespaces.GetValueOrDefault(link, ""), $"the container's {link} namespace (the holder's is {held})");
                });
        }

        yield return Case.Must("linux.namespaces.inherit", Doc, "Namespaces",
            "If a namespace type is not specified in the namespaces array, the container MUST inherit the runtime namespace of that type",
            async t =>
            {
                // Only a mount namespace is listed; a hostname needs a uts namespace, so none is asked for.
                var bundle = await t.NewBundleAsync(b =>
                {
                    b.Linux.Namespaces = [new LinuxNamespace { Type = LinuxNamespaceType.Mount }];
                    b.Spec.Hostname = null;
                });
                var report = await t.ProbeAsync(bundle);
                foreach (var (type, link) in NamespaceTypes.Where(n => n.Type != LinuxNamespaceType.Mount))
                {
                    if (!report.Namespaces.TryGetValue(link, out var got)) continue; // the kernel has no such type
                    Check.Equal(RunnerNamespace(link), got, $"the container's {link} namespace (not listed)");
                }
            });

        yield return Case.Must("linux.namespaces.duplicate", Doc, "Namespaces",
            "If a namespaces field contains duplicated namespaces with same type, the runtime MUST generate an error", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                    b.Linux.Namespaces!.Add(new LinuxNamespace { Type = LinuxNamespaceType.Network }));
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with two network namespaces");
            });

        yield return Case.Must("linux.namespaces.path-wrong-type", Doc, "Namespaces",
            "The runtime MUST generate an error if path is not associated with a namespace of type type", async t =>
            {
                var (pid, _) = await HoldNamespaceAsync(t, "ipc", "--ipc");
                var bundle = await t.NewBundleAsync(b => SetNamespace(b, LinuxNamespaceType.Network, $"/proc/{pid}/ns/ipc"));
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with a network namespace path naming an ipc namespace");
            });

        yield return Case.Must("linux.user-mappings.uid", Doc, "User namespace mappings",
            "uidMappings (array of objects, OPTIONAL) describes the user namespace uid mappings from the host to the container",
            async t => await CheckMappingAsync(t, "/proc/self/uid_map"));

        yield return Case.Must("linux.user-mappings.gid", Doc, "User namespace mappings",
            "gidMappings (array of objects, OPTIONAL) describes the user namespace gid mappings from the host to the container",
            async t => await CheckMappingAsync(t, "/proc/self/gid_map"));

        yield return Case.Should("linux.user-mappings.no-chown", Doc, "User namespace mappings",
            "The runtime SHOULD NOT modify the ownership of referenced filesystems to realize the mapping", async t =>
            {
                var bundle = await t.NewBundleAsync(b => SetNamespace(b, LinuxNamespaceType.User));
                string[] paths = [bundle.Rootfs, bundle.InRootfs("/bin"), bundle.InRootfs("/bin/busybox"), bundle.InRootfs("/etc")];
                var before = paths.Select(OwnerOf).ToList();
                var report = await ProbeOrRefusedAsync(t, bundle, ClaimsNamespace(t, LinuxNamespaceType.User), "user namespaces");
                if (report is null) return;
                Check.True(report.Namespaces.GetValueOrDefault("user") != RunnerNamespace("user"), "setup: the container got no user namespace");
                for (var i = 0; i < paths.Length; i++)
                    Check.Equal(before[i], OwnerOf(paths[i]), $"owner uid:gid of {paths[i]} on the host after the container ran");
            });
    }

    private static async Task CheckMappingAsync(CaseContext t, string mapFile)
    {
        var bundle = await t.NewBundleAsync(b =>
        {
            SetNamespace(b, LinuxNamespaceType.User);
            // Different mappings for uid and gid, so that one cannot pass for the other.
            b.Linux.UidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = MappedHostId, Size = MappedSize }];
            b.Linux.GidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = MappedHostId + MappedSize, Size = MappedSize }];
        });
        var report = await ProbeOrRefusedAsync(t, bundle, ClaimsNamespace(t, LinuxNamespaceType.User), "user namespaces", "--path", mapFile);
        if (report is null) return;
        var hostId = mapFile.EndsWith("uid_map", StringComparison.Ordinal) ? MappedHostId : MappedHostId + MappedSize;
        Check.SameSet([$"0 {hostId} {MappedSize}"], NormalisedLines(ContentOf(report, mapFile)), $"{mapFile} in the container");
    }

    // The user namespace of the holder gets the suite's usual mappings (written from here, as root in the parent).
    private static void MapHolder(int pid)
    {
        File.WriteAllText($"/proc/{pid}/uid_map", $"0 {MappedHostId} {MappedSize}");
        File.WriteAllText($"/proc/{pid}/gid_map", $"0 {MappedHostId} {MappedSize}");
    }
}
