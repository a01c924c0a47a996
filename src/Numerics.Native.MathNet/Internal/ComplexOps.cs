using System.Numerics;
using System.Runtime.InteropServices;
using Numerics.Native.Interop;
using static Numerics.Native.MathNet.Internal.Codes;

namespace Numerics.Native.MathNet.Internal;

internal readonly unsafe struct ComplexOps : IElementOps<Complex>
{
    public static bool IsComplex => true;
    public static Complex One => Complex.One;
    public static bool IsZero(Complex x) => x == Complex.Zero;
    public static bool IsOne(Complex x) => x == Complex.One;
    public static Complex Reciprocal(Complex x) => Complex.One / x;
    public static int WorkSize(Complex query) => checked((int)Math.Ceiling(query.Real));
    public static Complex FromComplex(Complex value) => value;

    public static bool AllFinite(ReadOnlySpan<Complex> x)
    {
        foreach (double v in MemoryMarshal.Cast<Complex, double>(x))
        {
            if (!double.IsFinite(v))
                return false;
        }
        return true;
    }

    public static void Add(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y, Span<Complex> result) =>
        Elementwise.RunInterleaved<Complex, double, Elementwise.AddOp<double>>(x, y, result);

    public static void Subtract(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y, Span<Complex> result) =>
        Elementwise.RunInterleaved<Complex, double, Elementwise.SubtractOp<double>>(x, y, result);

    public static void Multiply(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y, Span<Complex> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = x[i] * y[i];
    }

    public static void Divide(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y, Span<Complex> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = x[i] / y[i];
    }

    public static void Power(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y, Span<Complex> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = Complex.Pow(x[i], y[i]);
    }

    public static void Conjugate(ReadOnlySpan<Complex> x, Span<Complex> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = Complex.Conjugate(x[i]);
    }

    public static void Axpy(int n, Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y) => Cblas.cblas_zaxpy(n, alpha, x, 1, y, 1);

    public static void Scal(int n, Complex alpha, Span<Complex> x, int inc) => Cblas.cblas_zscal(n, alpha, x, inc);

    public static Complex Dot(int n, ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y)
    {
        // The _sub form returns through a pointer: no reliance on how the ABI returns a double _Complex.
        Cblas.cblas_zdotu_sub(n, x, 1, y, 1, out Complex dot);
        return dot;
    }

    public static void Gemm(int transA, int transB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a, int lda,
        ReadOnlySpan<Complex> b, int ldb, Complex beta, Span<Complex> c, int ldc) =>
        Cblas.cblas_zgemm(ColMajor, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public static void TrsmUpper(int m, int n, ReadOnlySpan<Complex> a, int lda, Span<Complex> b, int ldb) =>
        Cblas.cblas_ztrsm(ColMajor, Left, Upper, NoTrans, NonUnit, m, n, Complex.One, a, lda, b, ldb);

    public static double Lange(byte norm, int m, int n, Complex* a, int lda)
    {
        if (m == 0 || n == 0)
            return 0.0;
        using var work = new Scratch<double>(norm == (byte)'I' ? m : 1);
        return Lapacke.LAPACKE_zlange_work(ColMajor, norm, m, n, a, lda, work.Pointer);
    }

    public static int Getrf(int m, int n, Complex* a, int lda, int* ipiv) => Lapacke.LAPACKE_zgetrf_work(ColMajor, m, n, a, lda, ipiv);

    public static int Getri(int n, Complex* a, int lda, int* ipiv, Complex* work, int lwork) =>
        Lapacke.LAPACKE_zgetri_work(ColMajor, n, a, lda, ipiv, work, lwork);

    public static int Getrs(int n, int nrhs, Complex* a, int lda, int* ipiv, Complex* b, int ldb) =>
        Lapacke.LAPACKE_zgetrs_work(ColMajor, (byte)'N', n, nrhs, a, lda, ipiv, b, ldb);

    public static int Potrf(int n, Complex* a, int lda) => Lapacke.LAPACKE_zpotrf_work(ColMajor, (byte)'L', n, a, lda);

    public static int Potrs(int n, int nrhs, Complex* a, int lda, Complex* b, int ldb) =>
        Lapacke.LAPACKE_zpotrs_work(ColMajor, (byte)'L', n, nrhs, a, lda, b, ldb);

    public static int Geqrf(int m, int n, Complex* a, int lda, Complex* tau, Complex* work, int lwork) =>
        Lapacke.LAPACKE_zgeqrf_work(ColMajor, m, n, a, lda, tau, work, lwork);

    public static int Orgqr(int m, int n, int k, Complex* a, int lda, Complex* tau, Complex* work, int lwork) =>
        Lapacke.LAPACKE_zungqr_work(ColMajor, m, n, k, a, lda, tau, work, lwork);

    public static int OrmqrLeftAdjoint(int m, int n, int k, Complex* a, int lda, Complex* tau, Complex* c, int ldc, Complex* work, int lwork) =>
        Lapacke.LAPACKE_zunmqr_work(ColMajor, (byte)'L', (byte)'C', m, n, k, a, lda, tau, c, ldc, work, lwork);

    public static int Svd(bool vectors, bool divideAndConquer, int m, int n, Complex* a, Complex* s, Complex* u, Complex* vt)
    {
        byte job = vectors ? (byte)'A' : (byte)'N';
        int lda = Math.Max(1, m), ldu = Math.Max(1, m), ldvt = Math.Max(1, n);
        long mn = Math.Min(m, n), mx = Math.Max(m, n);
        using var sReal = new Scratch<double>(mn);
        Complex query;
        int info;
        if (divideAndConquer)
        {
            // zgesdd's LRWORK: 7·mn without vectors (LAPACK < 3.7 needed that much), else the larger of its two formulas.
            long lrwork = vectors ? Math.Max(5 * mn * mn + 5 * mn, 2 * mx * mn + 2 * mn * mn + mn) : 7 * mn;
            using var rwork = new Scratch<double>(Math.Max(lrwork, 7 * mn));
            using var iwork = new Scratch<int>(8 * mn);
            info = Lapacke.LAPACKE_zgesdd_work(ColMajor, job, m, n, a, lda, sReal.Pointer, u, ldu, vt, ldvt, &query, -1, rwork.Pointer, iwork.Pointer);
            if (info == 0)
            {
                using var work = new Scratch<Complex>(WorkSize(query));
                info = Lapacke.LAPACKE_zgesdd_work(ColMajor, job, m, n, a, lda, sReal.Pointer, u, ldu, vt, ldvt, work.Pointer, work.Length, rwork.Pointer, iwork.Pointer);
            }
        }
        else
        {
            using var rwork = new Scratch<double>(5 * mn);
            info = Lapacke.LAPACKE_zgesvd_work(ColMajor, job, job, m, n, a, lda, sReal.Pointer, u, ldu, vt, ldvt, &query, -1, rwork.Pointer);
            if (info == 0)
            {
                using var work = new Scratch<Complex>(WorkSize(query));
                info = Lapacke.LAPACKE_zgesvd_work(ColMajor, job, job, m, n, a, lda, sReal.Pointer, u, ldu, vt, ldvt, work.Pointer, work.Length, rwork.Pointer);
            }
        }
        for (int i = 0; i < mn; i++)
            s[i] = new Complex(sReal.Pointer[i], 0.0);
        return info;
    }

    public static int SymmetricEigen(int n, Complex* a, Complex* values)
    {
        int lda = Math.Max(1, n);
        using var w = new Scratch<double>(n);
        Complex query;
        double rquery;
        int iquery;
        int info = Lapacke.LAPACKE_zheevd_work(ColMajor, (byte)'V', (byte)'L', n, a, lda, w.Pointer, &query, -1, &rquery, -1, &iquery, -1);
        if (info != 0)
            return info;
        using var work = new Scratch<Complex>(WorkSize(query));
        using var rwork = new Scratch<double>(checked((int)Math.Ceiling(rquery)));
        using var iwork = new Scratch<int>(iquery);
        info = Lapacke.LAPACKE_zheevd_work(ColMajor, (byte)'V', (byte)'L', n, a, lda, w.Pointer, work.Pointer, work.Length,
            rwork.Pointer, rwork.Length, iwork.Pointer, iwork.Length);
        for (int i = 0; i < n; i++)
            values[i] = new Complex(w.Pointer[i], 0.0);
        return info;
    }

    public static int GeneralEigen(int n, Complex* a, Complex* vectors, Complex* values, Complex* d)
    {
        int ld = Math.Max(1, n);
        using var rwork = new Scratch<double>(2L * n);
        Complex query;
        int info = Lapacke.LAPACKE_zgeev_work(ColMajor, (byte)'N', (byte)'V', n, a, ld, values, null, 1, vectors, ld, &query, -1, rwork.Pointer);
        if (info != 0)
            return info;
        using var work = new Scratch<Complex>(WorkSize(query));
        info = Lapacke.LAPACKE_zgeev_work(ColMajor, (byte)'N', (byte)'V', n, a, ld, values, null, 1, vectors, ld, work.Pointer, work.Length, rwork.Pointer);
        for (int i = 0; i < n && info == 0; i++)
            d[i * n + i] = values[i];
        return info;
    }
}
