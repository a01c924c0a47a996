namespace Numerics.Native;

/// <summary>
/// Applies an index to an array with NumPy's exact semantics: basic indexing (integers, slices, newaxis, ellipsis)
/// gives a view; advanced indexing (integer arrays, masks, and integers mixed with them) gathers into a copy, with
/// the advanced axes in place when they are adjacent in the index and first otherwise. Assignment reverses the gather.
/// </summary>
internal sealed class IndexPlan : IDisposable
{
    /// <summary>The view after the basic part (advanced axes kept whole).</summary>
    internal NDArray View = null!;
    /// <summary>Positions in <see cref="View"/> of the advanced axes, in index order.</summary>
    internal List<int> AdvAxes = [];
    /// <summary>Original array axis of each advanced axis (for error messages).</summary>
    internal List<int> ReportAxes = [];
    /// <summary>int64 index arrays, one per advanced axis (before broadcasting).</summary>
    internal List<NDArray> IndexArrays = [];
    /// <summary>Which index arrays came from plain integers (NumPy leaves those out of its broadcast error text).</summary>
    internal List<bool> FromInteger = [];
    /// <summary>Result dimension where the broadcast index dims go when the advanced items are adjacent; -1 otherwise.</summary>
    internal int Consec = -1;
    /// <summary>Every index was an integer and there were ndim of them (NumPy returns a scalar).</summary>
    internal bool AllIntegers;
    /// <summary>A single boolean array of exactly the array's shape (NumPy's HAS_BOOL fast path), a 0-d one on a
    /// 0-d array included; its assignment has its own error texts.</summary>
    internal bool SingleMask;
    private readonly List<NDArray> _owned = [];

    internal bool HasAdvanced => IndexArrays.Count > 0;

    public void Dispose()
    {
        foreach (var a in _owned) a.Dispose();
        View?.Dispose();
    }

    private enum ItemType { Int, Slice, NewAxis, Ellipsis, IntArray, Mask, BoolScalar }

    private struct Item
    {
        public ItemType Type;
        public long Int;
        public Slice Slice;
        public NDArray? Array;
    }

    private static void Flatten(ReadOnlySpan<NDIndex> src, List<NDIndex> dst)
    {
        foreach (var i in src)
        {
            if (i.Kind == IndexKind.Tuple) Flatten(i.Items, dst);
            else if (i.Kind != IndexKind.Empty) dst.Add(i);
        }
    }

    private NDArray Own(NDArray a)
    {
        _owned.Add(a);
        return a;
    }

    private Item Convert(NDIndex idx)
    {
        switch (idx.Kind)
        {
            // C#'s ^0 means "the length": out of bounds as an integer index (Python has no -0 that could mean it).
            case IndexKind.Integer: return new Item { Type = ItemType.Int, Int = idx.Text == "^0" ? long.MaxValue : idx.Int };
            case IndexKind.Slice: return new Item { Type = ItemType.Slice, Slice = idx.SliceValue };
            case IndexKind.NewAxis: return new Item { Type = ItemType.NewAxis };
            case IndexKind.Ellipsis: return new Item { Type = ItemType.Ellipsis };
            case IndexKind.BoolScalar: return new Item { Type = ItemType.BoolScalar, Int = idx.Int };
            case IndexKind.Managed:
            {
                NDArray arr = idx.ManagedValue switch
                {
                    bool[] b => np.array(b),
                    int[] i32 => np.array(i32),
                    long[] i64 => np.array(i64),
                    _ => throw Err.InvalidIndex(),
                };
                Own(arr);
                if (idx.ManagedShape is { } shape) arr = Own(np.reshape(arr, Shape.Own(shape)));
                return FromArray(arr);
            }
            case IndexKind.Array:
                return FromArray(idx.ArrayValue!);
            default:
                throw Err.InvalidIndex();
        }
    }

    private static Item FromArray(NDArray a)
    {
        a.ThrowIfDisposed();
        if (a.IsWeak)
        {
            return a.Weak switch
            {
                WeakKind.Integer => new Item { Type = ItemType.Int, Int = NativeData.Read<long>(a, 0) },
                WeakKind.Bool => new Item { Type = ItemType.BoolScalar, Int = NativeData.Read<bool>(a, 0) ? 1 : 0 },
                _ => throw Err.InvalidIndex(),
            };
        }
        if (a.Dtype.IsBool)
        {
            if (a.Dims.Length == 0) return new Item { Type = ItemType.BoolScalar, Int = NativeData.Read<bool>(a, 0) ? 1 : 0 };
            return new Item { Type = ItemType.Mask, Array = a };
        }
        if (!a.Dtype.IsInteger) throw Err.IndexArrayType();
        if (a.Dims.Length == 0) return new Item { Type = ItemType.Int, Int = NativeData.Read<long>(a, 0) };
        return new Item { Type = ItemType.IntArray, Array = a };
    }

