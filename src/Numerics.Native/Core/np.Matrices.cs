using System.Numerics;

namespace Numerics.Native;

public static partial class np
{
    /// <summary>A 2-d array with ones on the k-th diagonal and zeros elsewhere. NumPy: <c>np.eye(N, M, k, dtype, order)</c>.</summary>
    /// <exception cref="ValueError">Negative dimensions or a bad order.</exception>
    public static NDArray eye(long N, long? M = null, long k = 0, DType? dtype = null, string order = "C")
    {
        long m = M ?? N;
        var a = zeros(Shape.Own([N, m]), dtype, order);
        using var d = DiagonalView(a, k, 0, 1, readOnly: false);
        using var one = (NDArray)1L;
        NativeOps.Copy(d, one);
        return a;
    }

    /// <summary>The n×n identity matrix. NumPy: <c>np.identity(n, dtype)</c>.</summary>
    public static NDArray identity(long n, DType? dtype = null) => eye(n, dtype: dtype);

    /// <summary>For a 1-d input, a new 2-d array with it on the k-th diagonal; for a 2-d input, its k-th diagonal
    /// (a read-only view). NumPy: <c>np.diag(v, k)</c>.</summary>
    /// <exception cref="ValueError">The input is not 1-d or 2-d ("Input must be 1- or 2-d.").</exception>
    public static NDArray diag(NDArray v, long k = 0)
    {
        ArgumentNullException.ThrowIfNull(v);
        v.ThrowIfDisposed();
        using var strong = v.IsWeak ? v.MaterializeStrong() : null;
        var src = strong ?? v;
        if (src.Dims.Length == 1)
        {
            long n = src.Dims[0] + Math.Abs(k);
            var res = zeros(Shape.Own([n, n]), src.Dtype);
            using var d = DiagonalView(res, k, 0, 1, readOnly: false);
            NativeOps.Copy(d, src);
            return res;
        }
        if (src.Dims.Length == 2) return DiagonalView(src, k, 0, 1, readOnly: true);
        throw new ValueError("Input must be 1- or 2-d.");
    }

    /// <summary>A 2-d array with the flattened input on the k-th diagonal. NumPy: <c>np.diagflat(v, k)</c>.</summary>
    public static NDArray diagflat(NDArray v, long k = 0)
    {
        using var flat = ravel(v);
        return diag(flat, k);
    }

    /// <summary>An array with ones at and below the k-th diagonal. NumPy: <c>np.tri(N, M, k, dtype)</c>.</summary>
    public static NDArray tri(long N, long? M = null, long k = 0, DType? dtype = null)
    {
        // NumPy builds the mask from arange(N) and arange(M), so a negative size is an empty axis, not an error.
        var a = ones(Shape.Own([Math.Max(N, 0), Math.Max(M ?? N, 0)]), dtype);
        NativeOpsMatrix.ZeroTriangle(a, k, keepLower: true);
        return a;
    }

    /// <summary>A copy with the elements above the k-th diagonal zeroed (last two axes; a 1-d input is broadcast
    /// against its square mask, as NumPy). NumPy: <c>np.tril(m, k)</c>.</summary>
    public static NDArray tril(NDArray m, long k = 0) => TriCore(m, k, lower: true);

    /// <summary>A copy with the elements below the k-th diagonal zeroed. NumPy: <c>np.triu(m, k)</c>.</summary>
    public static NDArray triu(NDArray m, long k = 0) => TriCore(m, k, lower: false);

    private static NDArray TriCore(NDArray m, long k, bool lower)
    {
        ArgumentNullException.ThrowIfNull(m);
        m.ThrowIfDisposed();
        var shape = m.Dims;
        // NumPy: mask = tri(*m.shape[-2:], k=k): a 0-d array gives tri() no N.
        if (shape.Length == 0) throw new TypeError("tri() missing 1 required positional argument: 'N'");
        if (shape.Length < 2)
        {
            long n = shape.Length == 1 ? shape[0] : 1;
            shape = [n, n];
        }
        var res = NDArray.Allocate(shape.AsSpan().ToArray(), m.Dtype);
        res.Assign(m);
        NativeOpsMatrix.ZeroTriangle(res, k, keepLower: lower);
        return res;
    }

