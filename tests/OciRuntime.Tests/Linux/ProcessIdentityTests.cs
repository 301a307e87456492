using OciRuntime.Linux;

namespace OciRuntime.Tests.Linux;

public sealed class ProcessIdentityTests
{
    [Theory]
    [InlineData("         0          0 4294967295\n", 0u, true)]
    [InlineData("         0          0 4294967295\n", 1000u, true)]
    [InlineData("0 100000 65536\n", 0u, true)]
    [InlineData("0 100000 65536\n", 65535u, true)]
    [InlineData("0 100000 65536\n", 65536u, false)]
    [InlineData("0 1000 1\n1 100000 65536\n", 1000u, true)]
    [InlineData("0 1000 1\n1 100000 65536\n", 65537u, false)]
    [InlineData("0 1000 1\n", 1u, false)]
    [InlineData("", 0u, false)]
    [InlineData("garbage\n0 0\n", 0u, false)]
    public void IdMapsAreReadAsRanges(string map, uint id, bool mapped) => Assert.Equal(mapped, ProcessIdentity.IsMapped(map, id));

    [Theory]
    [InlineData("deny\n", false)]
    [InlineData("allow\n", true)]
    [InlineData(null, true)]
    public void SetgroupsIsAllowedUnlessDenied(string? text, bool allowed) => Assert.Equal(allowed, ProcessIdentity.SetgroupsAllowed(text));

    private const string Passwd = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbad line\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";

    [Theory]
    [InlineData(0u, "/root")]
    [InlineData(65534u, "/nonexistent")]
    [InlineData(1000u, null)]
    public void HomeComesFromPasswd(uint uid, string? home) => Assert.Equal(home, ProcessIdentity.ParseHome(Passwd, uid));

    [Fact]
    public void HomeDefaultsToTheRoot()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Passwd);
            Assert.Equal("/usr/sbin", ProcessIdentity.HomeOf(1, file));
            Assert.Equal("/", ProcessIdentity.HomeOf(1000, file));
            Assert.Equal("/", ProcessIdentity.HomeOf(0, "/nonexistent/passwd"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
