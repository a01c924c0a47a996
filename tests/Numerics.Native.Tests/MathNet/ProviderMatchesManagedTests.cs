using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.MathNet;

namespace Numerics.Native.Tests.MathNet;

/// <summary>
/// Math.NET's managed provider is the oracle: every <see cref="ILinearAlgebraProvider{T}"/> member of ours, on random
/// inputs of sizes 0, 1, several, tall and wide, gives what the managed one gives, within a tolerance in unit
/// roundoffs of the type. Where a decomposition is unique only up to signs or scaling (Q, singular and eigen vectors),
/// its defining properties are checked instead, against reference arithmetic that no provider computes. Both
/// providers are called as instances, never through the process-global LinearAlgebraControl.Provider.
/// </summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
[TestFixture(typeof(Complex))]
[TestFixture(typeof(Complex32))]
public sealed class ProviderMatchesManagedTests<T> where T : struct
{
    private static readonly ILinearAlgebraProvider<T> Ours = (ILinearAlgebraProvider<T>)(object)NumericsNativeLinearAlgebraProvider.Instance;
    private static readonly ILinearAlgebraProvider<T> Managed = (ILinearAlgebraProvider<T>)(object)ManagedLinearAlgebraProvider.Instance;

    private static readonly int[] Lengths = [0, 1, 7, 100];

    private static IEnumerable<TestCaseData> Shapes() =>
        new (int M, int N)[] { (0, 0), (1, 1), (3, 3), (8, 8), (9, 4), (4, 9), (0, 3), (3, 0), (1, 5), (5, 1) }
            .Select(s => new TestCaseData(s.M, s.N).SetArgDisplayNames($"{s.M}x{s.N}"));

    private static IEnumerable<TestCaseData> TallShapes() =>
        new (int M, int N)[] { (0, 0), (1, 1), (3, 3), (8, 8), (9, 4), (5, 1), (3, 0) }
            .Select(s => new TestCaseData(s.M, s.N).SetArgDisplayNames($"{s.M}x{s.N}"));

    private static IEnumerable<TestCaseData> Orders() =>
        new[] { 0, 1, 2, 5, 16 }.Select(n => new TestCaseData(n).SetArgDisplayNames($"n={n}"));

    private static IEnumerable<TestCaseData> Products() =>
        new (int M, int K, int N)[] { (0, 0, 0), (1, 1, 1), (3, 4, 5), (7, 0, 3), (0, 5, 2), (5, 3, 0), (20, 17, 9), (1, 9, 1) }
            .Select(s => new TestCaseData(s.M, s.K, s.N).SetArgDisplayNames($"{s.M}x{s.K}·{s.K}x{s.N}"));

    private static Random Rng(params int[] seed) => new(HashCode.Combine(typeof(T).Name, string.Join(",", seed)));

    private static T[] Rand(Random rng, long n) => Elem<T>.RandomArray(rng, n);

    private static T Scalar(Random rng) => Elem<T>.Random(rng);

    private static Complex[] C(T[] a) => Elem<T>.ToC(a);

    private static void Close(T[] expected, T[] actual, double ulps, string what) => Elem<T>.AssertClose(expected, actual, ulps, what);

    private static void Close(Complex[] expected, Complex[] actual, double ulps, string what) => Elem<T>.AssertClose(expected, actual, ulps, what);

    /// <summary>Math.NET's managed SVD and eigen solvers index element 0 of an empty matrix; there, the empty
    /// answer the caller's arrays already hold (nothing, or zeros) stands in for theirs.</summary>
    private static void ManagedUnlessEmpty(bool empty, Action call)
    {
        try
        {
            call();
        }
        catch (IndexOutOfRangeException) when (empty)
        {
        }
    }

    // ---- vectors and elementwise ----

