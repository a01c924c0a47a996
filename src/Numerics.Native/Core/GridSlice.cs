using System.Globalization;

namespace Numerics.Native;

/// <summary>
/// One slice of an index-trick expression (<c>np.mgrid</c>, <c>np.ogrid</c>, <c>np.r_</c>, <c>np.c_</c>):
/// <c>start:stop:step</c> with integer or floating values, or <c>start:stop:numj</c> — Python's complex step, which
/// means "<c>num</c> points, stop included" — spelled <see cref="Points"/> here. Integer slices give int64 grids,
/// anything floating (or a point count) float64, as NumPy's Python ints and floats do.
/// NumPy equivalent: the <c>slice</c> objects inside <c>np.mgrid[...]</c>.
/// </summary>
public readonly struct GridSlice : IEquatable<GridSlice>
{
    private GridSlice(double start, double? stop, double step, long? num, bool isFloat)
    {
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.num = num;
        IsFloat = isFloat;
    }

    /// <summary>An integer slice <c>start:stop:step</c>. NumPy equivalent: <c>slice(start, stop, step)</c> of ints.</summary>
    public GridSlice(long start, long stop, long step = 1) : this(start, stop, step, null, false) { }

    /// <summary>A floating slice <c>start:stop:step</c> (stop excluded, as <c>np.arange</c>). NumPy equivalent:
    /// <c>slice(start, stop, step)</c> of floats.</summary>
    public GridSlice(double start, double stop, double step) : this(start, stop, step, null, true) { }

    /// <summary><paramref name="num"/> evenly spaced points from start to stop, stop included. NumPy equivalent:
    /// <c>start:stop:numj</c> (a complex step; only the integer part of its magnitude counts).</summary>
    public static GridSlice Points(double start, double stop, long num) => new(start, stop, 0, Math.Abs(num), true);

    /// <summary>The start (0 when the slice had none). NumPy equivalent: <c>slice.start</c>.</summary>
    public double start { get; }

    /// <summary>The stop, or null when the slice had none (an error for the index tricks, which need it).</summary>
    public double? stop { get; }

    /// <summary>The step (1 when the slice had none; unused with a point count). NumPy equivalent: <c>slice.step</c>.</summary>
    public double step { get; }

    /// <summary>The number of points, for <c>start:stop:numj</c>; null for a stepped slice.</summary>
    public long? num { get; }

    /// <summary>Whether a value is floating (a Python float, or a point count), which makes the grid float64.</summary>
    internal bool IsFloat { get; }

    /// <summary>An integer slice from a C# range (<c>0..5</c> is <c>0:5</c>); from-end indices have no meaning here.</summary>
    /// <exception cref="ArgumentException">The range uses <c>^</c>.</exception>
    public static implicit operator GridSlice(Range r)
    {
        if (r.Start.IsFromEnd || r.End.IsFromEnd)
            throw new ArgumentException("An index-trick range counts values, not positions: ^ has no meaning here.", nameof(r));
        return new GridSlice(r.Start.Value, r.End.Value);
    }

    /// <summary>An integer slice from a <see cref="Slice"/> (a missing start is 0, a missing step 1).</summary>
    public static implicit operator GridSlice(Slice s) => new(s.start ?? 0, s.stop, s.step ?? 1, null, false);

    /// <summary>Parses one slice of NumPy text: "0:5", "-1:1:0.25", "0:1:5j", ":3".</summary>
    /// <exception cref="ValueError">The text is not <c>start:stop[:step]</c> of Python numbers.</exception>
    public static GridSlice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) throw NotASlice(text);
        bool isFloat = false;
        double start = Number(parts[0], text, ref isFloat) ?? 0;
        double? stop = Number(parts[1], text, ref isFloat);
        string s = parts.Length == 3 ? parts[2].Trim() : "";
        if (s.EndsWith('j') || s.EndsWith('J'))
        {
            bool ignored = false;
            double mag = Number(s[..^1], text, ref ignored) ?? throw NotASlice(text);
            return new GridSlice(start, stop, 0, (long)Math.Abs(mag), true);
        }
        double step = Number(s, text, ref isFloat) ?? 1;
        return new GridSlice(start, stop, step, null, isFloat);
    }

    private static double? Number(string part, string text, ref bool isFloat)
    {
        part = part.Trim();
        if (part.Length == 0 || part == "None") return null;
        if (long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            isFloat = true;
            return d;
        }
        throw NotASlice(text);
    }

    private static ValueError NotASlice(string text) =>
        new($"'{text}' is not a slice start:stop[:step] of Python numbers (a step 'Nj' means N points)");

    /// <summary>Python text of the slice, e.g. "0:5:1", "0.0:1.0:5j".</summary>
    public override string ToString()
    {
        bool isFloat = IsFloat;
        string F(double v) => isFloat ? ScalarPrinter.PyFloat(v) : ((long)v).ToString(CultureInfo.InvariantCulture);
        string stopText = stop is double e ? F(e) : "None";
        return num is long n ? $"{F(start)}:{stopText}:{n}j" : $"{F(start)}:{stopText}:{F(step)}";
    }

    /// <inheritdoc/>
    public bool Equals(GridSlice other) =>
        start.Equals(other.start) && stop.Equals(other.stop) && step.Equals(other.step) && num == other.num && IsFloat == other.IsFloat;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GridSlice g && Equals(g);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(start, stop, step, num, IsFloat);

    /// <summary>Value equality.</summary>
    public static bool operator ==(GridSlice a, GridSlice b) => a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(GridSlice a, GridSlice b) => !a.Equals(b);
}
