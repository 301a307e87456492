using OciRuntime.Oci;
using OciRuntime.Rootfs;

namespace OciRuntime.Tests.Rootfs;

public sealed class DevicesTests
{
    [Fact]
    public void TheDefaultsAreTheSpecsDefaultDevicesInRuncsOrder()
    {
        var plan = Devices.Plan(new Spec());

        Assert.Equal(
            ["/dev/null c 1:3", "/dev/random c 1:8", "/dev/full c 1:7", "/dev/tty c 5:0", "/dev/zero c 1:5", "/dev/urandom c 1:9"],
            plan.Select(d => $"{d.Path} {d.Type} {d.Major}:{d.Minor}"));
        Assert.All(plan, d => Assert.Equal((0x1B6u, 0u, 0u), (d.FileMode, d.Uid, d.Gid)));
    }

    [Fact]
    public void ContractConfigsGetTheDefaultsOnly()
    {
        Assert.Equal(6, Devices.Plan(MountPlanTests.LoadContract("ctr-create-config.json")).Count);
        Assert.Equal(6, Devices.Plan(MountPlanTests.LoadContract("podman-create-config.json")).Count);
    }

    [Fact]
    public void SpecDevicesReplaceDefaultsWithTheSamePathAndComeAfterThem()
    {
        var spec = new Spec
        {
            Linux = new OciRuntime.Oci.Linux
            {
                Devices =
                [
                    new LinuxDevice { Path = "/dev/fuse", Type = "c", Major = 10, Minor = 229, FileMode = 0x2180 /* S_IFCHR|0600 */, Uid = 1, Gid = 2 },
                    new LinuxDevice { Path = "/dev/null", Type = "c", Major = 1, Minor = 3, FileMode = 0x1A4 },
                    new LinuxDevice { Path = "/dev/ptmx", Type = "c", Major = 5, Minor = 2 },
                    new LinuxDevice { Path = "/dev/sda", Type = "b", Major = 8, Minor = 0 },
                    new LinuxDevice { Path = "/dev/kmsg", Type = "u", Major = 1, Minor = 11 },
                    new LinuxDevice { Path = "/dev/pipe", Type = "p" },
                ],
            },
        };

        var plan = Devices.Plan(spec);

        Assert.Equal(
        [
            "/dev/random c 1:8 666", "/dev/full c 1:7 666", "/dev/tty c 5:0 666", "/dev/zero c 1:5 666", "/dev/urandom c 1:9 666",
            "/dev/fuse c 10:229 600", "/dev/null c 1:3 644", "/dev/sda b 8:0 666", "/dev/kmsg c 1:11 666", "/dev/pipe p 0:0 666",
        ], plan.Select(d => $"{d.Path} {d.Type} {d.Major}:{d.Minor} {Convert.ToString(d.FileMode, 8)}"));
        Assert.Equal((1u, 2u), (plan[5].Uid, plan[5].Gid));
    }

    [Fact]
    public void AnUnknownDeviceTypeIsAnError()
    {
        var spec = new Spec { Linux = new OciRuntime.Oci.Linux { Devices = [new LinuxDevice { Path = "/dev/x", Type = "z" }] } };

        Assert.Equal("z is not a valid device type for device /dev/x", Assert.Throws<RootfsException>(() => Devices.Plan(spec)).Message);
    }

    [Theory]
    [InlineData(1, 3, 0x103UL)]
    [InlineData(5, 0, 0x500UL)]
    [InlineData(10, 229, 0xAE5UL)]
    [InlineData(259, 65536, 0x1001_0300UL)]
    [InlineData(4096, 1, 0x1000_0000_0001UL)]
    public void MakedevEncodesLikeGlibc(long major, long minor, ulong expected) =>
        Assert.Equal(expected, Devices.Makedev(major, minor));

    [Fact]
    public void DevSymlinksIncludeCoreOnlyWithKcore()
    {
        Assert.Equal(
            ["/dev/fd -> /proc/self/fd", "/dev/stdin -> /proc/self/fd/0", "/dev/stdout -> /proc/self/fd/1", "/dev/stderr -> /proc/self/fd/2"],
            Devices.Symlinks(kcoreExists: false).Select(l => $"{l.Link} -> {l.Target}"));
        Assert.Contains(("/dev/core", "/proc/kcore"), Devices.Symlinks(kcoreExists: true));
    }
}
