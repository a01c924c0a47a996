using System.Numerics;

namespace Numerics.Native;

public static partial class np
{
    /// <summary>Integers 0 … stop-1 (int64 unless <paramref name="dtype"/>). NumPy: <c>np.arange(stop, dtype=dtype)</c>.</summary>
    public static NDArray arange(long stop, DType? dtype = null) => arange(0L, stop, 1L, dtype);

    /// <summary>Integers from start by step, stopping before stop (int64 unless <paramref name="dtype"/>).
    /// NumPy: <c>np.arange(start, stop, step, dtype)</c>.</summary>
    /// <exception cref="ZeroDivisionError">step is 0 ("division by zero").</exception>
    public static NDArray arange(long start, long stop, long step = 1, DType? dtype = null)
    {
        if (step == 0) throw new ZeroDivisionError("division by zero");
        long diff = stop - start;
        long len = step > 0 ? (diff <= 0 ? 0 : (diff + step - 1) / step) : (diff >= 0 ? 0 : (-diff + -step - 1) / -step);
        var dt = dtype ?? DType.Int64;
        if (dt.IsInteger || dt.IsBool)
        {
            var vals = new long[len];
            for (long i = 0; i < len; i++) vals[i] = start + i * step;   // STOPGAP(native): a fill kernel
            var a = FromDotNet(vals, [len]);
            if (dt == DType.Int64) return a;
            using (a) return a.astype(dt);
        }
        return ArangeFill(start, (double)start + step, len, dt);
    }

    /// <summary>Floats 0, 1, … below stop (float64 unless <paramref name="dtype"/>). NumPy: <c>np.arange(stop_float)</c>.</summary>
    public static NDArray arange(double stop, DType? dtype = null) => arange(0.0, stop, 1.0, dtype);

    /// <summary>Values start, start+step, … below stop; length ceil((stop − start) / step); float64 unless
    /// <paramref name="dtype"/>. Values are start + i·delta with delta = (start + step) − start in the result dtype, as NumPy.
    /// NumPy: <c>np.arange(start, stop, step, dtype)</c>.</summary>
    /// <exception cref="ZeroDivisionError">step is 0 ("division by zero").</exception>
    /// <exception cref="ValueError">The length cannot be computed (NaN).</exception>
    public static NDArray arange(double start, double stop, double step = 1.0, DType? dtype = null)
    {
        if (step == 0) throw new ZeroDivisionError("division by zero");
        double q = Math.Ceiling((stop - start) / step);
        if (double.IsNaN(q)) throw new ValueError("arange: cannot compute length");
        if (q > long.MaxValue) throw new ValueError("Maximum allowed size exceeded");
        long len = q <= 0 ? 0 : (long)q;
        return ArangeFill(start, start + step, len, dtype ?? DType.Float64);
    }

