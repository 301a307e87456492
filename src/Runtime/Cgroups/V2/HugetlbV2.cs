using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V2;

/// <summary>The v2 hugetlb controller (runc libcontainer/cgroups/fs2/hugetlb.go; kernel cgroup-v2.rst "HugeTLB"):
/// hugetlb.&lt;size&gt;.max, then hugetlb.&lt;size&gt;.rsvd.max to the same value (skipped before kernel 5.7).</summary>
internal static class HugetlbV2
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r)
    {
        var writes = new List<CgroupWrite>();
        foreach (var h in r.HugepageLimits ?? [])
        {
            string size = HugePageSize.Check(h.PageSize);
            string value = CgroupFormat.UInt(h.Limit);
            writes.Add(new("", $"hugetlb.{size}.max", value));
            writes.Add(new("", $"hugetlb.{size}.rsvd.max", value, CgroupWriteFlags.IgnoreMissing));
        }
        return writes;
    }
}
