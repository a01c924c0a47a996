namespace Numerics.Native;

public static partial class np
{
    /// <summary>
    /// Matrix product with NumPy's broadcasting over stacked dimensions; a 1-d operand is promoted to a matrix and
    /// the added axis removed. Float and complex go to CBLAS (gemm/gemv/dot) with transpose flags and leading
    /// dimensions when the layout allows; bool and integers use NumPy's exact loops (integers wrap).
    /// NumPy: <c>np.matmul(x1, x2, out=None, casting='same_kind', dtype=None)</c>, the <c>@</c> operator.
    /// </summary>
    /// <param name="x1">First operand, at least 1-d: (..., n, k) or (k,).</param>
    /// <param name="x2">Second operand, at least 1-d: (..., k, m) or (k,).</param>
    /// <param name="out">Where to put the result (its shape must be the result's); returned.</param>
    /// <param name="casting">NumPy's casting rule for the inputs and the output.</param>
    /// <param name="dtype">The dtype to compute in; the promoted input dtype when null.</param>
    /// <exception cref="ValueError">A 0-d operand, mismatched core dimensions, stacks that do not broadcast, or an
    /// unsuitable <paramref name="out"/> (NumPy's gufunc texts).</exception>
    /// <exception cref="TypeError">An input or the output cannot be cast under <paramref name="casting"/>.</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray matmul(NDArray x1, NDArray x2, NDArray? @out = null, string casting = "same_kind", DType? dtype = null) =>
        MatmulOp.Matmul(x1, x2, @out, casting, dtype);

    /// <summary>
    /// Dot product: the inner product of 1-d arrays, the matrix product of 2-d arrays, a sum over the last axis of
    /// <paramref name="a"/> and the second-to-last of <paramref name="b"/> for N-d, multiplication with a 0-d operand.
    /// NumPy: <c>np.dot(a, b, out=None)</c>.
    /// </summary>
    /// <param name="a">First operand.</param>
    /// <param name="b">Second operand.</param>
    /// <param name="out">C-contiguous array of exactly the result's dtype and shape; returned.</param>
    /// <exception cref="ValueError">"shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)", or an unacceptable
    /// <paramref name="out"/>.</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray dot(NDArray a, NDArray b, NDArray? @out = null) => MatmulOp.Dot(a, b, @out);

    /// <summary>
    /// The dot product of the flattened arrays, conjugating the first. NumPy: <c>np.vdot(a, b)</c>.
    /// </summary>
    /// <param name="a">First operand (conjugated when complex).</param>
    /// <param name="b">Second operand.</param>
    /// <returns>A 0-d array.</returns>
    /// <exception cref="ValueError">"vectors have different lengths".</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray vdot(NDArray a, NDArray b)
    {
        LinalgCore.CheckLive(a, nameof(a));
        LinalgCore.CheckLive(b, nameof(b));
        DType rt = TypePromotion.Result([.. StrongOf(a), .. StrongOf(b)], [a.Weak, b.Weak]);
        var x = LinalgCore.Cast(a, rt);
        var y = LinalgCore.Cast(b, rt);
        NDArray? fx = null, fy = null;
        try
        {
            fx = ravel(x);
            fy = ravel(y);
            if (fx.Dims[0] != fy.Dims[0]) throw new ValueError("vectors have different lengths");
            var r = NDArray.Allocate([], rt);
            long k = fx.Dims[0];
            if (k == 0)
            {
                NativeOps.Zero(r);
                return r;
            }
            LinalgNative.Matmul(rt.Code, rt.IsComplex, false, 1, 1, k, null, new LaOperand(fx, 0, fx.Strides[0], null),
                new LaOperand(fy, fy.Strides[0], 0, null), new LaOperand(r, 0, 0, null));
            return r;
        }
        finally
        {
            fx?.Dispose();
            fy?.Dispose();
            LinalgCore.Release(x, a);
            LinalgCore.Release(y, b);
        }
    }

    private static DType[] StrongOf(NDArray a) => a.IsWeak ? [] : [a.Dtype];

