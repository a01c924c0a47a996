using System.Numerics.Tensors;

namespace Numerics.Native;

public static partial class np
{
    // Tensor<T> implements IEnumerable<T>, so without these overloads np.array(tensor) would bind to
    // array(IEnumerable<T>) and silently flatten it to 1-d.

    /// <summary>
    /// A new array from a tensor span (copy, C order) with its lengths as shape, whatever its strides (zero strides
    /// of a broadcast tensor are materialised). NumPy equivalent: <c>np.array(obj)</c> of an object exposing
    /// <c>__array_interface__</c>.
    /// </summary>
    /// <exception cref="TypeError">T is not one of the 14 element types, or the dtype is unknown.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> elements.</exception>
    public static NDArray array<T>(ReadOnlyTensorSpan<T> data, DType? dtype = null) where T : unmanaged
    {
        var dt = DTypeParser.FromType(typeof(T));
        // The default (rank 0) span holds nothing; Tensor has no 0-d form, so it means an empty 1-d array.
        var shape = data.Rank == 0 ? [0L] : new long[data.Rank];
        for (int i = 0; i < data.Rank; i++) shape[i] = data.Lengths[i];
        var a = NDArray.Allocate(shape, dt);
        if (a.Size > 0) data.FlattenTo(a.AsSpan<T>());
        return Finish(a, dtype, 0);
    }

    /// <summary>A new array from a writable tensor span (copy). NumPy equivalent: <c>np.array(obj)</c>.</summary>
    /// <exception cref="TypeError">T is not one of the 14 element types, or the dtype is unknown.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> elements.</exception>
    public static NDArray array<T>(TensorSpan<T> data, DType? dtype = null) where T : unmanaged =>
        array((ReadOnlyTensorSpan<T>)data, dtype);

    /// <summary>A new array from a tensor (copy, C order, the tensor's lengths as shape). Use
    /// <see cref="asarray{T}(Tensor{T}, DType?)"/> to share its memory. NumPy equivalent: <c>np.array(obj)</c>.</summary>
    /// <exception cref="TypeError">T is not one of the 14 element types, or the dtype is unknown.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> elements.</exception>
    public static NDArray array<T>(Tensor<T> data, DType? dtype = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return array(data.AsReadOnlyTensorSpan(), dtype);
    }

    /// <summary>
    /// The tensor as an array without copying: the tensor's backing .NET array is pinned until this array and all its
    /// views are released, and writes are visible both ways. Lengths become the shape and element strides become byte
    /// strides (a broadcast tensor's zero strides stay zero, as in <c>np.broadcast_to</c>, but the array stays
    /// writable, as <c>as_strided</c>'s). With a <paramref name="dtype"/> other than T's it converts (copy), and an
    /// empty tensor gives a new empty array. NumPy equivalent: <c>np.asarray(obj, dtype)</c> of an object exposing
    /// <c>__array_interface__</c>.
    /// </summary>
    /// <exception cref="TypeError">T is not one of the 14 element types, or the dtype is unknown.</exception>
    public static NDArray asarray<T>(Tensor<T> tensor, DType? dtype = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dt = DTypeParser.FromType(typeof(T));
        if ((dtype is not null && dtype.NativeOrder != dt) || tensor.FlattenedLength == 0) return array(tensor, dtype);
        var shape = new long[tensor.Rank];
        var strides = new long[tensor.Rank];
        long extent = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = tensor.Lengths[i];
            strides[i] = tensor.Strides[i] * dt.Size;
            extent += (shape[i] - 1) * tensor.Strides[i];
        }
        var (pin, offset) = TensorViews.Pin(tensor);
        var buf = NativeBuffer.FromPinned(pin, offset + extent * dt.Size);
        return new NDArray(buf, offset, shape, strides, dt, null, ArrayFlags.Writeable);
    }
}
