namespace Numerics.Native;

public partial class NDArray
{
    /// <summary>Indexes with one item. Basic items (integers, slices, ranges, newaxis, ellipsis) give a view; arrays and
    /// masks give a copy; a full integer index gives a 0-d copy. Setting broadcasts and casts the value (NumPy's rules).
    /// NumPy: <c>a[i0]</c>, <c>a[i0] = value</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index (NumPy's messages).</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray this[NDIndex i0]
    {
        get
        {
            // The one-item basic cases inline here: the view budget is 40 ns.
            if ((_state & Disposed) == 0 && Buf is not null && Dims.Length > 0)
            {
                if (i0.Kind == IndexKind.Slice) return SliceView(i0.SliceValue);
                if (i0.Kind == IndexKind.Integer && Dims.Length > 1 && i0.Text is null) return IntegerView(i0.Int);
            }
            return GetItem([i0]);
        }
        set => SetItem([i0], value);
    }

    /// <summary>Indexes with a C# range: a view of the first axis, exactly <c>this[(NDIndex)r]</c>.
    /// NumPy: <c>a[start:stop]</c>, <c>a[start:stop] = value</c>.</summary>
    /// <exception cref="IndexError">The array is 0-d ("too many indices").</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray this[Range r]
    {
        get
        {
            // Its own overload so that a[2..8], the view budget's row (40 ns), builds no NDIndex (a 100-byte struct).
            if ((_state & Disposed) == 0 && Buf is not null)
            {
                if (Dims.Length == 1) return RangeView1D(r);
                if (Dims.Length > 1) return SliceView(Slice.FromRange(r));
            }
            return GetItem([r]);
        }
        set => SetItem([r], value);
    }

    /// <summary><c>a[r]</c> of a live 1-d array: Python's clamping of <c>start:stop</c> (step 1) without a Slice.</summary>
    private NDArray RangeView1D(Range r)
    {
        long n = Dims[0];
        long s = RangeEnd(r.Start, n), e = RangeEnd(r.End, n);
        long len = e > s ? e - s : 0;
        return View1D(len, Strides, len > 0 ? Offset + (nint)(s * Strides[0]) : Offset);

        // ^k is -k; a position past either end clamps to it, as a Python slice bound does.
        static long RangeEnd(Index i, long n)
        {
            long v = i.IsFromEnd ? n - i.Value : i.Value;
            return v < 0 ? 0 : v > n ? n : v;
        }
    }

    /// <summary>Indexes with two items. NumPy: <c>a[i0, i1]</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index.</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    public NDArray this[NDIndex i0, NDIndex i1]
    {
        get => GetItem([i0, i1]);
        set => SetItem([i0, i1], value);
    }

    /// <summary>Indexes with three items. NumPy: <c>a[i0, i1, i2]</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index.</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    public NDArray this[NDIndex i0, NDIndex i1, NDIndex i2]
    {
        get => GetItem([i0, i1, i2]);
        set => SetItem([i0, i1, i2], value);
    }

    /// <summary>Indexes with four items. NumPy: <c>a[i0, i1, i2, i3]</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index.</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    public NDArray this[NDIndex i0, NDIndex i1, NDIndex i2, NDIndex i3]
    {
        get => GetItem([i0, i1, i2, i3]);
        set => SetItem([i0, i1, i2, i3], value);
    }

    /// <summary>Indexes with five items. NumPy: <c>a[i0, …, i4]</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index.</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    public NDArray this[NDIndex i0, NDIndex i1, NDIndex i2, NDIndex i3, NDIndex i4]
    {
        get => GetItem([i0, i1, i2, i3, i4]);
        set => SetItem([i0, i1, i2, i3, i4], value);
    }

    /// <summary>Indexes with six items. NumPy: <c>a[i0, …, i5]</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index.</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    public NDArray this[NDIndex i0, NDIndex i1, NDIndex i2, NDIndex i3, NDIndex i4, NDIndex i5]
    {
        get => GetItem([i0, i1, i2, i3, i4, i5]);
        set => SetItem([i0, i1, i2, i3, i4, i5], value);
    }

    /// <summary>Indexes with seven items. NumPy: <c>a[i0, …, i6]</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index.</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    public NDArray this[NDIndex i0, NDIndex i1, NDIndex i2, NDIndex i3, NDIndex i4, NDIndex i5, NDIndex i6]
    {
        get => GetItem([i0, i1, i2, i3, i4, i5, i6]);
        set => SetItem([i0, i1, i2, i3, i4, i5, i6], value);
    }

