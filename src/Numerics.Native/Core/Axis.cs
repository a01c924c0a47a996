namespace Numerics.Native;

/// <summary>
/// One axis or several, as NumPy's <c>axis=</c> takes an int or a tuple of ints. A null <c>Axis?</c> means
/// "all axes" / "flattened", as NumPy's <c>axis=None</c>.
/// </summary>
public readonly struct Axis : IEquatable<Axis>
{
    private readonly int[]? _axes;

    private Axis(int[] axes) => _axes = axes;

    internal int[] Axes => _axes ?? [];

    /// <summary>Whether the axis was given as a single int (NumPy distinguishes <c>0</c> from <c>(0,)</c> in places).</summary>
    internal bool IsSingle { get; private init; }

    /// <summary>One axis. NumPy: <c>axis=0</c>.</summary>
    public static implicit operator Axis(int axis) => new([axis]) { IsSingle = true };

    /// <summary>Several axes. NumPy: <c>axis=(0, 1)</c>.</summary>
    public static implicit operator Axis(int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return new((int[])axes.Clone());
    }

    /// <summary>Two axes. NumPy: <c>axis=(a, b)</c>.</summary>
    public static implicit operator Axis((int, int) t) => new([t.Item1, t.Item2]);

    /// <summary>Three axes. NumPy: a 3-tuple of axes.</summary>
    public static implicit operator Axis((int, int, int) t) => new([t.Item1, t.Item2, t.Item3]);

    /// <summary>Four axes. NumPy: a 4-tuple of axes.</summary>
    public static implicit operator Axis((int, int, int, int) t) => new([t.Item1, t.Item2, t.Item3, t.Item4]);

    /// <summary>Five axes. NumPy: a 5-tuple of axes.</summary>
    public static implicit operator Axis((int, int, int, int, int) t) => new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5]);

    /// <summary>Six axes. NumPy: a 6-tuple of axes.</summary>
    public static implicit operator Axis((int, int, int, int, int, int) t) =>
        new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6]);

    /// <summary>Seven axes. NumPy: a 7-tuple of axes.</summary>
    public static implicit operator Axis((int, int, int, int, int, int, int) t) =>
        new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7]);

    /// <summary>Eight axes. NumPy: an 8-tuple of axes.</summary>
    public static implicit operator Axis((int, int, int, int, int, int, int, int) t) =>
        new([t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8]);

    /// <summary>Creates an axis set from ints. NumPy: a tuple of axes.</summary>
    /// <param name="axes">The axes.</param>
    public static Axis FromArray(int[] axes) => axes;

    /// <summary>The axes as a new array. NumPy: <c>tuple(axis)</c>.</summary>
    public int[] ToArray() => (int[])Axes.Clone();

    /// <inheritdoc/>
    public bool Equals(Axis other) => Axes.AsSpan().SequenceEqual(other.Axes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Axis a && Equals(a);

    /// <inheritdoc/>
    public override int GetHashCode() => Axes.Length == 0 ? 0 : HashCode.Combine(Axes.Length, Axes[0]);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Axis a, Axis b) => a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Axis a, Axis b) => !a.Equals(b);

    /// <summary>"0" or NumPy's tuple text "(0, 1)".</summary>
    public override string ToString() =>
        IsSingle ? Axes[0].ToString(System.Globalization.CultureInfo.InvariantCulture)
                 : Err.Tuple(Array.ConvertAll(Axes, x => (long)x));
}
