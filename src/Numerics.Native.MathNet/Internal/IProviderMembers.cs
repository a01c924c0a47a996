using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace Numerics.Native.MathNet.Internal;

/// <summary>
/// Every <see cref="ILinearAlgebraProvider{T}"/> member for one element type, written once: each is a default
/// interface implementation that forwards to <see cref="Linalg{T, TOps}"/>. <see cref="NumericsNativeLinearAlgebraProvider"/>
/// implements this interface for (double, <see cref="DoubleOps"/>), (float, <see cref="SingleOps"/>),
/// (Complex, <see cref="ComplexOps"/>) and (Complex32, <see cref="Complex32Ops"/>), which is how it implements
/// Math.NET's four <see cref="ILinearAlgebraProvider{T}"/> without four copies of the same 27 members.
/// </summary>
/// <remarks>
/// Math.NET calls its provider through <see cref="ILinearAlgebraProvider"/>, so an interface call reaches these
/// members as it would reach class methods; <typeparamref name="T"/> and <typeparamref name="TOps"/> are structs, so
/// each instantiation is compiled on its own, with no shared-generic lookups.
/// </remarks>
internal interface IProviderMembers<T, TOps> : ILinearAlgebraProvider<T>
    where T : unmanaged, IEquatable<T>, IFormattable
    where TOps : IElementOps<T>
{
    /// <summary>Adds a scaled vector to another: <c>result = y + alpha*x</c> (BLAS AXPY).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="y"/>, <paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.AddVectorToScaledVector(T[] y, T alpha, T[] x, T[] result) =>
        Linalg<T, TOps>.AddVectorToScaledVector(y, alpha, x, result);

    /// <summary>Scales an array: <c>result = alpha*x</c> (BLAS SCAL).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.ScaleArray(T alpha, T[] x, T[] result) =>
        Linalg<T, TOps>.ScaleArray(alpha, x, result);

    /// <summary>Conjugates an array (a copy for real types).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.ConjugateArray(T[] x, T[] result) =>
        Linalg<T, TOps>.ConjugateArray(x, result);

    /// <summary>The dot product of x and y, unconjugated, as Math.NET defines it (BLAS DOT/DOTU).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    T ILinearAlgebraProvider<T>.DotProduct(T[] x, T[] y) =>
        Linalg<T, TOps>.DotProduct(x, y);

    /// <summary>Pointwise <c>result = x + y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.AddArrays(T[] x, T[] y, T[] result) =>
        Linalg<T, TOps>.AddArrays(x, y, result);

    /// <summary>Pointwise <c>result = x - y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.SubtractArrays(T[] x, T[] y, T[] result) =>
        Linalg<T, TOps>.SubtractArrays(x, y, result);

    /// <summary>Pointwise <c>result = x * y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.PointWiseMultiplyArrays(T[] x, T[] y, T[] result) =>
        Linalg<T, TOps>.PointWiseMultiplyArrays(x, y, result);

    /// <summary>Pointwise <c>result = x / y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.PointWiseDivideArrays(T[] x, T[] y, T[] result) =>
        Linalg<T, TOps>.PointWiseDivideArrays(x, y, result);

    /// <summary>Pointwise <c>result = x ^ y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    void ILinearAlgebraProvider<T>.PointWisePowerArrays(T[] x, T[] y, T[] result) =>
        Linalg<T, TOps>.PointWisePowerArrays(x, y, result);

    /// <summary>The requested norm of a column-major matrix (LAPACK LANGE).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="matrix"/> holds fewer than rows*columns elements.</exception>
    /// <exception cref="System.NotSupportedException"><paramref name="norm"/> is not a <see cref="Norm"/> value.</exception>
    double ILinearAlgebraProvider<T>.MatrixNorm(Norm norm, int rows, int columns, T[] matrix) =>
        Linalg<T, TOps>.MatrixNorm(norm, rows, columns, matrix);

    /// <summary><c>result = x*y</c> (BLAS GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The dimensions do not agree with each other or with the array lengths.</exception>
    void ILinearAlgebraProvider<T>.MatrixMultiply(T[] x, int rowsX, int columnsX, T[] y, int rowsY, int columnsY, T[] result) =>
        Linalg<T, TOps>.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    /// <summary><c>c = alpha*op(a)*op(b) + beta*c</c> (BLAS GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The dimensions do not agree with each other or with the array lengths.</exception>
    void ILinearAlgebraProvider<T>.MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, T alpha, T[] a, int rowsA, int columnsA, T[] b, int rowsB, int columnsB, T beta, T[] c) =>
        Linalg<T, TOps>.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    /// <summary>LU factorization with partial pivoting, P*A = L*U, in place; 0-based pivots as Math.NET's (LAPACK GETRF). A singular matrix is factored, not rejected.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="data"/> or <paramref name="ipiv"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>.</exception>
    void ILinearAlgebraProvider<T>.LUFactor(T[] data, int order, int[] ipiv) =>
        Linalg<T, TOps>.LUFactor(data, order, ipiv);

    /// <summary>Inverts <paramref name="a"/> in place through its LU factorization (GETRF, GETRI). A singular matrix gives infinities or NaNs, as Math.NET's managed provider.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">The array length is not order*order.</exception>
    void ILinearAlgebraProvider<T>.LUInverse(T[] a, int order) =>
        Linalg<T, TOps>.LUInverse(a, order);

    /// <summary>Inverts an LU-factored matrix in place (GETRI).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="ipiv"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>, or a pivot is outside 0..order-1.</exception>
    void ILinearAlgebraProvider<T>.LUInverseFactored(T[] a, int order, int[] ipiv) =>
        Linalg<T, TOps>.LUInverseFactored(a, order, ipiv);

    /// <summary>Solves A*X = B through LU factorization; B is overwritten with X (GETRF, GETRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    void ILinearAlgebraProvider<T>.LUSolve(int columnsOfB, T[] a, int order, T[] b) =>
        Linalg<T, TOps>.LUSolve(columnsOfB, a, order, b);

    /// <summary>Solves A*X = B with A already LU-factored; B is overwritten with X (GETRS).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, a pivot is outside 0..order-1, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    void ILinearAlgebraProvider<T>.LUSolveFactored(int columnsOfB, T[] a, int order, int[] ipiv, T[] b) =>
        Linalg<T, TOps>.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    /// <summary>Cholesky factorization A = L*Lᴴ from the lower triangle; <paramref name="a"/> becomes L with zeros above the diagonal (POTRF).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">The matrix is not positive definite (Math.NET's message), or the array length is not order*order.</exception>
    void ILinearAlgebraProvider<T>.CholeskyFactor(T[] a, int order) =>
        Linalg<T, TOps>.CholeskyFactor(a, order);

    /// <summary>Solves A*X = B through Cholesky factorization; B is overwritten with X (POTRF, POTRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">The matrix is not positive definite, an array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    void ILinearAlgebraProvider<T>.CholeskySolve(T[] a, int orderA, T[] b, int columnsB) =>
        Linalg<T, TOps>.CholeskySolve(a, orderA, b, columnsB);

    /// <summary>Solves A*X = B with A's Cholesky factor L given; B is overwritten with X (POTRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    void ILinearAlgebraProvider<T>.CholeskySolveFactored(T[] a, int orderA, T[] b, int columnsB) =>
        Linalg<T, TOps>.CholeskySolveFactored(a, orderA, b, columnsB);

    /// <summary>Full QR factorization: <paramref name="a"/> becomes R (zeros below the diagonal), <paramref name="q"/> the m-by-m Q, <paramref name="tau"/> the reflector scales (GEQRF, ORGQR/UNGQR).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    void ILinearAlgebraProvider<T>.QRFactor(T[] a, int rowsA, int columnsA, T[] q, T[] tau) =>
        Linalg<T, TOps>.QRFactor(a, rowsA, columnsA, q, tau);

    /// <summary>Thin QR factorization (rows &gt;= columns): <paramref name="a"/> becomes the m-by-n Q, <paramref name="r"/> the n-by-n R (GEQRF, ORGQR/UNGQR).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    void ILinearAlgebraProvider<T>.ThinQRFactor(T[] a, int rowsA, int columnsA, T[] r, T[] tau) =>
        Linalg<T, TOps>.ThinQRFactor(a, rowsA, columnsA, r, tau);

    /// <summary>Least-squares solution of A*X = B through QR factorization (GEQRF, ORMQR/UNMQR, TRSM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    void ILinearAlgebraProvider<T>.QRSolve(T[] a, int rows, int columns, T[] b, int columnsB, T[] x, QRMethod method) =>
        Linalg<T, TOps>.QRSolve(a, rows, columns, b, columnsB, x, method);

    /// <summary>Solves A*X = B from a QR factorization: X = R⁻¹*Qᴴ*B from the explicit Q and R (<paramref name="tau"/> is not needed) (GEMM, TRSM).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="q"/>, <paramref name="r"/>, <paramref name="b"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    void ILinearAlgebraProvider<T>.QRSolveFactored(T[] q, T[] r, int rowsA, int columnsA, T[] tau, T[] b, int columnsB, T[] x, QRMethod method) =>
        Linalg<T, TOps>.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    /// <summary>Singular value decomposition A = U*S*Vᴴ: singular values in descending order, all of U and Vᴴ when <paramref name="computeVectors"/>; <paramref name="a"/> is destroyed (GESDD, falling back to GESVD).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    /// <exception cref="NonConvergenceException">Neither algorithm converged.</exception>
    void ILinearAlgebraProvider<T>.SingularValueDecomposition(bool computeVectors, T[] a, int rowsA, int columnsA, T[] s, T[] u, T[] vt) =>
        Linalg<T, TOps>.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    /// <summary>Solves A*X = B through the singular value decomposition of A.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    /// <exception cref="NonConvergenceException">The SVD did not converge.</exception>
    void ILinearAlgebraProvider<T>.SvdSolve(T[] a, int rowsA, int columnsA, T[] b, int columnsB, T[] x) =>
        Linalg<T, TOps>.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    /// <summary>Solves A*X = B from a singular value decomposition: X = V*S⁻¹*Uᴴ*B (GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    void ILinearAlgebraProvider<T>.SvdSolveFactored(int rowsA, int columnsA, T[] s, T[] u, T[] vt, T[] b, int columnsB, T[] x) =>
        Linalg<T, TOps>.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    /// <summary>Eigenvalues and eigenvectors: SYEVD/HEEVD on the lower triangle when <paramref name="isSymmetric"/> (ascending eigenvalues), else GEEV. <paramref name="matrix"/> is left unchanged; <paramref name="matrixD"/> is the (block) diagonal eigenvalue matrix.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>.</exception>
    /// <exception cref="NonConvergenceException">The eigenvalue algorithm did not converge.</exception>
    void ILinearAlgebraProvider<T>.EigenDecomp(bool isSymmetric, int order, T[] matrix, T[] matrixEv, Complex[] vectorEv, T[] matrixD) =>
        Linalg<T, TOps>.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
}
