using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 hugetlb controller (runc libcontainer/cgroups/fs/hugetlb.go; kernel cgroup-v1/hugetlb.rst):
/// hugetlb.&lt;size&gt;.limit_in_bytes, then the reservation limit (rsvd, kernel 5.7+) to the same value so pages
/// reserved at mmap time are bounded too; a kernel without the rsvd file skips it.</summary>
internal static class HugetlbV1
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r)
    {
        var writes = new List<CgroupWrite>();
        foreach (var h in r.HugepageLimits ?? [])
        {
            string size = HugePageSize.Check(h.PageSize);
            string value = CgroupFormat.UInt(h.Limit);
            writes.Add(new("hugetlb", $"hugetlb.{size}.limit_in_bytes", value));
            writes.Add(new("hugetlb", $"hugetlb.{size}.rsvd.limit_in_bytes", value, CgroupWriteFlags.IgnoreMissing));
        }
        return writes;
    }
}
