using System.Numerics;
using Numerics.Native.Interop;
using static Numerics.Native.MathNet.Internal.Codes;

namespace Numerics.Native.MathNet.Internal;

internal readonly unsafe struct SingleOps : IElementOps<float>
{
    public static bool IsComplex => false;
    public static float One => 1.0f;
    public static bool IsZero(float x) => x == 0.0f;
    public static bool IsOne(float x) => x == 1.0f;
    public static float Reciprocal(float x) => 1.0f / x;
    // A float workspace answer may round below the integer LAPACK meant; a little slack costs nothing.
    public static int WorkSize(float query) => checked((int)Math.Ceiling(query * (1.0 + 1e-6)) + 1);
    public static float FromComplex(Complex value) => (float)value.Real;

    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        foreach (float v in x)
        {
            if (!float.IsFinite(v))
                return false;
        }
        return true;
    }

    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result) =>
        Elementwise.Run<float, Elementwise.AddOp<float>>(x, y, result);

    public static void Subtract(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result) =>
        Elementwise.Run<float, Elementwise.SubtractOp<float>>(x, y, result);

    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result) =>
        Elementwise.Run<float, Elementwise.MultiplyOp<float>>(x, y, result);

    public static void Divide(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result) =>
        Elementwise.Run<float, Elementwise.DivideOp<float>>(x, y, result);

    public static void Power(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = (float)Math.Pow(x[i], y[i]);
    }

    public static void Conjugate(ReadOnlySpan<float> x, Span<float> result) => x.CopyTo(result);

    public static void Axpy(int n, float alpha, ReadOnlySpan<float> x, Span<float> y) => Cblas.cblas_saxpy(n, alpha, x, 1, y, 1);

    public static void Scal(int n, float alpha, Span<float> x, int inc) => Cblas.cblas_sscal(n, alpha, x, inc);

    public static float Dot(int n, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Cblas.cblas_sdot(n, x, 1, y, 1);

    public static void Gemm(int transA, int transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Cblas.cblas_sgemm(ColMajor, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public static void TrsmUpper(int m, int n, ReadOnlySpan<float> a, int lda, Span<float> b, int ldb) =>
        Cblas.cblas_strsm(ColMajor, Left, Upper, NoTrans, NonUnit, m, n, 1.0f, a, lda, b, ldb);

    public static double Lange(byte norm, int m, int n, float* a, int lda)
    {
        if (m == 0 || n == 0)
            return 0.0;
        using var work = new Scratch<float>(norm == (byte)'I' ? m : 1);
        return Lapacke.LAPACKE_slange_work(ColMajor, norm, m, n, a, lda, work.Pointer);
    }

    public static int Getrf(int m, int n, float* a, int lda, int* ipiv) => Lapacke.LAPACKE_sgetrf_work(ColMajor, m, n, a, lda, ipiv);

    public static int Getri(int n, float* a, int lda, int* ipiv, float* work, int lwork) =>
        Lapacke.LAPACKE_sgetri_work(ColMajor, n, a, lda, ipiv, work, lwork);

    public static int Getrs(int n, int nrhs, float* a, int lda, int* ipiv, float* b, int ldb) =>
        Lapacke.LAPACKE_sgetrs_work(ColMajor, (byte)'N', n, nrhs, a, lda, ipiv, b, ldb);

    public static int Potrf(int n, float* a, int lda) => Lapacke.LAPACKE_spotrf_work(ColMajor, (byte)'L', n, a, lda);

    public static int Potrs(int n, int nrhs, float* a, int lda, float* b, int ldb) =>
        Lapacke.LAPACKE_spotrs_work(ColMajor, (byte)'L', n, nrhs, a, lda, b, ldb);

    public static int Geqrf(int m, int n, float* a, int lda, float* tau, float* work, int lwork) =>
        Lapacke.LAPACKE_sgeqrf_work(ColMajor, m, n, a, lda, tau, work, lwork);

    public static int Orgqr(int m, int n, int k, float* a, int lda, float* tau, float* work, int lwork) =>
        Lapacke.LAPACKE_sorgqr_work(ColMajor, m, n, k, a, lda, tau, work, lwork);

    public static int OrmqrLeftAdjoint(int m, int n, int k, float* a, int lda, float* tau, float* c, int ldc, float* work, int lwork) =>
        Lapacke.LAPACKE_sormqr_work(ColMajor, (byte)'L', (byte)'T', m, n, k, a, lda, tau, c, ldc, work, lwork);

    public static int Svd(bool vectors, bool divideAndConquer, int m, int n, float* a, float* s, float* u, float* vt)
    {
        byte job = vectors ? (byte)'A' : (byte)'N';
        int lda = Math.Max(1, m), ldu = Math.Max(1, m), ldvt = Math.Max(1, n);
        float query;
        int info;
        if (divideAndConquer)
        {
            using var iwork = new Scratch<int>(8L * Math.Min(m, n));
            info = Lapacke.LAPACKE_sgesdd_work(ColMajor, job, m, n, a, lda, s, u, ldu, vt, ldvt, &query, -1, iwork.Pointer);
            if (info != 0)
                return info;
            using var work = new Scratch<float>(WorkSize(query));
            return Lapacke.LAPACKE_sgesdd_work(ColMajor, job, m, n, a, lda, s, u, ldu, vt, ldvt, work.Pointer, work.Length, iwork.Pointer);
        }
        info = Lapacke.LAPACKE_sgesvd_work(ColMajor, job, job, m, n, a, lda, s, u, ldu, vt, ldvt, &query, -1);
        if (info != 0)
            return info;
        using (var work = new Scratch<float>(WorkSize(query)))
            return Lapacke.LAPACKE_sgesvd_work(ColMajor, job, job, m, n, a, lda, s, u, ldu, vt, ldvt, work.Pointer, work.Length);
    }

    public static int SymmetricEigen(int n, float* a, Complex* values)
    {
        int lda = Math.Max(1, n);
        using var w = new Scratch<float>(n);
        float query;
        int iquery;
        int info = Lapacke.LAPACKE_ssyevd_work(ColMajor, (byte)'V', (byte)'L', n, a, lda, w.Pointer, &query, -1, &iquery, -1);
        if (info != 0)
            return info;
        using var work = new Scratch<float>(WorkSize(query));
        using var iwork = new Scratch<int>(iquery);
        info = Lapacke.LAPACKE_ssyevd_work(ColMajor, (byte)'V', (byte)'L', n, a, lda, w.Pointer, work.Pointer, work.Length, iwork.Pointer, iwork.Length);
        for (int i = 0; i < n; i++)
            values[i] = new Complex(w.Pointer[i], 0.0);
        return info;
    }

    public static int GeneralEigen(int n, float* a, float* vectors, Complex* values, float* d)
    {
        int ld = Math.Max(1, n);
        using var wr = new Scratch<float>(n);
        using var wi = new Scratch<float>(n);
        float query;
        int info = Lapacke.LAPACKE_sgeev_work(ColMajor, (byte)'N', (byte)'V', n, a, ld, wr.Pointer, wi.Pointer, null, 1, vectors, ld, &query, -1);
        if (info != 0)
            return info;
        using var work = new Scratch<float>(WorkSize(query));
        info = Lapacke.LAPACKE_sgeev_work(ColMajor, (byte)'N', (byte)'V', n, a, ld, wr.Pointer, wi.Pointer, null, 1, vectors, ld, work.Pointer, work.Length);
        if (info == 0)
            RealEigen.BlockDiagonal(n, wr.Pointer, wi.Pointer, values, d);
        return info;
    }
}
