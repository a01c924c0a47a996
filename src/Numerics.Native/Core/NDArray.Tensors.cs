using System.Numerics.Tensors;

namespace Numerics.Native;

public partial class NDArray
{
    // System.Numerics.Tensors describes memory the way NumPy does — lengths plus strides — but counts strides in
    // elements and allows no negative stride. So a view converts without copying exactly when every byte stride is
    // a non-negative multiple of the item size; anything else (a ::-1 view, a field-like byte offset) needs a copy,
    // which the caller asks for explicitly with ToTensor or np.ascontiguousarray.

    /// <summary>
    /// The elements as a new <see cref="Tensor{T}"/> (copy, C order, same shape; a 0-d array gives a rank-1 tensor of
    /// length 1, as Tensor has no rank 0), converted (unsafe casting) when <typeparamref name="T"/> is not the element
    /// type, as <see cref="ToArray{T}"/>. NumPy equivalent: <c>torch.tensor(a)</c> / <c>a.copy()</c> handed to another
    /// library.
    /// </summary>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not one of the 14 element types.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> elements (a .NET array's limit).</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public Tensor<T> ToTensor<T>() where T : unmanaged
    {
        ThrowIfDisposed();
        if (Size > Array.MaxLength) throw new InvalidOperationException("The array has more elements than a .NET array can hold.");
        var data = ToArray<T>();
        return Dims.Length == 0 ? Tensor.Create(data) : Tensor.Create(data, TensorLengths());
    }

    /// <summary>
    /// The array as a <see cref="TensorSpan{T}"/> over the same native memory (no copy; writes are visible both
    /// ways) with the same lengths and strides, so non-contiguous views (slices with positive steps, transposes,
    /// broadcasts) convert too. Valid while this array lives. NumPy equivalent: a memoryview / <c>__array_interface__</c>
    /// of <c>a</c>.
    /// </summary>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not the element type.</exception>
    /// <exception cref="InvalidOperationException">A stride is negative or not a multiple of the item size
    /// (use <see cref="ToTensor{T}"/> or <c>np.ascontiguousarray</c> first), or the array is a C# scalar.</exception>
    /// <exception cref="ValueError">The array is read-only ("assignment destination is read-only"); use
    /// <see cref="AsReadOnlyTensorSpan{T}"/>.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public TensorSpan<T> AsTensorSpan<T>() where T : unmanaged
    {
        var (lengths, strides, extent) = TensorLayout<T>(write: true);
        // An empty array's strides may be anything (NumPy gives new empty arrays zero strides); Tensor validates
        // them against the memory (and refuses an empty Span outright), so an empty array gets the default strides
        // of its lengths over zero elements.
        return TensorViews.Span<T>(DataPointer, extent, lengths, extent == 0 ? [] : strides);
    }

    /// <summary>
    /// The array as a <see cref="ReadOnlyTensorSpan{T}"/> over the same native memory (no copy), for read-only arrays
    /// too. Valid while this array lives. NumPy equivalent: a read-only memoryview of <c>a</c>.
    /// </summary>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not the element type.</exception>
    /// <exception cref="InvalidOperationException">A stride is negative or not a multiple of the item size, or the
    /// array is a C# scalar.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public ReadOnlyTensorSpan<T> AsReadOnlyTensorSpan<T>() where T : unmanaged
    {
        var (lengths, strides, extent) = TensorLayout<T>(write: false);
        return TensorViews.ReadOnlySpan<T>(DataPointer, extent, lengths, extent == 0 ? [] : strides);
    }

    private nint[] TensorLengths()
    {
        var lengths = new nint[Dims.Length];
        for (int i = 0; i < lengths.Length; i++) lengths[i] = (nint)Dims[i];
        return lengths;
    }

    /// <summary>Element lengths and strides for a tensor span, and how many elements it reaches (0 when empty).</summary>
    private (nint[] Lengths, nint[] Strides, nint Extent) TensorLayout<T>(bool write) where T : unmanaged
    {
        ThrowIfDisposed();
        string method = write ? "AsTensorSpan" : "AsReadOnlyTensorSpan";
        if (typeof(T) != Dtype.type)
            throw new TypeError($"{method}<{typeof(T).Name}> needs the element type of dtype {Dtype.name} ({Dtype.type.Name})");
        if (Buf is null) throw new InvalidOperationException("A C# scalar converted to an array has no native memory; use np.array(x).");
        if (write && (FlagBits & ArrayFlags.Writeable) == 0) throw Err.ReadOnly();
        // Tensor has no rank 0: a 0-d array is one element of rank 1.
        var lengths = Dims.Length == 0 ? [1] : TensorLengths();
        var strides = new nint[lengths.Length];
        long extent = Size == 0 ? 0 : 1;
        for (int i = 0; i < Strides.Length; i++)
        {
            long s = Strides[i];
            if (s < 0 || s % Dtype.Size != 0)
                throw new InvalidOperationException(
                    $"{method} needs non-negative strides that are multiples of the item size; strides {Err.Tuple(Strides)} " +
                    $"with itemsize {Dtype.Size} need a copy (ToTensor or np.ascontiguousarray).");
            strides[i] = (nint)(s / Dtype.Size);
            if (Size != 0) extent += (Dims[i] - 1) * strides[i];
        }
        return (lengths, strides, (nint)extent);
    }
}
