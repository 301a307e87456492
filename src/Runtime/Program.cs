namespace OciRuntime;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine($"stage={Native.NsexecStatus.Stage} threads={Native.NsexecStatus.ThreadsAtConstructor}");
        return 0;
    }
}