    /// <summary>NumPy's arange: the first two values are converted to the dtype, then filled as first + i·(second − first)
    /// in the dtype's own arithmetic.</summary>
    private static NDArray ArangeFill(double first, double second, long len, DType dt)
    {
        // STOPGAP(native): the fill loops below belong in a native fill kernel.
        var tmp = FromDotNet(len >= 2 ? [first, second] : len == 1 ? [first] : Array.Empty<double>(), [Math.Min(len, 2)]);
        NDArray two;
        using (tmp) two = tmp.astype(dt);
        if (len <= 2) return two;
        using (two)
        {
            switch (dt.Code)
            {
                case DTypeCode.Float64: { var s = two.ToArray<double>(); double d = s[1] - s[0]; return Gen(len, i => s[0] + i * d); }
                case DTypeCode.Float32:
                {
                    var s = two.ToArray<float>();
                    float d = s[1] - s[0];
                    var v = new float[len];
                    for (long i = 0; i < len; i++) v[i] = s[0] + i * d;
                    return FromDotNet(v, [len]);
                }
                case DTypeCode.Float16:
                {
                    var s = two.ToArray<Half>();
                    float s0 = (float)s[0], d = (float)s[1] - s0;
                    var v = new Half[len];
                    for (long i = 0; i < len; i++) v[i] = (Half)(s0 + i * d);
                    return FromDotNet(v, [len]);
                }
                case DTypeCode.Complex128 or DTypeCode.Complex64:
                {
                    var s = two.ToArray<Complex>();
                    var d = s[1] - s[0];
                    var v = new Complex[len];
                    for (long i = 0; i < len; i++) v[i] = new Complex(s[0].Real + i * d.Real, s[0].Imaginary + i * d.Imaginary);
                    using var c = FromDotNet(v, [len]);
                    return c.astype(dt);
                }
                case DTypeCode.Bool:
                    throw new TypeError("arange() is only supported for booleans when the result has at most length 2.");
                default:
                {
                    var s = two.ToArray<long>();
                    long d = unchecked(s[1] - s[0]);
                    var v = new long[len];
                    for (long i = 0; i < len; i++) v[i] = unchecked(s[0] + i * d);
                    using var c = FromDotNet(v, [len]);
                    return c.astype(dt);
                }
            }
        }

        static NDArray Gen(long len, Func<long, double> f)
        {
            var v = new double[len];
            for (long i = 0; i < len; i++) v[i] = f(i);
            return FromDotNet(v, [len]);
        }
    }

    /// <summary><paramref name="num"/> evenly spaced values from start to stop (inclusive unless
    /// <paramref name="endpoint"/> is false); start/stop may be arrays (broadcast; the new axis is <paramref name="axis"/>).
    /// Integer dtypes floor the values (NumPy 2). NumPy: <c>np.linspace(start, stop, num, endpoint, dtype=dtype, axis=axis)</c>.</summary>
    /// <exception cref="ValueError">num is negative ("Number of samples, -1, must be non-negative.").</exception>
    public static NDArray linspace(NDArray start, NDArray stop, long num = 50, bool endpoint = true, DType? dtype = null, int axis = 0) =>
        LinspaceCore(start, stop, num, endpoint, dtype, axis, out _);

    /// <summary>As <see cref="linspace(NDArray, NDArray, long, bool, DType?, int)"/>, also returning the step.
    /// NumPy: <c>np.linspace(..., retstep=True)</c>.</summary>
    /// <exception cref="ValueError">num is negative.</exception>
    public static NDArray linspace(NDArray start, NDArray stop, long num, out NDArray retstep, bool endpoint = true, DType? dtype = null, int axis = 0)
    {
        var r = LinspaceCore(start, stop, num, endpoint, dtype, axis, out var step);
        retstep = step!;
        return r;
    }

