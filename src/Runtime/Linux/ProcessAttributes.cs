using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>
/// The attributes of the container process that the init (or the exec'd process's init) gives itself just before
/// execve, in runc's order. runc splits them between the parent (rlimits at the "ready" sync, the I/O priority of an
/// exec'd process, oom_score_adj in nsexec's first stage) and the child (libcontainer/standard_init_linux.go and
/// setns_init_linux.go, then finalizeNamespace in init_linux.go). ocirt's init does them all itself, in the same
/// relative order; <see cref="ApplyFromParent"/> is the parent's share for what a child inside a new user namespace
/// may not do on its own.
/// <para>Everything here acts on the calling thread or on the whole process; call it on the thread that will call
/// execve (capset, keep-caps, no_new_privs, the bounding and ambient sets, personality, sched_setattr and ioprio_set
/// are per thread).</para>
/// </summary>
internal static class ProcessAttributes
{
    /// <summary>runc's default when process.user.umask is not set (libcontainer/rootfs_linux.go, finalizeRootfs).</summary>
    public const uint DefaultUmask = 0x12; // 0022

    /// <summary>
    /// Applies <paramref name="process"/> to the calling process, in this order:
    /// LSM labels refused; rlimits; oom_score_adj; umask; no_new_privs; scheduler; I/O priority;
    /// [seccomp without no_new_privs, when it exists]; cwd; bounding set; keep-caps, user and groups, keep-caps off;
    /// capabilities (effective, permitted, inheritable, ambient); parent-death signal restored; personality.
    /// <paramref name="personality"/> is the container's <c>linux.personality</c> (an exec'd process gets the
    /// container's, as in runc). With <paramref name="isExec"/> the umask is only changed when the process sets one
    /// (runc's setns init); the container's init gets 0022 by default, as runc's does.
    /// </summary>
    public static void ApplyBeforeExec(Process process, LinuxPersonality? personality, bool isExec)
    {
        // Refuse what cannot be honoured before changing anything.
        SecurityModules.EnsureSupported(process);
        // cap_last_cap is read while /proc is certainly there and the names are checked up front, as runc does when
        // it builds its capability list.
        int lastCap = Capabilities.LastCap();
        CapabilitySets capabilities = Capabilities.Compute(process.Capabilities, lastCap);
        if (capabilities.Ignored.Count > 0)
            Log.Warn($"ignoring unknown or unavailable capabilities: [{string.Join(' ', capabilities.Ignored)}]");

        // Limits, score and priorities first, while the process is still root in its namespace: raising them needs
        // privileges the user switch below gives up (setrlimit(2), proc(5) oom_score_adj, ioprio_set(2)).
        Rlimits.Apply(0, process.Rlimits);
        if (process.OomScoreAdj is int score)
            OomScore.Apply(score);
        if (process.User.Umask is uint umask)
            Libc.Umask(umask);
        else if (!isExec)
            Libc.Umask(DefaultUmask);
        // no_new_privs before the scheduler and the user switch, as runc: nothing below needs to gain privileges.
        if (process.NoNewPrivileges)
            Libc.SetNoNewPrivs();
        if (process.Scheduler is not null)
            ProcessScheduler.Apply(process.Scheduler);
        if (process.IOPriority is not null)
            IoPriority.Apply(process.IOPriority);

        // SECCOMP (not implemented yet; configs with linux.seccomp are refused earlier). Without no_new_privs,
        // installing a filter needs CAP_SYS_ADMIN (seccomp(2)), so runc loads it HERE, before the capabilities are
        // dropped. With no_new_privs it loads it as late as possible instead, after the executable has been looked
        // up and just before execve, so that as few syscalls as possible run under the filter: that is after this
        // method returns, in the caller.

        SwitchUser(process, capabilities, lastCap);

        // Last, as in runc: the persona only matters to the new program (uname(2) for PER_LINUX32).
        if (personality is not null)
            Personality.Apply(personality);
    }

    /// <summary>
    /// The parent's share, on the host side, for a child whose init runs in a new user namespace and so lacks
    /// CAP_SYS_RESOURCE/CAP_SYS_ADMIN in the initial one: raising hard rlimits, lowering oom_score_adj below the
    /// inherited floor, IOPRIO_CLASS_RT. runc does exactly these from outside (rlimits with prlimit on the child at
    /// "ready", oom_score_adj before cloning, the I/O priority of exec before starting). <paramref name="pid"/> is the
    /// child's pid (its main thread, the one that will execve). The init's own pass then finds the values in place
    /// and skips them. Safe to call without a user namespace too.
    /// <para>Call it as late as possible before the init's <see cref="ApplyBeforeExec"/> (a sync round trip): limits
    /// such as RLIMIT_AS or RLIMIT_NPROC applied before the .NET runtime has started could keep it from starting.</para>
    /// </summary>
    public static void ApplyFromParent(int pid, Process process)
    {
        Rlimits.Apply(pid, process.Rlimits);
        if (process.OomScoreAdj is int score)
            OomScore.Apply(score, pid);
        if (process.IOPriority is not null)
            IoPriority.Apply(process.IOPriority, pid);
    }

    // runc's finalizeNamespace: cwd, bounding set, keep-caps, user, keep-caps off, capabilities.
    private static void SwitchUser(Process process, CapabilitySets capabilities, int lastCap)
    {
        // cwd first, as root: the container's root may reach a directory its user cannot. If root is refused (a
        // root-squashed or user-owned 0700 volume), try again as the user.
        bool chdirAsUser = !string.IsNullOrEmpty(process.Cwd) && !TryChdirAsRoot(process.Cwd);

        Step("unable to apply bounding set", () => Capabilities.ApplyBoundingSet(capabilities, lastCap));
        // setresuid clears the parent-death signal (prctl(2)); keep it for the new program.
        int pdeathSignal = Libc.GetPdeathSig();
        Step("unable to set keep caps", () => Libc.SetKeepCaps(true));
        Step("unable to setup user", () => ProcessIdentity.Switch(process.User));
        if (chdirAsUser)
            Chdir(process.Cwd);
        Step("unable to clear keep caps", () => Libc.SetKeepCaps(false));
        Step("unable to apply caps", () => Capabilities.ApplyCaps(capabilities));
        if (pdeathSignal != 0)
            Step("can't restore pdeath signal", () => Libc.SetPdeathSig(pdeathSignal));
    }

    private static bool TryChdirAsRoot(string cwd)
    {
        try
        {
            Libc.ChangeDirectory(cwd);
            return true;
        }
        catch (SyscallException e) when (e.Errno is Errno.EACCES or Errno.EPERM)
        {
            return false;
        }
        catch (SyscallException e)
        {
            throw ChdirFailed(cwd, e);
        }
    }

    private static void Chdir(string cwd)
    {
        try
        {
            Libc.ChangeDirectory(cwd);
        }
        catch (SyscallException e)
        {
            throw ChdirFailed(cwd, e);
        }
    }

    private static ProcessAttributeException ChdirFailed(string cwd, SyscallException e) =>
        new($"chdir to cwd (\"{cwd}\") set in config.json failed", e);

    private static void Step(string doing, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is SyscallException or ProcessAttributeException)
        {
            throw new ProcessAttributeException(doing, e);
        }
    }
}
