namespace Numerics.Native;

/// <summary>Metadata helpers shared by creation, manipulation, indexing and (later) the ufuncs: axis
/// normalisation, broadcasting of shapes, memory-order permutations.</summary>
internal static class Layout
{
    /// <summary>Normalises a possibly negative axis, with NumPy's AxisError text.</summary>
    internal static int NormalizeAxis(int axis, int ndim, string? argname = null)
    {
        if (axis < -ndim || axis >= ndim) throw Err.AxisOutOfBounds(axis, ndim, argname);
        return axis < 0 ? axis + ndim : axis;
    }

    /// <summary>Normalises several axes; "repeated axis" is a ValueError as NumPy's normalize_axis_tuple.</summary>
    internal static int[] NormalizeAxes(int[] axes, int ndim, string? argname = null)
    {
        var r = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            r[i] = NormalizeAxis(axes[i], ndim, argname);
            for (int j = 0; j < i; j++)
                if (r[j] == r[i]) throw new ValueError(argname is null ? "repeated axis" : $"repeated axis in `{argname}` argument");
        }
        return r;
    }

    /// <summary>Axes sorted by |stride| descending, stable: NumPy's PyArray_CreateSortedStridePerm (order 'K').</summary>
    internal static int[] StridePermutation(long[] strides, long[] shape)
    {
        _ = shape;
        int n = strides.Length;
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = 1; i < n; i++)
        {
            int p = perm[i];
            int j = i - 1;
            while (j >= 0 && Math.Abs(strides[p]) > Math.Abs(strides[perm[j]])) { perm[j + 1] = perm[j]; j--; }
            perm[j + 1] = p;
        }
        return perm;
    }

    /// <summary>
    /// NpyIter's axis order for one operand (npyiter_find_best_axis_ordering): |stride| descending, but a zero
    /// stride (a broadcast axis) compares with nothing, so it keeps its C-order place. Used for order-'K' walks
    /// (ravel/flatten 'K', nditer).
    /// </summary>
    internal static int[] IterPermutation(long[] strides)
    {
        int n = strides.Length;
        // NumPy keeps its axis data innermost first; sort there, then read it back outermost first.
        var rev = new int[n];
        for (int i = 0; i < n; i++) rev[i] = n - 1 - i;
        for (int i0 = 1; i0 < n; i0++)
        {
            int ipos = i0, a0 = rev[i0];
            for (int i1 = i0 - 1; i1 >= 0; i1--)
            {
                long s0 = strides[a0], s1 = strides[rev[i1]];
                if (s0 == 0 || s1 == 0) continue;   // ambiguous: look further
                if (Math.Abs(s1) <= Math.Abs(s0)) break;
                ipos = i1;
            }
            if (ipos != i0)
            {
                for (int k = i0; k > ipos; k--) rev[k] = rev[k - 1];
                rev[ipos] = a0;
            }
        }
        Array.Reverse(rev);
        return rev;
    }

    /// <summary>The broadcast shape of several shapes (right-aligned, 1 stretches), or NumPy's mismatch error.</summary>
    internal static long[] BroadcastShapes(IReadOnlyList<long[]> shapes)
    {
        int nd = 0;
        foreach (var s in shapes) nd = Math.Max(nd, s.Length);
        if (nd > NDArray.MaxDims) throw Err.TooManyDimensions(nd);
        var r = new long[nd];
        for (int i = 0; i < nd; i++) r[i] = 1;
        foreach (var s in shapes)
        {
            int off = nd - s.Length;
            for (int i = 0; i < s.Length; i++)
            {
                long d = s[i];
                if (d == 1) continue;
                if (r[off + i] == 1) r[off + i] = d;
                else if (r[off + i] != d) throw Err.BroadcastMismatch(shapes);
            }
        }
        return r;
    }

    /// <summary>Whether <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    internal static bool BroadcastsTo(long[] from, long[] to)
    {
        if (from.Length > to.Length) return false;
        int off = to.Length - from.Length;
        for (int i = 0; i < from.Length; i++)
            if (from[i] != 1 && from[i] != to[off + i]) return false;
        return true;
    }

    internal static long Product(ReadOnlySpan<long> dims)
    {
        long p = 1;
        foreach (var d in dims) p *= d;
        return p;
    }

    /// <summary>
    /// NumPy's PyArray_CreateMultiSortedStridePerm: the axis order (outermost first) that matches the memory order
    /// of several operands, C order winning conflicts. Used to lay out results like concatenate's and order 'K'.
    /// </summary>
    internal static int[] MultiSortedStridePerm(IReadOnlyList<NDArray> arrays, int ndim)
    {
        var perm = new int[ndim];
        for (int i = 0; i < ndim; i++) perm[i] = i;
        for (int i0 = 1; i0 < ndim; i0++)
        {
            int ipos = i0, ax0 = perm[i0];
            for (int i1 = i0 - 1; i1 >= 0; i1--)
            {
                bool ambig = true, shouldSwap = false;
                int ax1 = perm[i1];
                foreach (var a in arrays)
                {
                    if (a.Dims[ax0] != 1 && a.Dims[ax1] != 1)
                    {
                        if (Math.Abs(a.Strides[ax0]) <= Math.Abs(a.Strides[ax1])) shouldSwap = false;
                        else if (ambig) shouldSwap = true;
                        ambig = false;
                    }
                }
                if (!ambig)
                {
                    if (shouldSwap) ipos = i1;
                    else break;
                }
            }
            if (ipos != i0)
            {
                for (int i1 = i0; i1 > ipos; i1--) perm[i1] = perm[i1 - 1];
                perm[ipos] = ax0;
            }
        }
        return perm;
    }

    /// <summary>Contiguous strides for <paramref name="shape"/> laid out in the axis order <paramref name="perm"/> (outermost first).</summary>
    internal static long[] StridesForPerm(long[] shape, int[] perm, long itemsize)
    {
        var strides = new long[shape.Length];
        long s = itemsize;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            int ax = perm[i];
            strides[ax] = s;
            s *= shape[ax];   // NumPy multiplies by 0 here too (unlike its C-order fill)
        }
        return strides;
    }
}
