using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// A single-precision complex number: the element type of complex64 arrays. Blittable (float real, float imaginary),
/// so it matches NumPy's memory layout. NumPy: <c>np.complex64</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Complex64 : IEquatable<Complex64>, IFormattable
{
    /// <summary>Creates a complex number from its parts. NumPy: <c>np.complex64(complex(real, imaginary))</c>.</summary>
    /// <param name="real">The real part.</param>
    /// <param name="imaginary">The imaginary part.</param>
    public Complex64(float real, float imaginary)
    {
        Real = real;
        Imaginary = imaginary;
    }

    /// <summary>The real part. NumPy: <c>z.real</c>.</summary>
    public float Real { get; }

    /// <summary>The imaginary part. NumPy: <c>z.imag</c>.</summary>
    public float Imaginary { get; }

    /// <summary>Widens to double precision (exact). NumPy: <c>np.complex128(z)</c>.</summary>
    public static implicit operator Complex(Complex64 z) => new(z.Real, z.Imaginary);

    /// <summary>Rounds both parts to single precision. NumPy: <c>np.complex64(z)</c>.</summary>
    public static explicit operator Complex64(Complex z) => new((float)z.Real, (float)z.Imaginary);

    /// <summary>A real number as a complex one. NumPy: <c>np.complex64(x)</c>.</summary>
    public static implicit operator Complex64(float x) => new(x, 0f);

    /// <summary>Converts from a complex128 value. NumPy: <c>np.complex64(z)</c>.</summary>
    /// <param name="z">The value.</param>
    public static Complex64 FromComplex(Complex z) => (Complex64)z;

    /// <summary>Widens to a complex128 value. NumPy: <c>np.complex128(z)</c>.</summary>
    public Complex ToComplex() => this;

    /// <summary>Sum. NumPy: <c>a + b</c>.</summary>
    public static Complex64 operator +(Complex64 a, Complex64 b) => new(a.Real + b.Real, a.Imaginary + b.Imaginary);

    /// <summary>Difference. NumPy: <c>a - b</c>.</summary>
    public static Complex64 operator -(Complex64 a, Complex64 b) => new(a.Real - b.Real, a.Imaginary - b.Imaginary);

    /// <summary>Negation. NumPy: <c>-a</c>.</summary>
    public static Complex64 operator -(Complex64 a) => new(-a.Real, -a.Imaginary);

    /// <summary>Product. NumPy: <c>a * b</c>.</summary>
    public static Complex64 operator *(Complex64 a, Complex64 b) =>
        new(a.Real * b.Real - a.Imaginary * b.Imaginary, a.Real * b.Imaginary + a.Imaginary * b.Real);

    /// <summary>Quotient, computed in double precision and rounded (Smith's algorithm, as NumPy). NumPy: <c>a / b</c>.</summary>
    public static Complex64 operator /(Complex64 a, Complex64 b) => (Complex64)((Complex)a / (Complex)b);

    /// <summary>Sum with a real number. NumPy: <c>a + x</c>.</summary>
    public static Complex64 operator +(Complex64 a, float x) => new(a.Real + x, a.Imaginary);

    /// <summary>Difference with a real number. NumPy: <c>a - x</c>.</summary>
    public static Complex64 operator -(Complex64 a, float x) => new(a.Real - x, a.Imaginary);

    /// <summary>Product with a real number. NumPy: <c>a * x</c>.</summary>
    public static Complex64 operator *(Complex64 a, float x) => new(a.Real * x, a.Imaginary * x);

    /// <summary>Quotient by a real number. NumPy: <c>a / x</c>.</summary>
    public static Complex64 operator /(Complex64 a, float x) => new(a.Real / x, a.Imaginary / x);

    /// <summary>Equality of both parts (NaN ≠ NaN). NumPy: <c>a == b</c>.</summary>
    public static bool operator ==(Complex64 a, Complex64 b) => a.Real == b.Real && a.Imaginary == b.Imaginary;

    /// <summary>Inequality. NumPy: <c>a != b</c>.</summary>
    public static bool operator !=(Complex64 a, Complex64 b) => !(a == b);

    /// <summary>Sum. NumPy: <c>a + b</c>.</summary>
    public static Complex64 Add(Complex64 a, Complex64 b) => a + b;

    /// <summary>Difference. NumPy: <c>a - b</c>.</summary>
    public static Complex64 Subtract(Complex64 a, Complex64 b) => a - b;

    /// <summary>Product. NumPy: <c>a * b</c>.</summary>
    public static Complex64 Multiply(Complex64 a, Complex64 b) => a * b;

    /// <summary>Quotient. NumPy: <c>a / b</c>.</summary>
    public static Complex64 Divide(Complex64 a, Complex64 b) => a / b;

    /// <summary>Negation. NumPy: <c>-a</c>.</summary>
    public static Complex64 Negate(Complex64 a) => -a;

    /// <inheritdoc/>
    public bool Equals(Complex64 other) => Real.Equals(other.Real) && Imaginary.Equals(other.Imaginary);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Complex64 z && Equals(z);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Real, Imaginary);

    /// <summary>NumPy's element text for a complex64 inside an array: "1.+2.j", "0.-1.j", "nan+infj".</summary>
    public override string ToString() => ScalarText.Complex(Real, Imaginary, singlePrecision: true);

    /// <summary>Formats both parts with a .NET format string: "(1.00+2.00j)" style without parentheses.</summary>
    /// <param name="format">A .NET numeric format string for each part.</param>
    /// <param name="formatProvider">The culture; invariant when null.</param>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        if (string.IsNullOrEmpty(format)) return ToString();
        var p = formatProvider ?? CultureInfo.InvariantCulture;
        string im = Imaginary.ToString(format, p);
        if (!im.StartsWith('-')) im = "+" + im;
        return Real.ToString(format, p) + im + "j";
    }
}
