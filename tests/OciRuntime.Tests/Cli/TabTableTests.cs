using OciRuntime.Cli;

namespace OciRuntime.Tests.Cli;

public sealed class TabTableTests
{
    [Fact]
    public void HeaderAloneMatchesRunc() =>
        // runc 1.1.5 `list` on an empty root, byte for byte.
        Assert.Equal("ID          PID         STATUS      BUNDLE      CREATED     OWNER\n",
            TabTable.Format([["ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"]]));

    [Fact]
    public void WideCellsGrowTheirColumnByThePadding() =>
        // Recorded from runc 1.1.5 with one created container.
        Assert.Equal(
            "ID          PID         STATUS      BUNDLE      CREATED                          OWNER\n" +
            "t1          6443        created     /tmp/rb     2026-11-24T23:43:38.426114084Z   root\n",
            TabTable.Format([
                ["ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"],
                ["t1", "6443", "created", "/tmp/rb", "2026-11-24T23:43:38.426114084Z", "root"],
            ]));
}
