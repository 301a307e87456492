using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>
/// <c>process.apparmorProfile</c> and <c>process.selinuxLabel</c>. ocirt applies neither yet, and a security label
/// silently dropped would leave the container less confined than its owner asked for, so a spec that sets one is
/// refused, naming the field. The message says whether the host could enforce it at all.
/// <para>Call it at create and exec time in the parent (the host's /sys is visible there), as well as in the init.</para>
/// </summary>
internal static class SecurityModules
{
    /// <summary>Throws <see cref="ProcessAttributeException"/> when the process asks for an LSM label.
    /// <paramref name="path"/> is the JSON path of the process object ("process" in config.json; "" for the
    /// document of <c>exec --process</c>); <paramref name="sysRoot"/> is a parameter for tests.</summary>
    public static void EnsureSupported(Process process, string path = "process", string sysRoot = "/sys")
    {
        string prefix = path.Length == 0 ? "" : path + ".";
        if (!string.IsNullOrEmpty(process.ApparmorProfile))
        {
            throw new ProcessAttributeException(AppArmorEnabled(sysRoot)
                ? $"{prefix}apparmorProfile: AppArmor profiles are not supported yet"
                : $"{prefix}apparmorProfile: AppArmor is not enabled on this host");
        }
        if (!string.IsNullOrEmpty(process.SelinuxLabel))
        {
            throw new ProcessAttributeException(SelinuxEnabled(sysRoot)
                ? $"{prefix}selinuxLabel: SELinux labels are not supported yet"
                : $"{prefix}selinuxLabel: SELinux is not enabled on this host");
        }
    }

    /// <summary>The AppArmor module says "Y" in /sys/module/apparmor/parameters/enabled when it is active (the test
    /// runc's apparmor.IsEnabled makes).</summary>
    public static bool AppArmorEnabled(string sysRoot = "/sys")
    {
        try
        {
            return File.ReadAllText($"{sysRoot}/module/apparmor/parameters/enabled").StartsWith('Y');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>selinuxfs mounted at /sys/fs/selinux (its "enforce" file exists whether enforcing or permissive).</summary>
    public static bool SelinuxEnabled(string sysRoot = "/sys") => File.Exists($"{sysRoot}/fs/selinux/enforce");
}