    [Test]
    public void AddVectorToScaledVector([ValueSource(nameof(Lengths))] int n, [Values(0, 1, 2)] int alphaKind)
    {
        Random rng = Rng(n, alphaKind);
        T[] y = Rand(rng, n), x = Rand(rng, n);
        T alpha = alphaKind switch { 0 => default, 1 => Elem<T>.FromReal(1), _ => Scalar(rng) };
        T[] expected = new T[n], actual = new T[n];
        Managed.AddVectorToScaledVector(y, alpha, x, expected);
        Ours.AddVectorToScaledVector(y, alpha, x, actual);
        Close(expected, actual, 4, "result");

        T[] intoY = (T[])y.Clone();
        Ours.AddVectorToScaledVector(intoY, alpha, x, intoY);
        Close(expected, intoY, 4, "result aliasing y");
        T[] intoX = (T[])x.Clone();
        Ours.AddVectorToScaledVector(y, alpha, intoX, intoX);
        Close(expected, intoX, 4, "result aliasing x");
    }

    [Test]
    public void ScaleArray([ValueSource(nameof(Lengths))] int n, [Values(0, 1, 2)] int alphaKind)
    {
        Random rng = Rng(n, alphaKind);
        T[] x = Rand(rng, n);
        T alpha = alphaKind switch { 0 => default, 1 => Elem<T>.FromReal(1), _ => Scalar(rng) };
        T[] expected = new T[n], actual = new T[n];
        Managed.ScaleArray(alpha, x, expected);
        Ours.ScaleArray(alpha, x, actual);
        Close(expected, actual, 2, "result");
        Ours.ScaleArray(alpha, x, x);
        Close(expected, x, 2, "in place");
    }

