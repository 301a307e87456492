namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>
/// Command lines the callers send, after the runtime path. Recorded ones come from
/// reference/contract/ctr-argv.txt (containerd shim via go-runc) and podman-argv.txt (podman and conmon);
/// the others are built from go-runc, conmon and podman sources as quoted in anchors §1.4.
/// Each entry: argv, command, container id, and "flag=value" pairs to read back ("flag" alone for a set bool).
/// </summary>
internal static class CallerArgv
{
    private const string Ctr = "--root /run/containerd/runc/default --log /var/lib/engines/containerd/state/io.containerd.runtime.v2.task/default/d2/log.json --log-format json";
    private const string CtrBundle = "/var/lib/engines/containerd/state/io.containerd.runtime.v2.task/default/d2";
    private const string Podman = "--log-format=json --log /var/lib/engines/podman/runroot/overlay-containers/<ID>/userdata/oci-log";
    private const string PodmanExec = "--log-format=json --log /var/lib/engines/podman/root/overlay-containers/<ID>/userdata/<ID>/oci-log";

    public static readonly (string Argv, string Command, string Id, string Expect)[] Recorded =
    [
        ($"{Ctr} create --bundle {CtrBundle} --pid-file {CtrBundle}/init.pid d2", "create", "d2",
            $"bundle={CtrBundle};pid-file={CtrBundle}/init.pid"),
        ($"{Ctr} create --bundle {CtrBundle} --pid-file {CtrBundle}/init.pid --console-socket /tmp/pty1086483262/pty.sock d2", "create", "d2",
            $"bundle={CtrBundle};pid-file={CtrBundle}/init.pid;console-socket=/tmp/pty1086483262/pty.sock"),
        ($"{Ctr} start d2", "start", "d2", ""),
        ($"{Ctr} delete d2", "delete", "d2", ""),
        ($"{Ctr} delete --force d2", "delete", "d2", "force"),
        ($"{Ctr} exec --process /tmp/runc-process1976902973 --detach --pid-file {CtrBundle}/e1.pid d2", "exec", "d2",
            $"process=/tmp/runc-process1976902973;detach;pid-file={CtrBundle}/e1.pid"),
        ($"{Ctr} exec --process /tmp/runc-process418808114 --console-socket /tmp/pty1117767370/pty.sock --detach --pid-file {CtrBundle}/e2.pid d2", "exec", "d2",
            $"process=/tmp/runc-process418808114;console-socket=/tmp/pty1117767370/pty.sock;detach;pid-file={CtrBundle}/e2.pid"),
        ($"{Ctr} pause d2", "pause", "d2", ""),
        ($"{Ctr} resume d2", "resume", "d2", ""),
        ($"{Ctr} ps --format json d2", "ps", "d2", "format=json"),
        ($"{Ctr} kill d2 10", "kill", "d2", ""),
        ($"{Ctr} kill d2 15", "kill", "d2", ""),
        ($"{Ctr} kill --all d2 9", "kill", "d2", "all"),
        ($"{Podman} create --bundle /var/lib/engines/podman/root/overlay-containers/<ID>/userdata --pid-file /var/lib/engines/podman/runroot/overlay-containers/<ID>/userdata/pidfile <ID>", "create", "<ID>",
            "bundle=/var/lib/engines/podman/root/overlay-containers/<ID>/userdata;pid-file=/var/lib/engines/podman/runroot/overlay-containers/<ID>/userdata/pidfile"),
        ($"{Podman} create --bundle /var/lib/engines/podman/root/overlay-containers/<ID>/userdata --pid-file /var/lib/engines/podman/runroot/overlay-containers/<ID>/userdata/pidfile --console-socket /tmp/conmon-term.FMGHZ3 <ID>", "create", "<ID>",
            "console-socket=/tmp/conmon-term.FMGHZ3"),
        ($"{PodmanExec} exec --pid-file /var/lib/engines/podman/root/overlay-containers/<ID>/userdata/<ID>/exec_pid --process /var/lib/engines/podman/root/overlay-containers/<ID>/userdata/<ID>/exec-process-175102737 --detach <ID>", "exec", "<ID>",
            "pid-file=/var/lib/engines/podman/root/overlay-containers/<ID>/userdata/<ID>/exec_pid;process=/var/lib/engines/podman/root/overlay-containers/<ID>/userdata/<ID>/exec-process-175102737;detach"),
        ($"{PodmanExec} exec --pid-file /var/lib/engines/podman/root/overlay-containers/<ID>/userdata/<ID>/exec_pid --process /var/lib/engines/podman/root/overlay-containers/<ID>/userdata/<ID>/exec-process-2732972976 --detach --tty --console-socket /tmp/conmon-term.5974Y3 <ID>", "exec", "<ID>",
            "detach;tty;console-socket=/tmp/conmon-term.5974Y3"),
        ("start <ID>", "start", "<ID>", ""),
        ("delete --force <ID>", "delete", "<ID>", "force"),
        ("pause <ID>", "pause", "<ID>", ""),
        ("resume <ID>", "resume", "<ID>", ""),
        ("kill <ID> 9", "kill", "<ID>", ""),
        ("kill <ID> 15", "kill", "<ID>", ""),
    ];

