namespace Numerics.Native;

public static partial class np
{
    private static IndexMode ParseMode(string mode) => mode switch
    {
        "raise" => IndexMode.Raise,
        "wrap" => IndexMode.Wrap,
        "clip" => IndexMode.Clip,
        _ => throw new ValueError($"clipmode must be one of 'clip', 'raise', or 'wrap' (got '{mode}')"),
    };

    private static NDArray Int64Index(NDArray indices, List<NDArray> owned)
    {
        Live(indices);
        if (indices.IsWeak)
        {
            if (indices.Weak != WeakKind.Integer) throw new TypeError("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'");
            var s = indices.MaterializeStrong();
            owned.Add(s);
            return s;
        }
        if (indices.Dtype == DType.Int64) return indices;
        if (!indices.Dtype.IsInteger && !(indices.Dtype.IsBool))
            throw Err.CannotCast(indices.Dtype, DType.Int64, "safe");
        var c = indices.astype(DType.Int64);
        owned.Add(c);
        return c;
    }

    /// <summary>Elements at the given indices along an axis (of the flattened array when axis is null); one gather.
    /// NumPy: <c>np.take(a, indices, axis, out, mode)</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds ("index 5 is out of bounds for axis 0 with size 3").</exception>
    /// <exception cref="ValueError">Unknown mode, or an out array of the wrong shape.</exception>
    public static NDArray take(NDArray a, NDArray indices, int? axis = null, NDArray? @out = null, string mode = "raise")
    {
        Live(a);
        var m = ParseMode(mode);
        var owned = new List<NDArray>();
        try
        {
            var src = a.IsWeak ? Track(a.MaterializeStrong(), owned) : a;
            // NumPy's PyArray_CheckAxis ravels a 0-d array too, so its only axis is 0 (or -1) of a 1-d array.
            if (axis is null || src.Dims.Length == 0) src = Track(ravel(src), owned);
            int ax = Layout.NormalizeAxis(axis ?? 0, src.Dims.Length);
            var idx = Int64Index(indices, owned);
            // Result shape: a.shape[:ax] + idx.shape + a.shape[ax+1:]; packed order is idx.shape + the rest.
            int ni = idx.Dims.Length;
            var resultShape = new long[src.Dims.Length - 1 + ni];
            int w = 0;
            for (int d = 0; d < ax; d++) resultShape[w++] = src.Dims[d];
            for (int d = 0; d < ni; d++) resultShape[w++] = idx.Dims[d];
            for (int d = ax + 1; d < src.Dims.Length; d++) resultShape[w++] = src.Dims[d];
            // NumPy's PyArray_TakeFrom refuses any non-empty result from an empty axis, before it looks at the mode.
            if (src.Dims[ax] == 0 && Layout.Product(resultShape) != 0)
                throw new IndexError("cannot do a non-empty take from an empty axes.");
            var packedShape = new long[resultShape.Length];
            var fromPacked = new int[resultShape.Length];
            w = 0;
            for (int d = 0; d < ax; d++) fromPacked[w++] = ni + d;
            for (int d = 0; d < ni; d++) fromPacked[w++] = d;
            for (int d = ax; d < src.Dims.Length - 1; d++) fromPacked[w++] = ni + d;
            for (int j = 0; j < resultShape.Length; j++) packedShape[fromPacked[j]] = resultShape[j];

            NDArray result = @out ?? NDArray.Allocate(resultShape.AsSpan().ToArray(), src.Dtype);
            if (@out is not null)
            {
                @out.ThrowIfReadOnly();
                if (!@out.Dims.AsSpan().SequenceEqual(resultShape)) throw new ValueError("output array does not match result of ndarray.take");
            }
            // An empty result reads nothing, so NumPy checks no index (take(np.zeros((0, 0)), [5], axis=1) is empty).
            if (Layout.Product(resultShape) == 0) return result;
            // NumPy buffers out= in mode raise (PyArray_TakeFrom's NPY_ARRAY_ENSURECOPY), so a bad index leaves it untouched.
            bool buffered = result.Dtype != src.Dtype || (@out is not null && m == IndexMode.Raise);
            var target = buffered ? Track(NDArray.Allocate(resultShape.AsSpan().ToArray(), src.Dtype), owned) : result;
            var pstrides = new long[resultShape.Length];
            for (int j = 0; j < resultShape.Length; j++) pstrides[fromPacked[j]] = target.Strides[j];
            using (var packed = target.View(packedShape, pstrides, target.Offset))
            {
                try
                {
                    NativeOps.Gather(packed, src, [ax], [idx], [ax], m);
                }
                catch when (@out is null)
                {
                    result.Dispose();
                    throw;
                }
            }
            if (!ReferenceEquals(target, result)) NativeOps.CopyWarn(result, target);
            return result;
        }
        finally
        {
            foreach (var o in owned) o.Dispose();
        }
    }