    /// <summary>Indexes with eight items. NumPy: <c>a[i0, …, i7]</c>.</summary>
    /// <exception cref="IndexError">Out-of-bounds or malformed index.</exception>
    /// <exception cref="ValueError">On set: read-only array, or a value that does not broadcast.</exception>
    public NDArray this[NDIndex i0, NDIndex i1, NDIndex i2, NDIndex i3, NDIndex i4, NDIndex i5, NDIndex i6, NDIndex i7]
    {
        get => GetItem([i0, i1, i2, i3, i4, i5, i6, i7]);
        set => SetItem([i0, i1, i2, i3, i4, i5, i6, i7], value);
    }

    internal NDArray GetItem(ReadOnlySpan<NDIndex> index)
    {
        ThrowIfDisposed();
        if (IsWeak)
        {
            using var strong = MaterializeStrong();
            return strong.GetItem(index);
        }
        using var plan = IndexPlan.Build(this, index);
        if (!plan.HasAdvanced)
        {
            if (plan.AllIntegers)
            {
                var r = Allocate([], Dtype);
                NativeOps.Copy(r, plan.View);
                return r;
            }
            var v = plan.View;
            plan.View = null!;
            return v;
        }
        var (resultShape, fromPacked, b) = plan.ResultLayout();
        var packedShape = new long[resultShape.Length];
        for (int j = 0; j < resultShape.Length; j++) packedShape[fromPacked[j]] = resultShape[j];
        var idx = plan.BroadcastIndices(b);
        var packed = AllocatePacked(packedShape, b.Length, plan, Dtype);
        try
        {
            NativeOps.Gather(packed, plan.View, plan.AdvAxes.ToArray(), idx, plan.ReportAxesFor(), IndexMode.Raise);
        }
        catch
        {
            packed.Dispose();
            throw;
        }
        bool identity = true;
        for (int j = 0; j < fromPacked.Length; j++) identity &= fromPacked[j] == j;
        if (identity) return packed;
        var strides = new long[resultShape.Length];
        for (int j = 0; j < resultShape.Length; j++) strides[j] = packed.Strides[fromPacked[j]];
        var result = packed.View(resultShape, strides, packed.Offset);
        packed.Dispose();
        return result;
    }

    /// <summary>
    /// The gather target laid out as NumPy's mapiter allocates it: the index dims B outermost in C order, the
    /// sub-space dims inside them in the memory order of the indexed view (|stride| descending, stable; so a
    /// newaxis dim, stride 0, goes innermost and a Fortran-ordered source keeps Fortran order).
    /// </summary>
    private static NDArray AllocatePacked(long[] packedShape, int nb, IndexPlan plan, DType dtype)
    {
        var subStrides = new List<long>();
        for (int d = 0; d < plan.View.Dims.Length; d++) if (!plan.AdvAxes.Contains(d)) subStrides.Add(plan.View.Strides[d]);
        int ns = subStrides.Count;
        var order = Enumerable.Range(0, ns).ToArray();
        for (int i = 1; i < ns; i++)
        {
            int p = order[i], j = i - 1;
            while (j >= 0 && Math.Abs(subStrides[p]) > Math.Abs(subStrides[order[j]])) { order[j + 1] = order[j]; j--; }
            order[j + 1] = p;
        }
        var strides = new long[packedShape.Length];
        long s = dtype.Size;
        for (int k = ns - 1; k >= 0; k--)
        {
            strides[nb + order[k]] = s;
            s *= packedShape[nb + order[k]];
        }
        for (int i = nb - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= packedShape[i];
        }
        var a = Allocate(packedShape, dtype);
        if (a.Size == 0) return a;
        a.Strides = strides;
        a.FlagBits = (a.FlagBits & ~(ArrayFlags.CContiguous | ArrayFlags.FContiguous | ArrayFlags.Aligned)) |
                     LayoutFlags(packedShape, strides, a.Dtype, a.Buf!.Address);
        return a;
    }

    private NDArray IntegerView(long i)
    {
        long n = Dims[0];
        if (i < -n || i >= n) throw Err.IndexOutOfBounds(i, 0, n);
        if (i < 0) i += n;
        return View(Dims[1..], Strides[1..], Offset + (nint)(i * Strides[0]));
    }

