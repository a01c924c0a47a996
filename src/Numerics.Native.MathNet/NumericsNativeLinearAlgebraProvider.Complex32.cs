// The ILinearAlgebraProvider<Complex32> members: each forwards to the shared implementation in Internal/Linalg.cs.

using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.MathNet.Internal;
using Complex = System.Numerics.Complex;

namespace Numerics.Native.MathNet;

public sealed partial class NumericsNativeLinearAlgebraProvider
{
    /// <summary>Adds a scaled vector to another: <c>result = y + alpha*x</c> (BLAS AXPY).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="y"/>, <paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void AddVectorToScaledVector(Complex32[] y, Complex32 alpha, Complex32[] x, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.AddVectorToScaledVector(y, alpha, x, result);

    /// <summary>Scales an array: <c>result = alpha*x</c> (BLAS SCAL).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void ScaleArray(Complex32 alpha, Complex32[] x, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.ScaleArray(alpha, x, result);

    /// <summary>Conjugates an array (a copy for real types).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void ConjugateArray(Complex32[] x, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.ConjugateArray(x, result);

    /// <summary>The dot product of x and y, unconjugated, as Math.NET defines it (BLAS DOT/DOTU).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public Complex32 DotProduct(Complex32[] x, Complex32[] y) =>
        Linalg<Complex32, Complex32Ops>.DotProduct(x, y);

    /// <summary>Pointwise <c>result = x + y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void AddArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.AddArrays(x, y, result);

    /// <summary>Pointwise <c>result = x - y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void SubtractArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.SubtractArrays(x, y, result);

    /// <summary>Pointwise <c>result = x * y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void PointWiseMultiplyArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.PointWiseMultiplyArrays(x, y, result);

    /// <summary>Pointwise <c>result = x / y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void PointWiseDivideArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.PointWiseDivideArrays(x, y, result);

    /// <summary>Pointwise <c>result = x ^ y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void PointWisePowerArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.PointWisePowerArrays(x, y, result);

    /// <summary>The requested norm of a column-major matrix (LAPACK LANGE).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="matrix"/> holds fewer than rows*columns elements.</exception>
    /// <exception cref="System.NotSupportedException"><paramref name="norm"/> is not a <see cref="Norm"/> value.</exception>
    public double MatrixNorm(Norm norm, int rows, int columns, Complex32[] matrix) =>
        Linalg<Complex32, Complex32Ops>.MatrixNorm(norm, rows, columns, matrix);

