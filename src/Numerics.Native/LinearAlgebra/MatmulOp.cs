namespace Numerics.Native;

/// <summary>
/// NumPy's matmul gufunc <c>(n?,k),(k,m?)-&gt;(n?,m?)</c> and dot's N-d rules on top of one nk_matmul call: shape
/// and type resolution in C#, the product natively (CBLAS for float/complex with transpose flags and leading
/// dimensions, NumPy's loops for the rest).
/// </summary>
internal static class MatmulOp
{
    private const string Name = "matmul";

    // ufunc: called as NumPy's matmul ufunc, which reports the float loops' overflow and invalid flags ("overflow
    // encountered in matmul"); dot, built on the same product, does not.
    internal static NDArray Matmul(NDArray x1, NDArray x2, NDArray? @out, string casting, DType? dtype, bool ufunc = true)
    {
        LinalgCore.CheckLive(x1, nameof(x1));
        LinalgCore.CheckLive(x2, nameof(x2));
        @out?.ThrowIfDisposed();
        int nd1 = x1.Dims.Length, nd2 = x2.Dims.Length;
        if (nd1 == 0) throw LinalgText.TooFewDims(Name, 0, 0, 1);
        if (nd2 == 0) throw LinalgText.TooFewDims(Name, 1, 0, 1);
        var rule = TypePromotion.ParseCasting(casting);
        DType rt = dtype?.NativeOrder ?? TypePromotion.Promote(x1.Dtype, x2.Dtype);
        if (!TypePromotion.CanCast(x1.Dtype, rt, rule)) throw LinalgText.CannotCastInput(Name, 0, x1.Dtype, rt, casting);
        if (!TypePromotion.CanCast(x2.Dtype, rt, rule)) throw LinalgText.CannotCastInput(Name, 1, x2.Dtype, rt, casting);

        long k = x1.Dims[nd1 - 1];
        long n = nd1 == 1 ? 1 : x1.Dims[nd1 - 2];
        long k2 = nd2 == 1 ? x2.Dims[0] : x2.Dims[nd2 - 2];
        long m = nd2 == 1 ? 1 : x2.Dims[nd2 - 1];
        if (k != k2) throw LinalgText.CoreMismatch(Name, 1, 0, k2, k);

        int b1 = Math.Max(nd1 - 2, 0), b2 = Math.Max(nd2 - 2, 0);
        long[] batch;
        if (b1 == 0 && b2 == 0)
        {
            batch = [];
        }
        else
        {
            batch = LinalgCore.Broadcast(x1.Dims.AsSpan(0, b1), x2.Dims.AsSpan(0, b2))
                    ?? throw LinalgText.RemappedBroadcast([(x1.Dims, Math.Min(nd1, 2)), (x2.Dims, Math.Min(nd2, 2))], CoreOut(nd1, nd2, n, m));
        }
        int coreOut = (nd1 > 1 ? 1 : 0) + (nd2 > 1 ? 1 : 0);
        if (@out is not null)
        {
            batch = CheckOut(@out, batch, coreOut, nd1, nd2, n, m, x1, x2);
            if (!TypePromotion.CanCast(rt, @out.Dtype, rule)) throw LinalgText.CannotCastOutput(Name, rt, @out.Dtype, casting);
            @out.ThrowIfReadOnly();
        }
        var shape = new long[batch.Length + coreOut];
        batch.CopyTo(shape, 0);
        if (nd1 > 1) shape[batch.Length] = n;
        if (nd2 > 1) shape[^1] = m;

        var a = LinalgCore.Cast(x1, rt);
        var b = LinalgCore.Cast(x2, rt);
        try
        {
            bool direct = @out is not null && @out.Dtype == rt && !NativeOps.Overlaps(@out, a) && !NativeOps.Overlaps(@out, b);
            var c = direct ? @out! : NDArray.Allocate(shape, rt);
            if (c.Size > 0)
            {
                long[]? bs = batch.Length == 0 ? null : batch;
                var ao = new LaOperand(a, nd1 == 1 ? 0 : a.Strides[nd1 - 2], a.Strides[nd1 - 1], LaOperand.BatchStridesOf(a, b1, batch));
                var bo = new LaOperand(b, nd2 == 1 ? b.Strides[0] : b.Strides[nd2 - 2], nd2 == 1 ? 0 : b.Strides[nd2 - 1],
                    LaOperand.BatchStridesOf(b, b2, batch));
                int cn = c.Dims.Length;
                var co = new LaOperand(c, nd1 > 1 ? c.Strides[batch.Length] : 0, nd2 > 1 ? c.Strides[cn - 1] : 0,
                    LaOperand.BatchStridesOf(c, batch.Length, batch));
                LinalgNative.Matmul(rt.Code, false, false, n, m, k, bs, ao, bo, co, ufunc ? Name : null);
            }
            if (@out is null || direct) return c;
            using (c) NativeOps.CopyWarn(@out, c);
            return @out;
        }
        finally
        {
            LinalgCore.Release(a, x1);
            LinalgCore.Release(b, x2);
        }
    }

    private static long[] CoreOut(int nd1, int nd2, long n, long m)
    {
        var r = new List<long>(2);
        if (nd1 > 1) r.Add(n);
        if (nd2 > 1) r.Add(m);
        return [.. r];
    }

