namespace Numerics.Native;

/// <summary>
/// What the products and np.linalg share: NumPy's linalg type rules, shape assertions, stack broadcasting, and the
/// batched matmul / elementwise-multiply cores every product is built on (one <c>nk_matmul</c> call each).
/// </summary>
internal static class LinalgCore
{
    /// <summary>
    /// The dtype a linalg routine computes in (NumPy's <c>_commonType</c>, with the contract's matching s/d/c/z
    /// routine: float32 stays float32): bool and integers give float64, any complex makes it complex, float16 is
    /// refused.
    /// </summary>
    internal static DType CommonType(params NDArray[] arrays)
    {
        bool complex = false, dbl = false;
        foreach (var a in arrays)
        {
            var d = a.Dtype;
            if (d.IsInexact)
            {
                if (d.Code is DTypeCode.Float16) throw LinalgText.Unsupported(d.NativeOrder);
                if (d.IsComplex) complex = true;
                if (d.Code is DTypeCode.Float64 or DTypeCode.Complex128) dbl = true;
            }
            else
            {
                dbl = true;
            }
        }
        return complex ? (dbl ? DType.Complex128 : DType.Complex64) : (dbl ? DType.Float64 : DType.Float32);
    }

    /// <summary>The real dtype of a float or complex dtype.</summary>
    internal static DType RealOf(DType t) => t.Code switch
    {
        DTypeCode.Complex64 => DType.Float32,
        DTypeCode.Complex128 => DType.Float64,
        _ => t.NativeOrder,
    };

    /// <summary>The double-precision dtype of a float or complex dtype's kind (what NumPy's <c>_commonType</c> computes in).</summary>
    internal static DType DoubleOf(DType t) => t.IsComplex ? DType.Complex128 : DType.Float64;

    /// <summary>
    /// <paramref name="a"/> rounded to <paramref name="t"/> (NumPy's <c>astype(result_t, copy=False)</c> after a
    /// double-precision computation): the same object when it already is <paramref name="t"/>, else a copy, and
    /// <paramref name="a"/> is disposed.
    /// </summary>
    internal static NDArray Narrow(NDArray a, DType t)
    {
        if (a.Dtype == t) return a;
        using (a) return a.astype(t);
    }

    /// <summary>The complex dtype of a float or complex dtype's precision.</summary>
    internal static DType ComplexOf(DType t) => t.Code is DTypeCode.Float32 or DTypeCode.Complex64 ? DType.Complex64 : DType.Complex128;

    /// <summary>
    /// <paramref name="a"/> as a strong native-order array of <paramref name="t"/>: the same object when it already is
    /// one, else a new copy (the caller disposes it when <c>!ReferenceEquals</c>).
    /// </summary>
    internal static NDArray Cast(NDArray a, DType t)
    {
        if (!a.IsWeak && a.Dtype == t) return a;
        return a.astype(t);
    }

    /// <summary>Disposes <paramref name="tmp"/> when it is a temporary made from <paramref name="original"/>.</summary>
    internal static void Release(NDArray tmp, NDArray original)
    {
        if (!ReferenceEquals(tmp, original)) tmp.Dispose();
    }

    internal static void CheckLive(NDArray a, string name)
    {
        ArgumentNullException.ThrowIfNull(a, name);
        a.ThrowIfDisposed();
    }

    internal static void AssertStacked2D(NDArray a)
    {
        if (a.Dims.Length < 2) throw LinalgText.NotTwoD(a.Dims.Length);
    }

    internal static void AssertStackedSquare(NDArray a)
    {
        AssertStacked2D(a);
        if (a.Dims[^1] != a.Dims[^2]) throw LinalgText.NotSquare();
    }

    /// <summary>The leading (batch) axes of a stacked matrix.</summary>
    internal static long[] BatchOf(NDArray a, int core = 2) => a.Dims.AsSpan(0, Math.Max(a.Dims.Length - core, 0)).ToArray();

    /// <summary>NumPy's broadcast of two shapes; null when they do not broadcast.</summary>
    internal static long[]? Broadcast(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        int n = Math.Max(a.Length, b.Length);
        var r = new long[n];
        for (int i = 0; i < n; i++)
        {
            int ia = i - (n - a.Length), ib = i - (n - b.Length);
            long x = ia < 0 ? 1 : a[ia], y = ib < 0 ? 1 : b[ib];
            if (x == y || y == 1) r[i] = x;
            else if (x == 1) r[i] = y;
            else return null;
        }
        return r;
    }

    internal static long[] Concat(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var r = new long[a.Length + b.Length];
        a.CopyTo(r);
        b.CopyTo(r.AsSpan(a.Length));
        return r;
    }

    internal static long Product(ReadOnlySpan<long> s)
    {
        long p = 1;
        foreach (var d in s) p *= d;
        return p;
    }

    /// <summary>
    /// The batched product core: <c>c[b] = a[b] @ b[b]</c> with <paramref name="a"/> m x k and <paramref name="b"/>
    /// k x n per item, already of <paramref name="c"/>'s dtype. One nk_matmul call; nothing when c is empty.
    /// </summary>
    internal static void MatmulInto(NDArray c, long[]? batch, long m, long n, long k, in LaOperand a, in LaOperand b,
        in LaOperand cop, bool conjA = false, bool multiply = false, string? fpeName = null)
    {
        if (c.Size == 0) return;
        LinalgNative.Matmul(c.Dtype.Code, conjA, multiply, m, n, k, batch, a, b, cop, fpeName);
    }

    /// <summary>
    /// NumPy's <c>multiply</c> of two arrays that broadcast (what outer, kron and the 0-d dot are), in dtype
    /// <paramref name="t"/>: one nk_matmul in its elementwise mode over the last two axes, the rest batch axes.
    /// <paramref name="fpeName"/> names the ufunc whose overflow/invalid flags NumPy reports (outer and kron call
    /// multiply: "overflow encountered in multiply"); null for callers that NumPy does not check (dot, einsum).
    /// </summary>
    internal static NDArray Multiply(NDArray x, NDArray y, DType t, string? fpeName = null)
    {
        var shape = Broadcast(x.Dims, y.Dims) ?? throw Err.BroadcastMismatch([x.Dims, y.Dims]);
        var a = Cast(x, t);
        var b = Cast(y, t);
        try
        {
            var r = NDArray.Allocate((long[])shape.Clone(), t);
            if (r.Size == 0) return r;
            int nd = shape.Length;
            long m = nd >= 2 ? shape[nd - 2] : 1, n = nd >= 1 ? shape[nd - 1] : 1;
            long[] batch = shape.AsSpan(0, Math.Max(nd - 2, 0)).ToArray();
            MatmulInto(r, batch, m, n, 1, Aligned(a, shape), Aligned(b, shape), Aligned(r, shape), multiply: true, fpeName: fpeName);
            return r;
        }
        finally
        {
            Release(a, x);
            Release(b, y);
        }
    }

    /// <summary>An operand addressed as the m x n core of <paramref name="shape"/> (the last two axes, padded with
    /// length-1 axes in front), stride 0 on every axis where it broadcasts.</summary>
    private static LaOperand Aligned(NDArray a, long[] shape)
    {
        int nd = shape.Length, an = a.Dims.Length;
        long S(int axisFromEnd)
        {
            int j = an - axisFromEnd;
            return j < 0 || a.Dims[j] == 1 ? 0 : a.Strides[j];
        }
        long[] batch = shape.AsSpan(0, Math.Max(nd - 2, 0)).ToArray();
        return new LaOperand(a, S(2), S(1), LaOperand.BatchStridesOf(a, Math.Max(an - 2, 0), batch));
    }
}
