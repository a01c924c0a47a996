namespace Numerics.Native;

public static partial class np
{
    /// <summary>Joins arrays along an existing axis (null axis: flattened first). The result dtype is the promotion of
    /// the inputs unless <paramref name="dtype"/> or <paramref name="out"/> is given. NumPy: <c>np.concatenate(arrays, axis, out, dtype, casting)</c>.</summary>
    /// <exception cref="ValueError">No arrays, 0-d arrays, or mismatched dimensions (NumPy's messages).</exception>
    /// <exception cref="AxisError">The axis is out of bounds.</exception>
    /// <exception cref="TypeError">A cast is not allowed under <paramref name="casting"/>, or both out and dtype are given.</exception>
    public static NDArray concatenate(NDArray[] arrays, int? axis = 0, NDArray? @out = null, DType? dtype = null, string casting = "same_kind")
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Length == 0) throw new ValueError("need at least one array to concatenate");
        if (@out is not null && dtype is not null)
            throw new TypeError("concatenate() only takes `out` or `dtype` as an argument, but both were provided.");
        var rule = TypePromotion.ParseCasting(casting);
        var temps = new List<NDArray>();
        try
        {
            var arrs = new NDArray[arrays.Length];
            for (int i = 0; i < arrays.Length; i++)
            {
                var a = Live(arrays[i]);
                if (a.IsWeak) { a = a.MaterializeStrong(); temps.Add(a); }
                if (axis is null) { a = ravel(a); temps.Add(a); }
                arrs[i] = a;
            }
            int ax = axis ?? 0;
            int nd = arrs[0].Dims.Length;
            if (nd == 0) throw new ValueError("zero-dimensional arrays cannot be concatenated");
            ax = Layout.NormalizeAxis(ax, nd);
            var shape = (long[])arrs[0].Dims.Clone();
            for (int i = 1; i < arrs.Length; i++)
            {
                var s = arrs[i].Dims;
                if (s.Length != nd)
                    throw new ValueError($"all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {s.Length} dimension(s)");
                for (int d = 0; d < nd; d++)
                {
                    if (d == ax) continue;
                    if (s[d] != shape[d])
                        throw new ValueError($"all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {shape[d]} and the array at index {i} has size {s[d]}");
                }
                shape[ax] += s[ax];
            }
            DType dt = @out?.Dtype ?? dtype?.NativeOrder ?? TypePromotion.Result(arrs.Select(a => a.Dtype).ToArray(), []);
            foreach (var a in arrs)
                if (!TypePromotion.CanCast(a.Dtype, dt, rule)) throw Err.CannotCast(a.Dtype, dt, casting);
            NDArray result;
            if (@out is not null)
            {
                @out.ThrowIfReadOnly();
                if (!@out.Dims.AsSpan().SequenceEqual(shape)) throw new ValueError("Output array is the wrong shape");
                result = @out;
            }
            else
            {
                result = NDArray.Allocate(shape, dt);
                if (result.Size > 0)
                {
                    var perm = Layout.MultiSortedStridePerm(arrs, nd);
                    result.Strides = Layout.StridesForPerm(shape, perm, dt.Size);
                    result.FlagBits = (result.FlagBits & ~(ArrayFlags.CContiguous | ArrayFlags.FContiguous | ArrayFlags.Aligned)) |
                                      NDArray.LayoutFlags(shape, result.Strides, dt, result.Buf!.Address);
                }
            }
            long pos = 0;
            foreach (var a in arrs)
            {
                long n = a.Dims[ax];
                var sub = shape.AsSpan().ToArray();
                sub[ax] = n;
                using var dst = result.View(sub, result.Strides.AsSpan().ToArray(), result.Offset + (nint)(pos * result.Strides[ax]));
                NativeOps.CopyWarn(dst, a);
                pos += n;
            }
            return @out is null ? result : @out;
        }
        finally
        {
            foreach (var t in temps) t.Dispose();
        }
    }

    /// <summary>Joins arrays along axis 0. NumPy: <c>np.concatenate(arrays)</c>.</summary>
    /// <exception cref="ValueError">No arrays or mismatched dimensions.</exception>
    public static NDArray concatenate(params NDArray[] arrays) => concatenate(arrays, 0);

    /// <summary>Joins a sequence of arrays. NumPy: <c>np.concatenate(seq, axis)</c>.</summary>
    /// <exception cref="ValueError">No arrays or mismatched dimensions.</exception>
    public static NDArray concatenate(IEnumerable<NDArray> arrays, int? axis = 0) => concatenate(arrays.ToArray(), axis);

    /// <summary>NumPy 2 alias of concatenate. NumPy: <c>np.concat(arrays, axis)</c>.</summary>
    /// <exception cref="ValueError">No arrays or mismatched dimensions.</exception>
    public static NDArray concat(NDArray[] arrays, int? axis = 0) => concatenate(arrays, axis);

    /// <summary>Joins arrays of equal shape along a new axis. NumPy: <c>np.stack(arrays, axis, out)</c>.</summary>
    /// <exception cref="ValueError">"need at least one array to stack" or "all input arrays must have the same shape".</exception>
    /// <exception cref="AxisError">The axis is out of bounds for the result.</exception>
    public static NDArray stack(NDArray[] arrays, int axis = 0, NDArray? @out = null)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Length == 0) throw new ValueError("need at least one array to stack");
        var first = Live(arrays[0]).Dims;
        foreach (var a in arrays)
            if (!Live(a).Dims.AsSpan().SequenceEqual(first)) throw new ValueError("all input arrays must have the same shape");
        int ax = Layout.NormalizeAxis(axis, first.Length + 1);
        var expanded = arrays.Select(a => expand_dims(a, ax)).ToArray();
        try
        {
            return concatenate(expanded, ax, @out);
        }
        finally
        {
            foreach (var e in expanded) e.Dispose();
        }
    }

    /// <summary>Joins arrays of equal shape along a new first axis. NumPy: <c>np.stack(arrays)</c>.</summary>
    /// <exception cref="ValueError">No arrays, or different shapes.</exception>
    public static NDArray stack(params NDArray[] arrays) => stack(arrays, 0);

    /// <summary>Joins a sequence along a new axis. NumPy: <c>np.stack(seq, axis)</c>.</summary>
    /// <exception cref="ValueError">No arrays, or different shapes.</exception>
    public static NDArray stack(IEnumerable<NDArray> arrays, int axis = 0) => stack(arrays.ToArray(), axis);

    private static NDArray JoinAfter(NDArray[] tup, Func<NDArray, NDArray> prep, Func<NDArray[], int> axisOf)
    {
        ArgumentNullException.ThrowIfNull(tup);
        var arrs = tup.Select(prep).ToArray();
        try
        {
            return concatenate(arrs, arrs.Length == 0 ? 0 : axisOf(arrs));
        }
        finally
        {
            foreach (var a in arrs) a.Dispose();
        }
    }

    /// <summary>Stacks row-wise (after making each at least 2-d). NumPy: <c>np.vstack(tup)</c>.</summary>
    /// <exception cref="ValueError">No arrays or mismatched shapes.</exception>
    public static NDArray vstack(params NDArray[] tup) => JoinAfter(tup, atleast_2d, _ => 0);

    /// <summary>Stacks column-wise (axis 1, or axis 0 for 1-d inputs). NumPy: <c>np.hstack(tup)</c>.</summary>
    /// <exception cref="ValueError">No arrays or mismatched shapes.</exception>
    public static NDArray hstack(params NDArray[] tup) => JoinAfter(tup, atleast_1d, a => a[0].Dims.Length == 1 ? 0 : 1);

    /// <summary>Stacks along the third axis (after making each at least 3-d). NumPy: <c>np.dstack(tup)</c>.</summary>
    /// <exception cref="ValueError">No arrays or mismatched shapes.</exception>
    public static NDArray dstack(params NDArray[] tup) => JoinAfter(tup, atleast_3d, _ => 2);

    /// <summary>Stacks 1-d arrays as columns of a 2-d array (2-d arrays as they are). NumPy: <c>np.column_stack(tup)</c>.</summary>
    /// <exception cref="ValueError">No arrays or mismatched shapes.</exception>
    public static NDArray column_stack(params NDArray[] tup) => JoinAfter(tup, a =>
    {
        Live(a);
        if (a.Dims.Length >= 2) return a.SameView();
        using var two = atleast_2d(a);
        return transpose(two);
    }, _ => 1);

    /// <summary>Assembles an array from nested blocks (<c>object[]</c> of NDArray or nested <c>object[]</c>).
    /// NumPy: <c>np.block(arrays)</c>.</summary>
    /// <exception cref="ValueError">Mismatched list depths or block shapes.</exception>
    public static NDArray block(object[] arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        int listDepth = -1;
        int maxNd = 0;
        Scan(arrays, 1, "arrays");
        int resultNd = Math.Max(listDepth, maxNd);
        return Build(arrays, 1);

        void Scan(object node, int depth, string path)
        {
            if (node is object[] list)
            {
                if (list.Length == 0) throw new ValueError($"List at {path} cannot be empty");
                for (int i = 0; i < list.Length; i++) Scan(list[i], depth + 1, $"{path}[{i}]");
                return;
            }
            var a = node as NDArray ?? throw new TypeError($"{path} is neither an NDArray nor an object[]");
            int d = depth - 1;
            if (listDepth < 0) listDepth = d;
            else if (listDepth != d)
                throw new ValueError($"List depths are mismatched. First element was at depth {listDepth}, but there is an element at depth {d} ({path})");
            maxNd = Math.Max(maxNd, Live(a).Dims.Length);
        }

        NDArray Build(object node, int depth)
        {
            if (node is NDArray a)
            {
                Live(a);
                if (a.Dims.Length >= resultNd) return a.SameView();
                var s = new long[resultNd];
                Array.Fill(s, 1L);
                Array.Copy(a.Dims, 0, s, resultNd - a.Dims.Length, a.Dims.Length);
                return reshape(a, Shape.Own(s));
            }
            var list = (object[])node;
            var parts = list.Select(x => Build(x, depth + 1)).ToArray();
            try
            {
                return concatenate(parts, -(listDepth - depth + 1));
            }
            finally
            {
                foreach (var p in parts) p.Dispose();
            }
        }
    }

    /// <summary>Values appended to an array (flattened when axis is null). NumPy: <c>np.append(arr, values, axis)</c>.</summary>
    /// <exception cref="ValueError">Mismatched shapes along the other axes.</exception>
    public static NDArray append(NDArray arr, NDArray values, int? axis = null)
    {
        Live(arr);
        Live(values);
        if (axis is null)
        {
            using var a = ravel(arr);
            using var v = ravel(values);
            return concatenate([a, v], 0);
        }
        return concatenate([arr, values], axis);
    }

    /// <summary>Values inserted before the given indices along an axis (flattened when axis is null).
    /// NumPy: <c>np.insert(arr, obj, values, axis)</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds, or several indices are not integers.</exception>
    /// <exception cref="ValueError">obj is more than 1-d (a boolean obj, a mask of positions, must be 1-d), or values do
    /// not broadcast.</exception>
    /// <exception cref="TypeError">A single non-integer index ("slice indices must be integers …", as NumPy).</exception>
    public static NDArray insert(NDArray arr, NDArray obj, NDArray values, int? axis = null)
    {
        Live(arr);
        Live(obj);
        Live(values);
        using var flatArr = axis is null ? ravel(arr) : null;
        var a = flatArr ?? arr;
        int nd = a.Dims.Length;
        int ax = axis is null ? nd - 1 : Layout.NormalizeAxis(axis.Value, nd);
        long n = a.Dims[ax];
        // NumPy 2.1.2+: a boolean obj is a mask, the positions np.flatnonzero(obj) (1.24 cast it to 0s and 1s).
        if (obj.Dtype.IsBool && obj.Dims.Length != 1)
            throw new ValueError("boolean array argument obj to insert must be one dimensional");
        using var maskPositions = obj.Dtype.IsBool ? NativeOps.TruePositions(obj) : null;
        if (obj.Dims.Length > 1) throw new ValueError("index array argument obj to insert must be one dimensional or scalar");
        obj = maskPositions ?? obj;
        bool integral = obj.Dtype.IsInteger || (obj.IsWeak && obj.Weak == WeakKind.Integer);
        if (!integral && obj.Size == 1)
        {
            // One non-integer index becomes a slice bound in NumPy (new[:index] = arr[:index]), which Python refuses.
            double v = obj.ToArray<double>()[0];
            if (!(v < -n || v > n)) throw new TypeError("slice indices must be integers or None or have an __index__ method");
        }
        if (!integral && !obj.IsWeak) throw Err.IndexArrayType();   // an array obj, even empty, must be integer (NumPy)
        var idx = obj.ToArray<long>();
        var newShape = a.Dims.AsSpan().ToArray();
        if (idx.Length == 1)
        {
            long index = idx[0];
            if (index < -n || index > n) throw Err.IndexOutOfBounds(index, ax, n);
            if (index < 0) index += n;
            using var vals0 = array(values, a.Dtype, copy: null, ndmin: nd);
            using var vals = obj.Dims.Length == 0 ? moveaxis(vals0, 0, ax) : vals0.SameView();
            long numnew = vals.Dims[ax];
            newShape[ax] += numnew;
            var res = NDArray.Allocate(newShape, a.Dtype);
            CopyAxisRange(res, a, ax, 0, 0, index);
            using (var mid = SliceAxis(res, ax, index, index + numnew)) mid.Assign(vals);
            CopyAxisRange(res, a, ax, index + numnew, index, n - index);
            return res;
        }
        long numnewMany = idx.Length;
        for (int i = 0; i < idx.Length; i++) if (idx[i] < 0) idx[i] += n;
        var order = Enumerable.Range(0, idx.Length).OrderBy(i => idx[i]).ToArray();   // stable, as mergesort
        for (int r = 0; r < order.Length; r++) idx[order[r]] += r;
        newShape[ax] += numnewMany;
        var keep = new bool[newShape[ax]];
        Array.Fill(keep, true);
        // NumPy marks the new positions with old_mask[indices] = False, a fancy index into a 1-d mask of the new
        // length: its IndexError names the shifted index, axis 0 and that length, and negatives wrap.
        foreach (var i in idx)
        {
            if (i < -keep.LongLength || i >= keep.LongLength) throw Err.IndexOutOfBounds(i, 0, keep.LongLength);
            keep[i < 0 ? i + keep.LongLength : i] = false;
        }
        var result = NDArray.Allocate(newShape, a.Dtype);
        SetAlongAxis(result, ax, array(idx), values, disposeIndex: true);
        using var keepArr = array(keep);
        SetAlongAxis(result, ax, keepArr, a, disposeIndex: false);
        return result;
    }

    /// <summary>Copies a[srcStart : srcStart+count] into res[dstStart : …] along an axis.</summary>
    private static void CopyAxisRange(NDArray res, NDArray a, int ax, long dstStart, long srcStart, long count)
    {
        if (count <= 0) return;
        using var d = SliceAxis(res, ax, dstStart, dstStart + count);
        using var s = SliceAxis(a, ax, srcStart, srcStart + count);
        NativeOps.Copy(d, s);
    }

    internal static NDArray SliceAxis(NDArray a, int ax, long start, long stop, long step = 1)
    {
        var shape = a.Dims.AsSpan().ToArray();
        var strides = a.Strides.AsSpan().ToArray();
        long len = step > 0 ? Math.Max(0, (stop - start + step - 1) / step) : Math.Max(0, (start - stop - step - 1) / -step);
        shape[ax] = len;
        strides[ax] = len > 0 ? a.Strides[ax] * step : a.Strides[ax];
        return a.View(shape, strides, a.Offset + (len > 0 ? (nint)(start * a.Strides[ax]) : 0));
    }

    /// <summary>Index tuple selecting <paramref name="index"/> along one axis (all of the others).</summary>
    private static NDIndex AxisIndex(int ax, NDIndex index)
    {
        var items = new NDIndex[ax + 1];
        for (int i = 0; i < ax; i++) items[i] = Slice.All;
        items[ax] = index;
        return NDIndex.Tuple(items);
    }

    private static NDArray IndexAlongAxis(NDArray a, int ax, NDArray index) => a[AxisIndex(ax, index)];

    private static void SetAlongAxis(NDArray a, int ax, NDArray index, NDArray values, bool disposeIndex)
    {
        try
        {
            a[AxisIndex(ax, index)] = values;
        }
        finally
        {
            if (disposeIndex) index.Dispose();
        }
    }

    /// <summary>A copy without the given indices along an axis (flattened when axis is null).
    /// NumPy: <c>np.delete(arr, obj, axis)</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds.</exception>
    /// <exception cref="ValueError">A boolean obj of the wrong length.</exception>
    public static NDArray delete(NDArray arr, NDArray obj, int? axis = null)
    {
        Live(arr);
        Live(obj);
        using var flatArr = axis is null ? ravel(arr) : null;
        var a = flatArr ?? arr;
        int nd = a.Dims.Length;
        int ax = axis is null ? nd - 1 : Layout.NormalizeAxis(axis.Value, nd);
        long n = a.Dims[ax];
        bool single = obj.Dims.Length == 0 && (obj.Dtype.IsInteger || obj.Weak == WeakKind.Integer);
        if (!single && obj.Size == 1 && obj.Dtype.IsInteger) single = true;
        if (single)
        {
            long i = obj.item<long>(obj.Dims.Length == 0 ? [] : [0]);
            if (i < -n || i >= n) throw Err.IndexOutOfBounds(i, ax, n);
            if (i < 0) i += n;
            var shape = a.Dims.AsSpan().ToArray();
            shape[ax] -= 1;
            var res = NDArray.Allocate(shape, a.Dtype);
            CopyAxisRange(res, a, ax, 0, 0, i);
            CopyAxisRange(res, a, ax, i, i + 1, n - i - 1);
            return res;
        }
        bool[] keep;
        if (obj.Dtype.IsBool)
        {
            if (obj.Dims.Length != 1 || obj.Dims[0] != n)
                throw new ValueError($"boolean array argument obj to delete must be one dimensional and match the axis length of {n}");
            keep = obj.ToArray<bool>().Select(b => !b).ToArray();
        }
        else
        {
            if (!obj.Dtype.IsInteger && obj.Size > 0) throw Err.IndexArrayType();
            keep = new bool[n];
            Array.Fill(keep, true);
            foreach (var i in obj.ToArray<long>())
            {
                // NumPy marks them with keep[obj,] = False, a 1-d mask: its IndexError says axis 0 whatever the axis.
                if (i < -n || i >= n) throw Err.IndexOutOfBounds(i, 0, n);
                keep[i < 0 ? i + n : i] = false;
            }
        }
        using var k = array(keep);
        return IndexAlongAxis(a, ax, k);
    }

    /// <summary>Views of the sub-arrays along an axis. NumPy 2: <c>np.unstack(x, axis)</c>.</summary>
    /// <exception cref="ValueError">The input is 0-d ("Input array must be at least 1-d.").</exception>
    public static NDArray[] unstack(NDArray x, int axis = 0)
    {
        Live(x);
        if (x.Dims.Length == 0) throw new ValueError("Input array must be at least 1-d.");
        using var m = moveaxis(x, axis, 0);
        var r = new NDArray[m.Dims[0]];
        for (int i = 0; i < r.Length; i++) r[i] = m.AxisZeroItem(i);
        return r;
    }

    /// <summary>Splits into equal sections (views). NumPy: <c>np.split(ary, sections, axis)</c>.</summary>
    /// <exception cref="ValueError">"array split does not result in an equal division".</exception>
    /// <exception cref="ZeroDivisionError">sections is 0 ("integer modulo by zero", as NumPy's N % sections).</exception>
    /// <exception cref="IndexError">axis out of range ("tuple index out of range", NumPy's ary.shape[axis]).</exception>
    public static NDArray[] split(NDArray ary, long sections, int axis = 0)
    {
        Live(ary);
        long n = ary.Dims[SplitAxis(ary, axis)];
        // NumPy: `if N % sections:` runs first, so 0 sections is Python's modulo error.
        if (sections == 0) throw new ZeroDivisionError("integer modulo by zero");
        if (n % sections != 0) throw new ValueError("array split does not result in an equal division");
        return array_split(ary, sections, axis);
    }

    /// <summary>Splits before the given indices (views). NumPy: <c>np.split(ary, indices, axis)</c>.</summary>
    public static NDArray[] split(NDArray ary, long[] indices, int axis = 0) => array_split(ary, indices, axis);

    /// <summary>Splits into sections whose sizes differ by at most one (views). NumPy: <c>np.array_split(ary, sections, axis)</c>.</summary>
    /// <exception cref="ValueError">"number sections must be larger than 0.".</exception>
    public static NDArray[] array_split(NDArray ary, long sections, int axis = 0)
    {
        Live(ary);
        int ax = SplitAxis(ary, axis);
        if (sections <= 0) throw new ValueError("number sections must be larger than 0.");
        long n = ary.Dims[ax], each = n / sections, extras = n % sections;
        var points = new long[sections + 1];
        for (long i = 0; i < sections; i++) points[i + 1] = points[i] + (i < extras ? each + 1 : each);
        return SplitAt(ary, ax, points);
    }

    /// <summary>Splits before the given indices (views). NumPy: <c>np.array_split(ary, indices, axis)</c>.</summary>
    public static NDArray[] array_split(NDArray ary, long[] indices, int axis = 0)
    {
        Live(ary);
        ArgumentNullException.ThrowIfNull(indices);
        int ax = SplitAxis(ary, axis);
        var points = new long[indices.Length + 2];
        Array.Copy(indices, 0, points, 1, indices.Length);
        points[^1] = ary.Dims[ax];
        return SplitAt(ary, ax, points);
    }

    /// <summary>NumPy's split functions read <c>ary.shape[axis]</c> first: Python tuple indexing, so an axis out of
    /// range is an IndexError "tuple index out of range", not an AxisError.</summary>
    private static int SplitAxis(NDArray ary, int axis)
    {
        int nd = ary.Dims.Length;
        if (axis < -nd || axis >= nd) throw new IndexError("tuple index out of range");
        return axis < 0 ? axis + nd : axis;
    }

    private static NDArray[] SplitAt(NDArray ary, int ax, long[] points)
    {
        var r = new NDArray[points.Length - 1];
        for (int i = 0; i < r.Length; i++) r[i] = ary[AxisIndex(ax, new Slice(points[i], points[i + 1]))];
        return r;
    }

    /// <summary>Splits along axis 1 (axis 0 for 1-d). NumPy: <c>np.hsplit(ary, sections)</c>.</summary>
    /// <exception cref="ValueError">0-d input, or unequal division.</exception>
    public static NDArray[] hsplit(NDArray ary, long sections)
    {
        if (Live(ary).Dims.Length == 0) throw new ValueError("hsplit only works on arrays of 1 or more dimensions");
        return split(ary, sections, ary.Dims.Length > 1 ? 1 : 0);
    }

    /// <summary>Splits along axis 1 before the given indices. NumPy: <c>np.hsplit(ary, indices)</c>.</summary>
    /// <exception cref="ValueError">0-d input.</exception>
    public static NDArray[] hsplit(NDArray ary, long[] indices)
    {
        if (Live(ary).Dims.Length == 0) throw new ValueError("hsplit only works on arrays of 1 or more dimensions");
        return split(ary, indices, ary.Dims.Length > 1 ? 1 : 0);
    }

    /// <summary>Splits along axis 0. NumPy: <c>np.vsplit(ary, sections)</c>.</summary>
    /// <exception cref="ValueError">Fewer than 2 dimensions, or unequal division.</exception>
    public static NDArray[] vsplit(NDArray ary, long sections)
    {
        if (Live(ary).Dims.Length < 2) throw new ValueError("vsplit only works on arrays of 2 or more dimensions");
        return split(ary, sections, 0);
    }

    /// <summary>Splits along axis 0 before the given indices. NumPy: <c>np.vsplit(ary, indices)</c>.</summary>
    /// <exception cref="ValueError">Fewer than 2 dimensions.</exception>
    public static NDArray[] vsplit(NDArray ary, long[] indices)
    {
        if (Live(ary).Dims.Length < 2) throw new ValueError("vsplit only works on arrays of 2 or more dimensions");
        return split(ary, indices, 0);
    }

    /// <summary>Splits along axis 2. NumPy: <c>np.dsplit(ary, sections)</c>.</summary>
    /// <exception cref="ValueError">Fewer than 3 dimensions, or unequal division.</exception>
    public static NDArray[] dsplit(NDArray ary, long sections)
    {
        if (Live(ary).Dims.Length < 3) throw new ValueError("dsplit only works on arrays of 3 or more dimensions");
        return split(ary, sections, 2);
    }

    /// <summary>Splits along axis 2 before the given indices. NumPy: <c>np.dsplit(ary, indices)</c>.</summary>
    /// <exception cref="ValueError">Fewer than 3 dimensions.</exception>
    public static NDArray[] dsplit(NDArray ary, long[] indices)
    {
        if (Live(ary).Dims.Length < 3) throw new ValueError("dsplit only works on arrays of 3 or more dimensions");
        return split(ary, indices, 2);
    }
}
