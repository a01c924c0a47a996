namespace Numerics.Native;

public static partial class np
{
    private static NDArray Live(NDArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.ThrowIfDisposed();
        return a;
    }

    /// <summary>NumPy's _attempt_nocopy_reshape: strides for a view with the new shape, or null when a copy is needed.</summary>
    internal static long[]? NoCopyReshapeStrides(NDArray a, long[] newdims, bool fOrder)
    {
        int oldnd = 0;
        var olddims = new long[a.Dims.Length];
        var oldstrides = new long[a.Dims.Length];
        for (int i = 0; i < a.Dims.Length; i++)
        {
            if (a.Dims[i] != 1)
            {
                olddims[oldnd] = a.Dims[i];
                oldstrides[oldnd] = a.Strides[i];
                oldnd++;
            }
        }
        int newnd = newdims.Length;
        var newstrides = new long[newnd];
        int oi = 0, oj = 1, ni = 0, nj = 1;
        while (ni < newnd && oi < oldnd)
        {
            long np_ = newdims[ni], op = olddims[oi];
            while (np_ != op)
            {
                if (np_ < op) np_ *= newdims[nj++];
                else op *= olddims[oj++];
            }
            for (int ok = oi; ok < oj - 1; ok++)
            {
                if (fOrder ? oldstrides[ok + 1] != olddims[ok] * oldstrides[ok] : oldstrides[ok] != olddims[ok + 1] * oldstrides[ok + 1])
                    return null;
            }
            if (fOrder)
            {
                newstrides[ni] = oldstrides[oi];
                for (int nk = ni + 1; nk < nj; nk++) newstrides[nk] = newstrides[nk - 1] * newdims[nk - 1];
            }
            else
            {
                newstrides[nj - 1] = oldstrides[oj - 1];
                for (int nk = nj - 1; nk > ni; nk--) newstrides[nk - 1] = newstrides[nk] * newdims[nk];
            }
            ni = nj++;
            oi = oj++;
        }
        long last = ni >= 1 ? newstrides[ni - 1] : a.Dtype.Size;
        if (fOrder && ni >= 1) last *= newdims[ni - 1];
        for (int nk = ni; nk < newnd; nk++) newstrides[nk] = last;
        return newstrides;
    }

    private static bool OrderIsF(NDArray a, string order) => order switch
    {
        "C" => false,
        "F" => true,
        "A" => a.IsFContiguous && !a.IsCContiguous,
        "K" => throw new ValueError("order 'K' is not permitted for reshaping"),
        _ => throw new ValueError("order must be one of 'C', 'F', 'A', or 'K' (got '" + order + "')"),
    };

    /// <summary>The same data with a new shape (one dimension may be -1): a view when the strides allow it, else a copy
    /// (copy: true always copies, false raises instead). NumPy 2: <c>np.reshape(a, shape, order, copy=copy)</c>.</summary>
    /// <exception cref="ValueError">"cannot reshape array of size 6 into shape (4,)", "can only specify one unknown
    /// dimension", or copy is false and a copy is needed.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray reshape(NDArray a, Shape shape, string order = "C", bool? copy = null)
    {
        Live(a);
        if (a.IsWeak)
        {
            using var s = a.MaterializeStrong();
            return reshape(s, shape, order, copy);
        }
        bool f = OrderIsF(a, order);
        var dims = NDArray.ReshapeDims(shape.Dims, a.Size);
        if (copy == true)
        {
            using var v = reshape(a, Shape.Own(dims), order);
            var c = NDArray.Allocate(dims.AsSpan().ToArray(), a.Dtype, f);
            NativeOps.Copy(c, v);
            return c;
        }
        long[]? strides = null;
        if (dims.AsSpan().SequenceEqual(a.Dims)) strides = a.Strides;
        else if (f ? a.IsFContiguous : a.IsCContiguous) strides = f ? NDArray.FStrides(dims, a.Dtype.Size) : NDArray.CStrides(dims, a.Dtype.Size);
        else strides = NoCopyReshapeStrides(a, dims, f);
        if (strides is not null) return a.View(dims, strides == a.Strides ? strides.AsSpan().ToArray() : strides, a.Offset);
        if (copy == false) throw new ValueError("Unable to avoid creating a copy while reshaping.");
        // Copy in the requested index order, then view it with the new shape.
        var tmp = NDArray.Allocate(a.Dims.AsSpan().ToArray(), a.Dtype, f);
        NativeOps.Copy(tmp, a);
        var r = tmp.View(dims, f ? NDArray.FStrides(dims, a.Dtype.Size) : NDArray.CStrides(dims, a.Dtype.Size), tmp.Offset);
        // The copy is the result's owner: NumPy's result of a copying reshape owns its data.
        r.FlagBits |= ArrayFlags.OwnData;
        r.BaseArray = null;
        tmp.Dispose();
        return r;
    }