    /// <summary>The Vandermonde matrix of a 1-d array: columns are powers of x (decreasing unless
    /// <paramref name="increasing"/>). NumPy: <c>np.vander(x, N, increasing)</c>.</summary>
    /// <exception cref="ValueError">x is not 1-d ("x must be a one-dimensional array or sequence.").</exception>
    public static NDArray vander(NDArray x, long? N = null, bool increasing = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.ThrowIfDisposed();
        if (x.Dims.Length != 1) throw new ValueError("x must be a one-dimensional array or sequence.");
        long n = x.Dims[0], cols = N ?? n;
        if (cols < 0) throw Err.NegativeDimensions();   // NumPy allocates empty((len(x), N)) first
        var dt = TypePromotion.Promote(x.Dtype, DType.Int64);
        // STOPGAP(native): np.multiply.accumulate belongs to the ufuncs; the products are formed in the result dtype.
        NDArray res;
        if (dt.IsComplex)
        {
            var xs = x.ToArray<Complex>();
            var v = new Complex[n * cols];
            for (long i = 0; i < n; i++)
            {
                Complex acc = 1;
                for (long j = 0; j < cols; j++)
                {
                    v[i * cols + (increasing ? j : cols - 1 - j)] = acc;
                    acc *= xs[i];
                }
            }
            res = FromDotNet(v, [n, cols]);
        }
        else if (dt.IsFloat)
        {
            var xs = x.ToArray<double>();
            var v = new double[n * cols];
            for (long i = 0; i < n; i++)
            {
                double acc = 1;
                for (long j = 0; j < cols; j++)
                {
                    v[i * cols + (increasing ? j : cols - 1 - j)] = acc;
                    acc *= xs[i];
                }
            }
            res = FromDotNet(v, [n, cols]);
        }
        else
        {
            var xs = x.ToArray<long>();
            var v = new long[n * cols];
            for (long i = 0; i < n; i++)
            {
                long acc = 1;
                for (long j = 0; j < cols; j++)
                {
                    v[i * cols + (increasing ? j : cols - 1 - j)] = acc;
                    acc = unchecked(acc * xs[i]);
                }
            }
            res = FromDotNet(v, [n, cols]);
        }
        if (res.Dtype == dt) return res;
        using (res) return res.astype(dt);
    }

    /// <summary>The k-th diagonal of axes (axis1, axis2) as a view; the diagonal axis goes last (NumPy's layout).</summary>
    internal static NDArray DiagonalView(NDArray a, long offset, int axis1, int axis2, bool readOnly)
    {
        int nd = a.Dims.Length;
        if (nd < 2) throw new ValueError("diag requires an array of at least two dimensions");
        int ax1 = Layout.NormalizeAxis(axis1, nd, "axis1"), ax2 = Layout.NormalizeAxis(axis2, nd, "axis2");
        if (ax1 == ax2) throw new ValueError("axis1 and axis2 cannot be the same");
        long n1 = a.Dims[ax1], n2 = a.Dims[ax2];
        nint off = a.Offset;
        long len;
        if (offset >= 0)
        {
            len = Math.Max(0, Math.Min(n1, n2 - offset));
            if (len > 0) off += (nint)(offset * a.Strides[ax2]);
        }
        else
        {
            len = Math.Max(0, Math.Min(n1 + offset, n2));
            if (len > 0) off += (nint)(-offset * a.Strides[ax1]);
        }
        var shape = new long[nd - 1];
        var strides = new long[nd - 1];
        int w = 0;
        for (int d = 0; d < nd; d++)
        {
            if (d == ax1 || d == ax2) continue;
            shape[w] = a.Dims[d];
            strides[w] = a.Strides[d];
            w++;
        }
        shape[w] = len;
        strides[w] = a.Strides[ax1] + a.Strides[ax2];
        return a.View(shape, strides, off, readOnly: readOnly);
    }

    /// <summary>The k-th diagonal (read-only view; the diagonal is the last axis). NumPy: <c>np.diagonal(a, offset, axis1, axis2)</c>.</summary>
    /// <exception cref="ValueError">Fewer than two dimensions, or axis1 == axis2.</exception>
    /// <exception cref="AxisError">An axis is out of bounds.</exception>
    public static NDArray diagonal(NDArray a, long offset = 0, int axis1 = 0, int axis2 = 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.ThrowIfDisposed();
        return DiagonalView(a, offset, axis1, axis2, readOnly: true);
    }
}
