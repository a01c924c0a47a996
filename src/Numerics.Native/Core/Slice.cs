using System.Globalization;

namespace Numerics.Native;

/// <summary>
/// A Python slice <c>start:stop:step</c>; any part may be omitted (null), the step may be negative.
/// NumPy: Python's <c>slice(start, stop, step)</c>.
/// </summary>
public readonly struct Slice : IEquatable<Slice>
{
    /// <summary>Creates a slice. NumPy: <c>slice(start, stop, step)</c>.</summary>
    /// <param name="start">First index (negative counts from the end); null for the natural start.</param>
    /// <param name="stop">End index, exclusive; null for the natural end.</param>
    /// <param name="step">Step; null means 1.</param>
    /// <exception cref="ValueError">"slice step cannot be zero".</exception>
    public Slice(long? start = null, long? stop = null, long? step = null)
    {
        if (step == 0) throw new ValueError("slice step cannot be zero");
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    /// <summary>Parsed index text keeps a zero step until the slice is applied, as Python does (so NumPy's other
    /// index errors, checked first, win).</summary>
    private Slice(long? start, long? stop, long? step, bool unchecked_)
    {
        _ = unchecked_;
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    /// <summary>The start, or null. NumPy: <c>slice.start</c>.</summary>
    public long? start { get; }

    /// <summary>The stop, or null. NumPy: <c>slice.stop</c>.</summary>
    public long? stop { get; }

    /// <summary>The step, or null (meaning 1). NumPy: <c>slice.step</c>.</summary>
    public long? step { get; }

    /// <summary>The full slice <c>:</c>. NumPy: <c>slice(None)</c>.</summary>
    public static Slice All => default;

    /// <summary>A slice over everything with a step: <c>Slice.Step(-1)</c> is <c>::-1</c>. NumPy: <c>slice(None, None, step)</c>.</summary>
    /// <param name="step">The step.</param>
    /// <exception cref="ValueError">"slice step cannot be zero".</exception>
    public static Slice Step(long step) => new(null, null, step);

    /// <summary>Converts a C# range: <c>1..3</c> is <c>1:3</c>, <c>..^1</c> is <c>:-1</c>, <c>..</c> is <c>:</c>; <c>^0</c> as an
    /// end means "to the end", as a start "from the end" (empty). NumPy: <c>slice(start, stop)</c>.</summary>
    public static implicit operator Slice(Range r) => FromRange(r);

    /// <summary>Converts a C# range (same as the implicit conversion). NumPy: <c>slice(start, stop)</c>.</summary>
    /// <param name="r">The range.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Slice FromRange(Range r)
    {
        long? s = r.Start.IsFromEnd ? (r.Start.Value == 0 ? long.MaxValue : -(long)r.Start.Value) : r.Start.Value;
        if (!r.Start.IsFromEnd && r.Start.Value == 0) s = null;
        long? e = r.End.IsFromEnd ? (r.End.Value == 0 ? null : -(long)r.End.Value) : r.End.Value;
        return new Slice(s, e, null);
    }

    /// <summary>Parses slice text such as "1:10:2", ":", "::-1". NumPy: the slice syntax inside <c>a[...]</c>.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="IndexError">The text is not a slice.</exception>
    /// <exception cref="ValueError">The step is zero.</exception>
    public static Slice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) throw Err.InvalidIndex();
        long? a = Part(parts[0]), b = Part(parts[1]), c = parts.Length == 3 ? Part(parts[2]) : null;
        return new Slice(a, b, c, unchecked_: true);

        static long? Part(string s)
        {
            s = s.Trim();
            if (s.Length == 0 || s == "None") return null;
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)) return v;
            throw Err.InvalidIndex();
        }
    }

    /// <summary>Python's <c>slice.indices(length)</c>: clamped start, stop, step, plus the number of elements.</summary>
    /// <param name="length">The length of the sequence being sliced.</param>
    public (long start, long stop, long step, long length) indices(long length)
    {
        long st = step ?? 1;
        if (st == 0) throw new ValueError("slice step cannot be zero");
        long lower = st > 0 ? 0 : -1, upper = st > 0 ? length : length - 1;
        long s = Clamp(start, st > 0 ? lower : upper);
        long e = Clamp(stop, st > 0 ? upper : lower);
        long n = st > 0 ? (e > s ? (e - s + st - 1) / st : 0) : (s > e ? (s - e - st - 1) / (-st) : 0);
        return (s, e, st, n);

        long Clamp(long? v, long dflt)
        {
            if (v is not long x) return dflt;
            if (x < 0)
            {
                x = x < -length ? lower : x + length;   // avoids overflow for very negative values
                return x < lower ? lower : x;
            }
            return x > upper ? upper : x;
        }
    }

    /// <summary><see cref="indices"/> for the view fast path: the same clamping, no tuple, no closure.
    /// Returns the number of elements; <paramref name="first"/> and <paramref name="st"/> are the clamped start and the step.</summary>
    internal long Resolve(long length, out long first, out long st)
    {
        st = step ?? 1;
        if (st == 0) throw new ValueError("slice step cannot be zero");
        long s, e;
        if (st > 0)
        {
            s = start is long a ? ClampUp(a, length) : 0;
            e = stop is long b ? ClampUp(b, length) : length;
            first = s;
            // A unit step (every C# range) needs no 64-bit division, which alone is a few ns of the view budget.
            return e > s ? (st == 1 ? e - s : (e - s + st - 1) / st) : 0;
        }
        s = start is long c ? ClampDown(c, length) : length - 1;
        e = stop is long d ? ClampDown(d, length) : -1;
        first = s;
        return s > e ? (s - e - st - 1) / (-st) : 0;

        // Python's clamping for a positive step: to [0, length]; for a negative step: to [-1, length - 1].
        static long ClampUp(long x, long length) => x < 0 ? (x < -length ? 0 : x + length) : (x > length ? length : x);
        static long ClampDown(long x, long length) => x < 0 ? (x < -length ? -1 : x + length) : (x > length - 1 ? length - 1 : x);
    }

    /// <inheritdoc/>
    public bool Equals(Slice other) => start == other.start && stop == other.stop && step == other.step;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Slice s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(start, stop, step);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Slice a, Slice b) => a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Slice a, Slice b) => !a.Equals(b);

    /// <summary>Slice text: "1:10:2", ":", "::-1".</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        string s = $"{start?.ToString(inv)}:{stop?.ToString(inv)}";
        return step is long k ? s + ":" + k.ToString(inv) : s;
    }
}
