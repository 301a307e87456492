using OciConformance.Framework;
using OciConformance.Probe;
using OciRuntime.Oci;
using static OciConformance.Framework.MountSupport;

namespace OciConformance.Cases;

/// <summary>config-linux.md devices and default devices.</summary>
public static class DeviceCases
{
    public static IEnumerable<Case> All()
    {
        // ---- config-linux.md Devices ----

        foreach (var (type, shown, major) in (ValueTuple<string, string, long?>[])[("c", "char", 1), ("b", "block", 7), ("u", "char", 1), ("p", "fifo", null)])
            yield return Case.Must($"linux.devices.type-{type}", "config-linux.md", "Devices",
                $"devices ... lists devices that MUST be available in the container; type (string, REQUIRED) - type of device: {type} ({shown})", async t =>
                {
                    var device = new LinuxDevice { Path = "/dev/conformance-dev", Type = type, Major = major, Minor = major is null ? null : 3 };
                    var info = DeviceAt(await ProbeWithDeviceAsync(t, device), device.Path);
                    Check.Equal(shown, info.Type, $"type of {device.Path}");
                });

        yield return Case.Must("linux.devices.major-minor", "config-linux.md", "Devices",
            "major, minor (int64, REQUIRED unless type is p) - major, minor numbers for the device", async t =>
            {
                var device = new LinuxDevice { Path = "/dev/conformance-dev", Type = "c", Major = 1, Minor = 7 };
                var info = DeviceAt(await ProbeWithDeviceAsync(t, device), device.Path);
                Check.Equal("1:7", $"{info.Major}:{info.Minor}", $"major:minor of {device.Path}");
            });

        yield return Case.Must("linux.devices.path", "config-linux.md", "Devices",
            "path (string, REQUIRED) - full path to device inside container ... MAY be anywhere in the container filesystem, notably outside of /dev", async t =>
            {
                var device = new LinuxDevice { Path = "/conformance-devices/null", Type = "c", Major = 1, Minor = 3 };
                var info = PathAt(await ProbeWithDeviceAsync(t, device, "--path", device.Path), device.Path);
                Check.Equal("char 1:3", $"{info.Type} {info.Major}:{info.Minor}", $"{device.Path}");
            });

        yield return Case.Must("linux.devices.file-mode", "config-linux.md", "Devices",
            "fileMode (uint32, OPTIONAL) - file mode for the device", async t =>
            {
                // 0666 is the spec's example; a umask of 022 left in force would make it 0644.
                var device = new LinuxDevice { Path = "/dev/conformance-dev", Type = "c", Major = 1, Minor = 3, FileMode = 0x1b6 };
                var info = DeviceAt(await ProbeWithDeviceAsync(t, device), device.Path);
                Check.Equal("666", Convert.ToString(info.Mode, 8), $"permission bits of {device.Path}");
            });

        yield return Case.Must("linux.devices.uid", "config-linux.md", "Devices",
            "uid (uint32, OPTIONAL) - id of device owner in the container namespace", async t =>
            {
                var device = new LinuxDevice { Path = "/dev/conformance-dev", Type = "c", Major = 1, Minor = 3, Uid = 1234 };
                Check.Equal(1234u, DeviceAt(await ProbeWithDeviceAsync(t, device), device.Path).Uid, $"owner of {device.Path}");
            });

        yield return Case.Must("linux.devices.gid", "config-linux.md", "Devices",
            "gid (uint32, OPTIONAL) - id of device group in the container namespace", async t =>
            {
                var device = new LinuxDevice { Path = "/dev/conformance-dev", Type = "c", Major = 1, Minor = 3, Gid = 2345 };
                Check.Equal(2345u, DeviceAt(await ProbeWithDeviceAsync(t, device), device.Path).Gid, $"group of {device.Path}");
            });

        yield return Case.Must("linux.devices.existing-mismatch", "config-linux.md", "Devices",
            "If a file already exists at path that does not match the requested device, the runtime MUST generate an error", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    File.WriteAllText(b.InRootfs("/etc/conformance-notdev"), "a regular file\n");
                    (b.Linux.Devices ??= []).Add(new LinuxDevice { Path = "/etc/conformance-notdev", Type = "c", Major = 1, Minor = 3 });
                });
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with a device at the path of a regular file");
            });

        yield return Case.Must("linux.devices.usable", "config-linux.md", "Devices",
            "devices (array of objects, OPTIONAL) lists devices that MUST be available in the container (it can be read, although the base config's cgroup denies all devices)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => (b.Linux.Devices ??= []).Add(
                    new LinuxDevice { Path = "/dev/conformance-zero", Type = "c", Major = 1, Minor = 5, FileMode = 0x1b6 }));
                var output = await RunShellAsync(t, bundle, "head -c 4 /dev/conformance-zero | wc -c");
                Check.Equal("4", output.Trim(), "bytes read from /dev/conformance-zero");
            });

        // ---- config-linux.md Default Devices ----

        yield return DefaultDevice("null", 1, 3, "echo x >/dev/null && echo wrote; head -c 4 /dev/null | wc -c", "wrote\n0");
        yield return DefaultDevice("zero", 1, 5, "head -c 4 /dev/zero | wc -c", "4");
        // /dev/full reads zeros and refuses writes with ENOSPC.
        yield return DefaultDevice("full", 1, 7, "head -c 4 /dev/full | wc -c; (echo x >/dev/full) 2>&1 | grep -c 'No space left'", "4\n1");
        yield return DefaultDevice("random", 1, 8, "head -c 4 /dev/random | wc -c", "4");
        yield return DefaultDevice("urandom", 1, 9, "head -c 4 /dev/urandom | wc -c", "4");
        // Without a controlling terminal opening /dev/tty fails with ENXIO from the tty driver; EPERM would be the
        // device cgroup refusing it.
        yield return DefaultDevice("tty", 5, 0, "(exec 3</dev/tty) 2>&1 | grep -c 'No such device or address'", "1");

        yield return Case.Must("linux.default-devices.ptmx", "config-linux.md", "Default Devices",
            "the runtime MUST also supply ... /dev/ptmx. A bind-mount or symlink of the container's /dev/pts/ptmx", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync());
                var ptmx = DeviceAt(report, "/dev/ptmx");
                if (ptmx.Type == "symlink")
                {
                    Check.True(ptmx.LinkTarget is "pts/ptmx" or "/dev/pts/ptmx", $"/dev/ptmx links to {ptmx.LinkTarget}, not the container's /dev/pts/ptmx");
                }
                else
                {
                    // A bind mount of /dev/pts/ptmx: the same node, on the container's devpts.
                    Check.Equal("char 5:2", $"{ptmx.Type} {ptmx.Major}:{ptmx.Minor}", "/dev/ptmx");
                    Check.Equal("devpts", MountAt(report, "/dev/ptmx").FsType, "filesystem of the /dev/ptmx bind mount");
                }
                var output = await RunShellAsync(t, await t.NewBundleAsync(), "(exec 3<>/dev/ptmx && echo opened) 2>&1");
                Check.Equal("opened", output.Trim(), "opening /dev/ptmx read-write");
            });
    }

    private static Case DefaultDevice(string name, uint major, uint minor, string script, string expected) =>
        Case.Must($"linux.default-devices.{name}", "config-linux.md", "Default Devices",
            $"In addition to any devices configured with this setting, the runtime MUST also supply: /dev/{name}", async t =>
            {
                var path = $"/dev/{name}";
                var info = DeviceAt(await t.ProbeAsync(await t.NewBundleAsync()), path);
                Check.Equal($"char {major}:{minor}", $"{info.Type} {info.Major}:{info.Minor}", path);
                var output = await RunShellAsync(t, await t.NewBundleAsync(), script);
                Check.Equal(expected, output.Trim(), $"using {path} (`{script}`)");
            });

    private static async Task<Report> ProbeWithDeviceAsync(CaseContext t, LinuxDevice device, params string[] probeArgs)
    {
        var bundle = await t.NewBundleAsync(b => (b.Linux.Devices ??= []).Add(device));
        return await t.ProbeAsync(bundle, probeArgs);
    }
}
