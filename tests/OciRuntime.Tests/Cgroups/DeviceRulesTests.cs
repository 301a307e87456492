using OciRuntime.Cgroups;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups;

public sealed class DeviceRulesTests
{
    [Fact]
    public void DenyAllComesFirstThenTheSpecThenTheDefaults()
    {
        var spec = new Spec
        {
            Linux = new OciRuntime.Oci.Linux
            {
                Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }, new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 10, Minor = 200, Access = "rw" }] },
                Devices = [new LinuxDevice { Path = "/dev/fuse", Type = "c", Major = 10, Minor = 229 }],
            },
        };
        var plan = DeviceRules.Plan(spec);
        Assert.Equal(("devices.deny", "a"), plan[0]);
        Assert.Equal(("devices.deny", "a"), plan[1]); // the spec's "deny everything", spelled as the kernel takes it
        Assert.Equal(("devices.allow", "c 10:200 rw"), plan[2]);
        Assert.Contains(("devices.allow", "c 1:3 rwm"), plan);
        Assert.Contains(("devices.allow", "c 136:* rwm"), plan);
        Assert.Equal(("devices.allow", "c 10:229 rwm"), plan[^1]);
    }
}