    /// <summary>NumPy's gufunc checks of <c>out=</c>: enough dimensions, core sizes, and a loop shape the inputs
    /// broadcast to (out itself never broadcasts). Returns the loop (batch) shape to use.</summary>
    private static long[] CheckOut(NDArray o, long[] batch, int coreOut, int nd1, int nd2, long n, long m, NDArray x1, NDArray x2)
    {
        int od = o.Dims.Length;
        if (od < coreOut) throw LinalgText.TooFewDims(Name, 0, od, coreOut, output: true);
        int ci = 0;
        if (nd1 > 1)
        {
            if (o.Dims[od - coreOut] != n) throw LinalgText.CoreMismatch(Name, 0, ci, o.Dims[od - coreOut], n, output: true);
            ci++;
        }
        if (nd2 > 1 && o.Dims[od - 1] != m) throw LinalgText.CoreMismatch(Name, 0, ci, o.Dims[od - 1], m, output: true);
        var ob = o.Dims.AsSpan(0, od - coreOut);
        var full = LinalgCore.Broadcast(batch, ob);
        if (full is null || !full.AsSpan().SequenceEqual(ob))
        {
            throw LinalgText.RemappedBroadcast([(x1.Dims, Math.Min(nd1, 2)), (x2.Dims, Math.Min(nd2, 2)), (o.Dims, 0)], CoreOut(nd1, nd2, n, m));
        }
        return ob.ToArray();
    }

    /// <summary>
    /// NumPy's dot: inner product of vectors, matrix product of matrices, and for N-d the sum over a's last axis
    /// and b's second-to-last; a 0-d operand multiplies.
    /// </summary>
    internal static NDArray Dot(NDArray x1, NDArray x2, NDArray? @out)
    {
        LinalgCore.CheckLive(x1, "a");
        LinalgCore.CheckLive(x2, "b");
        @out?.ThrowIfDisposed();
        DType rt = TypePromotion.Result([.. Strong(x1), .. Strong(x2)], [x1.Weak, x2.Weak]);
        int nda = x1.Dims.Length, ndb = x2.Dims.Length;
        NDArray r;
        if (nda == 0 || ndb == 0)
        {
            r = LinalgCore.Multiply(x1, x2, rt);
        }
        else
        {
            long k = x1.Dims[nda - 1];
            int kdb = ndb == 1 ? 0 : ndb - 2;
            if (x2.Dims[kdb] != k) throw LinalgText.NotAligned(x1.Dims, x2.Dims, k, nda - 1, x2.Dims[kdb], kdb);
            if (nda <= 2 && ndb <= 2)
            {
                r = Matmul(x1, x2, null, "unsafe", rt, ufunc: false);
            }
            else
            {
                r = DotNd(x1, x2, rt, k);
            }
        }
        if (@out is null) return r;
        using (r)
        {
            // NumPy's new_array_for_sum: dtype, ndim and PyArray_ISCARRAY (C-contiguous, aligned, writeable) first,
            // then each length with its own text.
            if (@out.Dtype != rt || @out.Dims.Length != r.Dims.Length || !@out.IsCContiguous || (@out.FlagBits & ArrayFlags.Writeable) == 0)
                throw new ValueError("output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)");
            if (!@out.Dims.AsSpan().SequenceEqual(r.Dims)) throw new ValueError("output array has wrong dimensions");
            NativeOps.Copy(@out, r);
        }
        return @out;
    }

    private static DType[] Strong(NDArray a) => a.IsWeak ? [] : [a.Dtype];

    /// <summary>dot with an operand of 3 or more dimensions: a as (P, K), then for each stack of b a P x M product
    /// written into a (P, b's stack..., M) result, which is the answer reshaped.</summary>
    private static NDArray DotNd(NDArray x1, NDArray x2, DType rt, long k)
    {
        int nda = x1.Dims.Length, ndb = x2.Dims.Length;
        long p = LinalgCore.Product(x1.Dims.AsSpan(0, nda - 1));
        var a = LinalgCore.Cast(x1, rt);
        var b = LinalgCore.Cast(x2, rt);
        NDArray? a2 = null;
        try
        {
            a2 = np.reshape(a, new long[] { p, k });
            long[] bStack = ndb == 1 ? [] : x2.Dims.AsSpan(0, ndb - 2).ToArray();
            long mm = ndb == 1 ? 1 : x2.Dims[ndb - 1];
            // Result laid out as (P, stack..., M): row i of every stack's product is contiguous per stack.
            var tmpShape = LinalgCore.Concat(LinalgCore.Concat([p], bStack), ndb == 1 ? [] : [mm]);
            var res = NDArray.Allocate(tmpShape, rt);
            if (res.Size > 0)
            {
                int rn = res.Dims.Length;
                var ao = new LaOperand(a2, a2.Strides[0], a2.Strides[1], bStack.Length == 0 ? null : new long[bStack.Length]);
                LaOperand bo, co;
                if (ndb == 1)
                {
                    bo = new LaOperand(b, b.Strides[0], 0, null);
                    co = new LaOperand(res, res.Strides[0], 0, null);
                }
                else
                {
                    bo = LaOperand.Matrix(b, bStack);
                    var cb = new long[bStack.Length];
                    for (int i = 0; i < cb.Length; i++) cb[i] = res.Strides[1 + i];
                    co = new LaOperand(res, res.Strides[0], res.Strides[rn - 1], cb.Length == 0 ? null : cb);
                }
                LinalgNative.Matmul(rt.Code, false, false, p, mm, k, bStack.Length == 0 ? null : bStack, ao, bo, co);
            }
            var outShape = LinalgCore.Concat(x1.Dims.AsSpan(0, nda - 1), ndb == 1 ? [] : LinalgCore.Concat(bStack, [mm]));
            using (res) return np.reshape(res, outShape);
        }
        finally
        {
            a2?.Dispose();
            LinalgCore.Release(a, x1);
            LinalgCore.Release(b, x2);
        }
    }
}