    private static NDArray Track(NDArray a, List<NDArray> owned)
    {
        owned.Add(a);
        return a;
    }

    /// <summary>NumPy 2's take_along_axis/put_along_axis check this before anything else (1.24 reported a rank mismatch).</summary>
    private static void AlongAxisNoneCheck(NDArray indices, int? axis)
    {
        if (axis is null && indices.Dims.Length != 1)
            throw new ValueError("when axis=None, `indices` must have a single dimension.");
    }

    /// <summary>Gathers along an axis with an index array of the same rank (broadcast against the other axes).
    /// NumPy: <c>np.take_along_axis(arr, indices, axis)</c>.</summary>
    /// <exception cref="ValueError">The index array's rank differs from arr's ("`indices` and `arr` must have the same number of dimensions").</exception>
    /// <exception cref="IndexError">An index is out of bounds.</exception>
    public static NDArray take_along_axis(NDArray arr, NDArray indices, int? axis)
    {
        Live(arr);
        Live(indices);
        AlongAxisNoneCheck(indices, axis);
        if (!indices.Dtype.IsInteger) throw new IndexError("`indices` must be an integer array");
        if (axis is null) CheckFlatBounds(indices, arr.Size);
        using var flat = axis is null ? ravel(arr) : null;
        var a = flat ?? arr;
        int ax = axis is null ? 0 : Layout.NormalizeAxis(axis.Value, a.Dims.Length);
        if (indices.Dims.Length != a.Dims.Length)
            throw new ValueError("`indices` and `arr` must have the same number of dimensions");
        var fancy = AlongAxisIndex(a, indices, ax);
        try
        {
            return a[NDIndex.Tuple([.. fancy.Select(f => (NDIndex)f)])];
        }
        finally
        {
            foreach (var f in fancy) f.Dispose();
        }
    }

    /// <summary>With axis=None NumPy indexes <c>arr.flat</c>, whose IndexError names no axis: "index 7 is out of
    /// bounds for size 6" (the first offending index in order).</summary>
    private static void CheckFlatBounds(NDArray indices, long size)
    {
        foreach (long i in indices.ToArray<long>())
            if (i < -size || i >= size) throw new IndexError($"index {i} is out of bounds for size {size}");
    }

    /// <summary>NumPy's _make_along_axis_idx: an arange (shaped to broadcast) for every axis but <paramref name="ax"/>.</summary>
    private static NDArray[] AlongAxisIndex(NDArray a, NDArray indices, int ax)
    {
        int nd = a.Dims.Length;
        var r = new NDArray[nd];
        for (int d = 0; d < nd; d++)
        {
            if (d == ax)
            {
                r[d] = indices.SameView();
                continue;
            }
            var s = new long[nd];
            Array.Fill(s, 1L);
            s[d] = a.Dims[d];
            using var ar = arange(a.Dims[d]);
            r[d] = reshape(ar, Shape.Own(s));
        }
        return r;
    }