    /// <summary>A 1-d array of the elements: a view when possible (contiguous in the requested order), else a copy.
    /// NumPy: <c>np.ravel(a, order)</c>.</summary>
    /// <exception cref="ValueError">Unknown order.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray ravel(NDArray a, string order = "C")
    {
        Live(a);
        if (a.IsWeak)
        {
            using var s = a.MaterializeStrong();
            return ravel(s, order);
        }
        long[] flat = [a.Size];
        switch (order)
        {
            case "C" when a.IsCContiguous:
                return a.View(flat, [a.Dtype.Size], a.Offset);
            case "F" when a.IsFContiguous:
                return a.View(flat, [a.Dtype.Size], a.Offset);
            case "A" when a.IsCContiguous || a.IsFContiguous:
                return a.View(flat, [a.Dtype.Size], a.Offset);
            case "K" when a.IsCContiguous || a.IsFContiguous:
                // NumPy: a contiguous array (empty and 0-d ones included) ravels as C/F order, i.e. to a view.
                return a.View(flat, [a.Dtype.Size], a.Offset);
            case "K":
            {
                var perm = Layout.StridePermutation(a.Strides, a.Dims);
                long stride = a.Dtype.Size;
                int i;
                for (i = a.Dims.Length - 1; i >= 0; i--)
                {
                    if (a.Dims[perm[i]] == 1) continue;
                    if (a.Strides[perm[i]] != stride) break;
                    stride *= a.Dims[perm[i]];
                }
                if (i < 0) return a.View(flat, [a.Dtype.Size], a.Offset);
                break;
            }
            case "C" or "F" or "A":
                break;
            default:
                throw new ValueError("order must be one of 'C', 'F', 'A', or 'K' (got '" + order + "')");
        }
        return Flatten(a, order);
    }

    /// <summary>A 1-d copy in the given order (K: memory order).</summary>
    internal static NDArray Flatten(NDArray a, string order)
    {
        NDArray src = a;
        NDArray? tmp = null;
        switch (order)
        {
            case "F":
                tmp = transpose(a);
                src = tmp;
                break;
            case "A" when a.IsFContiguous && !a.IsCContiguous:
                tmp = transpose(a);
                src = tmp;
                break;
            case "K":
                tmp = transpose(a, Layout.IterPermutation(a.Strides));
                src = tmp;
                break;
        }
        try
        {
            var r = NDArray.Allocate([a.Size], a.Dtype);
            using var view = r.View(src.Dims.AsSpan().ToArray(), NDArray.CStrides(src.Dims, a.Dtype.Size), r.Offset);
            NativeOps.Copy(view, src);
            return r;
        }
        finally
        {
            tmp?.Dispose();
        }
    }

    /// <summary>A view with the axes permuted (reversed when <paramref name="axes"/> is null). NumPy: <c>np.transpose(a, axes)</c>.</summary>
    /// <exception cref="ValueError">"axes don't match array" or "repeated axis in transpose".</exception>
    /// <exception cref="AxisError">An axis is out of bounds.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray transpose(NDArray a, int[]? axes = null)
    {
        Live(a);
        if (axes is null) return a.ReversedAxesView();
        int n = a.Dims.Length;
        if (axes.Length != n) throw new ValueError("axes don't match array");
        var perm = new int[n];
        var seen = new bool[n];
        for (int i = 0; i < n; i++)
        {
            int ax = Layout.NormalizeAxis(axes[i], n);
            if (seen[ax]) throw new ValueError("repeated axis in transpose");
            seen[ax] = true;
            perm[i] = ax;
        }
        var shape = new long[n];
        var strides = new long[n];
        for (int i = 0; i < n; i++)
        {
            shape[i] = a.Dims[perm[i]];
            strides[i] = a.Strides[perm[i]];
        }
        return a.View(shape, strides, a.Offset);
    }

    /// <summary>NumPy 2 alias of <see cref="transpose"/>. NumPy: <c>np.permute_dims(a, axes)</c>.</summary>
    /// <exception cref="ValueError">The axes do not match the array.</exception>
    public static NDArray permute_dims(NDArray a, int[]? axes = null) => transpose(a, axes);

