namespace OciRuntime.IntegrationTests.Tty;

/// <summary>
/// The console-socket protocol, pinned down on runc (anchors.md 1.5): with process.terminal the runtime connects to
/// --console-socket, sends ONE message whose data is "/dev/ptmx" and whose only control data is one SCM_RIGHTS fd,
/// the master of a pty allocated inside the container, and closes. The slave is the container's /dev/pts/0 and
/// its stdio. ocirt must pass the same test: run it with "ocirt" once `run -d` with a terminal works.
/// </summary>
public sealed class ConsoleSocketRuncTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    [SkippableFact]
    public Task RuncSendsThePtyMasterAndTheShellAnswersOnIt() => ReceivesAWorkingPtyMaster("runc");

    [SkippableFact]
    public Task OcirtSendsThePtyMasterAndTheShellAnswersOnIt() => ReceivesAWorkingPtyMaster("ocirt");

    private async Task ReceivesAWorkingPtyMaster(string runtime)
    {
        var driver = Use(runtime);
        var bundle = await NewBundleAsync();
        bundle.Terminal(true).Args("sh");
        string id = ContainerDriver.NewId("tty");
        using var server = new ConsoleSocketServer(Rt.NewDir("console"));

        (await driver.RunDetachedAsync(bundle, id, "--console-socket", server.Path)).ShouldSucceed($"{driver.Name} run -d");
        try
        {
            using var console = server.Accept(TimeSpan.FromSeconds(10));
            Log.WriteLine($"payload \"{console.Payload}\", fd -> {File.ResolveLinkTarget($"/proc/self/fd/{console.Handle.DangerousGetHandle()}", false)}");
            Assert.Equal("/dev/ptmx", console.Payload);
            Assert.True(console.SenderClosed, "the runtime should close the connection after its one message");
            Assert.Equal("", console.TrailingData);

            // The echo of the typed line holds neither "/dev/pts/0" nor "42": both can only come from the shell.
            console.Write("tty; echo $((6*7))\n");
            string output = console.ReadUntil("42\r\n", TimeSpan.FromSeconds(10));
            Log.WriteLine($"terminal: {output.Replace("\r", "\\r").Replace("\n", "\\n")}");
            Assert.Contains("/dev/pts/0\r\n", output);
        }
        finally
        {
            await driver.KillAsync(id, "KILL");
            (await driver.DeleteAsync(id, force: true)).ShouldSucceed($"{driver.Name} delete --force");
        }
    }
}