    /// <summary>Writes values along an axis at the given indices. NumPy: <c>np.put_along_axis(arr, indices, values, axis)</c>.</summary>
    /// <exception cref="ValueError">Rank mismatch, or the array is read-only.</exception>
    /// <exception cref="IndexError">An index is out of bounds.</exception>
    public static void put_along_axis(NDArray arr, NDArray indices, NDArray values, int? axis)
    {
        Live(arr);
        Live(indices);
        AlongAxisNoneCheck(indices, axis);
        if (!indices.Dtype.IsInteger) throw new IndexError("`indices` must be an integer array");
        if (axis is null) CheckFlatBounds(indices, arr.Size);
        bool writeBack = axis is null && !arr.IsCContiguous;
        using var flat = axis is null ? (writeBack ? arr.flatten() : ravel(arr)) : null;
        var a = flat ?? arr;
        int ax = axis is null ? 0 : Layout.NormalizeAxis(axis.Value, a.Dims.Length);
        if (indices.Dims.Length != a.Dims.Length)
            throw new ValueError("`indices` and `arr` must have the same number of dimensions");
        var fancy = AlongAxisIndex(a, indices, ax);
        try
        {
            a[NDIndex.Tuple([.. fancy.Select(f => (NDIndex)f)])] = values;
            if (writeBack)
            {
                using var back = reshape(a, Shape.Own(arr.Dims));
                NativeOps.Copy(arr, back);
            }
        }
        finally
        {
            foreach (var f in fancy) f.Dispose();
        }
    }

    /// <summary>Writes values at flat (C-order) indices; values repeat when shorter. NumPy: <c>np.put(a, ind, v, mode)</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds (mode "raise").</exception>
    /// <exception cref="ValueError">The array is read-only, or unknown mode.</exception>
    public static void put(NDArray a, NDArray ind, NDArray v, string mode = "raise")
    {
        Live(a).ThrowIfReadOnly();
        var m = ParseMode(mode);
        var owned = new List<NDArray>();
        try
        {
            var idx = Track(ravel(Int64Index(ind, owned)), owned);
            long n = idx.Size;
            if (n == 0) return;
            var vals = Track(ravel(Live(v).IsWeak ? Track(array(v, a.Dtype), owned) : v), owned);
            if (vals.Size == 0) return;
            if (v.IsWeak) NDArray.CheckWeakFits(v, a.Dtype);
            // Values cycle when fewer than indices (NumPy's put): resize them to n.
            var cycled = Track(resize(vals, n), owned);
            var typed = cycled.Dtype == a.Dtype ? cycled : Track(cycled.astype(a.Dtype), owned);
            // put works on the flat C-order view; a non-contiguous target goes through a contiguous copy.
            bool contiguous = a.IsCContiguous;
            var flat = contiguous ? Track(a.View([a.Size], [a.Dtype.Size], a.Offset), owned) : Track(a.flatten(), owned);
            NativeOps.Scatter(flat, typed, [0], [idx], [0], m);
            if (!contiguous)
            {
                using var back = reshape(flat, Shape.Own(a.Dims));
                NativeOps.Copy(a, back);
            }
        }
        finally
        {
            foreach (var o in owned) o.Dispose();
        }
    }

    /// <summary>Writes the values (cycled) into the positions where mask is true, in order. NumPy: <c>np.place(arr, mask, vals)</c>.</summary>
    /// <exception cref="ValueError">mask and arr differ in size ("place: mask and data must be the same size"), or vals
    /// is empty while the mask selects something ("Cannot insert from an empty array!").</exception>
    /// <exception cref="TypeError">vals is an array that does not cast safely to arr's dtype.</exception>
    public static void place(NDArray arr, NDArray mask, NDArray vals)
    {
        Live(arr).ThrowIfReadOnly();
        // NumPy's arr_place pairs mask and arr by flat (C-order) position, so only their sizes must agree.
        if (Live(mask).Size != arr.Size) throw new ValueError("place: mask and data must be the same size");
        CheckSafeCast(vals, arr.Dtype);
        using var m = mask.astype(DType.Bool);
        using var flatMask = ravel(m);
        long count = NativeOps.CountTrue(flatMask);
        if (count == 0) return;
        using var v = ravel(vals);
        if (v.Size == 0) throw new ValueError("Cannot insert from an empty array!");
        using var cycled = resize(v, count);
        using var mr = reshape(m, Shape.Own(arr.Dims));
        arr[(NDIndex)mr] = cycled;
    }

    /// <summary>How place, putmask and copyto's where= convert an array argument (NumPy's PyArray_FromAny to the
    /// target dtype): a strong array must cast safely; a C# scalar, like a Python one, converts by value.</summary>
    private static void CheckSafeCast(NDArray values, DType to)
    {
        if (!Live(values).IsWeak && !TypePromotion.CanCast(values.Dtype, to, Casting.Safe))
            throw Err.CannotCast(values.Dtype, to, "safe", scalar: values.Dims.Length == 0);
    }

