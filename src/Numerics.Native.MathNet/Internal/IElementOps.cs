using System.Numerics;

namespace Numerics.Native.MathNet.Internal;

/// <summary>
/// What the provider's algorithms (<see cref="Linalg{T, TOps}"/>) need from one element type: scalar helpers,
/// elementwise loops, the BLAS calls (through the bounds-checked span overloads) and the LAPACK calls (the LAPACKE
/// <c>_work</c> functions, column-major, so no NaN scan and no transposed copies). One implementation per type.
/// </summary>
/// <remarks>Matrices are column-major with leading dimension = rows, as Math.NET stores them.</remarks>
internal unsafe interface IElementOps<T> where T : unmanaged
{
    static abstract bool IsComplex { get; }
    static abstract T One { get; }
    static abstract bool IsZero(T x);
    static abstract bool IsOne(T x);
    static abstract T Reciprocal(T x);
    /// <summary>The real part of a workspace-query answer, rounded up to a usable length.</summary>
    static abstract int WorkSize(T query);
    static abstract T FromComplex(Complex value);
    /// <summary>No NaN or infinity among the real and imaginary parts.</summary>
    static abstract bool AllFinite(ReadOnlySpan<T> x);

    static abstract void Add(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result);
    static abstract void Subtract(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result);
    static abstract void Multiply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result);
    static abstract void Divide(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result);
    static abstract void Power(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result);
    static abstract void Conjugate(ReadOnlySpan<T> x, Span<T> result);

    static abstract void Axpy(int n, T alpha, ReadOnlySpan<T> x, Span<T> y);
    static abstract void Scal(int n, T alpha, Span<T> x, int inc);
    static abstract T Dot(int n, ReadOnlySpan<T> x, ReadOnlySpan<T> y);
    static abstract void Gemm(int transA, int transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc);
    /// <summary>B := inv(U)·B for the upper triangle U of <paramref name="a"/> (left side, no transpose, non-unit).</summary>
    static abstract void TrsmUpper(int m, int n, ReadOnlySpan<T> a, int lda, Span<T> b, int ldb);

    /// <summary>LAPACK's norm letter ('1', 'F', 'I', 'M') of an m-by-n matrix; 0 when m or n is 0.</summary>
    static abstract double Lange(byte norm, int m, int n, T* a, int lda);
    static abstract int Getrf(int m, int n, T* a, int lda, int* ipiv);
    static abstract int Getri(int n, T* a, int lda, int* ipiv, T* work, int lwork);
    static abstract int Getrs(int n, int nrhs, T* a, int lda, int* ipiv, T* b, int ldb);
    /// <summary>Cholesky of the lower triangle.</summary>
    static abstract int Potrf(int n, T* a, int lda);
    static abstract int Potrs(int n, int nrhs, T* a, int lda, T* b, int ldb);
    static abstract int Geqrf(int m, int n, T* a, int lda, T* tau, T* work, int lwork);
    /// <summary>orgqr (real) or ungqr (complex).</summary>
    static abstract int Orgqr(int m, int n, int k, T* a, int lda, T* tau, T* work, int lwork);
    /// <summary>C := Qᴴ·C, with Q from geqrf's reflectors (ormqr 'L','T' or unmqr 'L','C').</summary>
    static abstract int OrmqrLeftAdjoint(int m, int n, int k, T* a, int lda, T* tau, T* c, int ldc, T* work, int lwork);

    /// <summary>
    /// The SVD of the m-by-n <paramref name="a"/> (destroyed): singular values descending into
    /// <paramref name="s"/> (min(m, n), as T), and with <paramref name="vectors"/> all of U (m-by-m) and Vᴴ (n-by-n).
    /// gesdd, or gesvd when <paramref name="divideAndConquer"/> is false. Returns LAPACK's info.
    /// </summary>
    static abstract int Svd(bool vectors, bool divideAndConquer, int m, int n, T* a, T* s, T* u, T* vt);

    /// <summary>syevd/heevd on the lower triangle: <paramref name="a"/> becomes the eigenvectors; ascending
    /// eigenvalues into <paramref name="values"/>. Returns LAPACK's info.</summary>
    static abstract int SymmetricEigen(int n, T* a, Complex* values);

    /// <summary>geev with right eigenvectors: <paramref name="a"/> (destroyed); eigenvectors into
    /// <paramref name="vectors"/> in LAPACK's real-pair layout for real types; eigenvalues; and the block-diagonal
    /// eigenvalue matrix into the zeroed <paramref name="d"/>. Returns LAPACK's info.</summary>
    static abstract int GeneralEigen(int n, T* a, T* vectors, Complex* values, T* d);
}
