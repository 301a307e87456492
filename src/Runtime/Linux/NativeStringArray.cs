using System.Runtime.InteropServices;
using System.Text;

namespace OciRuntime.Linux;

/// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings in native memory, as execve(2) takes argv and
/// envp. Built before the spawn, so the child only reads memory that is already there.</summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly byte** _array;
    private readonly int _count;

    public NativeStringArray(IReadOnlyList<string> strings)
    {
        _count = strings.Count;
        _array = (byte**)NativeMemory.AllocZeroed((nuint)(_count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < _count; i++)
        {
            int length = Encoding.UTF8.GetByteCount(strings[i]);
            byte* item = (byte*)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(strings[i], new Span<byte>(item, length));
            item[length] = 0;
            _array[i] = item;
        }
    }

    public byte** Pointer => _array;

    public void Dispose()
    {
        for (int i = 0; i < _count; i++)
            NativeMemory.Free(_array[i]);
        NativeMemory.Free(_array);
    }
}
