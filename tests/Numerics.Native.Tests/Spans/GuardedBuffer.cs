using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Numerics.Native.Interop;

namespace Numerics.Native.Tests.Spans;

/// <summary>
/// Elements whose last one ends exactly where a PROT_NONE page begins (or, on request, whose first one starts where
/// such a page ends). A native read or
/// write one element past the end faults (SIGSEGV kills the test process) instead of passing silently; ASan cannot
/// see inside OpenBLAS, the page protection can.
/// </summary>
internal sealed unsafe class GuardedBuffer<T> : IDisposable where T : unmanaged
{
    private const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20;

    private readonly nint _base;
    private readonly nuint _length;

    /// <param name="count">Elements.</param>
    /// <param name="guardBefore">Put the PROT_NONE page right before the first element instead: catches reads
    /// before the start, which a negative increment walks towards.</param>
    public GuardedBuffer(int count, bool guardBefore = false)
    {
        long page = Environment.SystemPageSize;
        long bytes = (long)count * sizeof(T);
        long dataPages = Math.Max(1, (bytes + page - 1) / page);
        _length = (nuint)((dataPages + 1) * page);
        _base = GuardLibc.mmap(0, _length, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (_base == -1)
            throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastSystemError()}");
        Guard = guardBefore ? _base : _base + (nint)(dataPages * page);
        if (GuardLibc.mprotect(Guard, (nuint)page, ProtNone) != 0)
            throw new InvalidOperationException($"mprotect failed: errno {Marshal.GetLastSystemError()}");
        Count = count;
        Pointer = guardBefore ? (T*)(_base + (nint)page) : (T*)(Guard - (nint)bytes);
    }

    public int Count { get; }

    public T* Pointer { get; }

    /// <summary>The first byte of the PROT_NONE page.</summary>
    public nint Guard { get; }

    public Span<T> Span => new(Pointer, Count);

    /// <summary>Fills the buffer with values in [-1, 1) (both parts for complex types).</summary>
    public GuardedBuffer<T> Fill(Random rng)
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(ComplexFloat))
        {
            foreach (ref float x in MemoryMarshal.Cast<T, float>(Span))
                x = (float)(2 * rng.NextDouble() - 1);
        }
        else if (typeof(T) == typeof(double) || typeof(T) == typeof(Complex))
        {
            foreach (ref double x in MemoryMarshal.Cast<T, double>(Span))
                x = 2 * rng.NextDouble() - 1;
        }
        return this;
    }

    /// <summary>The permissions /proc/self/maps lists for the guard page ("---p" when it is in place).</summary>
    public string GuardPermissions()
    {
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] parts = line.Split(' ', 3);
            string[] range = parts[0].Split('-');
            long start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            long end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (start <= Guard && Guard < end)
                return parts[1];
        }
        return "(not mapped)";
    }

    public void Dispose() => _ = GuardLibc.munmap(_base, _length);
}

/// <summary>mmap/mprotect for the guard pages (P/Invoke cannot live in a generic type).</summary>
internal static partial class GuardLibc
{
    [LibraryImport("libc.so.6", SetLastError = true)]
    internal static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc.so.6", SetLastError = true)]
    internal static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc.so.6")]
    internal static partial int munmap(nint addr, nuint length);
}
