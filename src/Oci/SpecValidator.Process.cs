namespace OciRuntime.Oci;

public static partial class SpecValidator
{
    private const uint InvalidId = uint.MaxValue; // (uid_t)-1: "no change" to setresuid(2), never a real id

    private static void CheckProcess(Findings findings, Process process, string path)
    {
        string p = path.Length == 0 ? "" : path + ".";

        // config.md: args has at least one entry (non-Windows); cwd is required and absolute.
        if (process.Args is null || process.Args.Count == 0)
            findings.Error($"{p}args", "args must not be empty");
        else if (string.IsNullOrEmpty(process.Args[0]))
            findings.Error($"{p}args[0]", "must not be empty");
        if (process.Cwd.Length > 0 && !process.Cwd.StartsWith('/'))
            findings.Error($"{p}cwd", $"Cwd must be an absolute path, got {Quote(process.Cwd)}");
        else
            CheckAbsolute(findings, $"{p}cwd", process.Cwd);

        CheckEnv(findings, process.Env, $"{p}env");
        CheckUser(findings, process.User, $"{p}user");
        CheckCapabilities(findings, process.Capabilities, $"{p}capabilities");
        CheckRlimits(findings, process.Rlimits, $"{p}rlimits");

        if (process.OomScoreAdj is < -1000 or > 1000)
            findings.Error($"{p}oomScoreAdj", $"must be between -1000 and 1000, got {process.OomScoreAdj}");
        if (process.Scheduler is not null)
            CheckScheduler(findings, process.Scheduler, $"{p}scheduler");
        if (process.IOPriority is not null)
            CheckIOPriority(findings, process.IOPriority, $"{p}ioPriority");
        if (process.ExecCpuAffinity is { } affinity)
        {
            CheckCpuList(findings, affinity.Initial, $"{p}execCPUAffinity.initial");
            CheckCpuList(findings, affinity.Final, $"{p}execCPUAffinity.final");
        }
    }

    // runc's prepareEnv rejects the same three things execve would silently mangle.
    private static void CheckEnv(Findings findings, List<string>? env, string path)
    {
        for (int i = 0; i < (env?.Count ?? 0); i++)
        {
            string entry = env![i] ?? "";
            int equals = entry.IndexOf('=');
            if (equals < 0)
                findings.Error($"{path}[{i}]", $"{Quote(entry)} is not KEY=value");
            else if (equals == 0)
                findings.Error($"{path}[{i}]", $"{Quote(entry)} has an empty name");
            else if (entry.Contains('\0'))
                findings.Error($"{path}[{i}]", "contains a NUL byte");
        }
    }

    private static void CheckUser(Findings findings, User user, string path)
    {
        if (user.Uid == InvalidId)
            findings.Error($"{path}.uid", $"{InvalidId} is not a valid user id");
        if (user.Gid == InvalidId)
            findings.Error($"{path}.gid", $"{InvalidId} is not a valid group id");
        for (int i = 0; i < (user.AdditionalGids?.Count ?? 0); i++)
        {
            if (user.AdditionalGids![i] == InvalidId)
                findings.Error($"{path}.additionalGids[{i}]", $"{InvalidId} is not a valid group id");
        }
        if (user.Umask is > 0x1FF)
            findings.Error($"{path}.umask", $"must be at most 0777 (511), got {user.Umask}");
    }

    private static void CheckCapabilities(Findings findings, LinuxCapabilities? capabilities, string path)
    {
        if (capabilities is null)
            return;

        CheckCapabilitySet(findings, capabilities.Bounding, $"{path}.bounding");
        CheckCapabilitySet(findings, capabilities.Effective, $"{path}.effective");
        CheckCapabilitySet(findings, capabilities.Inheritable, $"{path}.inheritable");
        CheckCapabilitySet(findings, capabilities.Permitted, $"{path}.permitted");
        CheckCapabilitySet(findings, capabilities.Ambient, $"{path}.ambient");
    }

