// The ILinearAlgebraProvider<float> members: each forwards to the shared implementation in Internal/Linalg.cs.

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
    public void AddVectorToScaledVector(float[] y, float alpha, float[] x, float[] result) =>
        Linalg<float, SingleOps>.AddVectorToScaledVector(y, alpha, x, result);

    /// <summary>Scales an array: <c>result = alpha*x</c> (BLAS SCAL).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void ScaleArray(float alpha, float[] x, float[] result) =>
        Linalg<float, SingleOps>.ScaleArray(alpha, x, result);

    /// <summary>Conjugates an array (a copy for real types).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void ConjugateArray(float[] x, float[] result) =>
        Linalg<float, SingleOps>.ConjugateArray(x, result);

    /// <summary>The dot product of x and y, unconjugated, as Math.NET defines it (BLAS DOT/DOTU).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public float DotProduct(float[] x, float[] y) =>
        Linalg<float, SingleOps>.DotProduct(x, y);

    /// <summary>Pointwise <c>result = x + y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void AddArrays(float[] x, float[] y, float[] result) =>
        Linalg<float, SingleOps>.AddArrays(x, y, result);

    /// <summary>Pointwise <c>result = x - y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void SubtractArrays(float[] x, float[] y, float[] result) =>
        Linalg<float, SingleOps>.SubtractArrays(x, y, result);

    /// <summary>Pointwise <c>result = x * y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void PointWiseMultiplyArrays(float[] x, float[] y, float[] result) =>
        Linalg<float, SingleOps>.PointWiseMultiplyArrays(x, y, result);

    /// <summary>Pointwise <c>result = x / y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void PointWiseDivideArrays(float[] x, float[] y, float[] result) =>
        Linalg<float, SingleOps>.PointWiseDivideArrays(x, y, result);

    /// <summary>Pointwise <c>result = x ^ y</c>.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentException">The arrays differ in length.</exception>
    public void PointWisePowerArrays(float[] x, float[] y, float[] result) =>
        Linalg<float, SingleOps>.PointWisePowerArrays(x, y, result);

    /// <summary>The requested norm of a column-major matrix (LAPACK LANGE).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="matrix"/> holds fewer than rows*columns elements.</exception>
    /// <exception cref="System.NotSupportedException"><paramref name="norm"/> is not a <see cref="Norm"/> value.</exception>
    public double MatrixNorm(Norm norm, int rows, int columns, float[] matrix) =>
        Linalg<float, SingleOps>.MatrixNorm(norm, rows, columns, matrix);

    /// <summary><c>result = x*y</c> (BLAS GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The dimensions do not agree with each other or with the array lengths.</exception>
    public void MatrixMultiply(float[] x, int rowsX, int columnsX, float[] y, int rowsY, int columnsY, float[] result) =>
        Linalg<float, SingleOps>.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    /// <summary><c>c = alpha*op(a)*op(b) + beta*c</c> (BLAS GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The dimensions do not agree with each other or with the array lengths.</exception>
    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, float alpha, float[] a, int rowsA, int columnsA, float[] b, int rowsB, int columnsB, float beta, float[] c) =>
        Linalg<float, SingleOps>.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    /// <summary>LU factorization with partial pivoting, P*A = L*U, in place; 0-based pivots as Math.NET's (LAPACK GETRF). A singular matrix is factored, not rejected.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="data"/> or <paramref name="ipiv"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>.</exception>
    public void LUFactor(float[] data, int order, int[] ipiv) =>
        Linalg<float, SingleOps>.LUFactor(data, order, ipiv);

    /// <summary>Inverts <paramref name="a"/> in place through its LU factorization (GETRF, GETRI). A singular matrix gives infinities or NaNs, as Math.NET's managed provider.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">The array length is not order*order.</exception>
    public void LUInverse(float[] a, int order) =>
        Linalg<float, SingleOps>.LUInverse(a, order);

    /// <summary>Inverts an LU-factored matrix in place (GETRI).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="ipiv"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>, or a pivot is outside 0..order-1.</exception>
    public void LUInverseFactored(float[] a, int order, int[] ipiv) =>
        Linalg<float, SingleOps>.LUInverseFactored(a, order, ipiv);

    /// <summary>Solves A*X = B through LU factorization; B is overwritten with X (GETRF, GETRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void LUSolve(int columnsOfB, float[] a, int order, float[] b) =>
        Linalg<float, SingleOps>.LUSolve(columnsOfB, a, order, b);

    /// <summary>Solves A*X = B with A already LU-factored; B is overwritten with X (GETRS).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, a pivot is outside 0..order-1, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void LUSolveFactored(int columnsOfB, float[] a, int order, int[] ipiv, float[] b) =>
        Linalg<float, SingleOps>.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    /// <summary>Cholesky factorization A = L*Lᴴ from the lower triangle; <paramref name="a"/> becomes L with zeros above the diagonal (POTRF).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">The matrix is not positive definite (Math.NET's message), or the array length is not order*order.</exception>
    public void CholeskyFactor(float[] a, int order) =>
        Linalg<float, SingleOps>.CholeskyFactor(a, order);

    /// <summary>Solves A*X = B through Cholesky factorization; B is overwritten with X (POTRF, POTRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">The matrix is not positive definite, an array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void CholeskySolve(float[] a, int orderA, float[] b, int columnsB) =>
        Linalg<float, SingleOps>.CholeskySolve(a, orderA, b, columnsB);

    /// <summary>Solves A*X = B with A's Cholesky factor L given; B is overwritten with X (POTRS).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or <paramref name="a"/> and <paramref name="b"/> are one array.</exception>
    public void CholeskySolveFactored(float[] a, int orderA, float[] b, int columnsB) =>
        Linalg<float, SingleOps>.CholeskySolveFactored(a, orderA, b, columnsB);

    /// <summary>Full QR factorization: <paramref name="a"/> becomes R (zeros below the diagonal), <paramref name="q"/> the m-by-m Q, <paramref name="tau"/> the reflector scales (GEQRF, ORGQR/UNGQR).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    public void QRFactor(float[] a, int rowsA, int columnsA, float[] q, float[] tau) =>
        Linalg<float, SingleOps>.QRFactor(a, rowsA, columnsA, q, tau);

    /// <summary>Thin QR factorization (rows &gt;= columns): <paramref name="a"/> becomes the m-by-n Q, <paramref name="r"/> the n-by-n R (GEQRF, ORGQR/UNGQR).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    public void ThinQRFactor(float[] a, int rowsA, int columnsA, float[] r, float[] tau) =>
        Linalg<float, SingleOps>.ThinQRFactor(a, rowsA, columnsA, r, tau);

    /// <summary>Least-squares solution of A*X = B through QR factorization (GEQRF, ORMQR/UNMQR, TRSM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    public void QRSolve(float[] a, int rows, int columns, float[] b, int columnsB, float[] x, QRMethod method = QRMethod.Full) =>
        Linalg<float, SingleOps>.QRSolve(a, rows, columns, b, columnsB, x, method);

    /// <summary>Solves A*X = B from a QR factorization: X = R⁻¹*Qᴴ*B from the explicit Q and R (<paramref name="tau"/> is not needed) (GEMM, TRSM).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="q"/>, <paramref name="r"/>, <paramref name="b"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes, or there are fewer rows than columns.</exception>
    public void QRSolveFactored(float[] q, float[] r, int rowsA, int columnsA, float[] tau, float[] b, int columnsB, float[] x, QRMethod method = QRMethod.Full) =>
        Linalg<float, SingleOps>.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    /// <summary>Singular value decomposition A = U*S*Vᴴ: singular values in descending order, all of U and Vᴴ when <paramref name="computeVectors"/>; <paramref name="a"/> is destroyed (GESDD, falling back to GESVD).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    /// <exception cref="NonConvergenceException">Neither algorithm converged.</exception>
    public void SingularValueDecomposition(bool computeVectors, float[] a, int rowsA, int columnsA, float[] s, float[] u, float[] vt) =>
        Linalg<float, SingleOps>.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    /// <summary>Solves A*X = B through the singular value decomposition of A.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    /// <exception cref="NonConvergenceException">The SVD did not converge.</exception>
    public void SvdSolve(float[] a, int rowsA, int columnsA, float[] b, int columnsB, float[] x) =>
        Linalg<float, SingleOps>.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    /// <summary>Solves A*X = B from a singular value decomposition: X = V*S⁻¹*Uᴴ*B (GEMM).</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match the sizes.</exception>
    public void SvdSolveFactored(int rowsA, int columnsA, float[] s, float[] u, float[] vt, float[] b, int columnsB, float[] x) =>
        Linalg<float, SingleOps>.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    /// <summary>Eigenvalues and eigenvectors: SYEVD/HEEVD on the lower triangle when <paramref name="isSymmetric"/> (ascending eigenvalues), else GEEV. <paramref name="matrix"/> is left unchanged; <paramref name="matrixD"/> is the (block) diagonal eigenvalue matrix.</summary>
    /// <exception cref="System.ArgumentNullException">An array is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="System.ArgumentException">An array length does not match <paramref name="order"/>.</exception>
    /// <exception cref="NonConvergenceException">The eigenvalue algorithm did not converge.</exception>
    public void EigenDecomp(bool isSymmetric, int order, float[] matrix, float[] matrixEv, Complex[] vectorEv, float[] matrixD) =>
        Linalg<float, SingleOps>.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
}