    private static NDArray LinspaceCore(NDArray start, NDArray stop, long num, bool endpoint, DType? dtype, int axis, out NDArray? retstep)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(stop);
        start.ThrowIfDisposed();
        stop.ThrowIfDisposed();
        if (num < 0) throw new ValueError($"Number of samples, {num}, must be non-negative.");
        long div = endpoint ? num - 1 : num;
        // NumPy: start = asanyarray(start) * 1.0 (so the working dtype is at least float), dt = result_type(start, stop, float(num)).
        var dt = TypePromotion.Result(
            [.. Strong(start), .. Strong(stop)],
            [start.IsWeak ? start.Weak : WeakKind.None, stop.IsWeak ? stop.Weak : WeakKind.None, WeakKind.Float]);
        var bshape = Layout.BroadcastShapes([start.Dims, stop.Dims]);
        long m = Layout.Product(bshape);
        using var s0 = broadcast_to(start, Shape.Own(bshape));
        using var s1 = broadcast_to(stop, Shape.Own(bshape));
        var starts = s0.ToArray<Complex>();
        var stops = s1.ToArray<Complex>();
        var outShape = new long[bshape.Length + 1];
        outShape[0] = num;
        Array.Copy(bshape, 0, outShape, 1, bshape.Length);
        NDArray y;
        // STOPGAP(native): computed here per element; the arithmetic follows NumPy's ufunc sequence in dt's precision.
        if (dt.IsComplex)
        {
            var v = new Complex[num * m];
            var steps = new Complex[m];
            bool single = dt.Code == DTypeCode.Complex64;
            for (long j = 0; j < m; j++)
            {
                Complex a = R(starts[j]), delta = R(stops[j] - a), step = div > 0 ? R(delta / div) : new Complex(double.NaN, double.NaN);
                steps[j] = step;
                bool zero = div > 0 && step == Complex.Zero;
                for (long i = 0; i < num; i++)
                {
                    Complex t = div > 0 ? (zero ? R(R(new Complex(i, 0) / div) * delta) : R(i * step)) : R(i * delta);
                    v[i * m + j] = R(t + a);
                }
                if (endpoint && num > 1) v[(num - 1) * m + j] = R(stops[j]);
            }
            y = FromDotNet(v, outShape);
            retstep = FromDotNet(steps, bshape);
            Complex R(Complex z) => single ? new Complex((float)z.Real, (float)z.Imaginary) : z;
        }
        else
        {
            var v = new double[num * m];
            var steps = new double[m];
            Func<double, double> r = dt.Code switch
            {
                DTypeCode.Float32 => x => (float)x,
                DTypeCode.Float16 => x => (double)(Half)x,
                _ => x => x,
            };
            for (long j = 0; j < m; j++)
            {
                double a = r(starts[j].Real), delta = r(stops[j].Real - a), step = div > 0 ? r(delta / div) : double.NaN;
                steps[j] = step;
                bool zero = div > 0 && step == 0;
                for (long i = 0; i < num; i++)
                {
                    double t = div > 0 ? (zero ? r(r(i / (double)div) * delta) : r(i * step)) : r(i * delta);
                    v[i * m + j] = r(t + a);
                }
                if (endpoint && num > 1) v[(num - 1) * m + j] = r(stops[j].Real);
            }
            y = FromDotNet(v, outShape);
            retstep = FromDotNet(steps, bshape);
        }
        var rawStep = retstep;
        retstep = rawStep.astype(dt);
        rawStep.Dispose();
        var target = dtype?.NativeOrder ?? dt;
        NDArray result;
        using (y)
        {
            if (target.IsInteger)
            {
                // NumPy 2 floors before the integer cast.
                using var yd = y.astype(DType.Float64);
                var fl = yd.ToArray<double>();
                for (long i = 0; i < fl.LongLength; i++) fl[i] = Math.Floor(fl[i]);
                using var f = FromDotNet(fl, y.Dims.AsSpan().ToArray());
                result = f.astype(target);
            }
            else
            {
                result = y.astype(target);
            }
        }
        if (axis != 0 && result.Dims.Length > 0)
        {
            int ax = Layout.NormalizeAxis(axis, result.Dims.Length);
            var moved = moveaxis(result, 0, ax);
            result.Dispose();
            return moved;
        }
        return result;
    }

    private static DType[] Strong(NDArray a) => a.IsWeak ? [] : [a.Dtype];

    /// <summary>Values evenly spaced on a log scale: base ** linspace(start, stop). NumPy: <c>np.logspace(start, stop, num, endpoint, base, dtype, axis)</c>.</summary>
    /// <exception cref="ValueError">num is negative.</exception>
    public static NDArray logspace(NDArray start, NDArray stop, long num = 50, bool endpoint = true, NDArray? @base = null,
        DType? dtype = null, int axis = 0)
    {
        using var y = linspace(start, stop, num, endpoint, axis: axis);
        double b = @base is null ? 10.0 : (double)@base;
        var vals = y.ToArray<double>();
        // STOPGAP(native): np.power belongs to the ufuncs; Math.Pow is libm's pow, as NumPy's.
        for (long i = 0; i < vals.LongLength; i++) vals[i] = Math.Pow(b, vals[i]);
        var r = FromDotNet(vals, y.Dims.AsSpan().ToArray());
        var dt = dtype?.NativeOrder ?? (@base is null || @base.IsWeak ? y.Dtype : TypePromotion.Promote(@base.Dtype, y.Dtype));
        if (dt == DType.Float64) return r;
        using (r) return r.astype(dt);
    }

    /// <summary>Values evenly spaced on a log scale between start and stop themselves (same sign; real inputs).
    /// NumPy: <c>np.geomspace(start, stop, num, endpoint, dtype, axis)</c>.</summary>
    /// <exception cref="ValueError">start or stop is zero ("Geometric sequence cannot include zero").</exception>
    public static NDArray geomspace(NDArray start, NDArray stop, long num = 50, bool endpoint = true, DType? dtype = null, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(stop);
        double a = (double)start, b = (double)stop;
        if (a == 0 || b == 0) throw new ValueError("Geometric sequence cannot include zero");
        if (num < 0) throw new ValueError($"Number of samples, {num}, must be non-negative.");
        double sign = Math.Sign(a);
        double la = Math.Log10(a / sign), lb = Math.Log10(b / sign);
        using var y = linspace(la, lb, num, endpoint);
        var vals = y.ToArray<double>();
        for (long i = 0; i < vals.LongLength; i++) vals[i] = Math.Pow(10.0, vals[i]);
        if (num > 0) vals[0] = a / sign;
        if (num > 1 && endpoint) vals[num - 1] = b / sign;
        for (long i = 0; i < vals.LongLength; i++) vals[i] *= sign;
        var r = FromDotNet(vals, [num]);
        var dt = dtype?.NativeOrder ?? DType.Float64;
        if (dt == DType.Float64) return r;
        using (r) return r.astype(dt);
    }

    /// <summary>Coordinate matrices from coordinate vectors ("xy" indexing, copies). NumPy: <c>np.meshgrid(*xi)</c>.</summary>
    public static NDArray[] meshgrid(params NDArray[] xi) => meshgrid(xi, "xy", false, true);

    /// <summary>Coordinate matrices from coordinate vectors. NumPy: <c>np.meshgrid(*xi, indexing, sparse, copy)</c>.</summary>
    /// <exception cref="ValueError">indexing is not "xy" or "ij".</exception>
    public static NDArray[] meshgrid(NDArray[] xi, string indexing = "xy", bool sparse = false, bool copy = true)
    {
        ArgumentNullException.ThrowIfNull(xi);
        if (indexing is not ("xy" or "ij")) throw new ValueError("Valid values for `indexing` are 'xy' and 'ij'.");
        int n = xi.Length;
        var outputs = new NDArray[n];
        for (int i = 0; i < n; i++)
        {
            var s = new long[n];
            Array.Fill(s, 1L);
            s[i] = -1;
            if (indexing == "xy" && n > 1 && i < 2)
            {
                s[i] = 1;
                s[1 - i] = -1;
            }
            outputs[i] = reshape(xi[i], Shape.Own(s));
        }
        if (!sparse)
        {
            var b = broadcast_arrays(outputs);
            foreach (var o in outputs) o.Dispose();
            outputs = b;
        }
        if (copy)
        {
            for (int i = 0; i < n; i++)
            {
                var c = outputs[i].copy();
                outputs[i].Dispose();
                outputs[i] = c;
            }
        }
        return outputs;
    }

    /// <summary>The index grid of a shape, stacked: shape (ndim, *dimensions). NumPy: <c>np.indices(dimensions, dtype)</c>.</summary>
    public static NDArray indices(Shape dimensions, DType? dtype = null)
    {
        var dims = dimensions.ToArray();
        int n = dims.Length;
        var shape = new long[n + 1];
        shape[0] = n;
        Array.Copy(dims, 0, shape, 1, n);
        var res = NDArray.Allocate(shape, dtype ?? DType.Int64);
        for (int i = 0; i < n; i++)
        {
            var s = new long[n];
            Array.Fill(s, 1L);
            s[i] = dims[i];
            using var r = arange(dims[i]);
            using var idx = reshape(r, Shape.Own(s));
            using var dst = res[i];
            dst.Assign(idx);
        }
        return res;
    }
}
