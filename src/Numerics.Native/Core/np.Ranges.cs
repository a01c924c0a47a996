using System.Numerics;

namespace Numerics.Native;

public static partial class np
{
    /// <summary>Integers 0 … stop-1 (int64 unless <paramref name="dtype"/>). NumPy: <c>np.arange(stop, dtype=dtype)</c>.</summary>
    public static NDArray arange(long stop, DType? dtype = null) => arange(0L, stop, 1L, dtype);

    /// <summary>Integers from start by step, stopping before stop (int64 unless <paramref name="dtype"/>).
    /// NumPy: <c>np.arange(start, stop, step, dtype)</c>.</summary>
    /// <exception cref="ZeroDivisionError">step is 0 ("division by zero").</exception>
    /// <exception cref="OverflowError">start or start + step does not fit an integer dtype (NumPy 2, NEP 50).</exception>
    /// <exception cref="TypeError">A bool dtype with more than two values.</exception>
    public static NDArray arange(long start, long stop, long step = 1, DType? dtype = null)
    {
        if (step == 0) throw new ZeroDivisionError("division by zero");
        long diff = stop - start;
        long len = step > 0 ? (diff <= 0 ? 0 : (diff + step - 1) / step) : (diff >= 0 ? 0 : (-diff + -step - 1) / -step);
        var dt = dtype?.NativeOrder ?? DType.Int64;
        if (dt.IsBool && len > 2) throw new TypeError("arange() is only supported for booleans when the result has at most length 2.");
        // NumPy 2 writes start and start + step (Python ints) into the result with setitem, so those two must fit an
        // integer dtype (NEP 50: "Python integer -5 out of bounds for uint8"); the rest is filled with wrap-around.
        if (dt.IsInteger)
        {
            if (len >= 1) NDArray.CheckWeakFits(start, dt);
            if (len >= 2) NDArray.CheckWeakFits(start + step, dt);
        }
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
        var outShape = SamplesFirst(num, bshape);
        NDArray y;
        // STOPGAP(native): computed here per element; the arithmetic follows NumPy's ufunc sequence in dt's precision.
        if (dt.IsComplex)
        {
            var v = new Complex[num * m];
            var steps = new Complex[m];
            bool single = dt.Code == DTypeCode.Complex64;
            for (long j = 0; j < m; j++)
            {
                // NumPy divides complex arrays by the Python int div with its complex loop (Smith's method, i.e. a
                // multiplication by 1/div), not componentwise: CDiv reproduces those bits.
                Complex a = R(starts[j]), delta = R(stops[j] - a);
                Complex step = div > 0 ? R(CDiv(delta, new Complex(div, 0))) : new Complex(double.NaN, double.NaN);
                steps[j] = step;
                bool zero = div > 0 && step == Complex.Zero;
                for (long i = 0; i < num; i++)
                {
                    Complex t = div > 0
                        ? (zero ? R(CMul(R(CDiv(new Complex(i, 0), new Complex(div, 0))), delta)) : R(CMul(new Complex(i, 0), step)))
                        : R(CMul(new Complex(i, 0), delta));
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
        try
        {
            return MoveFirstAxis(result, axis);
        }
        catch
        {
            retstep?.Dispose();
            throw;
        }
    }

    /// <summary>The shape of <paramref name="num"/> samples of a broadcast start/stop: (num, *bshape).</summary>
    private static long[] SamplesFirst(long num, long[] bshape)
    {
        var shape = new long[bshape.Length + 1];
        shape[0] = num;
        Array.Copy(bshape, 0, shape, 1, bshape.Length);
        return shape;
    }

    /// <summary>The closing <c>moveaxis(y, 0, axis)</c> of NumPy's linspace and logspace (so a bad axis reads
    /// "destination: axis 2 is out of bounds …"); takes over <paramref name="result"/>, disposed on every path.</summary>
    private static NDArray MoveFirstAxis(NDArray result, int axis)
    {
        if (axis == 0) return result;
        using (result) return moveaxis(result, 0, axis);
    }

    private static DType[] Strong(NDArray a) => a.IsWeak ? [] : [a.Dtype];

    /// <summary>Values evenly spaced on a log scale: base ** linspace(start, stop). start, stop and base may be arrays
    /// (broadcast; the new axis is <paramref name="axis"/>). As NumPy 2, start, stop and base become (strong) arrays first,
    /// so the default base 10.0 makes the result at least float64. NumPy: <c>np.logspace(start, stop, num, endpoint, base, dtype, axis)</c>.</summary>
    /// <exception cref="ValueError">num is negative, or start, stop and base do not broadcast.</exception>
    /// <exception cref="AxisError">axis is out of range ("destination: axis 2 is out of bounds …").</exception>
    public static NDArray logspace(NDArray start, NDArray stop, long num = 50, bool endpoint = true, NDArray? @base = null,
        DType? dtype = null, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(stop);
        // NumPy 2: ndmax = np.broadcast(start, stop, base).ndim; each becomes np.array(x, ndmin=ndmax) — Python scalars
        // (weak here) turn into strong 0-d arrays of their kind's default dtype.
        using var b0 = @base is null ? array(10.0) : array(@base, copy: null);
        using var s0 = array(start, copy: null);
        using var t0 = array(stop, copy: null);
        int ndmax = broadcast_shapes(s0.shape, t0.shape, b0.shape).Count;
        using var s1 = array(s0, copy: null, ndmin: ndmax);
        using var t1 = array(t0, copy: null, ndmin: ndmax);
        using var b1 = array(b0, copy: null, ndmin: ndmax);
        using var y = linspace(s1, t1, num, endpoint, axis: axis);
        using var b = expand_dims(b1, axis);
        var r = Power(b, y);
        if (dtype is null || r.Dtype == dtype.NativeOrder) return r;
        using (r) return r.astype(dtype.NativeOrder);
    }

    /// <summary>np.power(b, y) for a floating or complex y (what logspace needs): libm's pow in the promoted dtype,
    /// NumPy's npy_cpow for complex.</summary>
    private static NDArray Power(NDArray b, NDArray y)
    {
        var c = PowerC(b, y);
        // The ufunc allocates its output in the operands' memory order (order 'K'): when y (a moveaxis view for axis ≠ 0)
        // has the output's shape, the result takes y's layout, as NumPy's.
        if (!y.Dims.AsSpan().SequenceEqual(c.Dims) || y.IsCContiguous) return c;
        using (c)
        {
            var k = NDArray.AllocateLike(y, c.Dtype);
            NativeOps.Copy(k, c);
            return k;
        }
    }

    private static NDArray PowerC(NDArray b, NDArray y)
    {
        // STOPGAP(native): np.power belongs to the ufuncs; this is its float/complex loop for logspace and geomspace.
        var dt = TypePromotion.Promote(b.Dtype, y.Dtype);
        var shape = Layout.BroadcastShapes([b.Dims, y.Dims]);
        using var bb = broadcast_to(b, Shape.Own(shape));
        using var yy = broadcast_to(y, Shape.Own(shape));
        if (dt.IsComplex)
        {
            var bv = bb.ToArray<Complex>();
            var yv = yy.ToArray<Complex>();
            var v = new Complex[bv.LongLength];
            bool single = dt.Code == DTypeCode.Complex64;
            for (long i = 0; i < v.LongLength; i++)
            {
                var z = CPow(bv[i], yv[i]);
                v[i] = single ? new Complex((float)z.Real, (float)z.Imaginary) : z;
            }
            using var c = FromDotNet(v, shape);
            return c.astype(dt);
        }
        var bd = bb.ToArray<double>();
        var yd = yy.ToArray<double>();
        var r = new double[bd.LongLength];
        for (long i = 0; i < r.LongLength; i++)
        {
            r[i] = dt.Code switch
            {
                DTypeCode.Float64 => Math.Pow(bd[i], yd[i]),
                DTypeCode.Float32 => MathF.Pow((float)bd[i], (float)yd[i]),
                _ => (double)(Half)MathF.Pow((float)bd[i], (float)yd[i]),   // float16 computes in float32, as NumPy
            };
        }
        using var f = FromDotNet(r, shape);
        return f.astype(dt);
    }

    /// <summary>NumPy's npy_cpow: 1 for a zero exponent, repeated multiplication for small integer exponents, else
    /// libm's cpow (exp(b·log a)).</summary>
    private static Complex CPow(Complex a, Complex b)
    {
        double ar = a.Real, ai = a.Imaginary, br = b.Real, bi = b.Imaginary;
        if (br == 0 && bi == 0) return new Complex(1, 0);
        if (ar == 0 && ai == 0)
        {
            if (br > 0 && bi == 0) return new Complex(0, 0);
            return new Complex(double.NaN, double.NaN);   // NumPy: 0 ** (non-positive or complex) sets invalid, gives nan
        }
        if (bi == 0 && br >= -1e18 && br <= 1e18 && br == Math.Floor(br))
        {
            long n = (long)br;
            if (n == 1) return a;
            if (n == 2) return CMul(a, a);
            if (n == 3) return CMul(a, CMul(a, a));
            if (n > -100 && n < 100)
            {
                Complex aa = new(1, 0), p = a;
                long m = Math.Abs(n), mask = 1;
                while (true)
                {
                    if ((m & mask) != 0) aa = CMul(aa, p);
                    mask <<= 1;
                    if (m < mask || mask <= 0) break;
                    p = CMul(p, p);
                }
                return br < 0 ? CDiv(new Complex(1, 0), aa) : aa;
            }
        }
        return Complex.Exp(CMul(b, Complex.Log(a)));
    }

    private static Complex CMul(Complex a, Complex b) =>
        new(a.Real * b.Real - a.Imaginary * b.Imaginary, a.Real * b.Imaginary + a.Imaginary * b.Real);

    /// <summary>NumPy's complex division loop (Smith's method with its zero-divisor branch).</summary>
    private static Complex CDiv(Complex a, Complex b)
    {
        double ar = a.Real, ai = a.Imaginary, br = b.Real, bi = b.Imaginary;
        double brAbs = Math.Abs(br), biAbs = Math.Abs(bi);
        if (brAbs >= biAbs)
        {
            if (brAbs == 0 && biAbs == 0) return new Complex(ar / brAbs, ai / brAbs);
            double rat = bi / br, scl = 1.0 / (br + bi * rat);
            return new Complex((ar + ai * rat) * scl, (ai - ar * rat) * scl);
        }
        else
        {
            double rat = br / bi, scl = 1.0 / (bi + br * rat);
            return new Complex((ar * rat + ai) * scl, (ai * rat - ar) * scl);
        }
    }

    /// <summary>Values evenly spaced on a log scale between start and stop themselves (a geometric progression); start
    /// and stop may be negative, complex (a logarithmic spiral) or arrays (broadcast; the new axis is <paramref name="axis"/>).
    /// NumPy 2's algorithm: rotate start onto the positive reals (divide by sign(start)), logspace between the log10s,
    /// put start/stop back at the ends, rotate back. The working dtype is result_type(start, stop, float, zeros((), dtype)).
    /// NumPy: <c>np.geomspace(start, stop, num, endpoint, dtype, axis)</c>.</summary>
    /// <exception cref="ValueError">start or stop is zero ("Geometric sequence cannot include zero"), or num is negative.</exception>
    /// <exception cref="AxisError">axis is out of range.</exception>
    public static NDArray geomspace(NDArray start, NDArray stop, long num = 50, bool endpoint = true, DType? dtype = null, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(stop);
        start.ThrowIfDisposed();
        stop.ThrowIfDisposed();
        if (AnyZero(start) || AnyZero(stop)) throw new ValueError("Geometric sequence cannot include zero");
        var dt = TypePromotion.Result(
            [.. Strong(start), .. Strong(stop), dtype?.NativeOrder ?? DType.Float64],
            [start.IsWeak ? start.Weak : WeakKind.None, stop.IsWeak ? stop.Weak : WeakKind.None, WeakKind.Float]);
        var bshape = Layout.BroadcastShapes([start.Dims, stop.Dims]);
        long m = Layout.Product(bshape);
        using var sa = asarray(start, dt);
        using var ta = asarray(stop, dt);
        using var sb = broadcast_to(sa, Shape.Own(bshape));
        using var tb = broadcast_to(ta, Shape.Own(bshape));
        var sv = sb.ToArray<Complex>();
        var tv = tb.ToArray<Complex>();
        var outShape = SamplesFirst(num, bshape);
        NDArray result;
        // STOPGAP(native): sign, division, log10, power and multiply are NumPy ufunc steps, done here per element in
        // the working dtype's precision (float16 and complex64 steps computed wider, then rounded).
        if (dt.IsComplex)
        {
            bool single = dt.Code == DTypeCode.Complex64;
            Complex R(Complex z) => single ? new Complex((float)z.Real, (float)z.Imaginary) : z;
            var sign = new Complex[m];
            var a1 = new Complex[m];
            var b1 = new Complex[m];
            var la = new Complex[m];
            var lb = new Complex[m];
            for (long j = 0; j < m; j++)
            {
                sign[j] = R(CSign(sv[j]));
                a1[j] = R(CDiv(sv[j], sign[j]));
                b1[j] = R(CDiv(tv[j], sign[j]));
                la[j] = R(CLog10(a1[j]));
                lb[j] = R(CLog10(b1[j]));
            }
            // power(10.0, y) is a complex128 step whatever dt is; the cast back to dt rounds it.
            result = GeomFromLogs(la, lb, a1, b1, sign, bshape, outShape, num, endpoint, dt,
                y => R(CPow(new Complex(10, 0), y)), (p, s) => R(CMul(p, s)));
        }
        else
        {
            Func<double, double> r = dt.Code switch
            {
                DTypeCode.Float32 => x => (float)x,
                DTypeCode.Float16 => x => (double)(Half)x,
                _ => x => x,
            };
            Func<double, double> log10 = dt.Code switch
            {
                DTypeCode.Float32 => x => MathF.Log10((float)x),
                DTypeCode.Float16 => x => (double)(Half)MathF.Log10((float)x),
                _ => Math.Log10,
            };
            var sign = new double[m];
            var a1 = new double[m];
            var b1 = new double[m];
            var la = new double[m];
            var lb = new double[m];
            for (long j = 0; j < m; j++)
            {
                double a = sv[j].Real;
                sign[j] = a > 0 ? 1 : a < 0 ? -1 : a == 0 ? 0 : double.NaN;
                a1[j] = r(a / sign[j]);
                b1[j] = r(tv[j].Real / sign[j]);
                la[j] = log10(a1[j]);
                lb[j] = log10(b1[j]);
            }
            // power(10.0, y): logspace's base is a float64 array, so the power is a float64 step.
            result = GeomFromLogs(la, lb, a1, b1, sign, bshape, outShape, num, endpoint, dt,
                y => r(Math.Pow(10.0, y)), (p, s) => r(p * s));
        }
        result = MoveFirstAxis(result, axis);
        if (dtype is null || result.Dtype == dtype.NativeOrder) return result;
        using (result) return result.astype(dtype.NativeOrder);
    }

    /// <summary>geomspace's second half for either working kind: logspace between the log10s in <paramref name="dt"/>,
    /// each sample <paramref name="pow10"/>(y) except the exact start and stop at the ends, rotated back by
    /// <paramref name="times"/>(p, sign).</summary>
    private static NDArray GeomFromLogs<T>(T[] la, T[] lb, T[] a1, T[] b1, T[] sign, long[] bshape, long[] outShape,
        long num, bool endpoint, DType dt, Func<T, T> pow10, Func<T, T, T> times) where T : unmanaged
    {
        long m = sign.LongLength;
        using var las = FromDotNet(la, bshape);
        using var lbs = FromDotNet(lb, bshape);
        using var lat = las.astype(dt);
        using var lbt = lbs.astype(dt);
        using var y = linspace(lat, lbt, num, endpoint);
        var yv = y.ToArray<T>();
        var v = new T[yv.LongLength];
        for (long i = 0; i < num; i++)
        {
            for (long j = 0; j < m; j++)
            {
                T p = i == 0 ? a1[j] : endpoint && i == num - 1 ? b1[j] : pow10(yv[i * m + j]);
                v[i * m + j] = times(p, sign[j]);
            }
        }
        using var f = FromDotNet(v, outShape);
        return f.astype(dt);
    }

    private static bool AnyZero(NDArray a)
    {
        using var s = a.IsWeak ? a.MaterializeStrong() : asarray(a);
        foreach (var z in s.ToArray<Complex>())
            if (z.Real == 0 && z.Imaginary == 0) return true;
        return false;
    }

    /// <summary>NumPy 2's sign of a complex number: z / |z| (nan for nan, the axis direction for infinities).</summary>
    private static Complex CSign(Complex z)
    {
        double re = z.Real, im = z.Imaginary, abs = LibM.Hypot(re, im);
        if (double.IsNaN(abs)) return new Complex(double.NaN, double.NaN);
        if (double.IsInfinity(abs))
        {
            if (double.IsInfinity(re)) return double.IsInfinity(im) ? new Complex(double.NaN, double.NaN) : new Complex(re > 0 ? 1 : -1, 0);
            return new Complex(0, im > 0 ? 1 : -1);
        }
        if (abs == 0) return Complex.Zero;
        return new Complex(re / abs, im / abs);
    }

    /// <summary>NumPy's complex log10: clog(z) scaled by log10(e) in both parts.</summary>
    private static Complex CLog10(Complex z)
    {
        const double Log10E = 0.434294481903251827651128918916605082;
        var l = CLog(z);
        return new Complex(l.Real * Log10E, l.Imaginary * Log10E);
    }

    /// <summary>glibc's clog, which NumPy's complex log calls: near |z| = 1 the real part is log1p(|z|² − 1)/2, not
    /// log(hypot), so the last bits differ from System.Numerics.Complex.Log there.</summary>
    private static Complex CLog(Complex z)
    {
        double re = z.Real, im = z.Imaginary;
        if (re == 0 && im == 0)
            return new Complex(double.NegativeInfinity, double.CopySign(double.IsNegative(re) ? Math.PI : 0, im));
        if (double.IsNaN(re) || double.IsNaN(im))
            return new Complex(double.IsInfinity(re) || double.IsInfinity(im) ? double.PositiveInfinity : double.NaN, double.NaN);
        double absx = Math.Abs(re), absy = Math.Abs(im);
        int scale = 0;
        if (absx < absy) (absx, absy) = (absy, absx);
        if (absx > double.MaxValue / 2)
        {
            scale = -1;
            absx = Math.ScaleB(absx, scale);
            absy = absy >= 2 * 2.2250738585072014e-308 ? Math.ScaleB(absy, scale) : 0;
        }
        else if (absx < 2.2250738585072014e-308 && absy < 2.2250738585072014e-308)
        {
            scale = 53;
            absx = Math.ScaleB(absx, scale);
            absy = Math.ScaleB(absy, scale);
        }
        double real;
        const double Eps = 2.220446049250313e-16;
        if (absx == 1 && scale == 0) real = LibM.Log1p(absy * absy) / 2;
        else if (absx > 1 && absx < 2 && absy < 1 && scale == 0)
        {
            double d2m1 = (absx - 1) * (absx + 1);
            if (absy >= Eps) d2m1 += absy * absy;
            real = LibM.Log1p(d2m1) / 2;
        }
        else if (absx < 1 && absx >= 0.5 && absy < Eps / 2 && scale == 0)
            real = LibM.Log1p((absx - 1) * (absx + 1)) / 2;
        else if (absx < 1 && absx >= 0.5 && scale == 0 && absx * absx + absy * absy >= 0.5)
            real = LibM.Log1p(X2Y2M1(absx, absy)) / 2;
        else
            real = Math.Log(LibM.Hypot(absx, absy)) - scale * 0.693147180559945309417232121458176568;
        return new Complex(real, Math.Atan2(im, re));
    }

    /// <summary>glibc's __x2y2m1: x² + y² − 1 with the squares split exactly and summed smallest first.</summary>
    private static double X2Y2M1(double x, double y)
    {
        var v = new double[5];
        v[1] = x * x;
        v[0] = Math.FusedMultiplyAdd(x, x, -v[1]);
        v[3] = y * y;
        v[2] = Math.FusedMultiplyAdd(y, y, -v[3]);
        v[4] = -1;
        Comparison<double> byAbs = (p, q) => Math.Abs(p).CompareTo(Math.Abs(q));
        Array.Sort(v, byAbs);
        for (int i = 0; i <= 3; i++)
        {
            double hi = v[i + 1] + v[i];
            double lo = (v[i + 1] - hi) + v[i];
            v[i + 1] = hi;
            v[i] = lo;
            Array.Sort(v, i + 1, 4 - i, Comparer<double>.Create(byAbs));
        }
        return v[4] + v[3] + v[2] + v[1] + v[0];
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
            using var r = arange(dims[i], dtype);   // NumPy: arange(dim, dtype=dtype), so bool refuses a length above 2
            using var idx = reshape(r, Shape.Own(s));
            using var dst = res[i];
            dst.Assign(idx);
        }
        return res;
    }
}
