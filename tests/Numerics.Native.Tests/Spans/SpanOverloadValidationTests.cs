using System.Numerics;
using Numerics.Native.Interop;

namespace Numerics.Native.Tests.Spans;

/// <summary>
/// The generated span overloads refuse, before any native code runs, what BLAS/LAPACK would read out of bounds or
/// hand to XERBLA: short spans (ArgumentException naming the array), negative sizes, too-small leading dimensions,
/// zero increments and unknown enum or option values (ArgumentOutOfRangeException naming the argument).
/// </summary>
[TestFixture]
public sealed class SpanOverloadValidationTests
{
    private const int Row = 101, Col = 102, NoTrans = 111, Trans = 112, ConjTrans = 113, Upper = 121, NonUnit = 131, Left = 141;

    [Test]
    public void ASpanShorterThanTheRuleIsAnArgumentExceptionNamingTheArrayAndTheRule()
    {
        double[] a = new double[3 * 4 - 1], b = new double[4 * 2], c = new double[3 * 2];
        var e = Assert.Throws<ArgumentException>(() => Cblas.cblas_dgemm(Col, NoTrans, NoTrans, 3, 2, 4, 1.0, a, 3, b, 4, 0.0, c, 3))!;
        Assert.That(e.ParamName, Is.EqualTo("A"));
        Assert.That(e.Message, Does.Contain("cblas_dgemm").And.Contain("11 elements").And.Contain("at least 12")
            .And.Contain("op(Order, TransA, M, K, lda)"));

        var y = Assert.Throws<ArgumentException>(() => Cblas.cblas_daxpy(5, 1.0, new double[5], 1, new double[4], 1))!;
        Assert.That(y.ParamName, Is.EqualTo("y"));
        var ipiv = Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_dgesv(Col, 3, 1, new double[9], 3, new int[2], new double[3], 3))!;
        Assert.That(ipiv.ParamName, Is.EqualTo("ipiv"));
        var w = Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_zheevd(Col, (byte)'N', (byte)'L', 3, new Complex[9], 3, new double[2]))!;
        Assert.That(w.ParamName, Is.EqualTo("w"));
    }

    [Test]
    public void ExactSizesWithGapsAreAcceptedAndComputeWhatTheRawBindingComputes()
    {
        // A is 3x4 in a 5-row column-major buffer: lda·(K-1)+M = 5·3+3 = 18 elements, the last column ends early.
        var rng = new Random(3);
        double[] a = [.. Enumerable.Range(0, 18).Select(_ => rng.NextDouble())], b = [.. Enumerable.Range(0, 8).Select(_ => rng.NextDouble())];
        double[] c = new double[6], expected = new double[6];
        Cblas.cblas_dgemm(Col, NoTrans, NoTrans, 3, 2, 4, 1.0, a, 5, b, 4, 0.0, c, 3);
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 3; i++)
                for (int p = 0; p < 4; p++)
                    expected[j * 3 + i] += a[p * 5 + i] * b[j * 4 + p];
        Assert.That(c, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void NegativeSizesAreArgumentOutOfRange()
    {
        double[] big = new double[100];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dgemm(Col, NoTrans, NoTrans, 2, -1, 2, 1.0, big, 2, big, 2, 0.0, big, 2))!;
        Assert.That(e.ParamName, Is.EqualTo("N"));
        Assert.That(e.ActualValue, Is.EqualTo(-1));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_ddot(-3, big, 1, big, 1))!.ParamName, Is.EqualTo("n"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Lapacke.LAPACKE_dgetrf(Col, 3, -2, big, 3, new int[3]))!.ParamName, Is.EqualTo("n"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Lapacke.LAPACKE_dgesv(Col, 2, -1, big, 2, new int[2], big, 2))!.ParamName, Is.EqualTo("nrhs"));
    }

    [Test]
    public void LeadingDimensionsBelowTheMinimumAreArgumentOutOfRange()
    {
        double[] big = new double[100];
        // Column-major: lda >= max(1, rows of A as stored); row-major: lda >= max(1, its columns).
        var col = Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dgemm(Col, NoTrans, NoTrans, 4, 2, 3, 1.0, big, 3, big, 3, 0.0, big, 4))!;
        Assert.That(col.ParamName, Is.EqualTo("lda"));
        Assert.That(col.Message, Does.Contain("max(1, rows) = 4"));
        Assert.DoesNotThrow(() => Cblas.cblas_dgemm(Row, NoTrans, NoTrans, 4, 2, 3, 1.0, big, 3, big, 2, 0.0, big, 2));
        var row = Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dgemm(Row, Trans, NoTrans, 4, 2, 3, 1.0, big, 3, big, 2, 0.0, big, 2))!;
        Assert.That(row.ParamName, Is.EqualTo("lda"), "op(A) = Aᵀ is 4x3, so A is 3x4 row-major and needs lda >= 4");
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dgemm(Col, NoTrans, NoTrans, 0, 2, 3, 1.0, big, 0, big, 3, 0.0, big, 1))!.ParamName,
            Is.EqualTo("lda"), "an empty matrix still needs ld >= 1");
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Lapacke.LAPACKE_dpotrf(Col, (byte)'L', 5, big, 4))!.ParamName, Is.EqualTo("lda"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Lapacke.LAPACKE_dgesdd(Col, (byte)'N', 3, 3, big, 3, big, big, 0, big, 1))!.ParamName,
            Is.EqualTo("ldu"), "ldu >= 1 even when U is not computed");
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Lapacke.LAPACKE_dgesdd(Col, (byte)'A', 3, 3, big, 3, big, big, 2, big, 3))!.ParamName,
            Is.EqualTo("ldu"));
    }

    [Test]
    public void IncrementsOfZeroAreRefusedForLevel2AndAcceptedForLevel1()
    {
        double[] big = new double[100];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dgemv(Col, NoTrans, 3, 3, 1.0, big, 3, big, 0, 0.0, big, 1))!;
        Assert.That(e.ParamName, Is.EqualTo("incx"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dtrsv(Col, Upper, NoTrans, NonUnit, 3, big, 3, big, 0))!.ParamName, Is.EqualTo("incX"));
        // Level 1 with increment 0 reads one element over and over, as the reference BLAS defines it.
        double[] one = [2.0], y = [1.0, 1.0, 1.0];
        Assert.That(Cblas.cblas_ddot(3, one, 0, y, 1), Is.EqualTo(6.0));
        // A negative increment walks the same 1 + (n-1)|inc| elements backwards.
        Assert.Throws<ArgumentException>(() => Cblas.cblas_ddot(3, new double[4], -2, y, 1));
        Assert.That(Cblas.cblas_ddot(3, new double[] { 1, 0, 2, 0, 3 }, -2, new double[] { 1, 10, 100 }, 1), Is.EqualTo(3 + 20 + 100));
    }

    [Test]
    public void EnumAndOptionValuesOutsideTheirSetsAreArgumentOutOfRange()
    {
        double[] big = new double[100];
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dgemm(7, NoTrans, NoTrans, 1, 1, 1, 1, big, 1, big, 1, 0, big, 1))!.ParamName, Is.EqualTo("Order"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dgemm(Col, 114, NoTrans, 1, 1, 1, 1, big, 1, big, 1, 0, big, 1))!.ParamName, Is.EqualTo("TransA"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dtrsm(Col, 0, Upper, NoTrans, NonUnit, 1, 1, 1, big, 1, big, 1))!.ParamName, Is.EqualTo("Side"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dtrsm(Col, Left, 0, NoTrans, NonUnit, 1, 1, 1, big, 1, big, 1))!.ParamName, Is.EqualTo("Uplo"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dtrsm(Col, Left, Upper, NoTrans, 0, 1, 1, 1, big, 1, big, 1))!.ParamName, Is.EqualTo("Diag"));
        var complex = new Complex[100];
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_zherk(Col, Upper, Trans, 2, 2, 1, complex, 2, 0, complex, 2))!.ParamName,
            Is.EqualTo("Trans"), "herk takes NoTrans or ConjTrans");
        Assert.DoesNotThrow(() => Cblas.cblas_zherk(Col, Upper, ConjTrans, 2, 2, 1, complex, 2, 0, complex, 2));

        var jobz = Assert.Throws<ArgumentOutOfRangeException>(() => Lapacke.LAPACKE_dsyevd(Col, (byte)'X', (byte)'L', 2, big, 2, big))!;
        Assert.That(jobz.ParamName, Is.EqualTo("jobz"));
        Assert.That(jobz.Message, Does.Contain("'N', 'V'"));
        Assert.That(Lapacke.LAPACKE_dsyevd(Col, (byte)'n', (byte)'l', 2, new double[] { 2, 1, 1, 2 }, 2, new double[2]), Is.Zero, "lower-case options, as LAPACK's lsame");
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Lapacke.LAPACKE_dgesv(0, 1, 1, big, 1, new int[1], big, 1))!.ParamName, Is.EqualTo("matrix_layout"));
    }

    [Test]
    public void ContradictoryArgumentsAreArgumentExceptions()
    {
        double[] big = new double[100];
        var e = Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_dorgqr(Col, 3, 4, 2, big, 4, big))!;
        Assert.That(e.Message, Does.Contain("n <= m").And.Contain("n = 4, m = 3"));
        Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_dorgqr(Col, 5, 3, 4, big, 5, big));
        Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_dgesvd(Col, (byte)'O', (byte)'O', 3, 3, big, 3, big, big, 3, big, 3, big));
        Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_dormqr(Col, (byte)'L', (byte)'N', 3, 2, 4, big, 3, big, big, 3));
    }

    [Test]
    public void PivotRowsOutsideOneToNAreRefusedBeforeGetrsOrGetriSwapByThem()
    {
        // ?laswp swaps row i with row ipiv[i] unchecked: 1000 would write 997 rows past a 3x3 matrix.
        double[] a = [4, 1, 0, 1, 4, 1, 0, 1, 4], b = [1, 2, 3];
        var e = Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_dgetrs(Col, (byte)'N', 3, 1, a, 3, [1, 1000, 3], b, 3))!;
        Assert.That(e.ParamName, Is.EqualTo("ipiv"));
        Assert.That(e.Message, Does.Contain("ipiv[1] = 1000").And.Contain("1..3"));
        Assert.That(Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_zgetrs(Col, (byte)'N', 3, 1, new Complex[9], 3, [0, 2, 3], new Complex[3], 3))!.ParamName,
            Is.EqualTo("ipiv"), "0 is not a row: LAPACK's pivots are 1-based");
        Assert.That(Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_sgetri(Row, 3, new float[9], 3, [1, 2, -4]))!.ParamName, Is.EqualTo("ipiv"));
        Assert.That(Assert.Throws<ArgumentException>(() => Lapacke.LAPACKE_cgetri(Col, 2, new ComplexFloat[4], 2, [3, 2]))!.ParamName, Is.EqualTo("ipiv"));
        // Pivots that getrf produced (entries past n are not read) and the empty problem still go through.
        int[] ipiv = [0, 0, 0, 99];
        Assert.That(Lapacke.LAPACKE_dgetrf(Col, 3, 3, a, 3, ipiv.AsSpan(0, 3)), Is.Zero);
        Assert.That(Lapacke.LAPACKE_dgetrs(Col, (byte)'N', 3, 1, a, 3, ipiv, b, 3), Is.Zero);
        Assert.That(Lapacke.LAPACKE_dgetri(Col, 3, a, 3, ipiv), Is.Zero);
        Assert.That(Lapacke.LAPACKE_dgetrs(Col, (byte)'N', 0, 1, [], 1, [], [], 1), Is.Zero);
    }

    [Test]
    public void ScalarsOutsAndRefsGoByValueAndByReference()
    {
        Complex[] x = [new(1, 2), new(3, -1)], y = [new(0, 1), new(2, 2)];
        Cblas.cblas_zdotu_sub(2, x, 1, y, 1, out Complex dotu);
        Assert.That(dotu, Is.EqualTo(x[0] * y[0] + x[1] * y[1]));
        Assert.That(Cblas.cblas_zdotc(2, x, 1, y, 1), Is.EqualTo(Complex.Conjugate(x[0]) * y[0] + Complex.Conjugate(x[1]) * y[1]));
        Cblas.cblas_zscal(2, new Complex(0, 1), y, 1);
        Assert.That(y[1], Is.EqualTo(new Complex(-2, 2)));
        double a = 3, b = 4;
        Cblas.cblas_drotg(ref a, ref b, out double c, out double s);
        Assert.That(new[] { a, c, s }, Is.EqualTo(new[] { 5.0, 0.6, 0.8 }).Within(1e-15));
        Assert.That(Lapacke.LAPACKE_dgelsd(Col, 2, 2, 1, new double[] { 1, 0, 0, 0 }, 2, new double[] { 1, 1 }, 2, new double[2], -1, out int rank), Is.Zero);
        Assert.That(rank, Is.EqualTo(1));
    }

    [Test]
    public void UnreferencedArraysMayBeEmpty()
    {
        double[] a = [4, 1, 1, 3], s = new double[2];
        Assert.That(Lapacke.LAPACKE_dgesdd(Col, (byte)'N', 2, 2, a, 2, s, [], 1, [], 1), Is.Zero);
        Assert.That(s[0], Is.GreaterThan(s[1]).And.GreaterThan(0));
        Assert.DoesNotThrow(() => Cblas.cblas_dgemm(Col, NoTrans, NoTrans, 0, 0, 0, 1, [], 1, [], 1, 0, [], 1), "empty problems need no elements");
    }
}
