using System.Globalization;

namespace Numerics.Native;

/// <summary>
/// A norm order as NumPy's <c>ord</c> takes it: a number (including ±inf) or a name ("fro", "nuc"). A null
/// <c>Ord?</c> is NumPy's <c>ord=None</c>.
/// </summary>
public readonly struct Ord : IEquatable<Ord>
{
    private Ord(double value, string? name)
    {
        Value = value;
        Name = name;
    }

    /// <summary>The numeric order (NaN when the order is a name).</summary>
    internal double Value { get; }

    /// <summary>The named order ("fro", "f", "nuc", or any string, which NumPy rejects later), or null.</summary>
    internal string? Name { get; }

    internal bool IsName => Name is not null;

    /// <summary>A numeric order. NumPy: <c>ord=2</c>, <c>ord=np.inf</c>.</summary>
    public static implicit operator Ord(double p) => new(p, null);

    /// <summary>A named order. NumPy: <c>ord='fro'</c>, <c>ord='nuc'</c>.</summary>
    public static implicit operator Ord(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(double.NaN, name);
    }

    /// <summary>A numeric order. NumPy: <c>ord=2</c>.</summary>
    /// <param name="p">The order.</param>
    public static Ord FromDouble(double p) => p;

    /// <summary>A named order. NumPy: <c>ord='fro'</c>.</summary>
    /// <param name="name">The name.</param>
    public static Ord FromString(string name) => name;

    /// <inheritdoc/>
    public bool Equals(Ord other) => Name is null ? other.Name is null && Value.Equals(other.Value) : Name == other.Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Ord o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => Name?.GetHashCode(StringComparison.Ordinal) ?? Value.GetHashCode();

    /// <summary>Value equality.</summary>
    public static bool operator ==(Ord a, Ord b) => a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Ord a, Ord b) => !a.Equals(b);

    /// <summary>Python's text of the order ("2", "inf", "fro").</summary>
    public override string ToString()
    {
        if (Name is not null) return Name;
        if (double.IsPositiveInfinity(Value)) return "inf";
        if (double.IsNegativeInfinity(Value)) return "-inf";
        if (Value == Math.Floor(Value) && Math.Abs(Value) < 1e16) return ((long)Value).ToString(CultureInfo.InvariantCulture);
        return Value.ToString("R", CultureInfo.InvariantCulture);
    }
}