    /// <summary>A view with the last two axes swapped. NumPy 2: <c>np.matrix_transpose(x)</c>.</summary>
    /// <exception cref="ValueError">Fewer than two dimensions.</exception>
    public static NDArray matrix_transpose(NDArray x)
    {
        Live(x);
        int n = x.Dims.Length;
        if (n < 2) throw new ValueError($"Input array must be at least 2-dimensional, but it is {n}");
        return swapaxes(x, -1, -2);
    }

    /// <summary>A view with two axes interchanged. NumPy: <c>np.swapaxes(a, axis1, axis2)</c>.</summary>
    /// <exception cref="AxisError">An axis is out of bounds ("axis2: axis 3 is out of bounds …").</exception>
    public static NDArray swapaxes(NDArray a, int axis1, int axis2)
    {
        Live(a);
        int n = a.Dims.Length;
        int a1 = Layout.NormalizeAxis(axis1, n, "axis1"), a2 = Layout.NormalizeAxis(axis2, n, "axis2");
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        (perm[a1], perm[a2]) = (perm[a2], perm[a1]);
        return transpose(a, perm);
    }

    /// <summary>A view with axes moved to new positions (the others keep their order). NumPy: <c>np.moveaxis(a, source, destination)</c>.</summary>
    /// <exception cref="ValueError">Different numbers of source and destination axes, or repeated axes.</exception>
    /// <exception cref="AxisError">An axis is out of bounds ("source: axis 3 is out of bounds …").</exception>
    public static NDArray moveaxis(NDArray a, Axis source, Axis destination)
    {
        Live(a);
        int n = a.Dims.Length;
        var src = Layout.NormalizeAxes(source.Axes, n, "source");
        var dst = Layout.NormalizeAxes(destination.Axes, n, "destination");
        if (src.Length != dst.Length)
            throw new ValueError("`source` and `destination` arguments must have the same number of elements");
        var order = new List<int>();
        for (int i = 0; i < n; i++) if (Array.IndexOf(src, i) < 0) order.Add(i);
        var pairs = dst.Zip(src).OrderBy(p => p.First).ToArray();
        foreach (var (d, s) in pairs) order.Insert(d, s);
        return transpose(a, [.. order]);
    }

    /// <summary>A view with one axis rolled back to a position. NumPy: <c>np.rollaxis(a, axis, start)</c>.</summary>
    /// <exception cref="AxisError">axis or start out of range.</exception>
    public static NDArray rollaxis(NDArray a, int axis, int start = 0)
    {
        Live(a);
        int n = a.Dims.Length;
        axis = Layout.NormalizeAxis(axis, n);
        if (start < 0) start += n;
        if (!(0 <= start && start < n + 1))
            throw new AxisError($"'start' arg requires {-n} <= start < {n + 1}, but {start} was passed in");   // NumPy prints start after adding n
        if (axis < start) start--;
        if (axis == start) return a.SameView();
        var axes = new List<int>();
        for (int i = 0; i < n; i++) axes.Add(i);
        axes.RemoveAt(axis);
        axes.Insert(start, axis);
        return transpose(a, [.. axes]);
    }

    /// <summary>A view with new length-1 axes at the given positions of the result. NumPy: <c>np.expand_dims(a, axis)</c>.</summary>
    /// <exception cref="AxisError">An axis is out of bounds for the result's rank.</exception>
    /// <exception cref="ValueError">Repeated axis.</exception>
    public static NDArray expand_dims(NDArray a, Axis axis)
    {
        Live(a);
        int outNd = axis.Axes.Length + a.Dims.Length;
        var axes = Layout.NormalizeAxes(axis.Axes, outNd);
        var shape = new long[outNd];
        int r = 0;
        for (int i = 0; i < outNd; i++) shape[i] = Array.IndexOf(axes, i) >= 0 ? 1 : a.Dims[r++];
        // NumPy implements expand_dims as a.reshape(shape), which decides the strides of the new axes.
        return reshape(a, Shape.Own(shape));
    }

    /// <summary>A view with stride-0 length-1 axes inserted before the given source positions (NumPy's newaxis).</summary>
    internal static NDArray NewAxes(NDArray a, bool front, bool back)
    {
        int n = a.Dims.Length + (front ? 1 : 0) + (back ? 1 : 0);
        var shape = new long[n];
        var strides = new long[n];
        int w = 0;
        if (front) { shape[w] = 1; strides[w] = 0; w++; }
        for (int i = 0; i < a.Dims.Length; i++, w++) { shape[w] = a.Dims[i]; strides[w] = a.Strides[i]; }
        if (back) { shape[w] = 1; strides[w] = 0; }
        return a.View(shape, strides, a.Offset);
    }

