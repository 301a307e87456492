using OciRuntime.Linux;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Linux;

public sealed class SecurityModulesTests : IDisposable
{
    private readonly string _sys = Directory.CreateTempSubdirectory("ocirt-sys-").FullName;

    public void Dispose() => Directory.Delete(_sys, recursive: true);

    [Fact]
    public void AProcessWithoutLabelsPasses()
    {
        SecurityModules.EnsureSupported(new Process(), sysRoot: _sys);
        SecurityModules.EnsureSupported(new Process { ApparmorProfile = "", SelinuxLabel = "" }, sysRoot: _sys);
    }

    [Fact]
    public void AnAppArmorProfileOnAHostWithoutAppArmorNamesTheField()
    {
        var e = Assert.Throws<ProcessAttributeException>(() =>
            SecurityModules.EnsureSupported(new Process { ApparmorProfile = "docker-default" }, sysRoot: _sys));
        Assert.Equal("process.apparmorProfile: AppArmor is not enabled on this host", e.Message);
    }

    [Fact]
    public void AnAppArmorProfileOnAnAppArmorHostIsNotSupportedYet()
    {
        Directory.CreateDirectory($"{_sys}/module/apparmor/parameters");
        File.WriteAllText($"{_sys}/module/apparmor/parameters/enabled", "Y\n");
        var e = Assert.Throws<ProcessAttributeException>(() =>
            SecurityModules.EnsureSupported(new Process { ApparmorProfile = "docker-default" }, sysRoot: _sys));
        Assert.Equal("process.apparmorProfile: AppArmor profiles are not supported yet", e.Message);
    }

    [Fact]
    public void ASelinuxLabelNamesTheField()
    {
        var process = new Process { SelinuxLabel = "system_u:system_r:container_t:s0" };
        var e = Assert.Throws<ProcessAttributeException>(() => SecurityModules.EnsureSupported(process, sysRoot: _sys));
        Assert.Equal("process.selinuxLabel: SELinux is not enabled on this host", e.Message);

        Directory.CreateDirectory($"{_sys}/fs/selinux");
        File.WriteAllText($"{_sys}/fs/selinux/enforce", "1");
        e = Assert.Throws<ProcessAttributeException>(() => SecurityModules.EnsureSupported(process, "", _sys));
        Assert.Equal("selinuxLabel: SELinux labels are not supported yet", e.Message);
    }
}
