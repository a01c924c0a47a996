using System.Runtime.InteropServices;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// A native buffer holding a workload input, C order. Inputs live outside the GC heap because the raw-binding
/// workloads pass pointers straight to native code, as NumPy does. Buffers of 2 MiB and more are 2 MiB aligned
/// and marked MADV_HUGEPAGE, as NumPy's allocator does for large arrays (and the facade's pool, DESIGN.md §3.2):
/// with transparent huge pages in "madvise" mode, a 128 MB matrix on 4 KiB pages costs a streaming kernel such
/// as W5_matvec_4000 measurable TLB misses that NumPy's copy of the same input does not pay.
/// </summary>
public sealed unsafe partial class NativeArray<T> : IDisposable where T : unmanaged
{
    private const nuint HugePage = 2 << 20;

    public NativeArray(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        long n = 1;
        foreach (int d in shape) n *= d;
        Length = n;
        nuint bytes = (nuint)Math.Max(n, 1) * (nuint)sizeof(T);
        if (bytes >= HugePage)
        {
            bytes = (bytes + HugePage - 1) / HugePage * HugePage;
            Data = (T*)NativeMemory.AlignedAlloc(bytes, HugePage);
            _ = Libc.madvise(Data, bytes, Libc.MADV_HUGEPAGE); // advice only: without THP the buffer just stays on 4 KiB pages
        }
        else
        {
            Data = (T*)NativeMemory.AlignedAlloc(bytes, 64);
        }
    }

    public T* Data { get; private set; }

    public long Length { get; }

    public IReadOnlyList<int> Shape { get; }

    public Span<T> AsSpan() => new(Data, checked((int)Length));

    public void Dispose()
    {
        NativeMemory.AlignedFree(Data);
        Data = null;
    }
}

internal static unsafe partial class Libc
{
    public const int MADV_HUGEPAGE = 14;

    [LibraryImport("libc.so.6", SetLastError = false)]
    public static partial int madvise(void* addr, nuint length, int advice);
}
