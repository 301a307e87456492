namespace OciRuntime.Oci.Tests;

public class SpecValidatorTests
{
    public static TheoryData<string> Rules => [.. SpecValidatorCases.All.Keys];

    public static TheoryData<string> EngineConfigs => [.. TestFiles.FixtureNames("*-create-config*.json"), "full-config.json"];

    public static TheoryData<string> EngineProcesses => [.. TestFiles.FixtureNames("*-exec-process*.json")];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_reports_the_field_it_checks(string rule)
    {
        (Action<Spec> breakIt, string expected) = SpecValidatorCases.All[rule];
        Spec spec = DefaultSpec.Create();
        breakIt(spec);

        IReadOnlyList<string> errors = SpecValidator.Validate(spec);

        Assert.Equal([expected], errors);
    }

    [Theory]
    [MemberData(nameof(EngineConfigs))]
    public void Engine_configs_are_valid(string name)
    {
        Spec spec = OciJson.LoadSpec(TestFiles.Fixture(name));

        Assert.Empty(SpecValidator.Validate(spec, out IReadOnlyList<string> warnings));
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(EngineProcesses))]
    public void Engine_exec_processes_are_valid(string name)
    {
        Assert.Empty(SpecValidator.ValidateProcess(OciJson.Load<Process>(TestFiles.Fixture(name)), path: ""));
    }

    [Fact]
    public void Process_document_errors_have_no_prefix()
    {
        Assert.Equal(["args: args must not be empty", "cwd: required"], SpecValidator.ValidateProcess(new Process(), path: ""));
    }

    [Fact]
    public void Resources_document_is_checked_under_the_given_path()
    {
        var resources = new LinuxResources { Memory = new LinuxMemory { Limit = -3 } };

        Assert.Equal(["memory.limit: must be -1 (unlimited) or a byte count, got -3"], SpecValidator.ValidateResources(resources, path: ""));
        Assert.Equal(["linux.resources.memory.limit: must be -1 (unlimited) or a byte count, got -3"], SpecValidator.ValidateResources(resources));
    }

    [Fact]
    public void Unknown_capability_is_a_warning_not_an_error()
    {
        // config.md: a capability that cannot be mapped "MUST be logged as a warning"; runtimes SHOULD NOT fail.
        var spec = DefaultSpec.Create();
        spec.Process!.Capabilities!.Bounding!.Add("CAP_FOO");
        spec.Process.Capabilities.Ambient = ["kill"];

        Assert.Empty(SpecValidator.Validate(spec, out IReadOnlyList<string> warnings));
        Assert.Equal(["process.capabilities.bounding[3]: unknown capability \"CAP_FOO\", ignored",
                      "process.capabilities.ambient[0]: unknown capability \"kill\", ignored"], warnings);
    }

    [Fact]
    public void Relative_mount_destination_is_a_warning_not_an_error()
    {
        Spec spec = DefaultSpec.Create();
        spec.Mounts![4].Destination = "dev/mqueue";

        Assert.Empty(SpecValidator.Validate(spec, out IReadOnlyList<string> warnings));
        Assert.Equal(["mounts[4].destination: relative path \"dev/mqueue\" is deprecated; taken as relative to \"/\""], warnings);
    }

    [Fact]
    public void All_errors_are_reported_and_thrown_on_one_line()
    {
        Spec spec = DefaultSpec.Create();
        spec.Process!.Cwd = "tmp";
        spec.Linux!.Namespaces![2].Type = "foo";

        var error = Assert.Throws<InvalidSpecException>(() => SpecValidator.ValidateOrThrow(spec));

        Assert.Equal("process.cwd: Cwd must be an absolute path, got \"tmp\"; linux.namespaces[2].type: unknown namespace \"foo\"", error.Message);
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void Valid_spec_does_not_throw()
    {
        SpecValidator.ValidateOrThrow(DefaultSpec.Create());
    }

    public static TheoryData<string> AcceptedVariants => [.. Accepted.Keys];

    [Theory]
    [MemberData(nameof(AcceptedVariants))]
    public void Valid_variants_are_accepted(string variant)
    {
        Spec spec = DefaultSpec.Create();
        Accepted[variant](spec);

        Assert.Empty(SpecValidator.Validate(spec));
    }

    // Edges that a too-strict rule would reject, all of which runc accepts.
    private static readonly Dictionary<string, Action<Spec>> Accepted = new()
    {
        ["no process (create without start)"] = s => s.Process = null,
        ["no linux section"] = s => { s.Linux = null; s.Hostname = null; },
        ["prerelease and build semver"] = s => s.OciVersion = "1.0.2-dev+abc.1",
        ["fifo device without numbers"] = s => s.Linux!.Devices = [new LinuxDevice { Path = "/run/fifo", Type = "p" }],
        ["kernel.domainname with uts"] = s => s.Linux!.Sysctl = new() { ["kernel.domainname"] = "d" },
        ["net sysctl with joined netns"] = s => { s.Linux!.Namespaces![1].Path = "/var/run/netns/a"; s.Linux.Sysctl = new() { ["net.core.somaxconn"] = "256" }; },
        ["ipc sysctls with ipcns"] = s => s.Linux!.Sysctl = new() { ["kernel.sem"] = "1 2 3 4", ["fs.mqueue.queues_max"] = "1" },
        ["joined userns without mappings"] = s => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "user", Path = "/proc/1/ns/user" }),
        ["relative cgroupsPath"] = s => s.Linux!.CgroupsPath = "ocirt/c1",
        ["absolute cgroupsPath with colon"] = s => s.Linux!.CgroupsPath = "/kubepods/pod:1",
        ["systemd cgroupsPath with default slice"] = s => s.Linux!.CgroupsPath = ":ocirt:c1",
        ["recursive rootfs propagation"] = s => s.Linux!.RootfsPropagation = "rprivate",
        ["unlimited memory and swappiness unset"] = s => s.Linux!.Resources!.Memory = new LinuxMemory { Limit = -1, Swap = -1, Swappiness = ulong.MaxValue },
        ["cpu list with spaces"] = s => s.Linux!.Resources!.Cpu = new LinuxCpu { Cpus = "0-1, 3", Quota = -1, Burst = 5 },
        ["preferred memory policy without nodes"] = s => s.Linux!.MemoryPolicy = new LinuxMemoryPolicy { Mode = "MPOL_PREFERRED" },
        ["scheduler fifo"] = s => s.Process!.Scheduler = new Scheduler { Policy = "SCHED_FIFO", Priority = 99 },
        ["deadline with zero period"] = s => s.Process!.Scheduler = new Scheduler { Policy = "SCHED_DEADLINE", Runtime = 5, Deadline = 10 },
        ["notify with listener"] = s => s.Linux!.Seccomp = new LinuxSeccomp { DefaultAction = "SCMP_ACT_ERRNO", DefaultErrnoRet = 38, ListenerPath = "/a.sock", Syscalls = [new() { Names = ["mknod"], Action = "SCMP_ACT_NOTIFY" }] },
        ["hook timeout positive"] = s => s.Hooks = new Hooks { Poststart = [new Hook { Path = "/bin/true", Timeout = 1 }] },
    };
}