    /// <summary>Writes values where mask is true; values repeat cyclically by flat position. NumPy: <c>np.putmask(a, mask, values)</c>.</summary>
    /// <exception cref="ValueError">mask and a differ in size ("putmask: mask and data must be the same size").</exception>
    /// <exception cref="TypeError">values is an array that does not cast safely to a's dtype.</exception>
    public static void putmask(NDArray a, NDArray mask, NDArray values)
    {
        Live(a).ThrowIfReadOnly();
        Live(mask);
        if (mask.Size != a.Size) throw new ValueError("putmask: mask and data must be the same size");
        CheckSafeCast(values, a.Dtype);
        using var m = mask.astype(DType.Bool);
        using var mr = reshape(m, Shape.Own(a.Dims));
        using var v = ravel(values);
        if (v.Size == 0) return;
        // Value k goes to flat position k wherever the mask is set: tile the values to a's size, then mask-assign.
        using var tiled = resize(v, a.Size);
        using var shaped = reshape(tiled, Shape.Own(a.Dims));
        using var selected = shaped[(NDIndex)mr];
        a[(NDIndex)mr] = selected;
    }

    /// <summary>The elements of arr (flattened) where condition (flattened) is true. NumPy: <c>np.extract(condition, arr)</c>.</summary>
    public static NDArray extract(NDArray condition, NDArray arr)
    {
        using var c = ravel(Live(condition));
        using var cb = c.Dtype.IsBool ? c.SameView() : c.astype(DType.Bool);
        using var a = ravel(Live(arr));
        // NumPy: take(ravel(arr), nonzero(ravel(condition))[0]) — a true entry past the end of arr is an index error.
        if (cb.Size > a.Size)
        {
            using var tail = cb[new Slice(a.Size, null)];
            var t = tail.ToArray<bool>();
            int first = Array.IndexOf(t, true);
            if (first >= 0) throw Err.IndexOutOfBounds(a.Size + first, 0, a.Size);
        }
        using var head = a[new Slice(0, cb.Size)];
        using var cut = cb[new Slice(0, head.Size)];
        return head[(NDIndex)cut];
    }

    /// <summary>The slices along an axis where condition is true (flattened when axis is null).
    /// NumPy: <c>np.compress(condition, a, axis)</c>.</summary>
    /// <exception cref="IndexError">A true entry of condition lies past the end of the axis.</exception>
    /// <exception cref="ValueError">condition is not 1-d ("condition must be a 1-d array").</exception>
    public static NDArray compress(NDArray condition, NDArray a, int? axis = null)
    {
        Live(condition);
        Live(a);
        // NumPy's PyArray_Compress: a 1-d condition only, then take(a, nonzero(condition)[0], axis), so entries past
        // the axis' end matter only when true, and take names the first such position in its IndexError.
        if (condition.Dims.Length != 1) throw new ValueError("condition must be a 1-d array");
        using var c = condition.Dtype.IsBool ? null : condition.astype(DType.Bool);
        using var idx = NativeOps.TruePositions(c ?? condition);
        return take(a, idx, axis);
    }

