namespace OciRuntime.Linux;

/// <summary>Writes a file so that readers see the old content or the new, never a mix: write a temp file beside it,
/// rename over the target. Used for state.json and pid files (runc writes both the same way). No fsync: this state
/// describes processes, which a crash of the machine ends too (and --root is normally on tmpfs); what matters is
/// that no reader ever sees half a file, which the rename gives.</summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        string temp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
