using Complex = System.Numerics.Complex;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.MathNet;

namespace Numerics.Native.Tests.MathNet;

/// <summary>
/// What a Math.NET user writes (Matrix.Solve, LU, QR, Svd, Evd, Cholesky, Inverse, Determinant, norms), run with
/// <see cref="NumericsNativeProvider.Use"/> switched on, against the same calls under Math.NET's managed provider.
/// <see cref="LinearAlgebraControl.Provider"/> is process-global: this fixture sets it, restores it afterwards, and
/// runs alone.
/// </summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
[TestFixture(typeof(Complex))]
[TestFixture(typeof(Complex32))]
[NonParallelizable]
public sealed class MathNetUserLevelTests<T> where T : struct, IEquatable<T>, IFormattable
{
    private ILinearAlgebraProvider _saved = null!;

    [OneTimeSetUp]
    public void SwitchOurProviderOn()
    {
        _saved = LinearAlgebraControl.Provider;
        NumericsNativeProvider.Use();
    }

    [OneTimeTearDown]
    public void RestoreTheProvider() => LinearAlgebraControl.Provider = _saved;

    /// <summary>Runs <paramref name="f"/> under Math.NET's managed provider, then switches ours back on.</summary>
    private static TResult Managed<TResult>(Func<TResult> f)
    {
        LinearAlgebraControl.UseManaged();
        try
        {
            return f();
        }
        finally
        {
            NumericsNativeProvider.Use();
        }
    }

    private static Random Rng(params int[] seed) => new(HashCode.Combine(typeof(T).Name, string.Join(",", seed)));

    private static Matrix<T> Random(Random rng, int rows, int cols, double shift = 0) =>
        Matrix<T>.Build.Dense(rows, cols, Elem<T>.Matrix(rng, rows, cols, shift));

    private static Vector<T> RandomVector(Random rng, int n) => Vector<T>.Build.Dense(Elem<T>.RandomArray(rng, n));

    private static Complex[] C(Matrix<T> m) => Elem<T>.ToC(m.ToColumnMajorArray());

    private static Complex[] C(Vector<T> v) => Elem<T>.ToC(v.ToArray());

    private static void Close(Matrix<T> expected, Matrix<T> actual, double ulps, string what)
    {
        Assert.That((actual.RowCount, actual.ColumnCount), Is.EqualTo((expected.RowCount, expected.ColumnCount)), what + ": shape");
        Elem<T>.AssertClose(C(expected), C(actual), ulps, what);
    }

    private static void Close(Vector<T> expected, Vector<T> actual, double ulps, string what) =>
        Elem<T>.AssertClose(C(expected), C(actual), ulps, what);

    private static void Close(double expected, double actual, double ulps, string what) =>
        Elem<T>.AssertClose([expected], [actual], ulps, what);

    private static void Close(T expected, T actual, double ulps, string what) =>
        Elem<T>.AssertClose([Elem<T>.ToC(expected)], [Elem<T>.ToC(actual)], ulps, what);

    private static double Ulps(int n) => 256.0 * n + 64;

    [Test]
    public void TheProviderInUseIsOurs()
    {
        Assert.That(LinearAlgebraControl.Provider, Is.SameAs(NumericsNativeLinearAlgebraProvider.Instance));
        Assert.That(LinearAlgebraControl.Provider.ToString(), Does.StartWith("Numerics.Native ("));
        Assert.That(NumericsNativeProvider.IsAvailable(), Is.True);
    }

    [Test]
    public void Multiply([Values(1, 7, 40)] int n)
    {
        Random rng = Rng(n);
        Matrix<T> a = Random(rng, n + 3, n), b = Random(rng, n, n + 1), c = Random(rng, n + 3, n + 1), d = Random(rng, n + 3, n);
        Vector<T> x = RandomVector(rng, n);
        Close(Managed(() => a * b), a * b, Ulps(n), "A·B");
        Close(Managed(() => a * x), a * x, Ulps(n), "A·x");
        Close(Managed(() => a.TransposeThisAndMultiply(c)), a.TransposeThisAndMultiply(c), Ulps(n), "Aᵀ·C");
        Close(Managed(() => a.ConjugateTransposeThisAndMultiply(c)), a.ConjugateTransposeThisAndMultiply(c), Ulps(n), "Aᴴ·C");
        Close(Managed(() => b.TransposeAndMultiply(c)), b.TransposeAndMultiply(c), Ulps(n), "B·Cᵀ");
        T k = Elem<T>.FromReal(2.5);
        Close(Managed(() => (a + d) * k - d), (a + d) * k - d, Ulps(n), "(A + D)·2.5 - D");
        Close(Managed(() => a.PointwiseMultiply(d)), a.PointwiseMultiply(d), 4, "A .* D");
        Close(Managed(() => x.DotProduct(x)), x.DotProduct(x), Ulps(n), "x·x");
    }