    internal static IndexPlan Build(NDArray a, ReadOnlySpan<NDIndex> index)
    {
        var plan = new IndexPlan();
        try
        {
            plan.BuildCore(a, index);
            return plan;
        }
        catch
        {
            plan.Dispose();
            throw;
        }
    }

    private void BuildCore(NDArray a, ReadOnlySpan<NDIndex> index)
    {
        var flat = new List<NDIndex>(index.Length);
        Flatten(index, flat);
        var items = new Item[flat.Count];
        for (int i = 0; i < items.Length; i++) items[i] = Convert(flat[i]);

        int nd = a.Dims.Length;
        int consumed = 0, ellipses = 0;
        bool anyFancy = false;
        foreach (var it in items)
        {
            switch (it.Type)
            {
                case ItemType.Int: case ItemType.Slice: case ItemType.IntArray: consumed++; break;
                case ItemType.Mask: consumed += it.Array!.Dims.Length; break;
                case ItemType.Ellipsis: ellipses++; break;
            }
            if (it.Type is ItemType.IntArray or ItemType.Mask or ItemType.BoolScalar) anyFancy = true;
        }
        if (ellipses > 1) throw Err.SingleEllipsis();
        if (consumed > nd) throw Err.TooManyIndices(nd, consumed);
        AllIntegers = ellipses == 0 && consumed == nd && items.All(i => i.Type == ItemType.Int);
        if (items.Length == 1 && items[0].Type == ItemType.Mask && items[0].Array!.Dims.AsSpan().SequenceEqual(a.Dims))
            SingleMask = true;
        // NumPy's prepare_index compares the mask's shape with the array's before it special-cases 0-d masks, so
        // arr0d[True] takes the HAS_BOOL path too.
        if (items.Length == 1 && items[0].Type == ItemType.BoolScalar && nd == 0) SingleMask = true;

        // NumPy validates boolean index shapes while preparing the index, before any integer is bounds-checked.
        {
            int ax = 0;
            foreach (var it in items)
            {
                switch (it.Type)
                {
                    case ItemType.Int: case ItemType.Slice: case ItemType.IntArray: ax++; break;
                    case ItemType.Ellipsis: ax += nd - consumed; break;
                    case ItemType.Mask:
                        var m = it.Array!;
                        for (int d = 0; d < m.Dims.Length; d++)
                            if (m.Dims[d] != a.Dims[ax + d]) throw Err.BoolIndexMismatch(ax + d, a.Dims[ax + d], m.Dims[d]);
                        ax += m.Dims.Length;
                        break;
                }
            }
        }

        var shape = new List<long>(nd + 4);
        var strides = new List<long>(nd + 4);
        nint offset = a.Offset;
        int src = 0;           // next axis of the array
        int consecStatus = -1; // NumPy's mapiter consec tracking
        foreach (var it in items)
        {
            bool advanced = anyFancy && it.Type is ItemType.Int or ItemType.IntArray or ItemType.Mask or ItemType.BoolScalar;
            if (advanced)
            {
                if (consecStatus == -1) { Consec = shape.Count; consecStatus = 0; }
                else if (consecStatus == 1) { consecStatus = 2; Consec = -1; }
            }
            else if (consecStatus == 0)
            {
                consecStatus = 1;
            }
            switch (it.Type)
            {
                case ItemType.Int:
                {
                    long n = a.Dims[src], v = it.Int == long.MaxValue ? a.Dims[src] : it.Int;
                    if (v < -n || v >= n) throw Err.IndexOutOfBounds(v, src, n);
                    if (v < 0) v += n;
                    if (advanced)
                    {
                        AddAdvanced(shape.Count, src, Own(np.array(v, DType.Int64)));
                        FromInteger[^1] = true;
                        shape.Add(n);
                        strides.Add(a.Strides[src]);
                    }
                    else
                    {
                        offset += (nint)(v * a.Strides[src]);
                    }
                    src++;
                    break;
                }
                case ItemType.Slice:
                {
                    var (start, _, step, len) = it.Slice.indices(a.Dims[src]);
                    // NumPy: an empty slice gets start 0 and step 1 (so its stride is the axis stride).
                    if (len > 0) offset += (nint)(start * a.Strides[src]);
                    shape.Add(len);
                    strides.Add(len > 0 ? a.Strides[src] * step : a.Strides[src]);
                    src++;
                    break;
                }
                case ItemType.NewAxis:
                    shape.Add(1);
                    strides.Add(0);
                    break;
                case ItemType.Ellipsis:
                {
                    int fill = nd - consumed;
                    for (int k = 0; k < fill; k++)
                    {
                        shape.Add(a.Dims[src]);
                        strides.Add(a.Strides[src]);
                        src++;
                    }
                    break;
                }
                case ItemType.IntArray:
                {
                    var arr = it.Array!;
                    var i64 = arr.Dtype == DType.Int64 ? arr : Own(arr.astype(DType.Int64));
                    AddAdvanced(shape.Count, src, i64);
                    shape.Add(a.Dims[src]);
                    strides.Add(a.Strides[src]);
                    src++;
                    break;
                }
                case ItemType.Mask:
                {
                    var m = it.Array!;
                    int k = m.Dims.Length;
                    for (int d = 0; d < k; d++)
                    {
                        if (m.Dims[d] != a.Dims[src + d]) throw Err.BoolIndexMismatch(src + d, a.Dims[src + d], m.Dims[d]);
                    }
                    long count = NativeOps.CountTrue(m);
                    var idx = new NDArray[k];
                    for (int d = 0; d < k; d++) idx[d] = Own(NDArray.Allocate([count], DType.Int64));
                    NativeOps.TrueIndices(m, count, idx);
                    for (int d = 0; d < k; d++)
                    {
                        AddAdvanced(shape.Count, src, idx[d]);
                        shape.Add(a.Dims[src]);
                        strides.Add(a.Strides[src]);
                        src++;
                    }
                    break;
                }
                case ItemType.BoolScalar:
                {
                    // NumPy: a[True] adds a new axis of length 1 and selects it (a[False]: selects nothing).
                    var idx = Own(it.Int != 0 ? np.array(new long[] { 0 }) : NDArray.Allocate([0], DType.Int64));
                    AddAdvanced(shape.Count, -1, idx);
                    shape.Add(1);
                    strides.Add(0);
                    break;
                }
            }
        }
        // Implicit trailing ellipsis.
        while (src < nd)
        {
            shape.Add(a.Dims[src]);
            strides.Add(a.Strides[src]);
            src++;
        }
        if (shape.Count > NDArray.MaxDims) throw Err.TooManyDimensions(shape.Count);
        View = a.View([.. shape], [.. strides], offset);
    }

