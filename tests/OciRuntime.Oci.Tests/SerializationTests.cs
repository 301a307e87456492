using System.Text;

namespace OciRuntime.Oci.Tests;

/// <summary>Output must be what Go's encoding/json writes for the same specs-go value.</summary>
public class SerializationTests
{
    [Fact]
    public void Strings_are_escaped_as_go_escapes_them()
    {
        var spec = new Spec { Hostname = "a<b>&c\n\r\t\b\f\u001b\u007f\u2028\u2029é😀\"\\/'+`" };

        Assert.Equal(
            """{"ociVersion":"","hostname":"a\u003cb\u003e\u0026c\n\r\t\b\f\u001b""" + "\u007f" + """\u2028\u2029é😀\"\\/'+`"}""",
            OciJson.SerializeCompact(spec));
    }

    [Fact]
    public void Map_keys_are_written_sorted()
    {
        var spec = new Spec
        {
            Annotations = new() { ["z"] = "1", ["B"] = "2", ["a"] = "3", ["a.b"] = "4" },
            Linux = new Linux
            {
                TimeOffsets = new() { ["monotonic"] = new() { Secs = 1 }, ["boottime"] = new() { Secs = 2 } },
                Resources = new LinuxResources { Unified = new() { ["pids.max"] = "1", ["memory.max"] = "2" } },
            },
        };

        Assert.Equal(
            """{"ociVersion":"","annotations":{"B":"2","a":"3","a.b":"4","z":"1"},"linux":{"resources":{"unified":{"memory.max":"2","pids.max":"1"}},"timeOffsets":{"boottime":{"secs":2},"monotonic":{"secs":1}}}}""",
            OciJson.SerializeCompact(spec));
        Assert.Equal("z", spec.Annotations.Keys.First()); // the caller's map is not reordered
    }

    [Fact]
    public void Omitempty_fields_are_dropped_when_empty()
    {
        var spec = new Spec
        {
            Hostname = "",
            Mounts = [],
            Annotations = [],
            Process = new Process { Terminal = false, Args = [], Env = [], Cwd = "/", Capabilities = new LinuxCapabilities { Bounding = [] } },
            Root = new Root { Path = "rootfs", Readonly = false },
            Linux = new Linux { Namespaces = [], Sysctl = [], CgroupsPath = "" },
        };

        Assert.Equal(
            """{"ociVersion":"","process":{"user":{"uid":0,"gid":0},"cwd":"/","capabilities":{}},"root":{"path":"rootfs"},"linux":{}}""",
            OciJson.SerializeCompact(spec));
    }

    [Fact]
    public void Fields_without_omitempty_are_always_written()
    {
        Assert.Equal("""{"ociVersion":""}""", OciJson.SerializeCompact(new Spec()));
        Assert.Equal("""{"user":{"uid":0,"gid":0},"cwd":""}""", OciJson.SerializeCompact(new Process()));
        Assert.Equal("""{"devices":[{"allow":false}]}""", OciJson.SerializeCompact(new LinuxResources { Devices = [new()] }));
        Assert.Equal("""{"user":{"uid":0,"gid":0},"cwd":"","rlimits":[{"type":"","hard":0,"soft":0}]}""",
            OciJson.SerializeCompact(new Process { Rlimits = [new()] }));
        Assert.Equal("""{"pids":{}}""", OciJson.SerializeCompact(new LinuxResources { Pids = new() }));
        Assert.Equal(
            """{"ociVersion":"","linux":{"namespaces":[{"type":"pid"}],"seccomp":{"defaultAction":"","syscalls":[{"names":[],"action":""}]},"memoryPolicy":{"mode":"","nodes":""}}}""",
            OciJson.SerializeCompact(new Spec
            {
                Linux = new Linux
                {
                    Namespaces = [new() { Type = "pid" }],
                    Seccomp = new LinuxSeccomp { Syscalls = [new()] },
                    MemoryPolicy = new LinuxMemoryPolicy(),
                },
            }));
    }

