using OciRuntime.Containers;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`features`: what this build of ocirt really supports (runtime-spec features.md), four-space indented
/// with a final newline as runc prints it. containerd's shim reads it to decide what to offer.</summary>
internal static class FeaturesCommand
{
    public static int Run(CommandContext context)
    {
        Output.Write(JsonOutput.Indented(RuntimeFeatures.Describe(), spaces: 4) + "\n");
        return 0;
    }
}
