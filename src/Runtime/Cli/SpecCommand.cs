using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`spec [--bundle DIR] [--rootless]`: writes runc's default config.json, never over an existing one.</summary>
internal static class SpecCommand
{
    public static int Run(CommandContext context)
    {
        string bundle = context.Args.Get("bundle") ?? ".";
        if (!Directory.Exists(bundle))
            throw new DirectoryNotFoundException($"chdir {bundle}: no such file or directory");
        string path = Path.Combine(bundle, "config.json");
        if (File.Exists(path))
            throw new IOException("File config.json exists. Remove it first");
        var spec = context.Args.GetBool("rootless")
            ? DefaultSpec.CreateRootless(Libc.geteuid(), Libc.getegid())
            : DefaultSpec.Create();
        File.WriteAllText(path, OciJson.Serialize(spec));
        return 0;
    }
}
