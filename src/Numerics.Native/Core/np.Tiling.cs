using System.Numerics;

namespace Numerics.Native;

public static partial class np
{
    /// <summary>The array repeated reps times along each axis (one strided copy through a broadcast view).
    /// NumPy: <c>np.tile(A, reps)</c>.</summary>
    /// <exception cref="ValueError">A negative repetition count.</exception>
    public static NDArray tile(NDArray A, Shape reps)
    {
        Live(A);
        var tup = reps.ToArray();
        foreach (var r in tup) if (r < 0) throw new ValueError("negative dimensions are not allowed");
        int d = tup.Length;
        // NumPy returns a plain copy (order 'K', so a Fortran or transposed input keeps its layout) when nothing repeats.
        if (Array.TrueForAll(tup, r => r == 1)) return array(A, copy: true, ndmin: d);
        using var c = array(A, copy: null, ndmin: d);
        if (d < c.Dims.Length)
        {
            var t2 = new long[c.Dims.Length];
            Array.Fill(t2, 1L);
            Array.Copy(tup, 0, t2, c.Dims.Length - d, d);
            tup = t2;
        }
        int nd = c.Dims.Length;
        var outShape = new long[nd];
        for (int i = 0; i < nd; i++) outShape[i] = c.Dims[i] * tup[i];
        // View c as (t0, s0, t1, s1, …) with zero strides on the repetition axes, copy it, and read it as outShape.
        var vshape = new long[2 * nd];
        var vstrides = new long[2 * nd];
        for (int i = 0; i < nd; i++)
        {
            vshape[2 * i] = tup[i];
            vshape[2 * i + 1] = c.Dims[i];
            vstrides[2 * i + 1] = c.Strides[i];
        }
        var result = NDArray.Allocate(outShape, c.Dtype);
        if (result.Size == 0)
        {
            // NumPy's tile ends in a reshape, which gives an empty result C strides.
            result.Strides = NDArray.CStrides(outShape, c.Dtype.Size);
            return result;
        }
        using var src = c.View(vshape, vstrides, c.Offset, readOnly: true);
        using var dst = result.View(vshape, NDArray.CStrides(vshape, c.Dtype.Size), result.Offset);
        NativeOps.Copy(dst, src);
        return result;
    }

    /// <summary>Each element repeated (a scalar count, or one count per element along the axis); flattened when axis is
    /// null. One gather. NumPy: <c>np.repeat(a, repeats, axis)</c>.</summary>
    /// <exception cref="ValueError">Negative counts ("repeats may not contain negative values."), or counts that do not match the axis.</exception>
    public static NDArray repeat(NDArray a, NDArray repeats, int? axis = null)
    {
        Live(a);
        Live(repeats);
        // NumPy's PyArray_CheckAxis treats a 0-d array as shape (1,) when an axis is given, so axis 0 (or -1) works.
        using var flat = axis is null || a.Dims.Length == 0 ? ravel(a) : null;
        var src = flat ?? a;
        // NumPy converts repeats to a 1-d intp array at most.
        if (repeats.Dims.Length > 1) throw new ValueError("object too deep for desired array");
        if (src.IsWeak)
        {
            using var s = src.MaterializeStrong();
            return repeat(s, repeats, axis ?? 0);
        }
        int ax = axis is null ? 0 : Layout.NormalizeAxis(axis.Value, src.Dims.Length);
        long n = src.Dims[ax];
        long[] counts;
        var r = repeats.ToArray<long>();
        // NumPy converts an array of counts to intp under the 'safe' rule, so uint64 counts fail as floats do.
        if (!repeats.IsWeak && !TypePromotion.CanCast(repeats.Dtype, DType.Int64, Casting.Safe))
            throw Err.CannotCast(repeats.Dtype, DType.Int64, "safe", scalar: repeats.Dims.Length == 0);
        if (r.Length == 1)
        {
            if (r[0] < 0) throw Err.NegativeDimensions();   // NumPy allocates n * repeats first
            counts = new long[n];
            Array.Fill(counts, r[0]);
        }
        else if (r.Length == n) counts = r;
        else throw new ValueError($"operands could not be broadcast together with shape ({n},) ({r.Length},)");
        long total = 0;
        foreach (var k in counts)
        {
            if (k < 0) throw new ValueError("repeats may not contain negative values.");
            total += k;
        }
        var idx = new long[total];
        long w = 0;
        for (long i = 0; i < n; i++)
            for (long k = 0; k < counts[i]; k++) idx[w++] = i;
        using var ia = array(idx);
        return take(src, ia, ax);
    }

