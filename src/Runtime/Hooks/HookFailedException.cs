namespace OciRuntime.Hooks;

/// <summary>A lifecycle hook failed to start, exited non-zero, was killed, or ran past its timeout. Callers branch on
/// it: prestart, createRuntime, createContainer and startContainer failures abort the operation; poststart and
/// poststop failures are only logged (runtime-spec config.md, "POSIX-platform Hooks").
/// The message is runc's (libcontainer/configs/config.go, Hooks.Run):
/// "error running createRuntime hook #1: exit status 1, stdout: ..., stderr: ...".</summary>
internal sealed class HookFailedException(string phase, int index, string reason)
    : Exception($"error running {phase} hook #{index}: {reason}")
{
    /// <summary>The hook kind as the spec names it ("createRuntime").</summary>
    public string Phase { get; } = phase;

    /// <summary>The hook's position in its list, from 0.</summary>
    public int Index { get; } = index;

    /// <summary>What went wrong, without the "error running ... hook #N: " prefix.</summary>
    public string Reason { get; } = reason;
}