    [Test]
    public void ConjugateArray([ValueSource(nameof(Lengths))] int n)
    {
        T[] x = Rand(Rng(n), n);
        T[] expected = new T[n], actual = new T[n];
        Managed.ConjugateArray(x, expected);
        Ours.ConjugateArray(x, actual);
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void DotProduct([ValueSource(nameof(Lengths))] int n)
    {
        Random rng = Rng(n);
        T[] x = Rand(rng, n), y = Rand(rng, n);
        Close([Managed.DotProduct(x, y)], [Ours.DotProduct(x, y)], 16 * (n + 1), "x·y");
    }

    [Test]
    public void PointwiseOperations([ValueSource(nameof(Lengths))] int n,
        [Values("Add", "Subtract", "Multiply", "Divide", "Power")] string op)
    {
        Random rng = Rng(n, op.Length);
        T[] x = Rand(rng, n), y = Rand(rng, n);
        if (op == "Power" && !Elem<T>.IsComplex)
            x = Array.ConvertAll(x, v => Elem<T>.FromReal(Math.Abs(Elem<T>.ToC(v).Real) + 0.5)); // real powers of positives
        Action<ILinearAlgebraProvider<T>, T[], T[], T[]> run = op switch
        {
            "Add" => (p, a, b, r) => p.AddArrays(a, b, r),
            "Subtract" => (p, a, b, r) => p.SubtractArrays(a, b, r),
            "Multiply" => (p, a, b, r) => p.PointWiseMultiplyArrays(a, b, r),
            "Divide" => (p, a, b, r) => p.PointWiseDivideArrays(a, b, r),
            _ => (p, a, b, r) => p.PointWisePowerArrays(a, b, r),
        };
        T[] expected = new T[n], actual = new T[n];
        run(Managed, x, y, expected);
        run(Ours, x, y, actual);
        Close(expected, actual, 2, op);
        run(Ours, x, y, x);
        Close(expected, x, 2, op + " into x");
    }

    // ---- norms and products ----

    [TestCaseSource(nameof(Shapes))]
    public void MatrixNorm(int m, int n)
    {
        T[] a = Rand(Rng(m, n), (long)m * n);
        foreach (Norm norm in new[] { Norm.OneNorm, Norm.InfinityNorm, Norm.FrobeniusNorm, Norm.LargestAbsoluteValue })
        {
            double ours = Ours.MatrixNorm(norm, m, n, a);
            double expected;
            try
            {
                expected = Managed.MatrixNorm(norm, m, n, a);
            }
            catch (IndexOutOfRangeException) when (m == 0)
            {
                expected = 0; // the managed infinity norm reads row 0 of a matrix that has none
            }
            Close([new Complex(expected, 0)], [new Complex(ours, 0)], 8 * (m + n + 1), $"{norm}");
        }
    }

    [TestCaseSource(nameof(Products))]
    public void MatrixMultiply(int m, int k, int n)
    {
        Random rng = Rng(m, k, n);
        T[] x = Rand(rng, (long)m * k), y = Rand(rng, (long)k * n);
        T[] expected = Rand(rng, (long)m * n), actual = (T[])expected.Clone(); // stale contents must not leak through
        Managed.MatrixMultiply(x, m, k, y, k, n, expected);
        Ours.MatrixMultiply(x, m, k, y, k, n, actual);
        Close(expected, actual, 4 * k + 8, "x·y");
        Close(Mat.Multiply(C(x), m, k, C(y), n), C(actual), 4 * k + 8, "x·y against reference");
    }

    [Test]
    public void MatrixMultiplyWithUpdate(
        [Values(Transpose.DontTranspose, Transpose.Transpose, Transpose.ConjugateTranspose)] Transpose ta,
        [Values(Transpose.DontTranspose, Transpose.Transpose, Transpose.ConjugateTranspose)] Transpose tb,
        [Values(0, 1, 3, 6)] int m)
    {
        foreach ((int k, int n) in new[] { (m, m), (4, 2), (0, 3), (2, 0) })
        {
            Random rng = Rng((int)ta, (int)tb, m, k, n);
            // Stored shapes: op(a) is m-by-k, op(b) is k-by-n.
            (int ra, int ca) = ta == Transpose.DontTranspose ? (m, k) : (k, m);
            (int rb, int cb) = tb == Transpose.DontTranspose ? (k, n) : (n, k);
            T[] a = Rand(rng, (long)ra * ca), b = Rand(rng, (long)rb * cb);
            T alpha = Scalar(rng), beta = Scalar(rng);
            T[] expected = Rand(rng, (long)m * n), actual = (T[])expected.Clone();
            Managed.MatrixMultiplyWithUpdate(ta, tb, alpha, a, ra, ca, b, rb, cb, beta, expected);
            Ours.MatrixMultiplyWithUpdate(ta, tb, alpha, a, ra, ca, b, rb, cb, beta, actual);
            Close(expected, actual, 4 * k + 16, $"k={k}, n={n}");
        }
    }

    // ---- LU ----

    /// <summary>Applies Math.NET's 0-based sequential row interchanges to a column-major matrix.</summary>
    private static Complex[] Permute(Complex[] a, int n, int cols, int[] ipiv)
    {
        var p = (Complex[])a.Clone();
        for (int i = 0; i < ipiv.Length; i++)
            for (int j = 0; j < cols; j++)
                (p[j * n + i], p[j * n + ipiv[i]]) = (p[j * n + ipiv[i]], p[j * n + i]);
        return p;
    }

    [TestCaseSource(nameof(Orders))]
    public void LUFactor(int n)
    {
        T[] a = Elem<T>.Matrix(Rng(n), n, n);
        T[] ours = (T[])a.Clone(), managed = (T[])a.Clone();
        int[] ipivOurs = new int[n], ipivManaged = new int[n];
        Ours.LUFactor(ours, n, ipivOurs);
        Managed.LUFactor(managed, n, ipivManaged);

        // P·A = L·U with L unit lower and U upper, both packed in the result.
        Complex[] f = C(ours), l = new Complex[n * n], u = new Complex[n * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                if (i > j) l[j * n + i] = f[j * n + i];
                else u[j * n + i] = f[j * n + i];
                if (i == j) l[j * n + i] = 1;
            }
        Close(Permute(C(a), n, n, ipivOurs), Mat.Multiply(l, n, n, u, n), 16 * n + 16, "P·A against L·U");
        if (!Elem<T>.IsComplex)
        {
            // Both pick the largest |entry| as pivot; LAPACK's complex pivot uses |re| + |im| instead of the modulus.
            Assert.That(ipivOurs, Is.EqualTo(ipivManaged), "pivots");
            Close(managed, ours, 64 * n + 16, "factors");
        }
    }

    [TestCaseSource(nameof(Orders))]
    public void LUInverseAndInverseFactored(int n)
    {
        T[] a = Elem<T>.Matrix(Rng(n), n, n, shift: n + 1);
        T[] expected = (T[])a.Clone(), actual = (T[])a.Clone();
        Managed.LUInverse(expected, n);
        Ours.LUInverse(actual, n);
        Close(expected, actual, 64 * n + 16, "inverse");

        // From Math.NET's own factors and 0-based pivots.
        T[] factors = (T[])a.Clone();
        var ipiv = new int[n];
        Managed.LUFactor(factors, n, ipiv);
        T[] fromFactors = (T[])factors.Clone();
        Ours.LUInverseFactored(fromFactors, n, ipiv);
        Close(expected, fromFactors, 64 * n + 16, "inverse from managed factors");
    }

    [TestCaseSource(nameof(Orders))]
    public void LUSolveAndSolveFactored(int n)
    {
        Random rng = Rng(n);
        T[] a = Elem<T>.Matrix(rng, n, n, shift: n + 1);
        foreach (int nrhs in new[] { 0, 1, 3 })
        {
            T[] b = Rand(rng, (long)n * nrhs);
            T[] expected = (T[])b.Clone(), actual = (T[])b.Clone();
            Managed.LUSolve(nrhs, a, n, expected);
            Ours.LUSolve(nrhs, a, n, actual);
            Close(expected, actual, 64 * n + 16, $"LUSolve nrhs={nrhs}");

            T[] factors = (T[])a.Clone();
            var ipiv = new int[n];
            Managed.LUFactor(factors, n, ipiv);
            T[] fromFactors = (T[])b.Clone();
            Ours.LUSolveFactored(nrhs, factors, n, ipiv, fromFactors);
            Close(expected, fromFactors, 64 * n + 16, $"LUSolveFactored nrhs={nrhs}");
        }
    }

    [Test]
    public void SingularMatricesGiveNonFiniteResultsLikeManaged()
    {
        const int n = 4;
        T[] a = Elem<T>.Matrix(Rng(n), n, n);
        for (int i = 0; i < n; i++)
            a[2 * n + i] = default; // a zero column
        T[] b = Rand(Rng(n, 1), n);
        T[] expected = (T[])b.Clone(), actual = (T[])b.Clone();
        Managed.LUSolve(1, a, n, expected);
        Ours.LUSolve(1, a, n, actual);
        Assert.That(C(expected).Any(c => !Elem<T>.IsFinite(c)), Is.True, "managed solve");
        Assert.That(C(actual).Any(c => !Elem<T>.IsFinite(c)), Is.True, "our solve");

        T[] invExpected = (T[])a.Clone(), invActual = (T[])a.Clone();
        Managed.LUInverse(invExpected, n);
        Ours.LUInverse(invActual, n);
        Assert.That(C(invExpected).Any(c => !Elem<T>.IsFinite(c)), Is.True, "managed inverse");
        Assert.That(C(invActual).Any(c => !Elem<T>.IsFinite(c)), Is.True, "our inverse");

        var ipivOurs = new int[n];
        T[] factors = (T[])a.Clone();
        Assert.DoesNotThrow(() => Ours.LUFactor(factors, n, ipivOurs), "a singular LU is a result, not an error");
    }

    // ---- Cholesky ----

    [TestCaseSource(nameof(Orders))]
    public void CholeskyFactorSolveAndSolveFactored(int n)
    {
        Random rng = Rng(n);
        T[] a = Elem<T>.PositiveDefinite(rng, n);
        T[] expected = (T[])a.Clone(), actual = (T[])a.Clone();
        Managed.CholeskyFactor(expected, n);
        Ours.CholeskyFactor(actual, n);
        Close(expected, actual, 32 * n + 16, "L");

        T[] b = Rand(rng, n * 2L);
        T[] xExpected = (T[])b.Clone(), xActual = (T[])b.Clone(), xFactored = (T[])b.Clone();
        Managed.CholeskySolve(a, n, xExpected, 2);
        Ours.CholeskySolve(a, n, xActual, 2);
        Close(xExpected, xActual, 64 * n + 16, "CholeskySolve");
        Ours.CholeskySolveFactored(expected, n, xFactored, 2);
        Close(xExpected, xFactored, 64 * n + 16, "CholeskySolveFactored from managed L");
    }

    [Test]
    public void CholeskyOfANonPositiveDefiniteMatrixThrowsAsManaged([Values(1, 4)] int n)
    {
        T[] a = Elem<T>.Hermitian(Rng(n), n);
        for (int i = 0; i < n; i++)
            a[i * n + i] = Elem<T>.FromReal(-1);
        var managed = Assert.Throws<ArgumentException>(() => Managed.CholeskyFactor((T[])a.Clone(), n))!;
        var ours = Assert.Throws<ArgumentException>(() => Ours.CholeskyFactor((T[])a.Clone(), n))!;
        Assert.That(ours.Message, Is.EqualTo(managed.Message));
        Assert.Throws<ArgumentException>(() => Ours.CholeskySolve(a, n, new T[n], 1));
    }

    // ---- QR ----

    /// <summary>Q (m-by-q) has orthonormal columns, R (rows-by-n) is upper triangular, Q·R = A, and |diag R|
    /// matches the managed R (R is unique up to unit factors on its rows).</summary>
    private static void CheckQR(T[] a, int m, int n, T[] q, int qCols, T[] r, int rRows, T[] managedR)
    {
        Complex[] cq = C(q), cr = C(r);
        double ulps = 64 * (m + n) + 16;
        Close(Mat.Identity(qCols), Mat.Multiply(Mat.Adjoint(cq, m, qCols), qCols, m, cq, qCols), ulps, "QᴴQ");
        Assert.That(Mat.BelowDiagonal(cr, rRows, n).All(c => c == Complex.Zero), Is.True, "R is upper triangular");
        Close(C(a), Mat.Multiply(cq, m, qCols, cr, n), ulps, "Q·R");
        Complex[] mr = C(managedR);
        var diagOurs = Enumerable.Range(0, Math.Min(rRows, n)).Select(i => (Complex)Complex.Abs(cr[i * rRows + i])).ToArray();
        var diagManaged = Enumerable.Range(0, Math.Min(rRows, n)).Select(i => (Complex)Complex.Abs(mr[i * rRows + i])).ToArray();
        Close(diagManaged, diagOurs, ulps, "|diag R|");
    }

    [TestCaseSource(nameof(Shapes))]
    public void QRFactor(int m, int n)
    {
        T[] a = Elem<T>.Matrix(Rng(m, n), m, n);
        int k = Math.Min(m, n);
        T[] r = (T[])a.Clone(), q = new T[(long)m * m], tau = new T[k];
        T[] mr = (T[])a.Clone(), mq = new T[(long)m * m], mtau = new T[Math.Max(k, m * n)];
        Managed.QRFactor(mr, m, n, mq, mtau);
        Ours.QRFactor(r, m, n, q, tau);
        CheckQR(a, m, n, q, m, r, m, mr);
    }

    [TestCaseSource(nameof(TallShapes))]
    public void ThinQRFactor(int m, int n)
    {
        T[] a = Elem<T>.Matrix(Rng(m, n), m, n);
        T[] q = (T[])a.Clone(), r = new T[(long)n * n], tau = new T[Math.Min(m, n)];
        T[] mq = (T[])a.Clone(), mr = new T[(long)n * n], mtau = new T[Math.Max(1, m * n)];
        Managed.ThinQRFactor(mq, m, n, mr, mtau);
        Ours.ThinQRFactor(q, m, n, r, tau);
        CheckQR(a, m, n, q, n, r, n, mr);
    }

    [TestCaseSource(nameof(TallShapes))]
    public void QRSolveAndSolveFactored(int m, int n)
    {
        Random rng = Rng(m, n);
        T[] a = Elem<T>.Matrix(rng, m, n, shift: 2);
        foreach (QRMethod method in new[] { QRMethod.Full, QRMethod.Thin })
        {
            const int nrhs = 2;
            T[] b = Rand(rng, (long)m * nrhs);
            T[] expected = new T[(long)n * nrhs], actual = new T[(long)n * nrhs];
            Managed.QRSolve(a, m, n, b, nrhs, expected, method);
            Ours.QRSolve(a, m, n, b, nrhs, actual, method);
            Close(expected, actual, 256 * (m + n) + 16, $"QRSolve {method}");

            // From Math.NET's own factors (Q, R; no reflectors), and from ours.
            foreach (var provider in new[] { Managed, Ours })
            {
                T[] q, r, tau = new T[Math.Max(1, m * n)];
                if (method == QRMethod.Full)
                {
                    r = (T[])a.Clone();
                    q = new T[(long)m * m];
                    provider.QRFactor(r, m, n, q, tau);
                }
                else
                {
                    q = (T[])a.Clone();
                    r = new T[(long)n * n];
                    provider.ThinQRFactor(q, m, n, r, tau);
                }
                T[] x = new T[(long)n * nrhs];
                Ours.QRSolveFactored(q, r, m, n, tau, b, nrhs, x, method);
                Close(expected, x, 256 * (m + n) + 16, $"QRSolveFactored {method} from {(provider == Ours ? "our" : "managed")} factors");
            }
        }
    }

    // ---- SVD ----

    [TestCaseSource(nameof(Shapes))]
    public void SingularValueDecomposition(int m, int n)
    {
        T[] a = Elem<T>.Matrix(Rng(m, n), m, n);
        int k = Math.Min(m, n);
        T[] s = new T[k], u = new T[(long)m * m], vt = new T[(long)n * n];
        T[] ms = new T[k], mu = new T[(long)m * m], mvt = new T[(long)n * n];
        ManagedUnlessEmpty(k == 0, () => Managed.SingularValueDecomposition(true, (T[])a.Clone(), m, n, ms, mu, mvt));
        Ours.SingularValueDecomposition(true, (T[])a.Clone(), m, n, s, u, vt);
        double ulps = 64 * (m + n) + 16;
        Close(ms, s, ulps, "singular values");

        Complex[] cu = C(u), cvt = C(vt), sigma = new Complex[m * n];
        for (int i = 0; i < k; i++)
            sigma[i * m + i] = Elem<T>.ToC(s[i]);
        Close(Mat.Identity(m), Mat.Multiply(Mat.Adjoint(cu, m, m), m, m, cu, m), ulps, "UᴴU");
        Close(Mat.Identity(n), Mat.Multiply(cvt, n, n, Mat.Adjoint(cvt, n, n), n), ulps, "VᴴV");
        Close(C(a), Mat.Multiply(Mat.Multiply(cu, m, m, sigma, n), m, n, cvt, n), ulps, "U·S·Vᴴ");

        T[] sOnly = new T[k];
        Ours.SingularValueDecomposition(false, (T[])a.Clone(), m, n, sOnly, new T[(long)m * m], new T[(long)n * n]);
        Close(ms, sOnly, ulps, "singular values without vectors");
    }

    [TestCaseSource(nameof(Shapes))]
    public void SvdSolveAndSolveFactored(int m, int n)
    {
        Random rng = Rng(m, n);
        T[] a = Elem<T>.Matrix(rng, m, n, shift: 2);
        const int nrhs = 2;
        T[] b = Rand(rng, (long)m * nrhs);
        T[] expected = new T[(long)n * nrhs], actual = new T[(long)n * nrhs];
        ManagedUnlessEmpty(Math.Min(m, n) == 0, () => Managed.SvdSolve(a, m, n, b, nrhs, expected));
        Ours.SvdSolve(a, m, n, b, nrhs, actual);
        double ulps = 256 * (m + n) + 16;
        Close(expected, actual, ulps, "SvdSolve");

        int k = Math.Min(m, n);
        T[] s = new T[k], u = new T[(long)m * m], vt = new T[(long)n * n];
        if (k == 0)
            Ours.SingularValueDecomposition(true, (T[])a.Clone(), m, n, s, u, vt);
        else
            Managed.SingularValueDecomposition(true, (T[])a.Clone(), m, n, s, u, vt);
        T[] x = new T[(long)n * nrhs];
        Ours.SvdSolveFactored(m, n, s, u, vt, b, nrhs, x);
        Close(expected, x, ulps, "SvdSolveFactored from managed factors");
    }

    // ---- eigenvalues ----

    [TestCaseSource(nameof(Orders))]
    public void SymmetricEigenDecomposition(int n)
    {
        T[] a = Elem<T>.Hermitian(Rng(n), n);
        T[] input = (T[])a.Clone();
        T[] v = new T[n * n], d = new T[n * n], mv = new T[n * n], md = new T[n * n];
        Complex[] w = new Complex[n], mw = new Complex[n];
        ManagedUnlessEmpty(n == 0, () => Managed.EigenDecomp(true, n, (T[])a.Clone(), mv, mw, md));
        Ours.EigenDecomp(true, n, a, v, w, d);
        double ulps = 64 * n + 16;
        Assert.That(a, Is.EqualTo(input), "the input matrix is left unchanged");
        Close(mw, w, ulps, "eigenvalues (ascending)");
        Close(md, d, ulps, "D");
        Complex[] cv = C(v);
        Close(Mat.Identity(n), Mat.Multiply(Mat.Adjoint(cv, n, n), n, n, cv, n), ulps, "VᴴV");
        Close(Mat.Multiply(C(a), n, n, cv, n), Mat.Multiply(cv, n, n, C(d), n), ulps, "A·V = V·D");
    }

    [TestCaseSource(nameof(Orders))]
    [TestCase(200, TestName = "{m}(n=200, fewer Hessenberg shifts)")]
    public void GeneralEigenDecomposition(int n)
    {
        T[] a = Elem<T>.Matrix(Rng(n), n, n);
        T[] input = (T[])a.Clone();
        T[] v = new T[n * n], d = new T[n * n], mv = new T[n * n], md = new T[n * n];
        Complex[] w = new Complex[n], mw = new Complex[n];
        ManagedUnlessEmpty(n == 0, () => Managed.EigenDecomp(false, n, (T[])a.Clone(), mv, mw, md));
        Ours.EigenDecomp(false, n, a, v, w, d);
        double ulps = 256 * n + 16;
        Assert.That(a, Is.EqualTo(input), "the input matrix is left unchanged");
        // Both order eigenvalues as their Schur forms do, which need not agree: compare them sorted.
        static Complex[] Sorted(Complex[] x) => [.. x.OrderBy(c => Math.Round(c.Real, 3)).ThenBy(c => c.Imaginary)];
        Close(Sorted(mw), Sorted(w), ulps, "eigenvalues");
        Complex[] cv = C(v);
        // LAPACK normalises eigenvectors, Math.NET's managed code does not: check the defining identity instead.
        Close(Mat.Multiply(C(a), n, n, cv, n), Mat.Multiply(cv, n, n, C(d), n), ulps, "A·V = V·D");
        for (int i = 0; i < n; i++)
            Assert.That(Complex.Abs(Elem<T>.ToC(d[i * n + i]) - w[i].Real - (Elem<T>.IsComplex ? Complex.ImaginaryOne * w[i].Imaginary : 0)),
                Is.LessThan(1e-3), $"D[{i},{i}] holds eigenvalue {i}");
    }

    [Test]
    public void NaNInputIsNonConvergenceForSvdAndEigenAndNotPositiveDefiniteForCholesky()
    {
        const int n = 4;
        T[] a = Elem<T>.Matrix(Rng(n), n, n, shift: 5);
        a[2 * n + 1] = Elem<T>.FromReal(double.NaN);
        void Svd(ILinearAlgebraProvider<T> p) =>
            p.SingularValueDecomposition(true, (T[])a.Clone(), n, n, new T[n], new T[n * n], new T[n * n]);
        void Evd(ILinearAlgebraProvider<T> p) =>
            p.EigenDecomp(false, n, (T[])a.Clone(), new T[n * n], new Complex[n], new T[n * n]);
        // Math.NET's managed SVD and general EVD throw NonConvergenceException on this double input after their
        // iteration limits; for some element types they iterate on NaN far longer, so they are not run here.
        if (typeof(T) == typeof(double))
        {
            Assert.Throws<NonConvergenceException>(() => Svd(Managed));
            Assert.Throws<NonConvergenceException>(() => Evd(Managed));
        }
        Assert.Throws<NonConvergenceException>(() => Svd(Ours), "LAPACK alone would return zeros");
        Assert.Throws<NonConvergenceException>(() => Evd(Ours), "LAPACK alone would report an illegal argument");
        Assert.Throws<NonConvergenceException>(() => Ours.EigenDecomp(true, n, (T[])a.Clone(), new T[n * n], new Complex[n], new T[n * n]));

        T[] spd = Elem<T>.PositiveDefinite(Rng(n, 1), n);
        spd[n + 1] = Elem<T>.FromReal(double.NaN);
        Assert.Throws<ArgumentException>(() => Managed.CholeskyFactor((T[])spd.Clone(), n));
        Assert.Throws<ArgumentException>(() => Ours.CholeskyFactor((T[])spd.Clone(), n), "OpenBLAS's potrf lets a NaN pivot through");
    }

    // ---- argument errors: the managed provider's exception types ----

    private static IEnumerable<TestCaseData> BadCalls()
    {
        T[] a4 = new T[4], a3 = new T[3], a9 = new T[9];
        var cases = new (string Name, Action<ILinearAlgebraProvider<T>> Call)[]
        {
            ("AddArrays length", p => p.AddArrays(a4, a3, a4)),
            ("AddArrays null", p => p.AddArrays(null!, a4, a4)),
            ("DotProduct length", p => p.DotProduct(a4, a3)),
            ("DotProduct null", p => p.DotProduct(a4, null!)),
            ("AddVectorToScaledVector length", p => p.AddVectorToScaledVector(a4, default, a3, a4)),
            ("MatrixMultiply inner dims", p => p.MatrixMultiply(a4, 2, 2, a3, 3, 1, a3)),
            ("MatrixMultiply a length", p => p.MatrixMultiply(a3, 2, 2, a4, 2, 2, a4)),
            ("MatrixMultiplyWithUpdate c length", p => p.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.Transpose, default, a4, 2, 2, a4, 2, 2, default, a3)),
            ("LUFactor length", p => p.LUFactor(a3, 2, new int[2])),
            ("LUFactor ipiv", p => p.LUFactor(a4, 2, new int[3])),
            ("LUSolve b length", p => p.LUSolve(2, a4, 2, a3)),
            ("LUSolve same array", p => p.LUSolve(2, a4, 2, a4)),
            ("CholeskySolve same array", p => p.CholeskySolve(a4, 2, a4, 2)),
            ("QRFactor q length", p => p.QRFactor(a4, 2, 2, a3, a4)),
            ("QRFactor tau", p => p.QRFactor(a4, 2, 2, a4, new T[1])),
            ("QRSolve wide", p => p.QRSolve(new T[6], 2, 3, new T[2], 1, a3)),
            ("QRSolveFactored r length", p => p.QRSolveFactored(a4, a3, 2, 2, a4, new T[2], 1, new T[2])),
            ("SingularValueDecomposition s", p => p.SingularValueDecomposition(true, a4, 2, 2, a3, a4, a4)),
            ("SvdSolveFactored u", p => p.SvdSolveFactored(2, 2, new T[2], a3, a4, new T[2], 1, new T[2])),
            ("EigenDecomp vectorEv", p => p.EigenDecomp(true, 3, a9, new T[9], new Complex[2], new T[9])),
            ("EigenDecomp matrix length", p => p.EigenDecomp(false, 3, a4, new T[9], new Complex[3], new T[9])),
        };
        return cases.Select(c => new TestCaseData(c.Call).SetArgDisplayNames(c.Name));
    }

    [TestCaseSource(nameof(BadCalls))]
    public void BadArgumentsThrowWhatManagedThrows(Action<ILinearAlgebraProvider<T>> call)
    {
        Exception managed = Assert.Catch(() => call(Managed))!;
        Exception ours = Assert.Catch(() => call(Ours))!;
        Assert.That(ours.GetType(), Is.EqualTo(managed.GetType()), $"ours: {ours.Message}; managed: {managed.Message}");
    }

    [Test]
    public void PivotsOutsideTheMatrixAreRejectedBeforeLapackSwapsRows()
    {
        T[] a = Elem<T>.Matrix(Rng(3), 3, 3, shift: 4);
        Assert.Throws<ArgumentException>(() => Ours.LUSolveFactored(1, a, 3, [0, 7, 2], new T[3]));
        Assert.Throws<ArgumentException>(() => Ours.LUInverseFactored((T[])a.Clone(), 3, [-1, 1, 2]));
    }
}