    private void AddAdvanced(int viewAxis, int reportAxis, NDArray idx)
    {
        AdvAxes.Add(viewAxis);
        ReportAxes.Add(reportAxis);
        IndexArrays.Add(idx);
        FromInteger.Add(false);
    }

    /// <summary>Broadcast shape B of the index arrays, with NumPy's error text.</summary>
    internal long[] IndexShape()
    {
        try
        {
            return Layout.BroadcastShapes(IndexArrays.Select(i => i.Dims).ToArray());
        }
        catch (ValueError)
        {
            var sb = new System.Text.StringBuilder("shape mismatch: indexing arrays could not be broadcast together with shapes ");
            for (int k = 0; k < IndexArrays.Count; k++)
                if (!FromInteger[k]) sb.Append(Err.CompactTuple(IndexArrays[k].Dims)).Append(' ');
            throw new IndexError(sb.ToString());
        }
    }

    /// <summary>The result shape and the permutation taking packed (B + S) order to it.</summary>
    internal (long[] resultShape, int[] packedToResult, long[] bshape) ResultLayout()
    {
        var b = IndexShape();
        var sub = new List<long>();
        for (int d = 0; d < View.Dims.Length; d++) if (!AdvAxes.Contains(d)) sub.Add(View.Dims[d]);
        int nb = b.Length, ns = sub.Count;
        var packed = new long[nb + ns];
        Array.Copy(b, packed, nb);
        for (int i = 0; i < ns; i++) packed[nb + i] = sub[i];
        // Where each result axis comes from in packed order.
        var resultFromPacked = new int[nb + ns];
        if (Consec >= 0)
        {
            // Sub-space axes before the first advanced axis stay in front of the index dims.
            int pre = 0;
            for (int d = 0; d < View.Dims.Length && d < AdvAxes[0]; d++) pre++;
            int w = 0;
            for (int i = 0; i < pre; i++) resultFromPacked[w++] = nb + i;
            for (int i = 0; i < nb; i++) resultFromPacked[w++] = i;
            for (int i = pre; i < ns; i++) resultFromPacked[w++] = nb + i;
        }
        else
        {
            for (int i = 0; i < nb + ns; i++) resultFromPacked[i] = i;
        }
        var result = new long[nb + ns];
        for (int i = 0; i < result.Length; i++) result[i] = packed[resultFromPacked[i]];
        return (result, resultFromPacked, b);
    }

    /// <summary>The index arrays broadcast to B (zero strides), as views.</summary>
    internal NDArray[] BroadcastIndices(long[] b)
    {
        var r = new NDArray[IndexArrays.Count];
        for (int i = 0; i < r.Length; i++) r[i] = Own(np.broadcast_to(IndexArrays[i], Shape.Own(b)));
        return r;
    }

    internal int[] ReportAxesFor() => ReportAxes.Select(x => Math.Max(x, 0)).ToArray();
}
