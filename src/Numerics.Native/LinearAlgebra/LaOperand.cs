namespace Numerics.Native;

/// <summary>
/// One matrix operand of a batched native linear-algebra call (<c>nk_mat</c>): the array that owns the memory, a
/// byte offset from its element (0, …, 0) to the core matrix of batch item 0, the core row and column strides, and
/// one stride per batch axis of the call (0 where the operand broadcasts). All strides in bytes.
/// </summary>
internal readonly struct LaOperand
{
    internal LaOperand(NDArray array, long rs, long cs, long[]? batchStrides, long byteOffset = 0)
    {
        Array = array;
        Rs = rs;
        Cs = cs;
        BatchStrides = batchStrides;
        ByteOffset = byteOffset;
    }

    internal NDArray? Array { get; }
    internal long Rs { get; }
    internal long Cs { get; }
    internal long[]? BatchStrides { get; }
    internal long ByteOffset { get; }

    internal bool IsPresent => Array is not null;

    /// <summary>The absent optional operand.</summary>
    internal static LaOperand None => default;

    /// <summary>
    /// The last two axes of <paramref name="a"/> as the core matrix, its leading axes right-aligned to
    /// <paramref name="batchShape"/> (stride 0 where it broadcasts).
    /// </summary>
    internal static LaOperand Matrix(NDArray a, long[] batchShape)
    {
        int nd = a.Dims.Length;
        return new LaOperand(a, a.Strides[nd - 2], a.Strides[nd - 1], BatchStridesOf(a, nd - 2, batchShape));
    }

    /// <summary>The last axis of <paramref name="a"/> as a 1 x n row (vectors, per-item scalars with n = 1).</summary>
    internal static LaOperand Row(NDArray a, long[] batchShape)
    {
        int nd = a.Dims.Length;
        return new LaOperand(a, 0, nd == 0 ? 0 : a.Strides[nd - 1], BatchStridesOf(a, nd - 1, batchShape));
    }

    /// <summary>Every axis of <paramref name="a"/> a batch axis: a 1 x 1 scalar per item.</summary>
    internal static LaOperand Scalar(NDArray a, long[] batchShape) =>
        new(a, 0, 0, BatchStridesOf(a, a.Dims.Length, batchShape));

    /// <summary>Strides of the first <paramref name="lead"/> axes of <paramref name="a"/>, right-aligned to the batch.</summary>
    internal static long[]? BatchStridesOf(NDArray a, int lead, long[] batchShape)
    {
        int nb = batchShape.Length;
        if (nb == 0) return null;
        var s = new long[nb];
        for (int i = 0; i < nb; i++)
        {
            int j = i - (nb - lead);
            s[i] = j < 0 || a.Dims[j] == 1 ? 0 : a.Strides[j];
        }
        return s;
    }
}
