using System.Diagnostics;

namespace OciConformance;

/// <summary>Runs this same program again under `unshare --mount --propagation private`, passing the exit code on.</summary>
public static class PrivateMountNamespace
{
    public static async Task<int> ReexecAsync(string[] args)
    {
        var info = new ProcessStartInfo("unshare") { UseShellExecute = false };
        foreach (var a in (string[])["--mount", "--propagation", "private", "--", .. SelfCommand(), .. args])
            info.ArgumentList.Add(a);
        info.Environment["OCI_CONFORMANCE_PRIVATE_MNT"] = "1";
        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start unshare");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>The apphost, or `dotnet path/oci-conformance.dll` when started through the muxer.</summary>
    private static string[] SelfCommand()
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        return Path.GetFileNameWithoutExtension(exe) == "dotnet"
            ? [exe, typeof(PrivateMountNamespace).Assembly.Location]
            : [exe];
    }
}