    /// <summary>A view with the order of elements reversed along the axes (all when null). NumPy: <c>np.flip(m, axis)</c>.</summary>
    /// <exception cref="AxisError">An axis is out of bounds.</exception>
    public static NDArray flip(NDArray m, Axis? axis = null)
    {
        Live(m);
        int nd = m.Dims.Length;
        int[] axes = axis is Axis a ? Layout.NormalizeAxes(a.Axes, nd) : Enumerable.Range(0, nd).ToArray();
        var shape = m.Dims.AsSpan().ToArray();
        var strides = m.Strides.AsSpan().ToArray();
        nint off = m.Offset;
        foreach (var ax in axes)
        {
            // flip is m[..., ::-1, ...]: an empty axis is an empty slice, which keeps its stride.
            if (shape[ax] == 0) continue;
            off += (nint)((shape[ax] - 1) * strides[ax]);
            strides[ax] = -strides[ax];
        }
        return m.View(shape, strides, off);
    }

    /// <summary>A view reversed left-right (axis 1). NumPy: <c>np.fliplr(m)</c>.</summary>
    /// <exception cref="ValueError">Fewer than 2 dimensions ("Input must be >= 2-d.").</exception>
    public static NDArray fliplr(NDArray m)
    {
        if (Live(m).Dims.Length < 2) throw new ValueError("Input must be >= 2-d.");
        return flip(m, 1);
    }

    /// <summary>A view reversed up-down (axis 0). NumPy: <c>np.flipud(m)</c>.</summary>
    /// <exception cref="ValueError">0-d input ("Input must be >= 1-d.").</exception>
    public static NDArray flipud(NDArray m)
    {
        if (Live(m).Dims.Length < 1) throw new ValueError("Input must be >= 1-d.");
        return flip(m, 0);
    }

    /// <summary>A view rotated by 90° k times in the plane of two axes (default (0, 1)). NumPy: <c>np.rot90(m, k, axes)</c>.</summary>
    /// <exception cref="ValueError">Equal or out-of-range axes.</exception>
    public static NDArray rot90(NDArray m, int k = 1, (int, int)? axes = null)
    {
        Live(m);
        var (a0, a1) = axes ?? (0, 1);
        int nd = m.Dims.Length;
        if (a0 == a1 || Math.Abs(a0 - a1) == nd) throw new ValueError("Axes must be different.");
        if (a0 >= nd || a0 < -nd || a1 >= nd || a1 < -nd)
            throw new ValueError($"Axes=({a0}, {a1}) out of range for array of ndim={nd}.");
        k = ((k % 4) + 4) % 4;
        if (k == 0) return m.SameView();
        if (k == 2)
        {
            using var f = flip(m, a0);
            return flip(f, a1);
        }
        var perm = Enumerable.Range(0, nd).ToArray();
        int p0 = a0 < 0 ? a0 + nd : a0, p1 = a1 < 0 ? a1 + nd : a1;
        (perm[p0], perm[p1]) = (perm[p1], perm[p0]);
        if (k == 1)
        {
            using var f = flip(m, a1);
            return transpose(f, perm);
        }
        using var t = transpose(m, perm);
        return flip(t, a1);
    }