    private NDArray SliceView(Slice s)
    {
        long len = s.Resolve(Dims[0], out long start, out long step);
        if (Dims.Length == 1)
        {
            // 1-d: flags follow from the length and the stride alone (View1D); strides shared when the step is 1.
            long[] st1 = len > 0 && step != 1 ? [Strides[0] * step] : Strides;
            return View1D(len, st1, len > 0 ? Offset + (nint)(start * Strides[0]) : Offset);
        }
        var shape = Dims.AsSpan().ToArray();
        shape[0] = len;
        // Strides arrays are never changed in place, so a unit-step slice shares its parent's.
        long[] strides = Strides;
        if (len > 0 && step != 1)
        {
            strides = Strides.AsSpan().ToArray();
            strides[0] = Strides[0] * step;
        }
        return View(shape, strides, len > 0 ? Offset + (nint)(start * Strides[0]) : Offset);
    }

    internal void SetItem(ReadOnlySpan<NDIndex> index, NDArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfReadOnly();
        value.ThrowIfDisposed();
        using var plan = IndexPlan.Build(this, index);
        // A C# scalar is a Python scalar: NumPy packs it with the dtype's setitem (NaN → int raises, see PackPythonScalar).
        using var pyScalar = PackPythonScalar(value, Dtype);
        if (pyScalar is not null) value = pyScalar;
        if (!plan.HasAdvanced)
        {
            // A full integer index writes one element (NumPy's PyArray_Pack), which takes a size-1 array but no
            // longer sequence: a[0] = [1, 2] is not a broadcast error there.
            if (plan.AllIntegers && value.Dims.Length > 0 && value.Size != 1)
                throw new ValueError("setting an array element with a sequence.");
            plan.View.Assign(value);
            return;
        }
        if (plan.SingleMask && value.Dims.Length > 1)
            throw new TypeError($"NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {value.Dims.Length} dimensions");
        var (resultShape, fromPacked, b) = plan.ResultLayout();
        if (plan.SingleMask && value.Size != 1 && (value.Dims.Length != 1 || value.Dims[0] != resultShape[0]))
            throw new ValueError($"NumPy boolean array indexing assignment cannot assign {value.Size} input values to the {resultShape[0]} output values where the mask is true");
        // Drop leading length-1 axes beyond the result's rank, as NumPy does, then check that value broadcasts.
        var vdims = value.Dims;
        int extra = Math.Max(0, vdims.Length - resultShape.Length);
        for (int i = 0; i < extra; i++)
            if (vdims[i] != 1) throw ShapeMismatch(value, resultShape);
        if (!Layout.BroadcastsTo(vdims[extra..], resultShape)) throw ShapeMismatch(value, resultShape);
        if (value.IsWeak) CheckWeakFits(value, Dtype);

        // The value in this array's dtype, in its own memory (NumPy copies when it overlaps the target).
        NDArray? converted = null;
        var src = value;
        if (value.IsWeak || value.Dtype != Dtype || NativeOps.Overlaps(value, this))
        {
            converted = Allocate((long[])vdims[extra..].Clone(), Dtype);
            using (var trimmed = value.IsWeak ? null : value.View(vdims[extra..], value.Strides[extra..], value.Offset))
                NativeOps.CopyWarn(converted, trimmed ?? value);
            src = converted;
            extra = 0;
        }
        try
        {
            // value broadcast to the result shape, then laid out in packed (B + S) order.
            var rstrides = new long[resultShape.Length];
            using (var trimmed = src.View(src.Dims[extra..], src.Strides[extra..], src.Offset, readOnly: true))
                NativeOps.BroadcastStrides(trimmed, resultShape, rstrides);
            var packedShape = new long[resultShape.Length];
            var packedStrides = new long[resultShape.Length];
            for (int j = 0; j < resultShape.Length; j++)
            {
                packedShape[fromPacked[j]] = resultShape[j];
                packedStrides[fromPacked[j]] = rstrides[j];
            }
            using var packed = src.View(packedShape, packedStrides, src.Offset, readOnly: true);
            var idx = plan.BroadcastIndices(b);
            NativeOps.Scatter(plan.View, packed, plan.AdvAxes.ToArray(), idx, plan.ReportAxesFor(), IndexMode.Raise);
        }
        finally
        {
            converted?.Dispose();
        }
    }

    private static ValueError ShapeMismatch(NDArray value, long[] resultShape) =>
        new($"shape mismatch: value array of shape {Err.CompactTuple(value.Dims)} could not be broadcast to indexing result of shape {Err.CompactTuple(resultShape)}");
}
