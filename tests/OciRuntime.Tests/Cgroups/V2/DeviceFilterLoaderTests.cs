using System.Diagnostics;
using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V2;

namespace OciRuntime.Tests.Cgroups.V2;

/// <summary>The device program for real: attached to a cgroup v2 directory this test creates (and removes), with a
/// shell moved into it that opens a denied and an allowed device. Needs root and a cgroup2 mount (here the hybrid
/// /sys/fs/cgroup/unified; BPF device programs attach to any cgroup2 directory, whatever the controllers).</summary>
public sealed class DeviceFilterLoaderTests
{
    private static readonly DeviceRule DenyAll = new(false, "a", null, null, "rwm");

    [Fact]
    public void ADeniedDeviceCannotBeOpenedAndAnAllowedOneCan()
    {
        string? mount = Cgroup2Mount();
        if (Environment.UserName != "root" || mount is null)
        {
            // Without root (or without cgroup2) the kernel refuses the program: the loader must say so, not pass.
            string dir = Directory.CreateTempSubdirectory("ocirt-bpf-").FullName;
            try
            {
                Assert.ThrowsAny<IOException>(() => DeviceFilterLoader.Apply(dir, [DenyAll]));
            }
            finally
            {
                Directory.Delete(dir);
            }
            return;
        }

        string cgroup = Path.Combine(mount, $"ocirt-test-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(cgroup);
        try
        {
            // /dev/zero (1:5) readable, /dev/null (1:3) not.
            DeviceFilterLoader.Apply(cgroup, [DenyAll, new(true, "c", 1, 5, "r")]);
            Assert.Single(DeviceFilterLoader.Attached(cgroup));
            string output = RunInside(cgroup);
            Assert.Contains("null=1", output);
            Assert.Contains("Operation not permitted", output);
            Assert.Contains("zero=1", output);

            // update: the new program replaces the old one, which is detached; /dev/null opens now.
            DeviceFilterLoader.Apply(cgroup, [DenyAll, new(true, "c", 1, 5, "r"), new(true, "c", 1, 3, "r")]);
            Assert.Single(DeviceFilterLoader.Attached(cgroup));
            output = RunInside(cgroup);
            Assert.Contains("null=0", output);
            Assert.Contains("zero=1", output);
        }
        finally
        {
            // The shell has exited, so the cgroup is empty; removing it also drops its programs.
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    Directory.Delete(cgroup);
                    break;
                }
                catch (IOException) when (attempt < 50)
                {
                    Thread.Sleep(20); // the kernel may still count the exited shell for a moment (EBUSY)
                }
            }
        }
    }

    [Fact]
    public void AProgramTheVerifierRefusesFailsWithTheVerifiersReason()
    {
        // "exit" without setting r0: the verifier refuses it (R0 !read_ok) — the message must carry the log.
        ulong[] program = [BpfInstruction.Exit().Encode()];
        var error = Assert.ThrowsAny<IOException>(() => DeviceFilterLoader.Load(program).Dispose());
        if (Environment.UserName == "root" && Cgroup2Mount() is not null)
            Assert.Contains("verifier: ", error.Message);
    }

    /// <summary>A shell that moves itself into the cgroup, then opens /dev/null for reading and /dev/zero. Its output
    /// goes to a pipe, so nothing else it does needs a device.</summary>
    private static string RunInside(string cgroup)
    {
        string script = $"echo $$ > {cgroup}/cgroup.procs || exit 99; cat /dev/null 2>&1; echo null=$?; printf 'zero=%s\\n' $(head -c 1 /dev/zero | wc -c)";
        var start = new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "the shell did not exit");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output}");
        return output;
    }

    /// <summary>The first cgroup2 mount point in mountinfo (field 5; the filesystem type follows the " - ").</summary>
    private static string? Cgroup2Mount()
    {
        foreach (string line in File.ReadLines("/proc/self/mountinfo"))
        {
            string[] halves = line.Split(" - ", 2);
            if (halves.Length == 2 && halves[1].StartsWith("cgroup2 ", StringComparison.Ordinal))
                return halves[0].Split(' ')[4];
        }
        return null;
    }
}