    /// <summary>A view without the length-1 axes (or only the given ones). NumPy: <c>np.squeeze(a, axis)</c>.</summary>
    /// <exception cref="ValueError">"cannot select an axis to squeeze out which has size not equal to one".</exception>
    /// <exception cref="AxisError">An axis is out of bounds.</exception>
    public static NDArray squeeze(NDArray a, Axis? axis = null)
    {
        Live(a);
        int n = a.Dims.Length;
        bool[] drop = new bool[n];
        if (axis is Axis ax)
        {
            // NumPy's PyArray_ConvertMultiAxis: a single axis 0 or -1 of a 0-d array means "no axis" (legacy), a
            // repeated axis is "duplicate value in 'axis'".
            if (n == 0 && ax.IsSingle && ax.Axes[0] is 0 or -1) return a.SameView();
            var norm = ax.Axes.Select(x => Layout.NormalizeAxis(x, n)).ToArray();
            if (norm.Distinct().Count() != norm.Length) throw new ValueError("duplicate value in 'axis'");
            foreach (var x in norm)
            {
                if (a.Dims[x] != 1) throw new ValueError("cannot select an axis to squeeze out which has size not equal to one");
                drop[x] = true;
            }
        }
        else
        {
            for (int i = 0; i < n; i++) drop[i] = a.Dims[i] == 1;
        }
        var shape = new List<long>();
        var strides = new List<long>();
        for (int i = 0; i < n; i++)
        {
            if (drop[i]) continue;
            shape.Add(a.Dims[i]);
            strides.Add(a.Strides[i]);
        }
        return a.View([.. shape], [.. strides], a.Offset);
    }

    /// <summary>A view with at least one dimension. NumPy: <c>np.atleast_1d(a)</c>.</summary>
    public static NDArray atleast_1d(NDArray a) =>
        Live(a).Dims.Length >= 1 ? a.SameView() : reshape(a, Shape.Own([1]));

    private static NDArray Strong0d(NDArray a, Func<NDArray, NDArray> f)
    {
        using var s = a.MaterializeStrong();
        return f(s);
    }

    /// <summary>A view with at least two dimensions ((N,) → (1, N)). NumPy: <c>np.atleast_2d(a)</c>.</summary>
    public static NDArray atleast_2d(NDArray a) => Live(a).IsWeak ? Strong0d(a, atleast_2d) : a.Dims.Length switch
    {
        0 => reshape(a, Shape.Own([1, 1])),
        1 => NewAxes(a, front: true, back: false),
        _ => a.SameView(),
    };

    /// <summary>A view with at least three dimensions ((N,) → (1, N, 1), (M, N) → (M, N, 1)). NumPy: <c>np.atleast_3d(a)</c>.</summary>
    public static NDArray atleast_3d(NDArray a) => Live(a).IsWeak ? Strong0d(a, atleast_3d) : a.Dims.Length switch
    {
        0 => reshape(a, Shape.Own([1, 1, 1])),
        1 => NewAxes(a, front: true, back: true),
        2 => NewAxes(a, front: false, back: true),
        _ => a.SameView(),
    };

    /// <summary>A read-only view broadcast to a shape (zero strides). NumPy: <c>np.broadcast_to(array, shape)</c>.</summary>
    /// <exception cref="ValueError">The array does not broadcast to the shape (NumPy's "remapped shapes" text).</exception>
    public static NDArray broadcast_to(NDArray array, Shape shape)
    {
        Live(array);
        var dims = shape.ToArray();
        foreach (var d in dims) if (d < 0) throw new ValueError("all elements of broadcast shape must be non-negative");
        if (dims.Length > NDArray.MaxDims) throw Err.TooManyDimensions(dims.Length);
        if (array.IsWeak)
        {
            using var s = array.MaterializeStrong();
            return broadcast_to(s, shape);
        }
        if (dims.Length == 0 && array.Dims.Length > 0) throw new ValueError("cannot broadcast a non-scalar to a scalar array");
        if (array.Dims.Length > dims.Length)
            throw new ValueError("input operand has more dimensions than allowed by the axis remapping");
        if (!Layout.BroadcastsTo(array.Dims, dims)) throw Err.BroadcastTo(array.Dims, dims);
        // NumPy builds the view with nditer (itershape): an element count past intp (counted in order, so a later 0
        // does not save it) is "iterator is too large"; the view is then created as any array, whose bytes must fit.
        long count = 1;
        foreach (var d in dims)
        {
            if (d != 0 && count > long.MaxValue / d) throw new ValueError("iterator is too large");
            count *= d;
        }
        if (NDArray.BytesOverflow(dims, array.Dtype.Size)) throw new ValueError(Err.ArrayTooBig);
        // NumPy gives every length-1 input axis stride 0, even where the target keeps length 1.
        var strides = new long[dims.Length];
        int off = dims.Length - array.Dims.Length;
        for (int i = off; i < dims.Length; i++) strides[i] = array.Dims[i - off] == 1 ? 0 : array.Strides[i - off];
        return array.View(dims, strides, array.Offset, readOnly: true);
    }