    /// <summary>Picks, elementwise, from the choice arrays by the index array a (all broadcast). NumPy: <c>np.choose(a, choices, mode)</c>.</summary>
    /// <exception cref="ValueError">An index is out of range for "raise" ("invalid entry in choice array").</exception>
    public static NDArray choose(NDArray a, NDArray[] choices, string mode = "raise")
    {
        Live(a);
        ArgumentNullException.ThrowIfNull(choices);
        var m = ParseMode(mode);
        if (choices.Length == 0) throw new ValueError("0-length sequence.");
        // NumPy broadcasts the choices first and the index array last (PyArray_MultiIterFromObjects(mps, n, 1, ap)),
        // which numbers the operands in its "Mismatch is between arg i … and arg j" text.
        _ = broadcast_shapes([.. choices.Select(x => Live(x).shape), a.shape]);
        var all = new NDArray[choices.Length + 1];
        all[0] = a;
        Array.Copy(choices, 0, all, 1, choices.Length);
        var b = broadcast_arrays(all);
        var owned = new List<NDArray>(b);
        try
        {
            var dt = TypePromotion.Result(choices.Where(c => !c.IsWeak).Select(c => c.Dtype).ToArray(),
                choices.Where(c => c.IsWeak).Select(c => c.Weak).ToArray());
            using var stacked = stack(b.Skip(1).Select(x => x.Dtype == dt ? x : Track(x.astype(dt), owned)).ToArray(), 0);
            var idx = Int64Index(b[0], owned);
            if (m == IndexMode.Raise)
            {
                var vals = idx.ToArray<long>();
                foreach (var v in vals)
                    if (v < 0 || v >= choices.Length) throw new ValueError("invalid entry in choice array");
            }
            // result[...] = stacked[idx[...], ...]: a gather over axis 0 plus the identity over the rest.
            var fancy = new NDArray[stacked.Dims.Length];
            fancy[0] = idx;
            for (int d = 1; d < fancy.Length; d++)
            {
                var s = new long[fancy.Length - 1];
                Array.Fill(s, 1L);
                s[d - 1] = stacked.Dims[d];
                using var ar = arange(stacked.Dims[d]);
                fancy[d] = Track(reshape(ar, Shape.Own(s)), owned);
            }
            if (m != IndexMode.Raise)
            {
                var wrapped = idx.ToArray<long>();
                long n = choices.Length;
                for (long i = 0; i < wrapped.LongLength; i++)
                    wrapped[i] = m == IndexMode.Wrap ? ((wrapped[i] % n) + n) % n : Math.Clamp(wrapped[i], 0, n - 1);
                fancy[0] = Track(reshape(Track(array(wrapped), owned), Shape.Own(idx.Dims)), owned);
            }
            return stacked[NDIndex.Tuple([.. fancy.Select(f => (NDIndex)f)])];
        }
        finally
        {
            foreach (var o in owned) o.Dispose();
        }
    }

    /// <summary>Elementwise, the choice of the first true condition (default where none is). NumPy: <c>np.select(condlist, choicelist, default)</c>.</summary>
    /// <exception cref="ValueError">The lists differ in length, or are empty.</exception>
    /// <exception cref="TypeError">A condition is not boolean.</exception>
    public static NDArray select(NDArray[] condlist, NDArray[] choicelist, NDArray? @default = null)
    {
        ArgumentNullException.ThrowIfNull(condlist);
        ArgumentNullException.ThrowIfNull(choicelist);
        if (condlist.Length != choicelist.Length) throw new ValueError("list of cases must be same length as list of conditions");
        if (condlist.Length == 0) throw new ValueError("select with an empty condition list is not possible");
        NDArray dflt = @default ?? (NDArray)0L;
        var choices = choicelist.Append(dflt).ToArray();
        var dt = TypePromotion.Result(choices.Where(c => !c.IsWeak).Select(c => c.Dtype).ToArray(),
            choices.Where(c => c.IsWeak).Select(c => c.Weak).ToArray());
        for (int i = 0; i < condlist.Length; i++)
            if (!Live(condlist[i]).Dtype.IsBool) throw new TypeError($"invalid entry {i} in condlist: should be boolean ndarray");
        var all = condlist.Concat(choices).ToArray();
        var b = broadcast_arrays(all);
        try
        {
            int n = condlist.Length;
            var result = NDArray.Allocate((long[])b[0].Dims.Clone(), dt);
            result.Assign(b[^1]);
            // Later conditions first, so the first true condition wins (NumPy applies them in reverse).
            for (int i = n - 1; i >= 0; i--)
            {
                using var sel = b[n + i][(NDIndex)b[i]];
                result[(NDIndex)b[i]] = sel;
            }
            return result;
        }
        finally
        {
            foreach (var x in b) x.Dispose();
        }
    }

