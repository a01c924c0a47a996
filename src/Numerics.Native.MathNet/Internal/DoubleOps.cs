using System.Numerics;
using Numerics.Native.Interop;
using static Numerics.Native.MathNet.Internal.Codes;

namespace Numerics.Native.MathNet.Internal;

internal readonly unsafe struct DoubleOps : IElementOps<double>
{
    public static bool IsComplex => false;
    public static double One => 1.0;
    public static bool IsZero(double x) => x == 0.0;
    public static bool IsOne(double x) => x == 1.0;
    public static double Reciprocal(double x) => 1.0 / x;
    public static int WorkSize(double query) => checked((int)Math.Ceiling(query));
    public static double FromComplex(Complex value) => value.Real;

    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double v in x)
        {
            if (!double.IsFinite(v))
                return false;
        }
        return true;
    }

    public static void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result) =>
        Elementwise.Run<double, Elementwise.AddOp<double>>(x, y, result);

    public static void Subtract(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result) =>
        Elementwise.Run<double, Elementwise.SubtractOp<double>>(x, y, result);

    public static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result) =>
        Elementwise.Run<double, Elementwise.MultiplyOp<double>>(x, y, result);

    public static void Divide(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result) =>
        Elementwise.Run<double, Elementwise.DivideOp<double>>(x, y, result);

    public static void Power(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = Math.Pow(x[i], y[i]);
    }

    public static void Conjugate(ReadOnlySpan<double> x, Span<double> result) => x.CopyTo(result);

    public static void Axpy(int n, double alpha, ReadOnlySpan<double> x, Span<double> y) => Cblas.cblas_daxpy(n, alpha, x, 1, y, 1);

    public static void Scal(int n, double alpha, Span<double> x, int inc) => Cblas.cblas_dscal(n, alpha, x, inc);

    public static double Dot(int n, ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Cblas.cblas_ddot(n, x, 1, y, 1);

    public static void Gemm(int transA, int transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc) =>
        Cblas.cblas_dgemm(ColMajor, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public static void TrsmUpper(int m, int n, ReadOnlySpan<double> a, int lda, Span<double> b, int ldb) =>
        Cblas.cblas_dtrsm(ColMajor, Left, Upper, NoTrans, NonUnit, m, n, 1.0, a, lda, b, ldb);

    public static double Lange(byte norm, int m, int n, double* a, int lda)
    {
        if (m == 0 || n == 0)
            return 0.0;
        using var work = new Scratch<double>(norm == (byte)'I' ? m : 1);
        return Lapacke.LAPACKE_dlange_work(ColMajor, norm, m, n, a, lda, work.Pointer);
    }

    public static int Getrf(int m, int n, double* a, int lda, int* ipiv) => Lapacke.LAPACKE_dgetrf_work(ColMajor, m, n, a, lda, ipiv);

    public static int Getri(int n, double* a, int lda, int* ipiv, double* work, int lwork) =>
        Lapacke.LAPACKE_dgetri_work(ColMajor, n, a, lda, ipiv, work, lwork);

    public static int Getrs(int n, int nrhs, double* a, int lda, int* ipiv, double* b, int ldb) =>
        Lapacke.LAPACKE_dgetrs_work(ColMajor, (byte)'N', n, nrhs, a, lda, ipiv, b, ldb);

    public static int Potrf(int n, double* a, int lda) => Lapacke.LAPACKE_dpotrf_work(ColMajor, (byte)'L', n, a, lda);

    public static int Potrs(int n, int nrhs, double* a, int lda, double* b, int ldb) =>
        Lapacke.LAPACKE_dpotrs_work(ColMajor, (byte)'L', n, nrhs, a, lda, b, ldb);

    public static int Geqrf(int m, int n, double* a, int lda, double* tau, double* work, int lwork) =>
        Lapacke.LAPACKE_dgeqrf_work(ColMajor, m, n, a, lda, tau, work, lwork);

    public static int Orgqr(int m, int n, int k, double* a, int lda, double* tau, double* work, int lwork) =>
        Lapacke.LAPACKE_dorgqr_work(ColMajor, m, n, k, a, lda, tau, work, lwork);

    public static int OrmqrLeftAdjoint(int m, int n, int k, double* a, int lda, double* tau, double* c, int ldc, double* work, int lwork) =>
        Lapacke.LAPACKE_dormqr_work(ColMajor, (byte)'L', (byte)'T', m, n, k, a, lda, tau, c, ldc, work, lwork);

    public static int Svd(bool vectors, bool divideAndConquer, int m, int n, double* a, double* s, double* u, double* vt)
    {
        byte job = vectors ? (byte)'A' : (byte)'N';
        int lda = Math.Max(1, m), ldu = Math.Max(1, m), ldvt = Math.Max(1, n);
        double query;
        int info;
        if (divideAndConquer)
        {
            using var iwork = new Scratch<int>(8L * Math.Min(m, n));
            info = Lapacke.LAPACKE_dgesdd_work(ColMajor, job, m, n, a, lda, s, u, ldu, vt, ldvt, &query, -1, iwork.Pointer);
            if (info != 0)
                return info;
            using var work = new Scratch<double>(WorkSize(query));
            return Lapacke.LAPACKE_dgesdd_work(ColMajor, job, m, n, a, lda, s, u, ldu, vt, ldvt, work.Pointer, work.Length, iwork.Pointer);
        }
        info = Lapacke.LAPACKE_dgesvd_work(ColMajor, job, job, m, n, a, lda, s, u, ldu, vt, ldvt, &query, -1);
        if (info != 0)
            return info;
        using (var work = new Scratch<double>(WorkSize(query)))
            return Lapacke.LAPACKE_dgesvd_work(ColMajor, job, job, m, n, a, lda, s, u, ldu, vt, ldvt, work.Pointer, work.Length);
    }

    public static int SymmetricEigen(int n, double* a, Complex* values)
    {
        int lda = Math.Max(1, n);
        using var w = new Scratch<double>(n);
        double query;
        int iquery;
        int info = Lapacke.LAPACKE_dsyevd_work(ColMajor, (byte)'V', (byte)'L', n, a, lda, w.Pointer, &query, -1, &iquery, -1);
        if (info != 0)
            return info;
        using var work = new Scratch<double>(WorkSize(query));
        using var iwork = new Scratch<int>(iquery);
        info = Lapacke.LAPACKE_dsyevd_work(ColMajor, (byte)'V', (byte)'L', n, a, lda, w.Pointer, work.Pointer, work.Length, iwork.Pointer, iwork.Length);
        for (int i = 0; i < n; i++)
            values[i] = new Complex(w.Pointer[i], 0.0);
        return info;
    }

    public static int GeneralEigen(int n, double* a, double* vectors, Complex* values, double* d)
    {
        int ld = Math.Max(1, n);
        using var wr = new Scratch<double>(n);
        using var wi = new Scratch<double>(n);
        double query;
        int info = Lapacke.LAPACKE_dgeev_work(ColMajor, (byte)'N', (byte)'V', n, a, ld, wr.Pointer, wi.Pointer, null, 1, vectors, ld, &query, -1);
        if (info != 0)
            return info;
        using var work = new Scratch<double>(WorkSize(query));
        info = Lapacke.LAPACKE_dgeev_work(ColMajor, (byte)'N', (byte)'V', n, a, ld, wr.Pointer, wi.Pointer, null, 1, vectors, ld, work.Pointer, work.Length);
        if (info == 0)
            RealEigen.BlockDiagonal(n, wr.Pointer, wi.Pointer, values, d);
        return info;
    }
}

/// <summary>Shared by the two real element types.</summary>
internal static unsafe class RealEigen
{
    /// <summary>
    /// Math.NET's real block-diagonal D: the real part on the diagonal, and for a complex pair a ± bi (b &gt; 0 first,
    /// as LAPACK orders it) b above and -b below the diagonal, so that A·V = V·D with LAPACK's real-pair eigenvectors.
    /// </summary>
    public static void BlockDiagonal<T>(int n, T* wr, T* wi, Complex* values, T* d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < n; i++)
        {
            double re = double.CreateTruncating(wr[i]), im = double.CreateTruncating(wi[i]);
            values[i] = new Complex(re, im);
            d[i * n + i] = wr[i];
            if (im > 0 && i + 1 < n)
                d[(i + 1) * n + i] = wi[i];
            else if (im < 0 && i > 0)
                d[(i - 1) * n + i] = wi[i];
        }
    }
}
