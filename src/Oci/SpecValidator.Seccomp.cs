namespace OciRuntime.Oci;

public static partial class SpecValidator
{
    private const string ActNotify = "SCMP_ACT_NOTIFY";

    private static void CheckSeccomp(Findings findings, LinuxSeccomp seccomp, string path)
    {
        CheckAction(findings, seccomp.DefaultAction, seccomp.DefaultErrnoRet, $"{path}.defaultAction", $"{path}.defaultErrnoRet");
        // runc: a notify default would hand every syscall, including its own, to the agent.
        if (seccomp.DefaultAction == ActNotify)
            findings.Error($"{path}.defaultAction", "SCMP_ACT_NOTIFY cannot be the default action");

        for (int i = 0; i < (seccomp.Architectures?.Count ?? 0); i++)
        {
            if (!KnownNames.SeccompArchitectureSet.Contains(seccomp.Architectures![i] ?? ""))
                findings.Error($"{path}.architectures[{i}]", $"unknown architecture {Quote(seccomp.Architectures[i])}");
        }
        for (int i = 0; i < (seccomp.Flags?.Count ?? 0); i++)
        {
            if (!KnownNames.SeccompFlagSet.Contains(seccomp.Flags![i] ?? ""))
                findings.Error($"{path}.flags[{i}]", $"unknown seccomp flag {Quote(seccomp.Flags[i])}");
        }

        bool notify = false;
        for (int i = 0; i < (seccomp.Syscalls?.Count ?? 0); i++)
            notify |= CheckSyscall(findings, seccomp.Syscalls![i], $"{path}.syscalls[{i}]");

        // config-linux.md: listenerMetadata MUST NOT be set without listenerPath. runc also refuses
        // SCMP_ACT_NOTIFY without a listener, since nobody would answer the notifications.
        if (!string.IsNullOrEmpty(seccomp.ListenerMetadata) && string.IsNullOrEmpty(seccomp.ListenerPath))
            findings.Error($"{path}.listenerMetadata", "must not be set without listenerPath");
        if (notify && string.IsNullOrEmpty(seccomp.ListenerPath))
            findings.Error($"{path}.listenerPath", "required when SCMP_ACT_NOTIFY is used");
    }

    /// <summary>Returns whether the rule uses SCMP_ACT_NOTIFY.</summary>
    private static bool CheckSyscall(Findings findings, LinuxSyscall syscall, string path)
    {
        // config-linux.md: names MUST contain at least one entry.
        if (syscall.Names.Count == 0)
            findings.Error($"{path}.names", "must contain at least one syscall name");
        for (int j = 0; j < syscall.Names.Count; j++)
        {
            if (string.IsNullOrEmpty(syscall.Names[j]))
                findings.Error($"{path}.names[{j}]", "must not be empty");
        }

        CheckAction(findings, syscall.Action, syscall.ErrnoRet, $"{path}.action", $"{path}.errnoRet");
        // runc: the runtime itself writes to the agent's socket, so write(2) cannot wait on the agent.
        if (syscall.Action == ActNotify && syscall.Names.Contains("write"))
            findings.Error($"{path}.action", "SCMP_ACT_NOTIFY cannot be used for the write syscall");

        for (int j = 0; j < (syscall.Args?.Count ?? 0); j++)
        {
            LinuxSeccompArg arg = syscall.Args![j];
            if (arg.Index > 5)
                findings.Error($"{path}.args[{j}].index", $"must be between 0 and 5 (syscalls take six arguments), got {arg.Index}");
            if (!KnownNames.SeccompOperatorSet.Contains(arg.Op))
                findings.Error($"{path}.args[{j}].op", $"unknown operator {Quote(arg.Op)}");
        }
        return syscall.Action == ActNotify;
    }

    // config-linux.md: an errno return with an action that takes none MUST be an error.
    private static void CheckAction(Findings findings, string action, uint? errnoRet, string actionPath, string errnoPath)
    {
        if (string.IsNullOrEmpty(action))
            findings.Error(actionPath, "required");
        else if (!KnownNames.SeccompActionSet.Contains(action))
            findings.Error(actionPath, $"unknown action {Quote(action)}");
        else if (errnoRet is not null && action is not ("SCMP_ACT_ERRNO" or "SCMP_ACT_TRACE"))
            findings.Error(errnoPath, $"not allowed with {action} (only SCMP_ACT_ERRNO and SCMP_ACT_TRACE return an errno)");
    }
}
