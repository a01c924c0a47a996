using System.Numerics;
using System.Runtime.InteropServices;

namespace Numerics.Native.MathNet.Internal;

/// <summary>
/// The pointwise members have no BLAS routine; these SIMD loops give the same IEEE results as Math.NET's managed
/// loops (one rounding per element). The result may alias either input: each block is loaded before it is stored.
/// </summary>
internal static class Elementwise
{
    public interface IBinary<T> where T : unmanaged, INumber<T>
    {
        static abstract Vector<T> Apply(Vector<T> x, Vector<T> y);
        static abstract T Apply(T x, T y);
    }

    public readonly struct AddOp<T> : IBinary<T> where T : unmanaged, INumber<T>
    {
        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x + y;
        public static T Apply(T x, T y) => x + y;
    }

    public readonly struct SubtractOp<T> : IBinary<T> where T : unmanaged, INumber<T>
    {
        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x - y;
        public static T Apply(T x, T y) => x - y;
    }

    public readonly struct MultiplyOp<T> : IBinary<T> where T : unmanaged, INumber<T>
    {
        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x * y;
        public static T Apply(T x, T y) => x * y;
    }

    public readonly struct DivideOp<T> : IBinary<T> where T : unmanaged, INumber<T>
    {
        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x / y;
        public static T Apply(T x, T y) => x / y;
    }

    public static void Run<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumber<T> where TOp : IBinary<T>
    {
        int n = result.Length, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                TOp.Apply(new Vector<T>(x[i..]), new Vector<T>(y[i..])).CopyTo(result[i..]);
        }
        for (; i < n; i++)
            result[i] = TOp.Apply(x[i], y[i]);
    }

    /// <summary>Complex add/subtract are the same operation on the interleaved real and imaginary parts.</summary>
    public static void RunInterleaved<TComplex, T, TOp>(ReadOnlySpan<TComplex> x, ReadOnlySpan<TComplex> y, Span<TComplex> result)
        where TComplex : unmanaged where T : unmanaged, INumber<T> where TOp : IBinary<T> =>
        Run<T, TOp>(MemoryMarshal.Cast<TComplex, T>(x), MemoryMarshal.Cast<TComplex, T>(y), MemoryMarshal.Cast<TComplex, T>(result));
}

/// <summary>Unmanaged scratch for LAPACK workspaces: not zeroed, not moved by the GC, freed on Dispose.</summary>
internal readonly unsafe struct Scratch<T> : IDisposable where T : unmanaged
{
    public readonly T* Pointer;
    public readonly int Length;

    public Scratch(long count)
    {
        Length = checked((int)Math.Max(count, 1));
        Pointer = (T*)NativeMemory.Alloc((nuint)Length, (nuint)sizeof(T));
    }

    public Span<T> Span => new(Pointer, Length);

    public void Dispose() => NativeMemory.Free(Pointer);
}
