using System.Runtime.InteropServices;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// A 64-byte aligned native buffer holding a workload input, C order. Inputs live outside the GC heap because the
/// raw-binding workloads pass pointers straight to native code, as NumPy does.
/// </summary>
public sealed unsafe class NativeArray<T> : IDisposable where T : unmanaged
{
    public NativeArray(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        long n = 1;
        foreach (int d in shape) n *= d;
        Length = n;
        Data = (T*)NativeMemory.AlignedAlloc((nuint)Math.Max(n, 1) * (nuint)sizeof(T), 64);
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
