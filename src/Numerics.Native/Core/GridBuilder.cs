namespace Numerics.Native;

/// <summary>
/// NumPy's <c>nd_grid.__getitem__</c> and the slice branch of <c>AxisConcatenator</c>, shared by mgrid, ogrid, r_
/// and c_. The arithmetic is NumPy's, step for step: a grid axis is <c>i * step + start</c> (not linspace, whose last
/// point is exactly stop), a lone slice is <c>np.arange</c>, and a point count in r_ is <c>np.linspace</c>.
/// </summary>
internal static class GridBuilder
{
    /// <summary>The grid dtype: NumPy's result_type over the Python numbers, so int64 unless a value is floating.</summary>
    internal static DType Type(ReadOnlySpan<GridSlice> key)
    {
        foreach (var s in key)
        {
            if (s.IsFloat) return DType.Float64;
        }
        return DType.Int64;
    }

    /// <summary>The length of one grid axis: the point count, or ceil((stop - start) / step), negative included.</summary>
    internal static long Size(GridSlice s)
    {
        if (s.num is long n) return n;
        double stop = Stop(s);
        if (s.step == 0) throw new ZeroDivisionError(s.IsFloat ? "float division by zero" : "division by zero");
        return (long)Math.Ceiling((stop - s.start) / s.step);
    }

    /// <summary>One axis of a grid, <paramref name="n"/> values <c>i * step + start</c> in <paramref name="typ"/>
    /// (a point count uses step (stop - start) / (num - 1)).</summary>
    internal static NDArray Axis(GridSlice s, long n, DType typ)
    {
        n = Math.Max(n, 0);
        if (typ == DType.Int64)
        {
            long start = (long)s.start, step = (long)s.step;
            var v = new long[n];
            for (long i = 0; i < n; i++) v[i] = i * step + start;
            return np.array(v);
        }
        double fstep = s.num is long num && num != 1 ? (Stop(s) - s.start) / (num - 1) : s.num is null ? s.step : 1;
        var d = new double[n];
        for (long i = 0; i < n; i++) d[i] = i * fstep + s.start;
        return np.array(d);
    }

    /// <summary>A lone slice (no tuple): a point count is a float64 axis, anything else <c>np.arange</c>.</summary>
    internal static NDArray Single(GridSlice s)
    {
        if (s.num is long n) return Axis(s, n, DType.Float64);
        return Arange(s);
    }

    /// <summary>A slice item of r_/c_: a point count is <c>np.linspace(start, stop, num)</c>, else <c>np.arange</c>.</summary>
    internal static NDArray Concat(GridSlice s)
    {
        if (s.num is long n) return np.linspace(s.start, Stop(s), n);
        return Arange(s);
    }

    private static NDArray Arange(GridSlice s)
    {
        double stop = Stop(s);
        return s.IsFloat ? np.arange(s.start, stop, s.step) : np.arange((long)s.start, (long)stop, (long)s.step);
    }

    private static double Stop(GridSlice s) =>
        s.stop ?? throw new ValueError($"an index-trick slice needs a stop: '{s}'");

    /// <summary>Splits index text at top-level commas; a trailing comma makes a tuple of one, as in Python.</summary>
    internal static (GridSlice[] Key, bool IsTuple) ParseKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        bool tuple = parts.Length > 1;
        if (tuple && parts[^1].Trim().Length == 0) parts = parts[..^1];
        return (parts.Select(GridSlice.Parse).ToArray(), tuple);
    }
}
