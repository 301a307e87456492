namespace OciRuntime.Containers;

/// <summary>A container operation failed; the message is one line in runc's words, the inner exception the cause.</summary>
internal class ContainerException : Exception
{
    public ContainerException(string message) : base(message) { }
    public ContainerException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>runc's ErrNotExist. containerd and podman match on the text "container does not exist".</summary>
internal sealed class ContainerNotFoundException(string id) : ContainerException("container does not exist")
{
    public string Id { get; } = id;
}

/// <summary>runc's ErrExist: a create with an id that is already taken.</summary>
internal sealed class ContainerExistsException(string id) : ContainerException("container with given ID already exists")
{
    public string Id { get; } = id;
}