    /// <summary>A copy with elements shifted cyclically along the axes (flattened when axis is null).
    /// NumPy: <c>np.roll(a, shift, axis)</c>.</summary>
    /// <exception cref="ValueError">shift and axis do not broadcast ("shape mismatch: …"), or are not 1-d at most.</exception>
    /// <exception cref="AxisError">An axis is out of bounds.</exception>
    public static NDArray roll(NDArray a, NDArray shift, Axis? axis = null)
    {
        Live(a);
        Live(shift);
        if (axis is null)
        {
            // NumPy: roll(a.ravel(), shift, 0).reshape(a.shape) — several shifts all add up on that one axis.
            using var flat = ravel(a);
            using var rolled = roll(flat, shift, 0);
            return reshape(rolled, Shape.Own(a.Dims));
        }
        int nd = a.Dims.Length;
        var axes = axis.Value.Axes.Select(x => Layout.NormalizeAxis(x, nd)).ToArray();
        // NumPy: broadcast(shift, axis) (its "shape mismatch … Mismatch is between arg 0 …" text), which must be 1-d at most.
        var bshape = broadcast_shapes(shift.shape, axis.Value.IsSingle ? new Shape(Array.Empty<long>()) : new Shape(axes.Length));
        if (bshape.Count > 1) throw new ValueError("'shift' and 'axis' should be scalars or 1D sequences");
        var shifts = shift.ToArray<long>();
        int count = Math.Max(axes.Length, shifts.Length);
        if (shift.Dtype.IsInexact)
        {
            // NumPy sums the shifts per axis and slices with offset % n: a float offset that is not 0 there is a
            // Python slice error.
            var sums = new double[nd];
            var fs = shift.ToArray<double>();
            for (int i = 0; i < count; i++) sums[axes[axes.Length == 1 ? 0 : i]] += fs[fs.Length == 1 ? 0 : i];
            for (int d = 0; d < nd; d++)
                if (sums[d] % Math.Max(a.Dims[d], 1) != 0)
                    throw new TypeError("slice indices must be integers or None or have an __index__ method");
        }
        var total = new long[nd];
        for (int i = 0; i < count; i++) total[axes[axes.Length == 1 ? 0 : i]] += shifts[shifts.Length == 1 ? 0 : i];
        var result = NDArray.AllocateLike(a, a.Dtype);
        // For every axis, two ranges (the wrapped tail and the head); copy each combination of ranges once.
        var ranges = new List<(long srcStart, long dstStart, long len)>[nd];
        for (int d = 0; d < nd; d++)
        {
            long n = a.Dims[d];
            ranges[d] = [];
            long s = n == 0 ? 0 : ((total[d] % n) + n) % n;
            if (s == 0) ranges[d].Add((0, 0, n));
            else
            {
                ranges[d].Add((0, s, n - s));
                ranges[d].Add((n - s, 0, s));
            }
        }
        CopyBlocks(0, new (long, long, long)[nd]);
        return result;

        void CopyBlocks(int d, (long srcStart, long dstStart, long len)[] chosen)
        {
            if (d == nd)
            {
                using var src = Block(a, chosen, useSrc: true);
                using var dst = Block(result, chosen, useSrc: false);
                NativeOps.Copy(dst, src);
                return;
            }
            foreach (var r in ranges[d])
            {
                chosen[d] = r;
                CopyBlocks(d + 1, chosen);
            }
        }

        static NDArray Block(NDArray x, (long srcStart, long dstStart, long len)[] chosen, bool useSrc)
        {
            var shape = new long[chosen.Length];
            nint off = x.Offset;
            for (int i = 0; i < chosen.Length; i++)
            {
                shape[i] = chosen[i].len;
                long start = useSrc ? chosen[i].srcStart : chosen[i].dstStart;
                if (chosen[i].len > 0) off += (nint)(start * x.Strides[i]);
            }
            return x.View(shape, x.Strides.AsSpan().ToArray(), off);
        }
    }