    /// <summary><c>result = x*y</c> (BLAS GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The dimensions do not agree with each other or with the array lengths.</exception>
    public void MatrixMultiply(Complex32[] x, int rowsX, int columnsX, Complex32[] y, int rowsY, int columnsY, Complex32[] result) =>
        Linalg<Complex32, Complex32Ops>.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    /// <summary><c>c = alpha*op(a)*op(b) + beta*c</c> (BLAS GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The dimensions do not agree with each other or with the array lengths.</exception>
    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, Complex32 alpha, Complex32[] a, int rowsA, int columnsA, Complex32[] b, int rowsB, int columnsB, Complex32 beta, Complex32[] c) =>
        Linalg<Complex32, Complex32Ops>.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    /// <summary>LU factorization with partial pivoting, P*A = L*U, in place; 0-based pivots as Math.NET's (LAPACK GETRF). A singular matrix is factored, not rejected.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="data"/> or <paramref name="ipiv"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>.</exception>
    public void LUFactor(Complex32[] data, int order, int[] ipiv) =>
        Linalg<Complex32, Complex32Ops>.LUFactor(data, order, ipiv);

    /// <summary>Inverts <paramref name="a"/> in place through its LU factorization (GETRF, GETRI). A singular matrix gives infinities or NaNs, as Math.NET's managed provider.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">The array length is not order*order.</exception>
    public void LUInverse(Complex32[] a, int order) =>
        Linalg<Complex32, Complex32Ops>.LUInverse(a, order);

    /// <summary>Inverts an LU-factored matrix in place (GETRI).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="ipiv"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>, or a pivot is outside 0..order-1.</exception>
    public void LUInverseFactored(Complex32[] a, int order, int[] ipiv) =>
        Linalg<Complex32, Complex32Ops>.LUInverseFactored(a, order, ipiv);

    /// <summary>Solves A*X = B through LU factorization; B is overwritten with X (GETRF, GETRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void LUSolve(int columnsOfB, Complex32[] a, int order, Complex32[] b) =>
        Linalg<Complex32, Complex32Ops>.LUSolve(columnsOfB, a, order, b);

    /// <summary>Solves A*X = B with A already LU-factored; B is overwritten with X (GETRS).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, a pivot is outside 0..order-1, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void LUSolveFactored(int columnsOfB, Complex32[] a, int order, int[] ipiv, Complex32[] b) =>
        Linalg<Complex32, Complex32Ops>.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    /// <summary>Cholesky factorization A = L*Lᴴ from the lower triangle; <paramref name="a"/> becomes L with zeros above the diagonal (POTRF).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">The matrix is not positive definite (Math.NET's message), or the array length is not order*order.</exception>
    public void CholeskyFactor(Complex32[] a, int order) =>
        Linalg<Complex32, Complex32Ops>.CholeskyFactor(a, order);

    /// <summary>Solves A*X = B through Cholesky factorization; B is overwritten with X (POTRF, POTRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">The matrix is not positive definite, an array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void CholeskySolve(Complex32[] a, int orderA, Complex32[] b, int columnsB) =>
        Linalg<Complex32, Complex32Ops>.CholeskySolve(a, orderA, b, columnsB);

    /// <summary>Solves A*X = B with A's Cholesky factor L given; B is overwritten with X (POTRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void CholeskySolveFactored(Complex32[] a, int orderA, Complex32[] b, int columnsB) =>
        Linalg<Complex32, Complex32Ops>.CholeskySolveFactored(a, orderA, b, columnsB);

    /// <summary>Full QR factorization: <paramref name="a"/> becomes R (zeros below the diagonal), <paramref name="q"/> the m-by-m Q, <paramref name="tau"/> the reflector scales (GEQRF, ORGQR/UNGQR).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    public void QRFactor(Complex32[] a, int rowsA, int columnsA, Complex32[] q, Complex32[] tau) =>
        Linalg<Complex32, Complex32Ops>.QRFactor(a, rowsA, columnsA, q, tau);

    /// <summary>Thin QR factorization (rows &gt;= columns): <paramref name="a"/> becomes the m-by-n Q, <paramref name="r"/> the n-by-n R (GEQRF, ORGQR/UNGQR).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    public void ThinQRFactor(Complex32[] a, int rowsA, int columnsA, Complex32[] r, Complex32[] tau) =>
        Linalg<Complex32, Complex32Ops>.ThinQRFactor(a, rowsA, columnsA, r, tau);

    /// <summary>Least-squares solution of A*X = B through QR factorization (GEQRF, ORMQR/UNMQR, TRSM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    public void QRSolve(Complex32[] a, int rows, int columns, Complex32[] b, int columnsB, Complex32[] x, QRMethod method = QRMethod.Full) =>
        Linalg<Complex32, Complex32Ops>.QRSolve(a, rows, columns, b, columnsB, x, method);

    /// <summary>Solves A*X = B from a QR factorization: X = R⁻¹*Qᴴ*B from the explicit Q and R (<paramref name="tau"/> is not needed) (GEMM, TRSM).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="q"/>, <paramref name="r"/>, <paramref name="b"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    public void QRSolveFactored(Complex32[] q, Complex32[] r, int rowsA, int columnsA, Complex32[] tau, Complex32[] b, int columnsB, Complex32[] x, QRMethod method = QRMethod.Full) =>
        Linalg<Complex32, Complex32Ops>.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    /// <summary>Singular value decomposition A = U*S*Vᴴ: singular values in descending order, all of U and Vᴴ when <paramref name="computeVectors"/>; <paramref name="a"/> is destroyed (GESDD, falling back to GESVD).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    /// <exception cref="NonConvergenceException">Neither algorithm converged.</exception>
    public void SingularValueDecomposition(bool computeVectors, Complex32[] a, int rowsA, int columnsA, Complex32[] s, Complex32[] u, Complex32[] vt) =>
        Linalg<Complex32, Complex32Ops>.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    /// <summary>Solves A*X = B through the singular value decomposition of A.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    /// <exception cref="NonConvergenceException">The SVD did not converge.</exception>
    public void SvdSolve(Complex32[] a, int rowsA, int columnsA, Complex32[] b, int columnsB, Complex32[] x) =>
        Linalg<Complex32, Complex32Ops>.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    /// <summary>Solves A*X = B from a singular value decomposition: X = V*S⁻¹*Uᴴ*B (GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    public void SvdSolveFactored(int rowsA, int columnsA, Complex32[] s, Complex32[] u, Complex32[] vt, Complex32[] b, int columnsB, Complex32[] x) =>
        Linalg<Complex32, Complex32Ops>.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    /// <summary>Eigenvalues and eigenvectors: SYEVD/HEEVD on the lower triangle when <paramref name="isSymmetric"/> (ascending eigenvalues), else GEEV. <paramref name="matrix"/> is left unchanged; <paramref name="matrixD"/> is the (block) diagonal eigenvalue matrix.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>.</exception>
    /// <exception cref="NonConvergenceException">The eigenvalue algorithm did not converge.</exception>
    public void EigenDecomp(bool isSymmetric, int order, Complex32[] matrix, Complex32[] matrixEv, Complex[] vectorEv, Complex32[] matrixD) =>
        Linalg<Complex32, Complex32Ops>.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
}
