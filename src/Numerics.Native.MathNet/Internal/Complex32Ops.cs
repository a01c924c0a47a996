using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics;
using Numerics.Native.Interop;
using static Numerics.Native.MathNet.Internal.Codes;

namespace Numerics.Native.MathNet.Internal;

/// <summary>Math.NET's Complex32 is two floats, real first (StructLayout Sequential): the bindings' ComplexFloat
/// (C's float _Complex), so spans and pointers are reinterpreted, never copied.</summary>
internal readonly unsafe struct Complex32Ops : IElementOps<Complex32>
{
    public static bool IsComplex => true;
    public static Complex32 One => Complex32.One;
    public static bool IsZero(Complex32 x) => x.IsZero();
    public static bool IsOne(Complex32 x) => x.IsOne();
    public static Complex32 Reciprocal(Complex32 x) => Complex32.One / x;
    public static int WorkSize(Complex32 query) => checked((int)Math.Ceiling(query.Real * (1.0 + 1e-6)) + 1);
    public static Complex32 FromComplex(Complex value) => new((float)value.Real, (float)value.Imaginary);

    public static bool AllFinite(ReadOnlySpan<Complex32> x)
    {
        foreach (float v in MemoryMarshal.Cast<Complex32, float>(x))
        {
            if (!float.IsFinite(v))
                return false;
        }
        return true;
    }

    private static ReadOnlySpan<ComplexFloat> Native(ReadOnlySpan<Complex32> x) => MemoryMarshal.Cast<Complex32, ComplexFloat>(x);
    private static Span<ComplexFloat> Native(Span<Complex32> x) => MemoryMarshal.Cast<Complex32, ComplexFloat>(x);
    private static ComplexFloat Native(Complex32 x) => Unsafe.BitCast<Complex32, ComplexFloat>(x);
    private static ComplexFloat* Native(Complex32* x) => (ComplexFloat*)x;

    public static void Add(ReadOnlySpan<Complex32> x, ReadOnlySpan<Complex32> y, Span<Complex32> result) =>
        Elementwise.RunInterleaved<Complex32, float, Elementwise.AddOp<float>>(x, y, result);

    public static void Subtract(ReadOnlySpan<Complex32> x, ReadOnlySpan<Complex32> y, Span<Complex32> result) =>
        Elementwise.RunInterleaved<Complex32, float, Elementwise.SubtractOp<float>>(x, y, result);

    public static void Multiply(ReadOnlySpan<Complex32> x, ReadOnlySpan<Complex32> y, Span<Complex32> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = x[i] * y[i];
    }

    public static void Divide(ReadOnlySpan<Complex32> x, ReadOnlySpan<Complex32> y, Span<Complex32> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = x[i] / y[i];
    }

    public static void Power(ReadOnlySpan<Complex32> x, ReadOnlySpan<Complex32> y, Span<Complex32> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = Complex32.Pow(x[i], y[i]);
    }

    public static void Conjugate(ReadOnlySpan<Complex32> x, Span<Complex32> result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = x[i].Conjugate();
    }

    public static void Axpy(int n, Complex32 alpha, ReadOnlySpan<Complex32> x, Span<Complex32> y) =>
        Cblas.cblas_caxpy(n, Native(alpha), Native(x), 1, Native(y), 1);

    public static void Scal(int n, Complex32 alpha, Span<Complex32> x, int inc) => Cblas.cblas_cscal(n, Native(alpha), Native(x), inc);

    public static Complex32 Dot(int n, ReadOnlySpan<Complex32> x, ReadOnlySpan<Complex32> y)
    {
        Cblas.cblas_cdotu_sub(n, Native(x), 1, Native(y), 1, out ComplexFloat dot);
        return new Complex32(dot.Real, dot.Imaginary);
    }

    public static void Gemm(int transA, int transB, int m, int n, int k, Complex32 alpha, ReadOnlySpan<Complex32> a, int lda,
        ReadOnlySpan<Complex32> b, int ldb, Complex32 beta, Span<Complex32> c, int ldc) =>
        Cblas.cblas_cgemm(ColMajor, transA, transB, m, n, k, Native(alpha), Native(a), lda, Native(b), ldb, Native(beta), Native(c), ldc);

    public static void TrsmUpper(int m, int n, ReadOnlySpan<Complex32> a, int lda, Span<Complex32> b, int ldb) =>
        Cblas.cblas_ctrsm(ColMajor, Left, Upper, NoTrans, NonUnit, m, n, new ComplexFloat(1f, 0f), Native(a), lda, Native(b), ldb);

    public static double Lange(byte norm, int m, int n, Complex32* a, int lda)
    {
        if (m == 0 || n == 0)
            return 0.0;
        using var work = new Scratch<float>(norm == (byte)'I' ? m : 1);
        return Lapacke.LAPACKE_clange_work(ColMajor, norm, m, n, Native(a), lda, work.Pointer);
    }

    public static int Getrf(int m, int n, Complex32* a, int lda, int* ipiv) => Lapacke.LAPACKE_cgetrf_work(ColMajor, m, n, Native(a), lda, ipiv);

    public static int Getri(int n, Complex32* a, int lda, int* ipiv, Complex32* work, int lwork) =>
        Lapacke.LAPACKE_cgetri_work(ColMajor, n, Native(a), lda, ipiv, Native(work), lwork);

    public static int Getrs(int n, int nrhs, Complex32* a, int lda, int* ipiv, Complex32* b, int ldb) =>
        Lapacke.LAPACKE_cgetrs_work(ColMajor, (byte)'N', n, nrhs, Native(a), lda, ipiv, Native(b), ldb);

    public static int Potrf(int n, Complex32* a, int lda) => Lapacke.LAPACKE_cpotrf_work(ColMajor, (byte)'L', n, Native(a), lda);

    public static int Potrs(int n, int nrhs, Complex32* a, int lda, Complex32* b, int ldb) =>
        Lapacke.LAPACKE_cpotrs_work(ColMajor, (byte)'L', n, nrhs, Native(a), lda, Native(b), ldb);

    public static int Geqrf(int m, int n, Complex32* a, int lda, Complex32* tau, Complex32* work, int lwork) =>
        Lapacke.LAPACKE_cgeqrf_work(ColMajor, m, n, Native(a), lda, Native(tau), Native(work), lwork);

    public static int Orgqr(int m, int n, int k, Complex32* a, int lda, Complex32* tau, Complex32* work, int lwork) =>
        Lapacke.LAPACKE_cungqr_work(ColMajor, m, n, k, Native(a), lda, Native(tau), Native(work), lwork);

    public static int OrmqrLeftAdjoint(int m, int n, int k, Complex32* a, int lda, Complex32* tau, Complex32* c, int ldc, Complex32* work, int lwork) =>
        Lapacke.LAPACKE_cunmqr_work(ColMajor, (byte)'L', (byte)'C', m, n, k, Native(a), lda, Native(tau), Native(c), ldc, Native(work), lwork);

    public static int Svd(bool vectors, bool divideAndConquer, int m, int n, Complex32* a, Complex32* s, Complex32* u, Complex32* vt)
    {
        byte job = vectors ? (byte)'A' : (byte)'N';
        int lda = Math.Max(1, m), ldu = Math.Max(1, m), ldvt = Math.Max(1, n);
        long mn = Math.Min(m, n), mx = Math.Max(m, n);
        using var sReal = new Scratch<float>(mn);
        ComplexFloat query;
        int info;
        if (divideAndConquer)
        {
            long lrwork = vectors ? Math.Max(5 * mn * mn + 5 * mn, 2 * mx * mn + 2 * mn * mn + mn) : 7 * mn;
            using var rwork = new Scratch<float>(Math.Max(lrwork, 7 * mn));
            using var iwork = new Scratch<int>(8 * mn);
            info = Lapacke.LAPACKE_cgesdd_work(ColMajor, job, m, n, Native(a), lda, sReal.Pointer, Native(u), ldu, Native(vt), ldvt, &query, -1, rwork.Pointer, iwork.Pointer);
            if (info == 0)
            {
                using var work = new Scratch<Complex32>(WorkSize(new Complex32(query.Real, 0f)));
                info = Lapacke.LAPACKE_cgesdd_work(ColMajor, job, m, n, Native(a), lda, sReal.Pointer, Native(u), ldu, Native(vt), ldvt,
                    Native(work.Pointer), work.Length, rwork.Pointer, iwork.Pointer);
            }
        }
        else
        {
            using var rwork = new Scratch<float>(5 * mn);
            info = Lapacke.LAPACKE_cgesvd_work(ColMajor, job, job, m, n, Native(a), lda, sReal.Pointer, Native(u), ldu, Native(vt), ldvt, &query, -1, rwork.Pointer);
            if (info == 0)
            {
                using var work = new Scratch<Complex32>(WorkSize(new Complex32(query.Real, 0f)));
                info = Lapacke.LAPACKE_cgesvd_work(ColMajor, job, job, m, n, Native(a), lda, sReal.Pointer, Native(u), ldu, Native(vt), ldvt,
                    Native(work.Pointer), work.Length, rwork.Pointer);
            }
        }
        for (int i = 0; i < mn; i++)
            s[i] = new Complex32(sReal.Pointer[i], 0f);
        return info;
    }

    public static int SymmetricEigen(int n, Complex32* a, Complex* values)
    {
        int lda = Math.Max(1, n);
        using var w = new Scratch<float>(n);
        ComplexFloat query;
        float rquery;
        int iquery;
        int info = Lapacke.LAPACKE_cheevd_work(ColMajor, (byte)'V', (byte)'L', n, Native(a), lda, w.Pointer, &query, -1, &rquery, -1, &iquery, -1);
        if (info != 0)
            return info;
        using var work = new Scratch<Complex32>(WorkSize(new Complex32(query.Real, 0f)));
        using var rwork = new Scratch<float>(checked((int)Math.Ceiling(rquery * (1.0 + 1e-6)) + 1));
        using var iwork = new Scratch<int>(iquery);
        info = Lapacke.LAPACKE_cheevd_work(ColMajor, (byte)'V', (byte)'L', n, Native(a), lda, w.Pointer, Native(work.Pointer), work.Length,
            rwork.Pointer, rwork.Length, iwork.Pointer, iwork.Length);
        for (int i = 0; i < n; i++)
            values[i] = new Complex(w.Pointer[i], 0.0);
        return info;
    }

    public static int GeneralEigen(int n, Complex32* a, Complex32* vectors, Complex* values, Complex32* d)
    {
        int ld = Math.Max(1, n);
        using var rwork = new Scratch<float>(2L * n);
        using var w = new Scratch<ComplexFloat>(n);
        ComplexFloat query;
        int info = Lapacke.LAPACKE_cgeev_work(ColMajor, (byte)'N', (byte)'V', n, Native(a), ld, w.Pointer, null, 1, Native(vectors), ld, &query, -1, rwork.Pointer);
        if (info != 0)
            return info;
        using var work = new Scratch<Complex32>(WorkSize(new Complex32(query.Real, 0f)));
        info = Lapacke.LAPACKE_cgeev_work(ColMajor, (byte)'N', (byte)'V', n, Native(a), ld, w.Pointer, null, 1, Native(vectors), ld,
            Native(work.Pointer), work.Length, rwork.Pointer);
        for (int i = 0; i < n && info == 0; i++)
        {
            ComplexFloat wi = w.Pointer[i];
            values[i] = new Complex(wi.Real, wi.Imaginary);
            d[i * n + i] = new Complex32(wi.Real, wi.Imaginary);
        }
        return info;
    }
}
