using System.Runtime.InteropServices;

namespace OciRuntime.Native;

/// <summary>What the C constructor in nsexec.c saw before the .NET runtime started.</summary>
internal static partial class NsexecStatus
{
    [LibraryImport("ocirt_native")]
    private static partial int ocirt_nsexec_stage();

    [LibraryImport("ocirt_native")]
    private static partial int ocirt_nsexec_threads();

    public const int StageNone = 0;
    public const int StageInit = 1;
    public const int StageChild = 2;

    /// <summary>StageNone when the constructor did nothing, StageInit when it ran in init mode.</summary>
    public static int Stage => ocirt_nsexec_stage();

    /// <summary>Threads the process had when the constructor ran (-1 outside init mode).</summary>
    public static int ThreadsAtConstructor => ocirt_nsexec_threads();
}