    [Fact]
    public void Pointer_fields_keep_false_and_zero()
    {
        var resources = new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 0, DisableOomKiller = false, Swappiness = 0 },
            Cpu = new LinuxCpu { Idle = 0, Shares = 0 },
        };

        Assert.Equal(
            """{"memory":{"limit":0,"swappiness":0,"disableOOMKiller":false},"cpu":{"shares":0,"idle":0}}""",
            OciJson.SerializeCompact(resources));
    }

    [Fact]
    public void Indented_output_is_marshal_indent_with_tabs_and_no_trailing_newline()
    {
        var spec = new Spec { OciVersion = "1.3.0", Process = new Process { Args = ["sh"], Cwd = "/" } };

        Assert.Equal(
            "{\n\t\"ociVersion\": \"1.3.0\",\n\t\"process\": {\n\t\t\"user\": {\n\t\t\t\"uid\": 0,\n\t\t\t\"gid\": 0\n\t\t},\n\t\t\"args\": [\n\t\t\t\"sh\"\n\t\t],\n\t\t\"cwd\": \"/\"\n\t}\n}",
            OciJson.Serialize(spec));
        Assert.Equal(Encoding.UTF8.GetBytes(OciJson.Serialize(spec)), OciJson.SerializeToUtf8Bytes(spec));
    }

    [Fact]
    public void Custom_indentation_for_state_and_features()
    {
        var pids = new LinuxPids { Limit = 5 };

        Assert.Equal("{\n  \"limit\": 5\n}", OciJson.Serialize(pids, "  "));
        Assert.Equal("{\n    \"limit\": 5\n}", OciJson.Serialize(pids, "    "));
        Assert.Equal(OciJson.Serialize(pids), OciJson.Serialize(pids, "\t"));
        Assert.Throws<ArgumentException>(() => OciJson.Serialize(pids, " \t"));
        Assert.Throws<ArgumentException>(() => OciJson.Serialize(pids, ""));
    }

    [Fact]
    public void Stream_serialization_matches_string_serialization()
    {
        Spec spec = DefaultSpec.Create();
        using var stream = new MemoryStream();

        OciJson.Serialize(stream, spec, indented: false);

        Assert.Equal(OciJson.SerializeCompact(spec), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Container_state_uses_runc_field_order()
    {
        var state = new ContainerState
        {
            OciVersion = "1.3.0",
            Id = "c1",
            Pid = 0,
            Status = ContainerStatus.Stopped,
            Bundle = "/b",
            Rootfs = "/b/rootfs",
            Created = ContainerState.FormatCreated(1_700_000_000_123_456_789L),
            Annotations = new() { ["k"] = "v" },
        };

        Assert.Equal(
            """{"ociVersion":"1.3.0","id":"c1","pid":0,"status":"stopped","bundle":"/b","rootfs":"/b/rootfs","created":"2023-11-14T22:13:20.123456789Z","annotations":{"k":"v"},"owner":""}""",
            OciJson.SerializeCompact(state));
        Assert.Equal("""[{"ociVersion":"","id":"","pid":0,"status":"","bundle":"","rootfs":"","created":"","owner":""}]""",
            OciJson.SerializeCompact(new List<ContainerState> { new() }));
        Assert.Equal("[]", OciJson.SerializeCompact(new List<ContainerState>()));
        Assert.Equal("[42,43]", OciJson.SerializeCompact(new List<int> { 42, 43 }));
    }

    [Fact]
    public void Hook_state_omits_a_zero_pid()
    {
        var state = new State { OciVersion = "1.3.0", Id = "c1", Status = ContainerStatus.Creating, Bundle = "/b" };

        Assert.Equal("""{"ociVersion":"1.3.0","id":"c1","status":"creating","bundle":"/b"}""", OciJson.SerializeCompact(state));
        state.Pid = 7;
        Assert.Equal("""{"ociVersion":"1.3.0","id":"c1","status":"creating","pid":7,"bundle":"/b"}""", OciJson.SerializeCompact(state));
        Assert.Equal(
            """{"ociVersion":"1.3.0","fds":["seccompFd"],"pid":7,"metadata":"m","state":{"ociVersion":"1.3.0","id":"c1","status":"creating","pid":7,"bundle":"/b"}}""",
            OciJson.SerializeCompact(new ContainerProcessState { OciVersion = "1.3.0", Fds = ["seccompFd"], Pid = 7, Metadata = "m", State = state }));
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00Z")]
    [InlineData(1_500_000_000L, "1970-01-01T00:00:01.5Z")]
    [InlineData(1_700_000_000_000_000_010L, "2023-11-14T22:13:20.00000001Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999999999Z")]
    public void Created_is_rfc3339_nano(long unixNanoseconds, string expected)
    {
        Assert.Equal(expected, ContainerState.FormatCreated(unixNanoseconds));
    }

    [Fact]
    public void Created_from_datetime_keeps_its_100ns_precision()
    {
        var time = new DateTime(2026, 11, 24, 21, 23, 3, DateTimeKind.Utc).AddTicks(1_234_500);

        Assert.Equal("2026-11-24T21:23:03.12345Z", ContainerState.FormatCreated(time));
    }

    [Fact]
    public void Features_document_round_trips()
    {
        const string json = """{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","hooks":["prestart","poststop"],"mountOptions":["ro","rro"],"linux":{"namespaces":["pid","time"],"capabilities":["CAP_CHOWN"],"cgroup":{"v1":true,"v2":true,"systemd":true,"systemdUser":true,"rdma":true},"seccomp":{"enabled":true,"actions":["SCMP_ACT_ALLOW"],"operators":["SCMP_CMP_EQ"],"archs":["SCMP_ARCH_X86_64"],"knownFlags":["SECCOMP_FILTER_FLAG_LOG"],"supportedFlags":["SECCOMP_FILTER_FLAG_LOG"]},"apparmor":{"enabled":true},"selinux":{"enabled":false},"intelRdt":{"enabled":true,"schemata":true,"monitoring":true},"memoryPolicy":{"modes":["MPOL_BIND"],"flags":["MPOL_F_STATIC_NODES"]},"mountExtensions":{"idmap":{"enabled":true}},"netDevices":{"enabled":true}},"annotations":{"org.opencontainers.runc.version":"1.5.0"},"potentiallyUnsafeConfigAnnotations":["bundle","org.systemd.property."]}""";

        Assert.Equal(json, OciJson.SerializeCompact(OciJson.Parse<Features>(json, "features")));
    }
}