    /// <summary>Views of the arrays broadcast against each other; an array that already has the broadcast shape comes
    /// back as a plain (writeable) view, as NumPy returns it unchanged, the others read-only.
    /// NumPy: <c>np.broadcast_arrays(*args)</c>.</summary>
    /// <exception cref="ValueError">The shapes do not broadcast ("shape mismatch: …").</exception>
    public static NDArray[] broadcast_arrays(params NDArray[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var a in args) Live(a);
        var shape = BroadcastShapesText(args.Select(a => a.Dims).ToArray());
        return args.Select(a => a.Dims.AsSpan().SequenceEqual(shape) ? a.SameView() : broadcast_to(a, Shape.Own(shape))).ToArray();
    }

    /// <summary>The broadcast shape of several shapes. NumPy: <c>np.broadcast_shapes(*shapes)</c>.</summary>
    /// <exception cref="ValueError">"shape mismatch: objects cannot be broadcast to a single shape. …".</exception>
    public static Shape broadcast_shapes(params Shape[] shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return Shape.Own(BroadcastShapesText(shapes.Select(s => s.Dims).ToArray()));
    }

    /// <summary>Broadcast with np.broadcast's error text (names the first mismatching pair of arguments).</summary>
    private static long[] BroadcastShapesText(long[][] shapes)
    {
        int nd = 0;
        foreach (var s in shapes) nd = Math.Max(nd, s.Length);
        var r = new long[nd];
        Array.Fill(r, 1L);
        var from = new int[nd];
        for (int k = 0; k < shapes.Length; k++)
        {
            var s = shapes[k];
            int off = nd - s.Length;
            for (int i = 0; i < s.Length; i++)
            {
                long d = s[i];
                if (d == 1) continue;
                if (r[off + i] == 1) { r[off + i] = d; from[off + i] = k; }
                else if (r[off + i] != d)
                {
                    throw new ValueError(
                        $"shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {from[off + i]} with shape {Err.Tuple(shapes[from[off + i]])} and arg {k} with shape {Err.Tuple(s)}.");
                }
            }
        }
        return r;
    }

    /// <summary>The number of dimensions. NumPy: <c>np.ndim(a)</c>.</summary>
    public static long ndim(NDArray a) => Live(a).Dims.Length;

    /// <summary>The shape. NumPy: <c>np.shape(a)</c>.</summary>
    public static Shape shape(NDArray a) => Live(a).shape;

    /// <summary>The number of elements, or the length of one axis. NumPy: <c>np.size(a, axis)</c>.</summary>
    /// <exception cref="AxisError">The axis is out of bounds.</exception>
    public static long size(NDArray a, int? axis = null) =>
        axis is int ax ? Live(a).Dims[Layout.NormalizeAxis(ax, a.Dims.Length)] : Live(a).Size;

    /// <summary>A new array of the given shape, filled by repeating the flattened input. NumPy: <c>np.resize(a, new_shape)</c>.</summary>
    /// <exception cref="ValueError">A negative dimension ("all elements of `new_shape` must be non-negative").</exception>
    public static NDArray resize(NDArray a, Shape new_shape)
    {
        Live(a);
        var dims = new_shape.ToArray();
        foreach (var d in dims) if (d < 0) throw new ValueError("all elements of `new_shape` must be non-negative");
        long newSize = Layout.Product(dims);
        using var flat = ravel(a);
        if (flat.Size == 0 || newSize == 0) return zeros_like(flat, shape: Shape.Own(dims));
        var r = NDArray.Allocate(dims, flat.Dtype);
        using var rflat = r.View([newSize], [r.Dtype.Size], r.Offset);
        long reps = (newSize + flat.Size - 1) / flat.Size;
        // Tile the flat input reps times through a broadcast view, then take the first newSize elements.
        using var tiled = flat.View([reps, flat.Size], [0, flat.Strides[0]], flat.Offset, readOnly: true);
        using var tiledFlat = reshape(tiled, Shape.Own([reps * flat.Size]));
        using var head = tiledFlat.View([newSize], [tiledFlat.Strides[0]], tiledFlat.Offset);
        NativeOps.Copy(rflat, head);
        return r;
    }
}
