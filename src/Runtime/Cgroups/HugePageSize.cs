namespace OciRuntime.Cgroups;

/// <summary>The page size a hugetlb file name carries: "&lt;number&gt;&lt;K|M|G&gt;B" ("2MB", "1GB", "64KB"), the
/// kernel's spelling (mm/hugetlb_cgroup.c mem_fmt). Checked because it becomes part of a path.</summary>
internal static class HugePageSize
{
    public static string Check(string pageSize)
    {
        bool ok = pageSize.Length >= 3 && pageSize[^1] == 'B' && pageSize[^2] is 'K' or 'M' or 'G' &&
                  pageSize[..^2].All(char.IsAsciiDigit) && pageSize[0] != '0';
        if (!ok)
            throw CgroupException.Field("hugepageLimits", $"invalid hugepage size {pageSize} (want a size such as 2MB or 1GB)");
        return pageSize;
    }
}
