using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Processes;

/// <summary>The parent's and the init's ends of the sync socket. A frame is a native-endian uint32 length and a UTF-8
/// payload "verb argument" (Native/nsexec.c speaks the same frames). The conversation, in order:
/// <code>
///   parent                              init (constructor S0/S1, then C#)
///   cgroup made (create)
///   bootstrap "clone..\njoin.."   -->   S0: join the cgroup, setns, clone3 into the cgroup
///                                 <--   "pid N"          (or "error TEXT")
///   id maps written
///   "go"                          -->   S1: setresuid(0), cgroup namespace, return into .NET
///   "config JSON", "spec JSON"    -->   C#: mounts, devices
///                                 <--   "hooks"           (prestart, createRuntime run)
///   "hooks-done"                  -->   createContainer hooks, pivot_root, process set-up
///                                 <--   "ready"           (blocks on the exec fifo, then execve)
/// </code>
/// An exec'd process has no mounts or hooks: after "go", "config" and "process JSON" (its process, not a whole spec)
/// it sends "exec" right before its execve, and the socket's end-of-file (close-on-exec) then says the program runs.
/// Any "error TEXT" from the init ends the conversation; the parent reports TEXT as the cause.</summary>
internal sealed class SyncChannel(SafeFileHandle socket) : IDisposable
{
    private const int MaxFrame = 16 << 20;

    public SafeFileHandle Socket { get; } = socket;

    public void Send(string verb, string? argument = null)
    {
        string text = argument is null ? verb : verb + " " + argument;
        byte[] frame = new byte[4 + Encoding.UTF8.GetByteCount(text)];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(frame.Length - 4));
        Encoding.UTF8.GetBytes(text, frame.AsSpan(4));
        Libc.WriteAll(Socket, frame, "sync socket");
    }

    /// <summary>The next frame as (verb, argument), or null when the other side closed the socket (it exited, or
    /// exec'd: the init's end is close-on-exec, so end-of-file after "ready" means execve succeeded).</summary>
    public (string Verb, string Argument)? Receive()
    {
        Span<byte> header = stackalloc byte[4];
        if (!ReadExactly(header))
            return null;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length > MaxFrame)
            throw new InvalidDataException($"sync socket: frame of {length} bytes");
        byte[] payload = new byte[length];
        if (!ReadExactly(payload))
            return null;
        string text = Encoding.UTF8.GetString(payload);
        int space = text.IndexOf(' ');
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..]);
    }

    /// <summary>Receives the next frame and checks its verb; an "error" frame becomes the exception's message.</summary>
    public string Expect(string verb)
    {
        var frame = Receive() ?? throw new InitFailedException($"init exited before sending \"{verb}\"");
        if (frame.Verb == "error")
            throw new InitFailedException(frame.Argument);
        if (frame.Verb != verb)
            throw new InitFailedException($"expected \"{verb}\" from the sync socket, got \"{frame.Verb}\"");
        return frame.Argument;
    }

    public void Dispose() => Socket.Dispose();

    private bool ReadExactly(Span<byte> buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = Libc.Read(Socket, buffer[done..], "sync socket");
            if (n == 0)
                return false;
            done += n;
        }
        return true;
    }
}

/// <summary>The container's init reported a failed step (or died); the message is its own one-line account.</summary>
internal sealed class InitFailedException(string message) : Exception(message);
