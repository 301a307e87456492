namespace OciRuntime.Containers;

/// <summary>runc's two refusals around terminals (utils_linux.go), with its words: a detached container with a
/// terminal needs a console socket to hand the pty master to, and a console socket without a terminal (or without
/// detaching) has nothing to receive.</summary>
internal static class TerminalRules
{
    public static void Check(bool terminal, string? consoleSocket, bool detach)
    {
        if (terminal && detach && consoleSocket is null)
            throw new ContainerException("cannot allocate tty if runc will detach without setting console socket");
        if (consoleSocket is not null && (!terminal || !detach))
            throw new ContainerException("cannot use console socket if runc will not detach or allocate tty");
    }
}