    /// <summary>Pads an array. Modes: "constant" (constant_values), "edge", "linear_ramp" (end_values), "maximum",
    /// "minimum", "mean", "median" (over the whole axis), "wrap", "reflect", "symmetric" (reflect_type "even" or
    /// "odd"), "empty". NumPy: <c>np.pad(array, pad_width, mode, constant_values=…, end_values=…)</c>.</summary>
    /// <exception cref="ValueError">Unknown mode, a keyword the mode does not take, negative widths, widths or values
    /// that do not broadcast to (ndim, 2), or padding an empty axis with a non-constant mode.</exception>
    /// <exception cref="TypeError">pad_width is not of a signed integer dtype.</exception>
    public static NDArray pad(NDArray array, NDArray pad_width, string mode = "constant", NDArray? constant_values = null,
        NDArray? end_values = null, string reflect_type = "even")
    {
        Live(array);
        int nd = array.Dims.Length;
        var widths = PadPairs(pad_width, nd);
        PadCheckKeywords(mode, constant_values, end_values, reflect_type);
        // NumPy only asks whether reflect_type is "odd"; any other value reflects evenly.
        var outShape = new long[nd];
        for (int d = 0; d < nd; d++) outShape[d] = array.Dims[d] + widths[d].Item1 + widths[d].Item2;
        var result = NDArray.Allocate(outShape, array.Dtype);
        try
        {
            // The original data goes to the middle.
            using (var mid = Interior(result, widths, array.Dims)) NativeOps.Copy(mid, array);
            switch (mode)
            {
                case "empty":
                    break;
                case "constant":
                {
                    var cv = PadValues(constant_values, nd);
                    for (int d = 0; d < nd; d++)
                    {
                        var (b, e) = widths[d];
                        using (var before = AxisRegion(result, d, 0, b, widths, array.Dims, d)) before.Assign(cv[d].Item1);
                        using (var after = AxisRegion(result, d, outShape[d] - e, e, widths, array.Dims, d)) after.Assign(cv[d].Item2);
                    }
                    break;
                }
                case "edge" or "wrap" or "reflect" or "symmetric" or "maximum" or "minimum" or "mean" or "median" or "linear_ramp":
                    var ev = mode == "linear_ramp" ? PadValues(end_values, nd) : null;
                    for (int d = 0; d < nd; d++)
                    {
                        var (b, e) = widths[d];
                        long n = array.Dims[d];
                        if (n == 0 && (b > 0 || e > 0))
                            throw new ValueError($"can't extend empty axis {d} using modes other than 'constant' or 'empty'");
                        if (mode == "linear_ramp") RampAxis(result, d, b, e, ev![d], widths, array.Dims);
                        else if (mode is "maximum" or "minimum" or "mean" or "median") StatAxis(result, d, b, e, n, mode, widths, array.Dims);
                        else if (reflect_type == "odd" && mode is "reflect" or "symmetric" && n > 1)
                            ReflectOddAxis(result, d, b, e, n, mode == "symmetric", widths, array.Dims);
                        else FillAxis(result, d, b, e, n, mode is "reflect" or "symmetric" && n == 1 ? "edge" : mode, false, widths, array.Dims);
                    }
                    break;
                default:
                    throw new ValueError($"mode '{mode}' is not supported");
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>np.pad's keyword check: an unknown mode, or a keyword that the mode does not take (NumPy lists the
    /// keywords passed; here a keyword counts as passed when it is not its default).</summary>
    private static void PadCheckKeywords(string mode, NDArray? constantValues, NDArray? endValues, string reflectType)
    {
        string? takes = mode switch
        {
            "empty" or "edge" or "wrap" => "",
            "constant" => "constant_values",
            "linear_ramp" => "end_values",
            "maximum" or "mean" or "median" or "minimum" => "stat_length",
            "reflect" or "symmetric" => "reflect_type",
            _ => null,
        };
        if (takes is null) throw new ValueError($"mode '{mode}' is not supported");
        var unsupported = new List<string>();
        if (constantValues is not null && takes != "constant_values") unsupported.Add("'constant_values'");
        if (endValues is not null && takes != "end_values") unsupported.Add("'end_values'");
        if (reflectType != "even" && takes != "reflect_type") unsupported.Add("'reflect_type'");
        if (unsupported.Count > 0)
            throw new ValueError($"unsupported keyword arguments for mode '{mode}': {{{string.Join(", ", unsupported)}}}");
    }

    /// <summary>NumPy's _as_pairs(pad_width, ndim, as_index=True): pad_width must have a signed integer dtype
    /// (np.pad's own check), and no width may be negative.</summary>
    private static (long, long)[] PadPairs(NDArray width, int nd)
    {
        if (!Live(width).Dtype.IsSignedInteger) throw new TypeError("`pad_width` must be of integral type.");
        using var w = array(width);
        // NumPy tests the sign before broadcasting, so a wrongly shaped negative width reports its sign.
        if (w.Size > 0 && w.ToArray<long>().Min() < 0) throw new ValueError("index can't contain negative values");
        using var pairs = AsPairs(w, nd);
        var flat = pairs.ToArray<long>();
        var r = new (long, long)[nd];
        for (int d = 0; d < nd; d++) r[d] = (flat[2 * d], flat[2 * d + 1]);
        return r;
    }

    /// <summary>NumPy's _as_pairs(values, ndim): the values become an array first (np.array), so each pair holds strong
    /// 0-d arrays of that array's dtype — assigned with an unsafe cast (-1 into uint8 is 255, not an OverflowError).</summary>
    private static (NDArray, NDArray)[] PadValues(NDArray? values, int nd)
    {
        using var arr = values is null ? array(0L) : array(values);
        using var pairs = AsPairs(arr, nd);
        var r = new (NDArray, NDArray)[nd];
        for (int d = 0; d < nd; d++) r[d] = (pairs[d, 0], pairs[d, 1]);   // full integer indexing: 0-d copies
        return r;
    }

    /// <summary>The (ndim, 2) view of _as_pairs: one value for every side, one (before, after) pair for every axis —
    /// except that a (2, 1) array is one value per axis — or else x broadcast to (ndim, 2), with broadcast_to's error.</summary>
    private static NDArray AsPairs(NDArray x, int nd)
    {
        if (x.Dims.Length < 3 && (x.Size == 1 || (x.Size == 2 && !(x.Dims.Length == 2 && x.Dims[0] == 2 && x.Dims[1] == 1))))
        {
            using var flat = ravel(x);
            using var pair = x.Size == 1 ? flat[new long[] { 0, 0 }] : flat.copy();
            return broadcast_to(pair, (nd, 2));
        }
        return broadcast_to(x, (nd, 2));
    }

    /// <summary>Pad modes "maximum", "minimum", "mean", "median" (whole axis, NumPy's default stat_length): the
    /// statistic of the original values along the axis, rounded half to even for integer dtypes (NumPy's
    /// _round_if_needed), written to both sides.</summary>
    private static void StatAxis(NDArray result, int d, long before, long after, long n, string mode, (long, long)[] widths, long[] orig)
    {
        if (before == 0 && after == 0) return;
        // STOPGAP(native): the reductions belong to the ufuncs; here one C# loop per lane, summing in order (NumPy's
        // sum along an outer axis; the same as its pairwise sum for lanes of up to 8).
        using var interior = AxisRegion(result, d, before, n, widths, orig, d);
        using var lanes = moveaxis(interior, d, -1);
        var dt = result.Dtype;
        long m = n == 0 ? 0 : lanes.Size / n;
        var statShape = interior.Dims.AsSpan().ToArray();
        statShape[d] = 1;
        NDArray stat;
        if (dt.IsComplex)
        {
            var v = lanes.ToArray<Complex>();
            var r = new Complex[m];
            for (long j = 0; j < m; j++)
            {
                var lane = v.AsSpan((int)(j * n), (int)n).ToArray();
                r[j] = mode switch
                {
                    "maximum" => lane.Aggregate((x, y) => CLess(x, y) ? y : x),
                    "minimum" => lane.Aggregate((x, y) => CLess(y, x) ? y : x),
                    "mean" => lane.Aggregate(Complex.Zero, (x, y) => x + y) / n,
                    _ => MedianC(lane),
                };
            }
            stat = InDtype(array(r), statShape, dt);
        }
        else
        {
            var v = lanes.ToArray<double>();
            var r = new double[m];
            for (long j = 0; j < m; j++)
            {
                var lane = v.AsSpan((int)(j * n), (int)n).ToArray();
                double x = mode switch
                {
                    // NaN propagates as the data's own NaN (its sign bit as stored; .NET's double.NaN has it set).
                    "maximum" => lane.Any(double.IsNaN) ? lane.First(double.IsNaN) : lane.Max(),
                    "minimum" => lane.Any(double.IsNaN) ? lane.First(double.IsNaN) : lane.Min(),
                    "mean" => Mean(lane, dt),
                    _ => Median(lane, dt),
                };
                if (dt.IsInteger && mode is "mean" or "median") x = Math.Round(x, MidpointRounding.ToEven);
                r[j] = x;
            }
            stat = InDtype(array(r), statShape, dt);
        }
        using (stat)
        {
            using (var left = AxisRegion(result, d, 0, before, widths, orig, d)) left.Assign(stat);
            using (var right = AxisRegion(result, d, result.Dims[d] - after, after, widths, orig, d)) right.Assign(stat);
        }

        // The statistics, computed wide, as an array of the result's dtype and the region's shape (axis d of length 1).
        static NDArray InDtype(NDArray values, long[] shape, DType dt)
        {
            using (values)
            using (var shaped = values.reshape(shape))
                return shaped.astype(dt);
        }

        static bool CLess(Complex a, Complex b) => a.Real < b.Real || (a.Real == b.Real && a.Imaginary < b.Imaginary);

        static double Mean(double[] lane, DType dt)
        {
            // np.mean: float32 (and float16, via float32) accumulate in float32, everything else in float64.
            if (dt.Code is DTypeCode.Float32 or DTypeCode.Float16)
            {
                float acc = 0;
                foreach (var x in lane) acc += (float)x;
                return acc / lane.Length;
            }
            double sum = 0;
            foreach (var x in lane) sum += x;
            return sum / lane.Length;
        }

        static double Median(double[] lane, DType dt)
        {
            if (lane.Any(double.IsNaN)) return lane.First(double.IsNaN);
            Array.Sort(lane);
            int h = lane.Length / 2;
            return lane.Length % 2 == 1 ? lane[h] : Mean([lane[h - 1], lane[h]], dt);
        }

        static Complex MedianC(Complex[] lane)
        {
            Array.Sort(lane, (a, b) => CLess(a, b) ? -1 : CLess(b, a) ? 1 : 0);
            int h = lane.Length / 2;
            return lane.Length % 2 == 1 ? lane[h] : (lane[h - 1] + lane[h]) / 2;
        }
    }

    /// <summary>Pad mode "linear_ramp": NumPy's _get_linear_ramps — linspace(end_value, edge, width, endpoint=False,
    /// dtype=array.dtype) on each side (the right one reversed).</summary>
    private static void RampAxis(NDArray result, int d, long before, long after, (NDArray, NDArray) ends,
        (long, long)[] widths, long[] orig)
    {
        var dt = result.Dtype;
        using (var leftEdge = AxisRegion(result, d, before, 1, widths, orig, d))
        using (var le = squeeze(leftEdge, d))
        using (var ramp = linspace(ends.Item1, le, before, endpoint: false, dtype: dt, axis: d))
        using (var left = AxisRegion(result, d, 0, before, widths, orig, d))
            left.Assign(ramp);
        using (var rightEdge = AxisRegion(result, d, result.Dims[d] - after - 1, 1, widths, orig, d))
        using (var re = squeeze(rightEdge, d))
        using (var ramp = linspace(ends.Item2, re, after, endpoint: false, dtype: dt, axis: d))
        using (var rev = flip(ramp, d))
        using (var right = AxisRegion(result, d, result.Dims[d] - after, after, widths, orig, d))
            right.Assign(rev);
    }

    private static NDArray Interior(NDArray result, (long, long)[] widths, long[] orig)
    {
        var shape = orig.AsSpan().ToArray();
        nint off = result.Offset;
        for (int d = 0; d < shape.Length; d++) if (shape[d] > 0) off += (nint)(widths[d].Item1 * result.Strides[d]);
        return result.View(shape, result.Strides.AsSpan().ToArray(), off);
    }

    /// <summary>Region [start, start+len) along axis d; axes before d span the whole padded extent (already filled),
    /// axes after d only the original interior — NumPy pads axis by axis in this order.</summary>
    private static NDArray AxisRegion(NDArray result, int d, long start, long len, (long, long)[] widths, long[] orig, int axis)
    {
        int nd = orig.Length;
        var shape = new long[nd];
        nint off = result.Offset;
        for (int i = 0; i < nd; i++)
        {
            if (i == axis)
            {
                shape[i] = len;
                if (len > 0) off += (nint)(start * result.Strides[i]);
            }
            else if (i < axis)
            {
                shape[i] = result.Dims[i];
            }
            else
            {
                shape[i] = orig[i];
                if (orig[i] > 0) off += (nint)(widths[i].Item1 * result.Strides[i]);
            }
        }
        _ = d;
        return result.View(shape, result.Strides.AsSpan().ToArray(), off);
    }

    private static void FillAxis(NDArray result, int d, long before, long after, long n, string mode, bool odd, (long, long)[] widths, long[] orig)
    {
        // STOPGAP(native): one copy per padded index along the axis; a pad kernel would do it in one call.
        long total = result.Dims[d];
        for (long k = before - 1; k >= 0; k--) CopyIndex(k, Source(k));
        for (long k = before + n; k < total; k++) CopyIndex(k, Source(k));

        long Source(long k)
        {
            long rel = k - before;   // position relative to the original data
            return mode switch
            {
                "edge" => rel < 0 ? 0 : n - 1,
                "wrap" => ((rel % n) + n) % n,
                "reflect" => Reflect(rel, n, symmetric: false),
                _ => Reflect(rel, n, symmetric: true),
            } + before;
        }

        void CopyIndex(long dst, long src)
        {
            using var dv = AxisRegion(result, d, dst, 1, widths, orig, d);
            using var sv = AxisRegion(result, d, src, 1, widths, orig, d);
            NativeOps.Copy(dv, sv);
            if (odd && mode is "reflect" or "symmetric")
            {
                // odd reflection: 2*edge - value; needs arithmetic, which belongs to the ufuncs issue.
                throw new ValueError("reflect_type 'odd' is not supported yet");
            }
        }
    }

    /// <summary>reflect_type "odd": NumPy's _set_reflect_both, repeated until the pads are full — each chunk is the
    /// mirrored data next to the edge, negated about the edge (2·edge − value, in the array's dtype).</summary>
    private static void ReflectOddAxis(NDArray result, int d, long left, long right, long n, bool symmetric, (long, long)[] widths, long[] orig)
    {
        long total = result.Dims[d];
        while (left > 0 || right > 0)
        {
            long oldLength = total - right - left, edgeOffset;
            if (symmetric)
            {
                oldLength = oldLength / n * n;
                edgeOffset = 1;
            }
            else
            {
                oldLength = (oldLength - 1) / (n - 1) * (n - 1) + 1 - 1;
                edgeOffset = 0;
            }
            if (left > 0)
            {
                long chunk = Math.Min(oldLength, left), stop = left - edgeOffset;
                using var src = AxisRegion(result, d, stop + 1, chunk, widths, orig, d);
                using var edge = AxisRegion(result, d, left, 1, widths, orig, d);
                using var val = OddChunk(edge, src, d);
                using var dst = AxisRegion(result, d, left - chunk, chunk, widths, orig, d);
                dst.Assign(val);
                left -= chunk;
            }
            if (right > 0)
            {
                long chunk = Math.Min(oldLength, right), first = total - right + edgeOffset - 2;
                using var src = AxisRegion(result, d, first - chunk + 1, chunk, widths, orig, d);
                using var edge = AxisRegion(result, d, total - right - 1, 1, widths, orig, d);
                using var val = OddChunk(edge, src, d);
                using var dst = AxisRegion(result, d, total - right, chunk, widths, orig, d);
                dst.Assign(val);
                right -= chunk;
            }
        }

        static NDArray OddChunk(NDArray edge, NDArray chunk, int d)
        {
            // STOPGAP(native): 2 * edge - chunk[::-1] is ufunc arithmetic; done here in the dtype's own arithmetic
            // (wrap-around for integers, one rounding for floats).
            using var rev = flip(chunk, d);
            using var e = broadcast_to(edge, rev.shape);
            var dt = chunk.Dtype;
            var shape = rev.Dims.AsSpan().ToArray();
            NDArray r;
            if (dt.IsComplex)
            {
                var ev = e.ToArray<Complex>();
                var cv = rev.ToArray<Complex>();
                for (int i = 0; i < cv.Length; i++) cv[i] = 2 * ev[i] - cv[i];
                r = array(cv);
            }
            else if (dt.IsInexact)
            {
                var ev = e.ToArray<double>();
                var cv = rev.ToArray<double>();
                for (int i = 0; i < cv.Length; i++) cv[i] = 2 * ev[i] - cv[i];
                r = array(cv);
            }
            else
            {
                var ev = e.ToArray<long>();
                var cv = rev.ToArray<long>();
                for (int i = 0; i < cv.Length; i++) cv[i] = unchecked(2 * ev[i] - cv[i]);
                r = array(cv);
            }
            using (r)
            using (var rs = r.reshape(shape))
                return rs.astype(dt);
        }
    }

    private static long Reflect(long i, long n, bool symmetric)
    {
        if (n == 1) return 0;
        long period = symmetric ? 2 * n : 2 * n - 2;
        long m = ((i % period) + period) % period;
        if (symmetric) return m < n ? m : period - 1 - m;
        return m < n ? m : period - m;
    }
}