    /// <summary>Copies src into dst (broadcast), under a casting rule, optionally only where a mask is true.
    /// NumPy: <c>np.copyto(dst, src, casting, where)</c>.</summary>
    /// <exception cref="TypeError">The cast is not allowed ("Cannot cast array data from …", "Cannot cast scalar from …"
    /// for a 0-d or C# scalar src).</exception>
    /// <exception cref="ValueError">dst is read-only, or src does not broadcast.</exception>
    /// <exception cref="OverflowError">A C# integer that does not fit dst's integer dtype.</exception>
    public static void copyto(NDArray dst, NDArray src, string casting = "same_kind", NDArray? where = null)
    {
        Live(dst).ThrowIfReadOnly();
        Live(src);
        var rule = TypePromotion.ParseCasting(casting);
        // NumPy 2's array_copyto: a Python int/float/complex first becomes the common dtype of its abstract DType and
        // dst's (npy_find_descr_for_scalar: 1 → int8 for an int8 dst, 1 → int64 for a bool dst, 1j → complex64 for a
        // float32 dst); under 'equiv' that must be the scalar's own default dtype. The cast check then applies to that
        // 0-d array ("Cannot cast scalar from …"). A Python bool is a strong np.bool.
        DType from = src.Dtype;
        if (src.IsWeak && src.Weak != WeakKind.Bool)
        {
            from = TypePromotion.Result([dst.Dtype], [src.Weak]);
            if (rule == Casting.Equiv && from != TypePromotion.DefaultFor(src.Weak))
                throw Err.CannotCastPythonScalarEquiv(src.Weak, from);
        }
        if (where is not null) CheckSafeCast(where, DType.Bool);   // NumPy converts where before it checks the cast
        if (!TypePromotion.CanCast(from, dst.Dtype, rule)) throw Err.CannotCast(from, dst.Dtype, casting, scalar: src.Dims.Length == 0);
        if (where is null)
        {
            dst.Assign(src);
            return;
        }
        // NumPy's PyArray_AssignArray broadcasts src first (leading 1s stripped, "input array"), then the mask.
        using var trimmed = NDArray.AssignSource(src, dst.Dims);
        if (where.Dims.Length > dst.Dims.Length || !Layout.BroadcastsTo(where.Dims, dst.Dims))
            throw new ValueError($"could not broadcast where mask from shape {Err.CompactTuple(where.Dims)} into shape {Err.CompactTuple(dst.Dims)}");
        using var m = broadcast_to(where, Shape.Own(dst.Dims));
        using var s = broadcast_to(trimmed ?? src, Shape.Own(dst.Dims));
        using var vals = s[(NDIndex)m];
        dst[(NDIndex)m] = vals;
    }

    /// <summary>Whether the two arrays address overlapping bytes (exact for the common layouts). NumPy: <c>np.shares_memory(a, b)</c>.</summary>
    public static bool shares_memory(NDArray a, NDArray b)
    {
        Live(a);
        Live(b);
        if (a.Size == 0 || b.Size == 0 || !NativeOps.Overlaps(a, b)) return false;
        return ExactOverlap(a, b);
    }

    /// <summary>Whether the arrays' byte ranges overlap (may report true for interleaved views). NumPy: <c>np.may_share_memory(a, b)</c>.</summary>
    public static bool may_share_memory(NDArray a, NDArray b)
    {
        Live(a);
        Live(b);
        return a.Size > 0 && b.Size > 0 && NativeOps.Overlaps(a, b);
    }

    /// <summary>Exact test by enumerating byte ranges of the smaller array against a set of the other's (bounded work).</summary>
    private static bool ExactOverlap(NDArray a, NDArray b)
    {
        const long Limit = 1 << 22;
        if (a.Size > Limit || b.Size > Limit) return true;   // too large to enumerate: report the conservative answer
        var set = new HashSet<long>();
        foreach (var off in Offsets(a))
            for (int k = 0; k < a.Dtype.Size; k++) set.Add(off + k);
        foreach (var off in Offsets(b))
            for (int k = 0; k < b.Dtype.Size; k++)
                if (set.Contains(off + k)) return true;
        return false;
    }

    private static IEnumerable<long> Offsets(NDArray a)
    {
        int nd = a.Dims.Length;
        var idx = new long[nd];
        long off = a.Offset;
        for (long t = 0; t < a.Size; t++)
        {
            yield return off;
            for (int d = nd - 1; d >= 0; d--)
            {
                if (++idx[d] < a.Dims[d]) { off += a.Strides[d]; break; }
                idx[d] = 0;
                off -= a.Strides[d] * (a.Dims[d] - 1);
            }
        }
    }
}
