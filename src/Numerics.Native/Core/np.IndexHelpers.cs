namespace Numerics.Native;

public static partial class np
{
    /// <summary>An open mesh from 1-d sequences: the k-th result has shape (1, …, n_k, …, 1), so
    /// <c>a[np.ix_(rows, cols)]</c> selects a cross product. Bool inputs become their nonzero positions.
    /// NumPy: <c>np.ix_(*args)</c>.</summary>
    /// <exception cref="ValueError">An input is not 1-d ("Cross index must be 1 dimensional").</exception>
    public static NDArray[] ix_(params NDArray[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int nd = args.Length;
        var result = new NDArray[nd];
        for (int k = 0; k < nd; k++)
        {
            var a = Live(args[k]);
            if (a.IsWeak || a.Dims.Length != 1) throw new ValueError("Cross index must be 1 dimensional");
            NDArray v;
            if (a.Dtype.IsBool) v = NativeOps.TruePositions(a);
            else v = a.Size == 0 ? a.astype(DType.Int64) : a.SameView();
            var shape = new long[nd];
            Array.Fill(shape, 1L);
            shape[k] = v.Dims[0];
            using (v) result[k] = reshape(v, Shape.Own(shape));
        }
        return result;
    }

    /// <summary>Converts flat indices into index arrays for each dimension of a shape. NumPy: <c>np.unravel_index(indices, shape, order)</c>.</summary>
    /// <exception cref="ValueError">An index is out of range ("index 10 is out of bounds for array with size 6").</exception>
    /// <exception cref="TypeError">The indices are not integers.</exception>
    public static NDArray[] unravel_index(NDArray indices, Shape shape, string order = "C")
    {
        Live(indices);
        CheckOrder(order, allowAK: false);
        if (!indices.IsWeak && !indices.Dtype.IsInteger)
            throw new TypeError($"only int indices permitted");
        var dims = shape.Dims;
        long size = Layout.Product(dims);
        var flat = indices.ToArray<long>();
        int nd = dims.Length;
        // NumPy fills one (n, ndim) array and returns its columns (views), so each result has stride ndim * 8.
        var packed = new long[flat.LongLength * nd];
        for (long i = 0; i < flat.LongLength; i++)
        {
            long v = flat[i];
            if (v < 0 || v >= size) throw new ValueError($"index {v} is out of bounds for array with size {size}");
            if (order == "C")
                for (int d = nd - 1; d >= 0; d--) { packed[i * nd + d] = v % dims[d]; v /= dims[d]; }
            else
                for (int d = 0; d < nd; d++) { packed[i * nd + d] = v % dims[d]; v /= dims[d]; }
        }
        var ishape = indices.Dims;
        using var all = array(packed);
        using var table = reshape(all, Shape.Own([flat.LongLength, nd]));
        var result = new NDArray[nd];
        for (int d = 0; d < nd; d++)
        {
            using var col = table[.., d];
            result[d] = reshape(col, Shape.Own(ishape));
        }
        return result;
    }

    /// <summary>Converts a tuple of index arrays into flat indices. NumPy: <c>np.ravel_multi_index(multi_index, dims, mode, order)</c>.</summary>
    /// <exception cref="ValueError">An index is out of bounds ("invalid entry in coordinates array") or the tuple length differs from dims.</exception>
    public static NDArray ravel_multi_index(NDArray[] multi_index, Shape dims, string mode = "raise", string order = "C")
    {
        ArgumentNullException.ThrowIfNull(multi_index);
        var d = dims.Dims;
        if (multi_index.Length != d.Length)
            throw new ValueError($"parameter multi_index must be a sequence of length {d.Length}");
        CheckOrder(order, allowAK: false);
        // NumPy converts the coordinates with same_kind casting to intp: floats are refused.
        foreach (var m in multi_index)
            if (m is not null && !m.IsWeak && !m.Dtype.IsInteger && !m.Dtype.IsBool) throw new TypeError("only int indices permitted");
        // NumPy broadcasts the coordinates in one NpyIter, whose error lists every shape ("operands could not be
        // broadcast together with shapes (2,) (3,) "), not broadcast_arrays' pairwise text.
        _ = Layout.BroadcastShapes([.. multi_index.Select(m => Live(m).Dims)]);
        var b = broadcast_arrays(multi_index);
        try
        {
            var cols = b.Select(x => x.ToArray<long>()).ToArray();
            long n = cols.Length == 0 ? 0 : cols[0].LongLength;
            var flat = new long[n];
            for (long i = 0; i < n; i++)
            {
                long acc = 0;
                for (int k = 0; k < d.Length; k++)
                {
                    int ax = order == "C" ? k : d.Length - 1 - k;
                    long v = cols[ax][i], len = d[ax];
                    switch (mode)
                    {
                        case "raise":
                            if (v < 0 || v >= len) throw new ValueError("invalid entry in coordinates array");
                            break;
                        case "wrap":
                            v = ((v % len) + len) % len;
                            break;
                        case "clip":
                            v = Math.Clamp(v, 0, len - 1);
                            break;
                        default:
                            throw new ValueError($"clipmode must be one of 'clip', 'raise', or 'wrap' (got '{mode}')");
                    }
                    acc = acc * len + v;
                }
                flat[i] = acc;
            }
            using var f = array(flat);
            return reshape(f, Shape.Own(b[0].Dims));
        }
        finally
        {
            foreach (var x in b) x.Dispose();
        }
    }

    /// <summary>Indices of the main diagonal of an n×…×n array: ndim copies of arange(n). NumPy: <c>np.diag_indices(n, ndim)</c>.</summary>
    public static NDArray[] diag_indices(long n, int ndim = 2) =>
        // NumPy returns (idx,) * ndim: an empty tuple for ndim <= 0.
        Enumerable.Range(0, Math.Max(ndim, 0)).Select(_ => arange(n)).ToArray();

    /// <summary>Row and column indices of the lower triangle (k-th diagonal and below) of an n×m array.
    /// NumPy: <c>np.tril_indices(n, k, m)</c>.</summary>
    public static NDArray[] tril_indices(long n, long k = 0, long? m = null) => TriIndices(n, k, m ?? n, lower: true);

    /// <summary>Row and column indices of the upper triangle (k-th diagonal and above) of an n×m array.
    /// NumPy: <c>np.triu_indices(n, k, m)</c>.</summary>
    public static NDArray[] triu_indices(long n, long k = 0, long? m = null) => TriIndices(n, k, m ?? n, lower: false);

    private static NDArray[] TriIndices(long n, long k, long m, bool lower)
    {
        var rows = new List<long>();
        var cols = new List<long>();
        for (long i = 0; i < n; i++)
            for (long j = 0; j < m; j++)
                if (lower ? j <= i + k : j >= i + k) { rows.Add(i); cols.Add(j); }
        return [array(rows.ToArray()), array(cols.ToArray())];
    }

    /// <summary>The element values in memory order ("K", NumPy's default) or C/F order. NumPy: <c>np.nditer(a, order=order)</c>.</summary>
    /// <exception cref="TypeError">T is not one of the 14 element types.</exception>
    public static IEnumerable<T> nditer<T>(NDArray a, string order = "K") where T : unmanaged
    {
        Live(a);
        NDArray flat = order switch
        {
            "K" => Flatten(a, "K"),
            "C" or "F" or "A" => Flatten(a, order),
            _ => throw new ValueError("order must be one of 'C', 'F', 'A', or 'K' (got '" + order + "')"),
        };
        T[] values;
        using (flat) values = flat.ToArray<T>();
        return values;
    }

    /// <summary>The elements as 0-d arrays in memory order. NumPy: <c>for x in np.nditer(a)</c>.</summary>
    public static IEnumerable<NDArray> nditer(NDArray a, string order = "K")
    {
        Live(a);
        var flat = order == "K" ? Flatten(a, "K") : Flatten(a, order);
        try
        {
            for (long i = 0; i < flat.Size; i++) yield return flat[i];
        }
        finally
        {
            flat.Dispose();
        }
    }

    /// <summary>Pairs of (multi-index, value) in C order. NumPy: <c>np.ndenumerate(a)</c>.</summary>
    public static IEnumerable<(long[] index, T value)> ndenumerate<T>(NDArray a) where T : unmanaged
    {
        Live(a);
        var values = a.ToArray<T>();
        long i = 0;
        foreach (var idx in ndindex(a.shape)) yield return (idx, values[i++]);
    }

    /// <summary>Every multi-index of a shape in C order. NumPy: <c>np.ndindex(*shape)</c>.</summary>
    public static IEnumerable<long[]> ndindex(Shape shape)
    {
        var dims = shape.ToArray();
        if (dims.Any(d => d == 0)) yield break;
        var idx = new long[dims.Length];
        while (true)
        {
            yield return (long[])idx.Clone();
            int k = dims.Length - 1;
            for (; k >= 0; k--)
            {
                if (++idx[k] < dims[k]) break;
                idx[k] = 0;
            }
            if (k < 0) yield break;
        }
    }
}
