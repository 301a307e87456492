namespace OciRuntime.Containers;

/// <summary>runc's rule for container ids: letters, digits, '_', '+', '-' and '.', but not "." or "..". The id
/// becomes a directory name under --root, so this check runs before any path is built from it.</summary>
internal static class ContainerId
{
    public static void Validate(string id)
    {
        if (id.Length == 0)
            throw new ContainerException("container id cannot be empty");
        if (!IsValid(id))
            throw new ContainerException("invalid container ID format");
    }

    public static bool IsValid(string id)
    {
        if (id.Length == 0 || id == "." || id == "..")
            return false;
        foreach (char c in id)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '+' or '-' or '.';
            if (!ok)
                return false;
        }
        return true;
    }
}
