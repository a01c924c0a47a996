using System.Numerics;
using MathNet.Numerics;

namespace Numerics.Native.Tests.MathNet;

/// <summary>
/// Test-side arithmetic over Math.NET's four element types. Reference results are computed in double-precision
/// complex arithmetic, independent of any provider, so checks of products and residuals never run through the code
/// under test.
/// </summary>
internal static class Elem<T> where T : struct
{
    public static bool IsComplex => typeof(T) == typeof(Complex) || typeof(T) == typeof(Complex32);
    public static bool IsSingle => typeof(T) == typeof(float) || typeof(T) == typeof(Complex32);

    /// <summary>Unit roundoff of the type, the scale of every tolerance.</summary>
    public static double Eps => IsSingle ? 6e-8 : 1.1e-16;

    public static Complex ToC(T x) => x switch
    {
        double d => d,
        float f => f,
        Complex c => c,
        Complex32 c => new Complex(c.Real, c.Imaginary),
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    public static T FromC(Complex c)
    {
        object o = typeof(T) == typeof(double) ? c.Real
            : typeof(T) == typeof(float) ? (float)c.Real
            : typeof(T) == typeof(Complex) ? c
            : new Complex32((float)c.Real, (float)c.Imaginary);
        return (T)o;
    }

    public static T FromReal(double x) => FromC(new Complex(x, 0));

    public static T Random(Random rng) =>
        FromC(new Complex(2 * rng.NextDouble() - 1, IsComplex ? 2 * rng.NextDouble() - 1 : 0));

    public static T[] RandomArray(Random rng, long n)
    {
        var a = new T[n];
        for (long i = 0; i < n; i++)
            a[i] = Random(rng);
        return a;
    }

    public static Complex[] ToC(T[] a) => Array.ConvertAll(a, ToC);

    public static T[] FromC(Complex[] a) => Array.ConvertAll(a, FromC);

    /// <summary>A random column-major matrix plus <paramref name="shift"/> on the diagonal (well conditioned for shift ≳ n).</summary>
    public static T[] Matrix(Random rng, int rows, int cols, double shift = 0)
    {
        T[] a = RandomArray(rng, (long)rows * cols);
        for (int i = 0; i < Math.Min(rows, cols); i++)
            a[i * rows + i] = FromC(ToC(a[i * rows + i]) + shift);
        return a;
    }

    /// <summary>A random Hermitian positive definite matrix: B·Bᴴ + n·I.</summary>
    public static T[] PositiveDefinite(Random rng, int n)
    {
        Complex[] b = ToC(RandomArray(rng, (long)n * n));
        Complex[] a = Mat.Multiply(b, n, n, Mat.Adjoint(b, n, n), n);
        for (int i = 0; i < n; i++)
            a[i * n + i] += n;
        return FromC(a);
    }

    /// <summary>A random Hermitian (real: symmetric) matrix.</summary>
    public static T[] Hermitian(Random rng, int n)
    {
        Complex[] b = ToC(RandomArray(rng, (long)n * n));
        var a = new Complex[n * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                a[j * n + i] = i == j ? b[j * n + i].Real : (i > j ? b[j * n + i] : Complex.Conjugate(b[i * n + j]));
        return FromC(a);
    }

    public static double MaxAbs(Complex[] a) => a.Length == 0 ? 0 : a.Max(Complex.Abs);

    /// <summary>
    /// Asserts max |expected - actual| ≤ tol·max(1, max |expected|), with tol = <paramref name="ulps"/> unit
    /// roundoffs. Non-finite entries must match in kind (both NaN, or the same infinity).
    /// </summary>
    public static void AssertClose(Complex[] expected, Complex[] actual, double ulps, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what + ": length");
        double scale = Math.Max(1.0, expected.Where(IsFinite).Select(Complex.Abs).DefaultIfEmpty(0).Max());
        double tol = ulps * Eps * scale, worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!IsFinite(expected[i]) || !IsFinite(actual[i]))
            {
                Assert.That(IsFinite(actual[i]), Is.EqualTo(IsFinite(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
                continue;
            }
            double d = Complex.Abs(expected[i] - actual[i]);
            if (d > worst)
                (worst, at) = (d, i);
        }
        Assert.That(worst, Is.LessThanOrEqualTo(tol),
            $"{what}: largest difference {worst:G3} at [{at}] (expected {(at >= 0 ? expected[at] : default)}, got {(at >= 0 ? actual[at] : default)}); tolerance {tol:G3}");
    }

    public static void AssertClose(T[] expected, T[] actual, double ulps, string what) =>
        AssertClose(ToC(expected), ToC(actual), ulps, what);

    public static bool IsFinite(Complex c) => double.IsFinite(c.Real) && double.IsFinite(c.Imaginary);
}

/// <summary>Column-major reference matrix arithmetic in double-precision complex numbers.</summary>
internal static class Mat
{
    public static Complex[] Multiply(Complex[] a, int m, int k, Complex[] b, int n)
    {
        var c = new Complex[m * n];
        for (int j = 0; j < n; j++)
            for (int p = 0; p < k; p++)
            {
                Complex bpj = b[j * k + p];
                for (int i = 0; i < m; i++)
                    c[j * m + i] += a[p * m + i] * bpj;
            }
        return c;
    }

    /// <summary>The conjugate transpose of an m-by-n matrix (n-by-m).</summary>
    public static Complex[] Adjoint(Complex[] a, int m, int n)
    {
        var t = new Complex[m * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
                t[i * n + j] = Complex.Conjugate(a[j * m + i]);
        return t;
    }

    public static Complex[] Transpose(Complex[] a, int m, int n)
    {
        var t = new Complex[m * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
                t[i * n + j] = a[j * m + i];
        return t;
    }

    public static Complex[] Identity(int n)
    {
        var a = new Complex[n * n];
        for (int i = 0; i < n; i++)
            a[i * n + i] = 1;
        return a;
    }

    /// <summary>Entries strictly below the diagonal of an m-by-n matrix.</summary>
    public static IEnumerable<Complex> BelowDiagonal(Complex[] a, int m, int n)
    {
        for (int j = 0; j < n; j++)
            for (int i = j + 1; i < m; i++)
                yield return a[j * m + i];
    }

    /// <summary>The m-by-n column-major matrix's columns [0, cols).</summary>
    public static Complex[] Columns(Complex[] a, int m, int cols) => a[..(m * cols)];
}
