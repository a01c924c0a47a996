using System.Collections;

namespace Numerics.Native;

/// <summary>
/// An array shape (also used for strides): an immutable list of <see cref="long"/> dimensions.
/// Converts implicitly from an integer, <c>int[]</c>, <c>long[]</c> and tuples, as NumPy takes <c>3</c> or
/// <c>(2, 3)</c>. NumPy: a shape tuple such as <c>a.shape</c>.
/// </summary>
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<long>
{
    private static readonly long[] Empty = [];
    private readonly long[]? _dims;

    /// <summary>Creates a shape from its dimensions (copied). NumPy: <c>(d0, d1, …)</c>.</summary>
    /// <param name="dims">The dimensions, outermost first.</param>
    public Shape(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        _dims = dims.Length == 0 ? Empty : dims.AsSpan().ToArray();
    }

    private Shape(long[] dims, bool _) => _dims = dims;

    /// <summary>Wraps an array the caller promises never to change (no copy).</summary>
    internal static Shape Own(long[] dims) => new(dims, false);

    /// <summary>The dimensions without a copy; never modify the result.</summary>
    internal long[] Dims => _dims ?? Empty;

    /// <summary>The number of dimensions (NumPy's <c>len(shape)</c>, = ndim).</summary>
    public int Count => Dims.Length;

    /// <summary>A dimension; a negative index counts from the end. NumPy: <c>shape[i]</c>.</summary>
    /// <param name="i">Position, negative from the end.</param>
    /// <exception cref="IndexError">The position is out of range.</exception>
    public long this[int i]
    {
        get
        {
            var d = Dims;
            int j = i < 0 ? i + d.Length : i;
            if ((uint)j >= (uint)d.Length) throw new IndexError("tuple index out of range");
            return d[j];
        }
    }

    /// <summary>The product of the dimensions (1 for <c>()</c>). NumPy: <c>math.prod(shape)</c>.</summary>
    public long size
    {
        get
        {
            long p = 1;
            foreach (var d in Dims) p *= d;
            return p;
        }
    }

    /// <summary>A 1-d shape <c>(n,)</c>. NumPy: <c>(n,)</c>.</summary>
    public static implicit operator Shape(long n) => new(NDArray.Dims1(n), false);

    /// <summary>A shape from <c>int</c> dimensions. NumPy: a tuple of ints.</summary>
    public static implicit operator Shape(int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var d = new long[dims.Length];
        for (int i = 0; i < d.Length; i++) d[i] = dims[i];
        return new(d, false);
    }

    /// <summary>A shape from <c>long</c> dimensions (copied). NumPy: a tuple of ints.</summary>
    public static implicit operator Shape(long[] dims) => new(dims);

    /// <summary>A 2-d shape. NumPy: <c>(a, b)</c>.</summary>
    public static implicit operator Shape((long, long) t) => new([t.Item1, t.Item2], false);

    /// <summary>A 3-d shape. NumPy: <c>(a, b, c)</c>.</summary>
    public static implicit operator Shape((long, long, long) t) => new([t.Item1, t.Item2, t.Item3], false);

    /// <summary>A 4-d shape. NumPy: <c>(a, b, c, d)</c>.</summary>
    public static implicit operator Shape((long, long, long, long) t) => new([t.Item1, t.Item2, t.Item3, t.Item4], false);

    /// <summary>A 5-d shape. NumPy: a 5-tuple.</summary>
    public static implicit operator Shape((long, long, long, long, long) t) =>
        new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5], false);

    /// <summary>A 6-d shape. NumPy: a 6-tuple.</summary>
    public static implicit operator Shape((long, long, long, long, long, long) t) =>
        new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6], false);

    /// <summary>A 7-d shape. NumPy: a 7-tuple.</summary>
    public static implicit operator Shape((long, long, long, long, long, long, long) t) =>
        new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7], false);

    /// <summary>An 8-d shape. NumPy: an 8-tuple.</summary>
    public static implicit operator Shape((long, long, long, long, long, long, long, long) t) =>
        new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8], false);

    /// <summary>Value equality. NumPy: <c>a.shape == b.shape</c>.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Value inequality. NumPy: <c>a.shape != b.shape</c>.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>Unpacks a 1-d shape. NumPy: <c>(n,) = a.shape</c>.</summary>
    /// <param name="d0">The only dimension.</param>
    /// <exception cref="ValueError">The shape does not have exactly one dimension.</exception>
    public void Deconstruct(out long d0)
    {
        Check(1);
        d0 = Dims[0];
    }

    /// <summary>Unpacks a 2-d shape. NumPy: <c>m, n = a.shape</c>.</summary>
    /// <exception cref="ValueError">The shape does not have exactly two dimensions.</exception>
    public void Deconstruct(out long d0, out long d1)
    {
        Check(2);
        (d0, d1) = (Dims[0], Dims[1]);
    }

    /// <summary>Unpacks a 3-d shape. NumPy: <c>a, b, c = x.shape</c>.</summary>
    /// <exception cref="ValueError">The shape does not have exactly three dimensions.</exception>
    public void Deconstruct(out long d0, out long d1, out long d2)
    {
        Check(3);
        (d0, d1, d2) = (Dims[0], Dims[1], Dims[2]);
    }

    /// <summary>Unpacks a 4-d shape. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">The shape does not have exactly four dimensions.</exception>
    public void Deconstruct(out long d0, out long d1, out long d2, out long d3)
    {
        Check(4);
        (d0, d1, d2, d3) = (Dims[0], Dims[1], Dims[2], Dims[3]);
    }

    /// <summary>Unpacks a 5-d shape. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">The shape does not have exactly five dimensions.</exception>
    public void Deconstruct(out long d0, out long d1, out long d2, out long d3, out long d4)
    {
        Check(5);
        (d0, d1, d2, d3, d4) = (Dims[0], Dims[1], Dims[2], Dims[3], Dims[4]);
    }

    /// <summary>Unpacks a 6-d shape. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">The shape does not have exactly six dimensions.</exception>
    public void Deconstruct(out long d0, out long d1, out long d2, out long d3, out long d4, out long d5)
    {
        Check(6);
        (d0, d1, d2, d3, d4, d5) = (Dims[0], Dims[1], Dims[2], Dims[3], Dims[4], Dims[5]);
    }

    /// <summary>Unpacks a 7-d shape. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">The shape does not have exactly seven dimensions.</exception>
    public void Deconstruct(out long d0, out long d1, out long d2, out long d3, out long d4, out long d5, out long d6)
    {
        Check(7);
        (d0, d1, d2, d3, d4, d5, d6) = (Dims[0], Dims[1], Dims[2], Dims[3], Dims[4], Dims[5], Dims[6]);
    }

    /// <summary>Unpacks an 8-d shape. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">The shape does not have exactly eight dimensions.</exception>
    public void Deconstruct(out long d0, out long d1, out long d2, out long d3, out long d4, out long d5, out long d6, out long d7)
    {
        Check(8);
        (d0, d1, d2, d3, d4, d5, d6, d7) = (Dims[0], Dims[1], Dims[2], Dims[3], Dims[4], Dims[5], Dims[6], Dims[7]);
    }

    private void Check(int n)
    {
        int have = Count;
        if (have < n) throw new ValueError($"not enough values to unpack (expected {n}, got {have})");
        if (have > n) throw new ValueError($"too many values to unpack (expected {n})");
    }

    /// <summary>The dimensions as a new array. NumPy: <c>list(shape)</c>.</summary>
    public long[] ToArray() => Dims.AsSpan().ToArray();

    /// <inheritdoc/>
    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>NumPy's tuple text: "(2, 3)", "(3,)", "()".</summary>
    public override string ToString() => Err.Tuple(Dims);

    /// <inheritdoc/>
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)Dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