    /// <summary>
    /// Inner product over the last axes: the result has shape a.shape[:-1] + b.shape[:-1]; a 0-d operand multiplies.
    /// NumPy: <c>np.inner(a, b)</c>.
    /// </summary>
    /// <param name="a">First operand.</param>
    /// <param name="b">Second operand.</param>
    /// <exception cref="ValueError">The last dimensions differ ("shapes (3,) and (2,) not aligned: …").</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray inner(NDArray a, NDArray b)
    {
        LinalgCore.CheckLive(a, nameof(a));
        LinalgCore.CheckLive(b, nameof(b));
        DType rt = TypePromotion.Result([.. StrongOf(a), .. StrongOf(b)], [a.Weak, b.Weak]);
        int na = a.Dims.Length, nb = b.Dims.Length;
        if (na == 0 || nb == 0) return LinalgCore.Multiply(a, b, rt);
        long k = a.Dims[na - 1];
        if (b.Dims[nb - 1] != k)
        {
            // NumPy's inner is dot(a, b with its last two axes swapped): its message shows that view of b, and b's
            // summed axis as the second to last of it.
            var bt = (long[])b.Dims.Clone();
            if (nb >= 2) (bt[nb - 2], bt[nb - 1]) = (bt[nb - 1], bt[nb - 2]);
            throw LinalgText.NotAligned(a.Dims, bt, k, na - 1, b.Dims[nb - 1], Math.Max(nb - 2, 0));
        }
        long p = LinalgCore.Product(a.Dims.AsSpan(0, na - 1)), q = LinalgCore.Product(b.Dims.AsSpan(0, nb - 1));
        var x = LinalgCore.Cast(a, rt);
        var y = LinalgCore.Cast(b, rt);
        NDArray? x2 = null, y2 = null;
        try
        {
            x2 = reshape(x, new long[] { p, k });
            y2 = reshape(y, new long[] { q, k });
            var r = NDArray.Allocate([p, q], rt);
            if (r.Size > 0)
            {
                // r = x2 @ y2.T: y2's core read as k x q through swapped strides.
                LinalgNative.Matmul(rt.Code, false, false, p, q, k, null, new LaOperand(x2, x2.Strides[0], x2.Strides[1], null),
                    new LaOperand(y2, y2.Strides[1], y2.Strides[0], null), new LaOperand(r, r.Strides[0], r.Strides[1], null));
            }
            using (r) return reshape(r, LinalgCore.Concat(a.Dims.AsSpan(0, na - 1), b.Dims.AsSpan(0, nb - 1)));
        }
        finally
        {
            x2?.Dispose();
            y2?.Dispose();
            LinalgCore.Release(x, a);
            LinalgCore.Release(y, b);
        }
    }

    /// <summary>
    /// Outer product of the flattened inputs: <c>out[i, j] = a[i] * b[j]</c>. NumPy: <c>np.outer(a, b, out=None)</c>.
    /// </summary>
    /// <param name="a">First operand (flattened).</param>
    /// <param name="b">Second operand (flattened).</param>
    /// <param name="out">Where to put the (a.size, b.size) result; returned.</param>
    /// <exception cref="ValueError"><paramref name="out"/> does not broadcast with the result (NumPy's multiply texts),
    /// or is read-only.</exception>
    /// <exception cref="TypeError">The result cannot be cast to <paramref name="out"/>'s dtype ("same_kind").</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray outer(NDArray a, NDArray b, NDArray? @out = null)
    {
        LinalgCore.CheckLive(a, nameof(a));
        LinalgCore.CheckLive(b, nameof(b));
        // np.outer calls asarray first: a C# scalar becomes a strong array of its default dtype.
        DType rt = TypePromotion.Promote(a.IsWeak ? TypePromotion.DefaultFor(a.Weak) : a.Dtype,
            b.IsWeak ? TypePromotion.DefaultFor(b.Weak) : b.Dtype);
        using var fa = ravel(a);
        using var fb = ravel(b);
        using var ca = expand_dims(fa, 1);
        using var cb = expand_dims(fb, 0);
        if (@out is not null)
        {
            // NumPy: multiply(a.ravel()[:, newaxis], b.ravel()[newaxis, :], out): the ufunc's checks in its order
            // (writeable, same_kind output cast, then broadcasting with out, which may add leading axes).
            @out.ThrowIfDisposed();
            if ((@out.FlagBits & ArrayFlags.Writeable) == 0) throw new ValueError("output array is read-only");
            if (!TypePromotion.CanCast(rt, @out.Dtype, Casting.SameKind))
                throw LinalgText.CannotCastOutput("multiply", rt, @out.Dtype, "same_kind");
            var all = LinalgCore.Broadcast(LinalgCore.Broadcast(ca.Dims, cb.Dims)!, @out.Dims)
                      ?? throw Err.BroadcastMismatch([ca.Dims, cb.Dims, @out.Dims]);
            if (!all.AsSpan().SequenceEqual(@out.Dims))
                throw new ValueError($"non-broadcastable output operand with shape {Err.CompactTuple(@out.Dims)} doesn't match the broadcast shape {Err.CompactTuple(all)}");
        }
        var r = LinalgCore.Multiply(ca, cb, rt, "multiply");
        if (@out is null) return r;
        using (r) NativeOps.CopyWarn(@out, r);
        return @out;
    }

