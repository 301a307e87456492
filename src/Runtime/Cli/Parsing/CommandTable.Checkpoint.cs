namespace OciRuntime.Cli.Parsing;

internal static partial class CommandTable
{
    private static FlagSpec ManageCgroupsModeFlag =>
        Str("manage-cgroups-mode", "CRIU cgroup handling: soft (default), full, strict or ignore");

    private static FlagSpec EmptyNsFlag => Many("empty-ns", "create this namespace without restoring its properties (repeatable)");

    private static CommandSpec Checkpoint { get; } = new(
        "checkpoint", "checkpoint a running container with CRIU", IdUsage, ArgCount.Exactly(1),
        [
            Str("image-path", "directory for the CRIU image files"),
            Str("work-path", "directory for CRIU work files and logs"),
            Str("parent-path", "previous pre-dump images, relative to --image-path"),
            Bool("leave-running", "keep the container running after the checkpoint"),
            Bool("tcp-established", "allow established TCP connections"),
            Bool("tcp-skip-in-flight", "skip TCP connections that are still being set up"),
            Bool("link-remap", "allow CRIU to link unlinked files back"),
            Bool("ext-unix-sk", "allow external unix sockets"),
            Bool("shell-job", "allow shell jobs"),
            Bool("lazy-pages", "restore memory pages lazily through userfaultfd"),
            Int("status-fd", "file descriptor CRIU writes \\0 to when lazy pages are ready", defaultValue: "-1"),
            Str("page-server", "ADDRESS:PORT of a CRIU page server"),
            Bool("file-locks", "handle file locks"),
            Bool("pre-dump", "dump memory only and leave the container running"),
            ManageCgroupsModeFlag,
            EmptyNsFlag,
            Bool("auto-dedup", "deduplicate memory images"),
        ]);

    private static CommandSpec Restore { get; } = new(
        "restore", "restore a container from a checkpoint", IdUsage, ArgCount.Exactly(1),
        [
            ConsoleSocketFlag,
            Str("image-path", "directory holding the CRIU image files"),
            Str("work-path", "directory for CRIU work files and logs"),
            Bool("tcp-established", "allow established TCP connections"),
            Bool("ext-unix-sk", "allow external unix sockets"),
            Bool("shell-job", "allow shell jobs"),
            Bool("file-locks", "handle file locks"),
            ManageCgroupsModeFlag,
            BundleFlag, DetachFlag, PidFileFlag, NoSubreaperFlag, NoPivotFlag,
            EmptyNsFlag,
            Bool("auto-dedup", "deduplicate memory images"),
            Bool("lazy-pages", "restore memory pages lazily through userfaultfd"),
            Str("lsm-profile", "LSM profile to restore with, TYPE:NAME"),
            Str("lsm-mount-context", "LSM mount context to restore with"),
        ]);

    private static CommandSpec Spec { get; } = new(
        "spec", "write a template config.json", "", ArgCount.Exactly(0),
        [
            Str("bundle", "directory to write config.json to", alias: "b"),
            Bool("rootless", "write a configuration for a rootless container"),
        ]);

    private static CommandSpec Features { get; } = new(
        "features", "print the features this runtime supports as JSON", "", ArgCount.Exactly(0), []);
}