    [Test]
    public void Solve([Values(1, 6, 50)] int n)
    {
        Random rng = Rng(n);
        Matrix<T> a = Random(rng, n, n, shift: n + 1), b = Random(rng, n, 3);
        Vector<T> v = RandomVector(rng, n);
        Close(Managed(() => a.Solve(b)), a.Solve(b), Ulps(n), "A.Solve(B)");
        Close(Managed(() => a.Solve(v)), a.Solve(v), Ulps(n), "A.Solve(v)");
        Matrix<T> tall = Random(rng, 2 * n + 1, n, shift: 2), rhs = Random(rng, 2 * n + 1, 2);
        Close(Managed(() => tall.Solve(rhs)), tall.Solve(rhs), Ulps(n), "least squares (tall A).Solve(B)");
    }

    [Test]
    public void LU([Values(1, 6, 50)] int n)
    {
        Random rng = Rng(n);
        Matrix<T> a = Random(rng, n, n, shift: 1), b = Random(rng, n, 2);
        LU<T> ours = a.LU(), managed = Managed(() => a.LU());
        Close(managed.Determinant, ours.Determinant, Ulps(n) * n, "det");
        Close(Managed(() => managed.Solve(b)), ours.Solve(b), Ulps(n) * 4, "Solve");
        Close(Managed(() => managed.Inverse()), ours.Inverse(), Ulps(n) * 4, "Inverse");
        Matrix<T> pa = a.Clone();
        pa.PermuteRows(ours.P);
        Elem<T>.AssertClose(C(pa), C(ours.L * ours.U), Ulps(n), "P·A = L·U");
    }

    [Test]
    public void QR([Values(1, 6, 30)] int n, [Values(QRMethod.Full, QRMethod.Thin)] QRMethod method)
    {
        Random rng = Rng(n, (int)method);
        Matrix<T> a = Random(rng, 2 * n, n, shift: 2), b = Random(rng, 2 * n, 2);
        QR<T> ours = a.QR(method), managed = Managed(() => a.QR(method));
        Close(Managed(() => managed.Solve(b)), ours.Solve(b), Ulps(n), "Solve");
        Elem<T>.AssertClose(C(a), C(ours.Q * ours.R), Ulps(n), "Q·R");
        Close(managed.R.Diagonal().PointwiseAbs(), ours.R.Diagonal().PointwiseAbs(), Ulps(n), "|diag R|");
    }

    [Test]
    public void Svd([Values(1, 6, 30)] int n, [Values(true, false)] bool tall)
    {
        Random rng = Rng(n, tall ? 1 : 0);
        Matrix<T> a = tall ? Random(rng, 2 * n, n) : Random(rng, n, 2 * n);
        Svd<T> ours = a.Svd(), managed = Managed(() => a.Svd());
        Close(managed.S, ours.S, Ulps(n), "S");
        Elem<T>.AssertClose(C(a), C(ours.U * ours.W * ours.VT), Ulps(n), "U·W·Vᴴ");
        Assert.That(ours.Rank, Is.EqualTo(managed.Rank), "rank");
        Close(managed.ConditionNumber, ours.ConditionNumber, Ulps(n) * 16, "condition number");
        Close(Managed(() => a.L2Norm()), a.L2Norm(), Ulps(n), "L2 norm");
        Close(Managed(() => a.Svd(computeVectors: false).S), a.Svd(computeVectors: false).S, Ulps(n), "S without vectors");
        if (tall)
        {
            Matrix<T> b = Random(rng, 2 * n, 2);
            Close(Managed(() => managed.Solve(b)), ours.Solve(b), Ulps(n) * 16, "Svd.Solve");
        }
    }