    /// <summary>
    /// Vector dot product over <paramref name="axis"/>, conjugating <paramref name="x1"/>, broadcasting the other
    /// axes (NumPy 2 gufunc <c>(n),(n)-&gt;()</c>). NumPy: <c>np.vecdot(x1, x2, axis=-1)</c>.
    /// </summary>
    /// <param name="x1">First operand (conjugated when complex).</param>
    /// <param name="x2">Second operand.</param>
    /// <param name="axis">The axis of both operands to sum over.</param>
    /// <param name="out">Where to put the result; returned.</param>
    /// <exception cref="ValueError">A 0-d operand, mismatched lengths, or stacks that do not broadcast.</exception>
    /// <exception cref="AxisError"><paramref name="axis"/> is out of bounds.</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray vecdot(NDArray x1, NDArray x2, int axis = -1, NDArray? @out = null)
    {
        const string sig = "(n),(n)->()";
        LinalgCore.CheckLive(x1, nameof(x1));
        LinalgCore.CheckLive(x2, nameof(x2));
        if (x1.Dims.Length == 0) throw LinalgText.TooFewDims("vecdot", 0, 0, 1, sig);
        if (x2.Dims.Length == 0) throw LinalgText.TooFewDims("vecdot", 1, 0, 1, sig);
        DType rt = TypePromotion.Promote(x1.Dtype, x2.Dtype);
        using var a = moveaxis(x1, Layout.NormalizeAxis(axis, x1.Dims.Length), -1);
        using var b = moveaxis(x2, Layout.NormalizeAxis(axis, x2.Dims.Length), -1);
        long k = a.Dims[^1];
        if (b.Dims[^1] != k) throw LinalgText.CoreMismatch("vecdot", 1, 0, b.Dims[^1], k, sig);
        var batch = LinalgCore.Broadcast(a.Dims.AsSpan(0, a.Dims.Length - 1), b.Dims.AsSpan(0, b.Dims.Length - 1))
                    ?? throw LinalgText.RemappedBroadcast([(x1.Dims, 1), (x2.Dims, 1)], []);
        var ca = LinalgCore.Cast(a, rt);
        var cb = LinalgCore.Cast(b, rt);
        try
        {
            var r = NDArray.Allocate((long[])batch.Clone(), rt);
            if (r.Size > 0)
            {
                if (k == 0)
                {
                    NativeOps.Zero(r);
                }
                else
                {
                    var ao = LaOperand.Row(ca, batch);
                    var bRow = LaOperand.Row(cb, batch);
                    var bo = new LaOperand(cb, bRow.Cs, 0, bRow.BatchStrides);
                    LinalgNative.Matmul(rt.Code, rt.IsComplex, false, 1, 1, k, batch.Length == 0 ? null : batch, ao, bo,
                        LaOperand.Scalar(r, batch));
                }
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
        finally
        {
            LinalgCore.Release(ca, a);
            LinalgCore.Release(cb, b);
        }
    }

    /// <summary>
    /// Einstein summation with NumPy's subscripts (<c>"ij,jk-&gt;ik"</c>; implicit output when there is no
    /// <c>-&gt;</c>: the labels that appear once, in alphabetical order, uppercase first; <c>...</c> broadcasts;
    /// a label repeated in one operand takes its diagonal). Contracts in NumPy's greedy order, each pairwise
    /// contraction one GEMM/GEMV on BLAS (integers and bool: the exact native loops); the result dtype is the
    /// operands' promoted dtype. NumPy equivalent: <c>np.einsum(subscripts, *operands, optimize='greedy')</c>.
    /// </summary>
    /// <param name="subscripts">The subscripts, e.g. <c>"bij,bjk-&gt;bik"</c>, <c>"ii"</c>, <c>"...ij-&gt;...ji"</c>.</param>
    /// <param name="operands">The arrays, one per comma-separated term.</param>
    /// <returns>A new array; a view of the operand when nothing is summed and no operand is multiplied (as NumPy).</returns>
    /// <exception cref="ValueError">Bad subscripts or mismatched label sizes (NumPy's texts, e.g. "Size of label 'j'
    /// for operand 1 (3) does not match previous terms (2).").</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray einsum(string subscripts, params NDArray[] operands) =>
        EinsumOp.Einsum(subscripts, operands, "greedy", null, null, "safe");

    /// <summary>
    /// Einstein summation with options. <paramref name="optimize"/>: <c>"greedy"</c> (or <c>"true"</c>) orders the
    /// contractions by NumPy's greedy heuristic; <c>"optimal"</c> by NumPy's exhaustive search (exponential in the
    /// operand count, as NumPy's); <c>"none"</c> (or
    /// <c>"false"</c>) contracts left to right and raises the texts of NumPy's <c>c_einsum</c> (optimize=False).
    /// Floats may differ from NumPy's direct sum-of-products loop in the last bits (BLAS sums in another order);
    /// integers are exact. NumPy equivalent: <c>np.einsum(subscripts, *operands, out=None, dtype=None,
    /// casting='safe', optimize=...)</c>.
    /// </summary>
    /// <param name="subscripts">The subscripts.</param>
    /// <param name="operands">The arrays, one per comma-separated term.</param>
    /// <param name="optimize">"greedy" | "optimal" | "none" (also "true" | "false").</param>
    /// <param name="out">Where to put the result (exactly the result's shape); returned.</param>
    /// <param name="dtype">The dtype to compute in; the operands' promoted dtype when null.</param>
    /// <param name="casting">NumPy's casting rule for <paramref name="dtype"/> and <paramref name="out"/>.</param>
    /// <exception cref="ValueError">Bad subscripts, mismatched label sizes, or an <paramref name="out"/> of the
    /// wrong shape (NumPy's texts).</exception>
    /// <exception cref="TypeError">An operand or the result cannot be cast under <paramref name="casting"/>.</exception>
    /// <exception cref="KeyError">An unknown <paramref name="optimize"/> name.</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray einsum(string subscripts, NDArray[] operands, string optimize = "greedy", NDArray? @out = null,
                                 DType? dtype = null, string casting = "safe") =>
        EinsumOp.Einsum(subscripts, operands, optimize, @out, dtype, casting);

    /// <summary>
    /// The contraction order einsum would use, and NumPy's report of it (scaling, FLOP counts, intermediates).
    /// <c>path[0]</c> is <c>"einsum_path"</c>; each further entry an <c>int[]</c> of the operand positions contracted
    /// in that step (positions in the list as it stands then; the result goes to the end). NumPy equivalent: <c>np.einsum_path(subscripts, *operands, optimize='greedy')</c>.
    /// </summary>
    /// <param name="subscripts">The subscripts.</param>
    /// <param name="operands">The arrays (only their shapes are read).</param>
    /// <param name="optimize">"greedy" | "optimal" | "none".</param>
    /// <exception cref="ValueError">Bad subscripts or mismatched label sizes.</exception>
    /// <exception cref="KeyError">An unknown <paramref name="optimize"/> name.</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static (object[] path, string report) einsum_path(string subscripts, NDArray[] operands, string optimize = "greedy") =>
        EinsumOp.EinsumPath(subscripts, operands, optimize);

    /// <summary>
    /// Sum of products over the last <paramref name="axes"/> axes of <paramref name="a"/> and the first of
    /// <paramref name="b"/>. NumPy: <c>np.tensordot(a, b, axes=2)</c>.
    /// </summary>
    /// <param name="a">First operand.</param>
    /// <param name="b">Second operand.</param>
    /// <param name="axes">How many axes to sum over.</param>
    /// <exception cref="ValueError">"shape-mismatch for sum".</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray tensordot(NDArray a, NDArray b, int axes = 2)
    {
        var aa = new int[Math.Max(axes, 0)];
        var bb = new int[Math.Max(axes, 0)];
        for (int i = 0; i < aa.Length; i++)
        {
            aa[i] = i - axes;
            bb[i] = i;
        }
        return tensordot(a, b, (aa, bb));
    }

    /// <summary>
    /// Sum of products over the given axes of each operand, paired in order. NumPy:
    /// <c>np.tensordot(a, b, axes=(a_axes, b_axes))</c>.
    /// </summary>
    /// <param name="a">First operand.</param>
    /// <param name="b">Second operand.</param>
    /// <param name="axes">The axes of <paramref name="a"/> and of <paramref name="b"/> to sum over.</param>
    /// <exception cref="ValueError">"shape-mismatch for sum".</exception>
    /// <exception cref="IndexError">An axis is out of range.</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray tensordot(NDArray a, NDArray b, (int[] a_axes, int[] b_axes) axes)
    {
        LinalgCore.CheckLive(a, nameof(a));
        LinalgCore.CheckLive(b, nameof(b));
        ArgumentNullException.ThrowIfNull(axes.a_axes);
        ArgumentNullException.ThrowIfNull(axes.b_axes);
        int[] axA = (int[])axes.a_axes.Clone(), axB = (int[])axes.b_axes.Clone();
        int nda = a.Dims.Length, ndb = b.Dims.Length;
        bool equal = axA.Length == axB.Length;
        if (equal)
        {
            for (int i = 0; i < axA.Length; i++)
            {
                if (DimAt(a, axA[i]) != DimAt(b, axB[i]))
                {
                    equal = false;
                    break;
                }
                if (axA[i] < 0) axA[i] += nda;
                if (axB[i] < 0) axB[i] += ndb;
            }
        }
        if (!equal) throw new ValueError("shape-mismatch for sum");
        var notA = Enumerable.Range(0, nda).Where(i => Array.IndexOf(axA, i) < 0).ToArray();
        var notB = Enumerable.Range(0, ndb).Where(i => Array.IndexOf(axB, i) < 0).ToArray();
        long n2 = 1;
        foreach (var ax in axA) n2 *= a.Dims[ax];
        long pa = 1, pb = 1;
        foreach (var ax in notA) pa *= a.Dims[ax];
        foreach (var ax in notB) pb *= b.Dims[ax];
        using var at = transpose(a, [.. notA, .. axA]);
        using var bt = transpose(b, [.. axB, .. notB]);
        using var a2 = reshape(at, new long[] { pa, n2 });
        using var b2 = reshape(bt, new long[] { n2, pb });
        using var r = dot(a2, b2);
        return reshape(r, notA.Select(i => a.Dims[i]).Concat(notB.Select(i => b.Dims[i])).ToArray());
    }

    private static long DimAt(NDArray a, int axis)
    {
        int n = a.Dims.Length;
        if (axis < -n || axis >= n) throw new IndexError("tuple index out of range");
        return a.Dims[axis < 0 ? axis + n : axis];
    }

    /// <summary>
    /// Kronecker product: blocks of <paramref name="b"/> scaled by the elements of <paramref name="a"/>.
    /// NumPy: <c>np.kron(a, b)</c>.
    /// </summary>
    /// <param name="a">First operand.</param>
    /// <param name="b">Second operand.</param>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray kron(NDArray a, NDArray b)
    {
        LinalgCore.CheckLive(a, nameof(a));
        LinalgCore.CheckLive(b, nameof(b));
        // kron calls asanyarray/array on both: a C# scalar is a strong array of its default dtype here.
        DType rt = TypePromotion.Promote(a.IsWeak ? TypePromotion.DefaultFor(a.Weak) : a.Dtype,
            b.IsWeak ? TypePromotion.DefaultFor(b.Weak) : b.Dtype);
        int ndb = b.Dims.Length;
        // a = array(a, ndmin=b.ndim)
        var aa = a.Dims.Length < ndb ? reshape(a, LinalgCore.Concat(Enumerable.Repeat(1L, ndb - a.Dims.Length).ToArray(), a.Dims)) : a;
        try
        {
            int nda = aa.Dims.Length, nd = Math.Max(nda, ndb);
            if (nda == 0 || ndb == 0) return LinalgCore.Multiply(aa, b, rt, "multiply");
            var asx = LinalgCore.Concat(Enumerable.Repeat(1L, Math.Max(0, ndb - nda)).ToArray(), aa.Dims);
            var bsx = LinalgCore.Concat(Enumerable.Repeat(1L, Math.Max(0, nda - ndb)).ToArray(), b.Dims);
            // Interleaved: a as (a0, 1, a1, 1, ...), b as (1, b0, 1, b1, ...); the product is (a0, b0, a1, b1, ...).
            var ia = new long[2 * nd];
            var ib = new long[2 * nd];
            for (int i = 0; i < nd; i++)
            {
                ia[2 * i] = asx[i];
                ia[2 * i + 1] = 1;
                ib[2 * i] = 1;
                ib[2 * i + 1] = bsx[i];
            }
            using var av = reshape(aa, ia);
            using var bv = reshape(b, ib);
            using var prod = LinalgCore.Multiply(av, bv, rt, "multiply");
            var shape = new long[nd];
            for (int i = 0; i < nd; i++) shape[i] = asx[i] * bsx[i];
            return reshape(prod, shape);
        }
        finally
        {
            if (!ReferenceEquals(aa, a)) aa.Dispose();
        }
    }

    /// <summary>
    /// Cross product of 2- or 3-element vectors along the given axes, broadcasting the rest. 2-element vectors
    /// report NumPy 2's <see cref="DeprecationWarning"/> ("Arrays of 2-dimensional vectors are deprecated. …").
    /// NumPy: <c>np.cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)</c>.
    /// </summary>
    /// <param name="a">Vectors of 2 or 3 components.</param>
    /// <param name="b">Vectors of 2 or 3 components.</param>
    /// <param name="axisa">The component axis of <paramref name="a"/>.</param>
    /// <param name="axisb">The component axis of <paramref name="b"/>.</param>
    /// <param name="axisc">The component axis of the result (when it has one).</param>
    /// <param name="axis">When given, overrides all three.</param>
    /// <exception cref="ValueError">A 0-d operand, or components not 2 or 3 ("incompatible dimensions for cross
    /// product\n(dimension must be 2 or 3)"), or stacks that do not broadcast.</exception>
    /// <exception cref="AxisError">An axis is out of bounds ("axisa: axis 2 is out of bounds …").</exception>
    /// <exception cref="TypeError">bool operands (NumPy's boolean subtract/negative error).</exception>
    /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
    public static NDArray cross(NDArray a, NDArray b, int axisa = -1, int axisb = -1, int axisc = -1, int? axis = null) =>
        CrossOp.Cross(a, b, axisa, axisb, axisc, axis);

    /// <summary>
    /// Sum along a diagonal: of the 2-d sub-arrays given by <paramref name="axis1"/> and <paramref name="axis2"/>.
    /// Integers smaller than int64 sum in int64 (uint64 for unsigned), as NumPy's sum does; floats pairwise as
    /// NumPy. NumPy: <c>np.trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)</c>.
    /// </summary>
    /// <param name="a">At least 2-d input.</param>
    /// <param name="offset">Diagonal offset (positive: above the main diagonal).</param>
    /// <param name="axis1">First axis of the 2-d sub-arrays.</param>
    /// <param name="axis2">Second axis of the 2-d sub-arrays.</param>
    /// <param name="dtype">The accumulator and result dtype.</param>
    /// <param name="out">Where to put the result; returned.</param>
    /// <exception cref="ValueError">Fewer than 2 dimensions, or equal axes ("axis1 and axis2 cannot be the same").</exception>
    /// <exception cref="AxisError">An axis is out of bounds.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
    public static NDArray trace(NDArray a, long offset = 0, int axis1 = 0, int axis2 = 1, DType? dtype = null, NDArray? @out = null) =>
        TraceOp.Trace(a, offset, axis1, axis2, dtype, @out);
}