    public static readonly (string Argv, string Command, string Id, string Expect)[] FromSources =
    [
        // go-runc CreateOpts with every option, and --systemd-cgroup from the shim.
        ($"{Ctr} --systemd-cgroup create --bundle /b --pid-file /b/init.pid --console-socket /t/pty.sock --no-pivot --no-new-keyring --preserve-fds 2 c1", "create", "c1",
            "bundle=/b;pid-file=/b/init.pid;console-socket=/t/pty.sock;no-pivot;no-new-keyring;preserve-fds=2"),
        ($"{Ctr} update --resources=- c1", "update", "c1", "resources=-"),
        ($"{Ctr} update --resources - c1", "update", "c1", "resources=-"),
        ("update --resources=/var/tmp/resources.json c1", "update", "c1", "resources=/var/tmp/resources.json"),
        // go-runc RestoreOpts: checkpoint options, then --detach --pid-file, -no-subreaper with one dash, then --bundle.
        ($"{Ctr} restore --image-path /img --work-path /work --tcp-established --ext-unix-sk --shell-job --file-locks --manage-cgroups-mode soft --empty-ns network --detach --pid-file /b/init.pid --no-pivot -no-subreaper --bundle /b c1", "restore", "c1",
            "image-path=/img;work-path=/work;tcp-established;ext-unix-sk;shell-job;file-locks;manage-cgroups-mode=soft;empty-ns=network;detach;pid-file=/b/init.pid;no-pivot;no-subreaper;bundle=/b"),
        ($"{Ctr} checkpoint --image-path /img --work-path /work --parent-path ../pre --leave-running --pre-dump c1", "checkpoint", "c1",
            "image-path=/img;work-path=/work;parent-path=../pre;leave-running;pre-dump"),
        // podman/conmon restore and checkpoint.
        ($"{Podman} restore --bundle /b --pid-file /p --detach --image-path /img --work-path /b c1", "restore", "c1",
            "bundle=/b;pid-file=/p;detach;image-path=/img;work-path=/b"),
        ("checkpoint --image-path /img --work-path /b --leave-running --tcp-established --file-locks --pre-dump --parent-path ../pre-checkpoint c1", "checkpoint", "c1",
            "image-path=/img;work-path=/b;leave-running;tcp-established;file-locks;pre-dump;parent-path=../pre-checkpoint"),
        ("state c1", "state", "c1", ""),
        ("--systemd-cgroup exec --pid-file /p --process /f --detach --preserve-fds=3 c1", "exec", "c1", "pid-file=/p;process=/f;detach;preserve-fds=3"),
        // go-runc Events/Stats/List/Ps/Top and Rootless.
        ($"{Ctr} events --interval=5s c1", "events", "c1", "interval=5s"),
        ($"{Ctr} events --stats c1", "events", "c1", "stats"),
        ($"{Ctr} --rootless=true list --format=json", "list", "", "format=json"),
        ($"{Ctr} ps --format table c1 -ef", "ps", "c1", "format=table"),
        ("--root /run/containerd/runc/default --debug --log /l --log-format json delete --force c1", "delete", "c1", "force"),
        ("features", "features", "", ""),
    ];
}
