using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>
/// System.Numerics.Tensors spans over native memory. TensorSpan's pointer constructors are the only way to describe
/// a strided buffer without copying, and they take a raw pointer, so they live here with the other unsafe code.
/// </summary>
internal static unsafe class TensorViews
{
    /// <summary>A writable tensor span at <paramref name="address"/>; <paramref name="extent"/> elements are
    /// reachable from it (the span's bounds check).</summary>
    internal static TensorSpan<T> Span<T>(nint address, nint extent, ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides)
        where T : unmanaged => new((T*)address, extent, lengths, strides);

    /// <summary>A read-only tensor span at <paramref name="address"/>.</summary>
    internal static ReadOnlyTensorSpan<T> ReadOnlySpan<T>(nint address, nint extent, ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides)
        where T : unmanaged => new((T*)address, extent, lengths, strides);

    /// <summary>Pins a tensor's backing array for as long as the returned handle lives. The handle (and the tensor's
    /// GetPinnableReference) point at the backing array's start, not at the tensor's first element, so the byte
    /// offset of element [0, …, 0] (taken from its tensor span) comes too.</summary>
    internal static (PinnedBuffer Pin, nint Offset) Pin<T>(Tensor<T> tensor) where T : unmanaged
    {
        var pin = new PinnedBuffer(tensor.GetPinnedHandle());
        nint offset = (nint)((byte*)Unsafe.AsPointer(ref tensor.AsTensorSpan().GetPinnableReference()) - (byte*)pin.DangerousGetHandle());
        return (pin, offset);
    }
}
