namespace OciRuntime.Cgroups;

/// <summary>The few write errors runc tolerates, carried in the plan so the apply loop stays a loop.</summary>
[Flags]
internal enum CgroupWriteFlags
{
    None = 0,

    /// <summary>The file may not exist on this kernel (cpu.cfs_burst_us before 5.14, memsw without swap
    /// accounting, hugetlb rsvd files before 5.7): ENOENT skips the write, as runc does.</summary>
    IgnoreMissing = 1,

    /// <summary>The kernel may refuse this value (EINVAL) until a later write in the plan lands; the plan writes it
    /// again after that one (cpu period and burst around the quota, rt period around the runtime), as runc does.</summary>
    RetriedLater = 2,
}