    // config.md: a capability that cannot be mapped to a kernel interface "MUST be logged as a warning by the
    // runtime. Runtimes SHOULD NOT fail" (runc does the same). The runtime then leaves it out of every set.
    private static void CheckCapabilitySet(Findings findings, List<string>? set, string path)
    {
        for (int i = 0; i < (set?.Count ?? 0); i++)
        {
            if (!KnownNames.CapabilitySet.Contains(set![i] ?? ""))
                findings.Warn($"{path}[{i}]", $"unknown capability {Quote(set[i])}, ignored");
        }
    }

    // config.md: duplicated rlimit types MUST be an error; setrlimit(2) fails with soft > hard.
    private static void CheckRlimits(Findings findings, List<PosixRlimit>? rlimits, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (rlimits?.Count ?? 0); i++)
        {
            PosixRlimit rlimit = rlimits![i];
            if (!KnownNames.RlimitSet.Contains(rlimit.Type))
                findings.Error($"{path}[{i}].type", $"unknown rlimit {Quote(rlimit.Type)}");
            else if (!seen.Add(rlimit.Type))
                findings.Error($"{path}[{i}].type", $"duplicate rlimit {Quote(rlimit.Type)}");
            if (rlimit.Soft > rlimit.Hard)
                findings.Error($"{path}[{i}]", $"soft limit {rlimit.Soft} exceeds hard limit {rlimit.Hard}");
        }
    }

    // sched_setattr(2) rules, as runc's validator applies them.
    private static void CheckScheduler(Findings findings, Scheduler scheduler, string path)
    {
        string policy = scheduler.Policy;
        if (string.IsNullOrEmpty(policy))
            findings.Error($"{path}.policy", "required");
        else if (!KnownNames.SchedulerPolicySet.Contains(policy))
            findings.Error($"{path}.policy", $"unknown scheduling policy {Quote(policy)}");

        for (int i = 0; i < (scheduler.Flags?.Count ?? 0); i++)
        {
            if (!KnownNames.SchedulerFlagSet.Contains(scheduler.Flags![i] ?? ""))
                findings.Error($"{path}.flags[{i}]", $"unknown scheduling flag {Quote(scheduler.Flags[i])}");
        }

        bool realtime = policy is "SCHED_FIFO" or "SCHED_RR";
        if (policy is "SCHED_OTHER" or "SCHED_BATCH" && scheduler.Nice is < -20 or > 19)
            findings.Error($"{path}.nice", $"must be between -20 and 19, got {scheduler.Nice}");
        if (realtime && scheduler.Priority is < 1 or > 99)
            findings.Error($"{path}.priority", $"must be between 1 and 99 for {policy}, got {scheduler.Priority}");
        else if (!realtime && scheduler.Priority != 0)
            findings.Error($"{path}.priority", "only SCHED_FIFO and SCHED_RR take a priority");

        bool deadlineFields = scheduler.Runtime != 0 || scheduler.Deadline != 0 || scheduler.Period != 0;
        if (policy != "SCHED_DEADLINE" && deadlineFields)
            findings.Error(path, "runtime, deadline and period are only for SCHED_DEADLINE");
        if (policy == "SCHED_DEADLINE")
        {
            // The kernel requires runtime <= deadline <= period, a zero period meaning "= deadline".
            ulong period = scheduler.Period == 0 ? scheduler.Deadline : scheduler.Period;
            if (scheduler.Runtime > scheduler.Deadline || scheduler.Deadline > period)
                findings.Error(path, "SCHED_DEADLINE requires runtime <= deadline <= period");
        }
    }

    private static void CheckIOPriority(Findings findings, LinuxIOPriority priority, string path)
    {
        if (!KnownNames.IOPriorityClassSet.Contains(priority.Class))
            findings.Error($"{path}.class", $"unknown I/O priority class {Quote(priority.Class)}");
        if (priority.Priority is < 0 or > 7)
            findings.Error($"{path}.priority", $"must be between 0 and 7, got {priority.Priority}");
    }

    private static void CheckCpuList(Findings findings, string? list, string path)
    {
        if (!string.IsNullOrEmpty(list) && !IsIdList(list))
            findings.Error(path, $"{Quote(list)} is not a CPU list such as \"0-3,7\"");
    }
}
