using OciRuntime.Containers;
using ContainerStatus = OciRuntime.Containers.ContainerStatus;

namespace OciRuntime.Tests.Containers;

public sealed class TransitionsTests
{
    [Theory]
    [InlineData("Start", "Created", false)]
    [InlineData("Kill", "Created", false)]
    [InlineData("Kill", "Running", false)]
    [InlineData("Kill", "Stopped", true)] // kill --all
    [InlineData("Delete", "Stopped", false)]
    [InlineData("Delete", "Created", false)]
    [InlineData("Delete", "Running", true)] // delete --force
    [InlineData("Pause", "Running", false)]
    [InlineData("Resume", "Paused", false)]
    [InlineData("Exec", "Running", false)]
    [InlineData("Exec", "Paused", true)] // exec --ignore-paused
    public void Allowed(string operation, string status, bool force) =>
        Transitions.Check("c1", Enum.Parse<ContainerStatus>(status), Enum.Parse<ContainerOperation>(operation), force);

    [Theory]
    [InlineData("Start", "Running", "cannot start an already running container")]
    [InlineData("Start", "Stopped", "cannot start a container that has stopped")]
    [InlineData("Start", "Paused", "cannot start a container in the paused state")]
    [InlineData("Kill", "Stopped", "container not running")]
    [InlineData("Delete", "Running", "cannot delete container c1 that is not stopped: running")]
    [InlineData("Delete", "Paused", "cannot delete container c1 that is not stopped: paused")]
    [InlineData("Pause", "Stopped", "container not running")]
    [InlineData("Pause", "Paused", "container not running")]
    [InlineData("Resume", "Running", "container not paused")]
    [InlineData("Exec", "Stopped", "cannot exec in a stopped container")]
    [InlineData("Exec", "Paused", "cannot exec in a paused container (use --ignore-paused to override)")]
    public void RefusedWithRuncsWords(string operationName, string statusName, string message)
    {
        var operation = Enum.Parse<ContainerOperation>(operationName);
        var status = Enum.Parse<ContainerStatus>(statusName);
        var e = Assert.Throws<InvalidContainerStateException>(() => Transitions.Check("c1", status, operation));
        Assert.Equal(message, e.Message);
        Assert.Equal(status, e.Status);
        Assert.Equal(operation, e.Operation);
    }
}