    [Test]
    public void SymmetricEvd([Values(1, 6, 40)] int n)
    {
        Matrix<T> a = Matrix<T>.Build.Dense(n, n, Elem<T>.Hermitian(Rng(n), n));
        Evd<T> ours = a.Evd(), managed = Managed(() => a.Evd());
        Assert.That(ours.IsSymmetric, Is.True);
        Elem<T>.AssertClose(managed.EigenValues.ToArray(), ours.EigenValues.ToArray(), Ulps(n), "eigenvalues");
        Close(managed.D, ours.D, Ulps(n), "D");
        Elem<T>.AssertClose(C(a * ours.EigenVectors), C(ours.EigenVectors * ours.D), Ulps(n), "A·V = V·D");
        Close(managed.Determinant, ours.Determinant, Ulps(n) * n, "det");
    }

    [Test]
    public void GeneralEvd([Values(1, 6, 40)] int n)
    {
        Matrix<T> a = Random(Rng(n), n, n);
        Evd<T> ours = a.Evd(Symmetricity.Asymmetric), managed = Managed(() => a.Evd(Symmetricity.Asymmetric));
        Assert.That(ours.IsSymmetric, Is.False);
        static Complex[] Sorted(Vector<Complex> w) => [.. w.OrderBy(c => Math.Round(c.Real, 3)).ThenBy(c => c.Imaginary)];
        Elem<T>.AssertClose(Sorted(managed.EigenValues), Sorted(ours.EigenValues), Ulps(n), "eigenvalues");
        Elem<T>.AssertClose(C(a * ours.EigenVectors), C(ours.EigenVectors * ours.D), Ulps(n), "A·V = V·D");
        Close(managed.Determinant, ours.Determinant, Ulps(n) * n, "det");
    }

    [Test]
    public void Cholesky([Values(1, 6, 50)] int n)
    {
        Random rng = Rng(n);
        Matrix<T> a = Matrix<T>.Build.Dense(n, n, Elem<T>.PositiveDefinite(rng, n)), b = Random(rng, n, 2);
        Cholesky<T> ours = a.Cholesky(), managed = Managed(() => a.Cholesky());
        Close(managed.Factor, ours.Factor, Ulps(n), "L");
        Close(Managed(() => managed.Solve(b)), ours.Solve(b), Ulps(n), "Solve");
        Close(managed.Determinant, ours.Determinant, Ulps(n) * n, "det");
    }

    [Test]
    public void InverseDeterminantAndNorms([Values(1, 6, 50)] int n)
    {
        Matrix<T> a = Random(Rng(n), n, n, shift: 1);
        Close(Managed(() => a.Inverse()), a.Inverse(), Ulps(n) * 4, "Inverse");
        Close(Managed(() => a.Determinant()), a.Determinant(), Ulps(n) * n, "Determinant");
        Matrix<T> r = Random(Rng(n, 1), n + 3, n);
        Close(Managed(() => r.L1Norm()), r.L1Norm(), Ulps(n), "L1 norm");
        Close(Managed(() => r.InfinityNorm()), r.InfinityNorm(), Ulps(n), "infinity norm");
        Close(Managed(() => r.FrobeniusNorm()), r.FrobeniusNorm(), Ulps(n), "Frobenius norm");
        Close(Managed(() => r.L2Norm()), r.L2Norm(), Ulps(n), "L2 norm");
    }

    [Test]
    public void SingularAndIndefiniteInputBehaveAsUnderTheManagedProvider()
    {
        const int n = 5;
        Matrix<T> singular = Random(Rng(n), n, n);
        singular.SetColumn(1, Vector<T>.Build.Dense(n));
        Vector<T> b = RandomVector(Rng(n, 1), n);
        bool NonFinite(Vector<T> v) => C(v).Any(c => !Elem<T>.IsFinite(c));
        Assert.That(NonFinite(Managed(() => singular.Solve(b))), Is.True, "managed solve of a singular matrix");
        Assert.That(NonFinite(singular.Solve(b)), Is.True, "our solve of a singular matrix");
        Assert.That(singular.Determinant(), Is.EqualTo(Managed(() => singular.Determinant())).Or.EqualTo(default(T)), "singular determinant");

        Matrix<T> indefinite = -Matrix<T>.Build.DenseIdentity(n);
        var managed = Assert.Throws<ArgumentException>(() => Managed(() => indefinite.Cholesky()))!;
        var ours = Assert.Throws<ArgumentException>(() => indefinite.Cholesky())!;
        Assert.That(ours.Message, Is.EqualTo(managed.Message));
    }
}
