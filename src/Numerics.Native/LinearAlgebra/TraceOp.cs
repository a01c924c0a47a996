using Numerics.Native.Interop;

namespace Numerics.Native;

/// <summary>np.trace: the diagonal view summed along its last axis by nk_linalg TRACE, in NumPy's sum dtype.</summary>
internal static class TraceOp
{
    internal static NDArray Trace(NDArray a, long offset, int axis1, int axis2, DType? dtype, NDArray? @out)
    {
        LinalgCore.CheckLive(a, nameof(a));
        using var diag = np.diagonal(a, offset, axis1, axis2);
        var result = dtype?.NativeOrder ?? SumDtype(a.Dtype);
        var acc = Accumulator(result);
        var batch = diag.Dims.AsSpan(0, diag.Dims.Length - 1).ToArray();
        var d = LinalgCore.Cast(diag, acc);
        NDArray r;
        try
        {
            r = NDArray.Allocate((long[])batch.Clone(), acc);
            if (r.Size > 0)
            {
                LinalgNative.Linalg(nk_la_routine.NK_LA_TRACE, acc.Code, 0, 1, diag.Dims[^1], 0, 0,
                    batch.Length == 0 ? null : batch, [LaOperand.Row(d, batch), LaOperand.Scalar(r, batch)]);
            }
        }
        finally
        {
            LinalgCore.Release(d, diag);
        }
        if (result != acc)
        {
            // Integer sums wrap, so summing in 64 bits and narrowing gives NumPy's bits; bool sums are "any".
            var narrowed = r.astype(result);
            r.Dispose();
            r = narrowed;
        }
        if (@out is null) return r;
        using (r)
        {
            if (!@out.Dims.AsSpan().SequenceEqual(r.Dims)) throw Err.CouldNotBroadcastInput(r.Dims, @out.Dims);
            @out.ThrowIfReadOnly();
            NativeOps.CopyWarn(@out, r);
        }
        return @out;
    }

    /// <summary>NumPy's sum dtype: integers narrower than int64 sum in int64 (uint64 when unsigned), bool in int64.</summary>
    internal static DType SumDtype(DType d) => d.Code switch
    {
        DTypeCode.Bool or DTypeCode.Int8 or DTypeCode.Int16 or DTypeCode.Int32 or DTypeCode.Int64 => DType.Int64,
        DTypeCode.UInt8 or DTypeCode.UInt16 or DTypeCode.UInt32 or DTypeCode.UInt64 => DType.UInt64,
        _ => d.NativeOrder,
    };

    private static DType Accumulator(DType result) => result.Code switch
    {
        DTypeCode.Bool or DTypeCode.Int8 or DTypeCode.Int16 or DTypeCode.Int32 or DTypeCode.Int64 => DType.Int64,
        DTypeCode.UInt8 or DTypeCode.UInt16 or DTypeCode.UInt32 or DTypeCode.UInt64 => DType.UInt64,
        DTypeCode.Float16 => DType.Float32,
        _ => result,
    };
}
