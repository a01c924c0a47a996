using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using static Numerics.Native.MathNet.Internal.Codes;

namespace Numerics.Native.MathNet.Internal;

/// <summary>
/// Every <see cref="ILinearAlgebraProvider{T}"/> member, written once over <see cref="IElementOps{T}"/>. Argument
/// checks and exception types follow Math.NET's managed provider (messages included), tightened wherever the
/// managed code would index past an array: here that would be a native read out of bounds, so every length the
/// native call relies on is checked first.
/// </summary>
internal static unsafe class Linalg<T, TOps> where T : unmanaged where TOps : IElementOps<T>
{
    private const string SameLength = "All vectors must have the same dimensionality.";
    private const string ArraysSameLength = "The array arguments must have the same length.";
    private const string DifferentObjects = "Arguments must be different objects.";
    private const string RowsAtLeastColumns = "The number of rows must greater than or equal to the number of columns.";

    private static int AdjointCode => TOps.IsComplex ? ConjTrans : Trans;

    private static int TransCode(Transpose t) => t switch
    {
        Transpose.DontTranspose => NoTrans,
        Transpose.ConjugateTranspose => ConjTrans,
        _ => Trans,
    };

    /// <summary>
    /// Every BLAS/LAPACK call passes the backend thread gate with its multiply-add count (a·b·c), as the facade's
    /// calls do: small problems from many service threads then run side by side on one backend thread each instead
    /// of queueing on OpenBLAS's spinning pool (README "Math.NET provider").
    /// </summary>
    private static global::Numerics.Native.Interop.BlasGate.Ticket Gate(double a, double b, double c) =>
        global::Numerics.Native.Interop.BlasGate.Enter(a * b * c);

    private static void RequireLength(T[] array, long length, string name, string message = ArraysSameLength)
    {
        if (array.Length != length)
            throw new ArgumentException(message, name);
    }

    // ---- vectors and elementwise ----

    public static void AddVectorToScaledVector(T[] y, T alpha, T[] x, T[] result)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        if (y.Length != x.Length || result.Length != y.Length)
            throw new ArgumentException(SameLength);
        int n = y.Length;
        if (ReferenceEquals(result, x) && !ReferenceEquals(result, y))
        {
            // result = alpha·x + y with result already holding x.
            using (Gate(n, 1, 1)) TOps.Scal(n, alpha, result, 1);
            using (Gate(n, 1, 1)) TOps.Axpy(n, TOps.One, y, result);
            return;
        }
        if (ReferenceEquals(x, y))
        {
            // BLAS may not be handed one array as both x and y.
            T[] copy = (T[])x.Clone();
            y.AsSpan().CopyTo(result);
            if (!TOps.IsZero(alpha))
                using (Gate(n, 1, 1)) TOps.Axpy(n, alpha, copy, result);
            return;
        }
        y.AsSpan().CopyTo(result);
        if (!TOps.IsZero(alpha))
            using (Gate(n, 1, 1)) TOps.Axpy(n, alpha, x, result);
    }

    public static void ScaleArray(T alpha, T[] x, T[] result)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Length != x.Length)
            throw new ArgumentException(SameLength);
        if (TOps.IsZero(alpha))
        {
            Array.Clear(result);
            return;
        }
        x.AsSpan().CopyTo(result);
        if (!TOps.IsOne(alpha))
            using (Gate(result.Length, 1, 1)) TOps.Scal(result.Length, alpha, result, 1);
    }

    public static void ConjugateArray(T[] x, T[] result)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Length != x.Length)
            throw new ArgumentException(SameLength);
        TOps.Conjugate(x, result);
    }

    public static T DotProduct(T[] x, T[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(x);
        if (y.Length != x.Length)
            throw new ArgumentException(SameLength);
        using (Gate(x.Length, 1, 1)) return TOps.Dot(x.Length, x, y);
    }

    private static void CheckPointwise(T[] x, T[] y, T[] result)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        if (y.Length != x.Length || y.Length != result.Length)
            throw new ArgumentException(SameLength);
    }

    public static void AddArrays(T[] x, T[] y, T[] result)
    {
        CheckPointwise(x, y, result);
        TOps.Add(x, y, result);
    }

    public static void SubtractArrays(T[] x, T[] y, T[] result)
    {
        CheckPointwise(x, y, result);
        TOps.Subtract(x, y, result);
    }

    public static void PointWiseMultiplyArrays(T[] x, T[] y, T[] result)
    {
        CheckPointwise(x, y, result);
        TOps.Multiply(x, y, result);
    }

    public static void PointWiseDivideArrays(T[] x, T[] y, T[] result)
    {
        CheckPointwise(x, y, result);
        TOps.Divide(x, y, result);
    }

    public static void PointWisePowerArrays(T[] x, T[] y, T[] result)
    {
        CheckPointwise(x, y, result);
        TOps.Power(x, y, result);
    }

    // ---- norms and products ----

    public static double MatrixNorm(Norm norm, int rows, int columns, T[] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        byte letter = norm switch
        {
            Norm.OneNorm => (byte)'1',
            Norm.FrobeniusNorm => (byte)'F',
            Norm.InfinityNorm => (byte)'I',
            Norm.LargestAbsoluteValue => (byte)'M',
            _ => throw new NotSupportedException(),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)rows * columns > matrix.Length)
            throw new ArgumentException($"The given array is too small: rows ({rows}) * columns ({columns}) > matrix.Length ({matrix.Length}).", nameof(matrix));
        fixed (T* a = matrix)
            using (Gate(rows, columns, 1)) return TOps.Lange(letter, rows, columns, a, Math.Max(1, rows));
    }

    public static void MatrixMultiply(T[] x, int rowsX, int columnsX, T[] y, int rowsY, int columnsY, T[] result)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(result);
        if (columnsX != rowsY)
            throw new ArgumentOutOfRangeException(FormattableString.Invariant($"columnsA ({columnsX}) != rowsB ({rowsY})"));
        CheckProductSizes(rowsX, columnsX, x.Length, rowsY, columnsY, y.Length, result.Length);
        Gemm(NoTrans, NoTrans, rowsX, columnsY, columnsX, TOps.One, x, y, default, result, Math.Max(1, rowsX), Math.Max(1, rowsY));
    }

    public static void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, T alpha, T[] a, int rowsA, int columnsA,
        T[] b, int rowsB, int columnsB, T beta, T[] c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        int lda = Math.Max(1, rowsA), ldb = Math.Max(1, rowsB);
        if (transposeA != Transpose.DontTranspose)
            (rowsA, columnsA) = (columnsA, rowsA);
        if (transposeB != Transpose.DontTranspose)
            (rowsB, columnsB) = (columnsB, rowsB);
        if (columnsA != rowsB)
            throw new ArgumentOutOfRangeException(FormattableString.Invariant($"columnsA ({columnsA}) != rowsB ({rowsB})"));
        CheckProductSizes(rowsA, columnsA, a.Length, rowsB, columnsB, b.Length, c.Length);
        Gemm(TransCode(transposeA), TransCode(transposeB), rowsA, columnsB, columnsA, alpha, a, b, beta, c, lda, ldb);
    }

    private static void CheckProductSizes(int rowsA, int columnsA, int lengthA, int rowsB, int columnsB, int lengthB, int lengthC)
    {
        if (rowsA < 0 || columnsA < 0 || (long)rowsA * columnsA != lengthA)
            throw new ArgumentOutOfRangeException(FormattableString.Invariant($"rowsA ({rowsA}) * columnsA ({columnsA}) != a.Length ({lengthA})"));
        if (columnsB < 0 || (long)rowsB * columnsB != lengthB)
            throw new ArgumentOutOfRangeException(FormattableString.Invariant($"rowsB ({rowsB}) * columnsB ({columnsB}) != b.Length ({lengthB})"));
        if ((long)rowsA * columnsB != lengthC)
            throw new ArgumentOutOfRangeException(FormattableString.Invariant($"rowsA ({rowsA}) * columnsB ({columnsB}) != c.Length ({lengthC})"));
    }

    /// <summary>c = alpha·op(a)·op(b) + beta·c, m-by-n, through a temporary when c is also an input (GEMM may not alias).</summary>
    private static void Gemm(int transA, int transB, int m, int n, int k, T alpha, T[] a, T[] b, T beta, T[] c, int lda, int ldb)
    {
        bool aliased = ReferenceEquals(c, a) || ReferenceEquals(c, b);
        T[] target = aliased ? (T[])c.Clone() : c;
        using (Gate(m, n, k)) TOps.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, target, Math.Max(1, m));
        if (aliased)
            target.AsSpan().CopyTo(c);
    }

    // ---- LU ----

    public static void LUFactor(T[] data, int order, int[] ipiv)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ipiv);
        CheckOrder(order);
        RequireLength(data, (long)order * order, nameof(data));
        if (ipiv.Length != order)
            throw new ArgumentException(ArraysSameLength, nameof(ipiv));
        // A singular U (info > 0) is a result, not an error: Math.NET's managed LU does not throw either.
        fixed (T* a = data)
        fixed (int* p = ipiv)
            using (Gate(order, order, order)) TOps.Getrf(order, order, a, Math.Max(1, order), p);
        for (int i = 0; i < order; i++)
            ipiv[i]--; // LAPACK counts rows from 1, Math.NET from 0
    }

    public static void LUInverse(T[] a, int order)
    {
        ArgumentNullException.ThrowIfNull(a);
        CheckOrder(order);
        RequireLength(a, (long)order * order, nameof(a));
        var ipiv = new int[order];
        fixed (T* pa = a)
        fixed (int* p = ipiv)
            using (Gate(order, order, order)) TOps.Getrf(order, order, pa, Math.Max(1, order), p);
        InverseFactored(a, order, ipiv);
    }

    public static void LUInverseFactored(T[] a, int order, int[] ipiv)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(ipiv);
        CheckOrder(order);
        RequireLength(a, (long)order * order, nameof(a));
        if (ipiv.Length != order)
            throw new ArgumentException(ArraysSameLength, nameof(ipiv));
        InverseFactored(a, order, OneBased(ipiv, order));
    }

    /// <summary>getri on LAPACK pivots; for a singular U, getri would refuse and leave the factors, so solve against
    /// the identity instead, which yields the infinities and NaNs Math.NET's managed inverse gives.</summary>
    private static void InverseFactored(T[] a, int order, int[] ipiv)
    {
        if (order == 0)
            return;
        bool singular = false;
        for (int i = 0; i < order && !singular; i++)
            singular = TOps.IsZero(a[i * order + i]);
        fixed (T* pa = a)
        fixed (int* p = ipiv)
        {
            if (singular)
            {
                var identity = new T[a.Length];
                for (int i = 0; i < order; i++)
                    identity[i * order + i] = TOps.One;
                fixed (T* pb = identity)
                    using (Gate(order, order, order)) TOps.Getrs(order, order, pa, order, p, pb, order);
                identity.AsSpan().CopyTo(a);
                return;
            }
            T query;
            using (Gate(order, order, order)) TOps.Getri(order, pa, order, p, &query, -1);
            using var work = new Scratch<T>(Math.Max(order, TOps.WorkSize(query)));
            using (Gate(order, order, order)) TOps.Getri(order, pa, order, p, work.Pointer, work.Length);
        }
    }

    public static void LUSolve(int columnsOfB, T[] a, int order, T[] b)
    {
        CheckSquareSolve(a, order, b, columnsOfB);
        T[] factors = (T[])a.Clone();
        var ipiv = new int[order];
        fixed (T* pa = factors)
        fixed (T* pb = b)
        fixed (int* p = ipiv)
        {
            int ld = Math.Max(1, order);
            using (Gate(order, order, order)) TOps.Getrf(order, order, pa, ld, p);
            using (Gate(order, order, columnsOfB)) TOps.Getrs(order, columnsOfB, pa, ld, p, pb, ld);
        }
    }

    public static void LUSolveFactored(int columnsOfB, T[] a, int order, int[] ipiv, T[] b)
    {
        ArgumentNullException.ThrowIfNull(ipiv);
        CheckSquareSolve(a, order, b, columnsOfB);
        if (ipiv.Length != order)
            throw new ArgumentException(ArraysSameLength, nameof(ipiv));
        int[] pivots = OneBased(ipiv, order);
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (int* p = pivots)
        {
            int ld = Math.Max(1, order);
            using (Gate(order, order, columnsOfB)) TOps.Getrs(order, columnsOfB, pa, ld, p, pb, ld);
        }
    }

    /// <summary>Math.NET's 0-based pivots as LAPACK's 1-based ones. LAPACK swaps rows by these numbers unchecked, so
    /// each must name a row.</summary>
    private static int[] OneBased(int[] ipiv, int order)
    {
        var result = new int[ipiv.Length];
        for (int i = 0; i < ipiv.Length; i++)
        {
            if ((uint)ipiv[i] >= (uint)order)
                throw new ArgumentException($"Pivot index ipiv[{i}] = {ipiv[i]} is outside 0..{order - 1}.", nameof(ipiv));
            result[i] = ipiv[i] + 1;
        }
        return result;
    }

    private static void CheckOrder(int order) => ArgumentOutOfRangeException.ThrowIfNegative(order);

    /// <summary>The checks every A·X = B solve with a square A makes (LU and Cholesky, factored or not): both arrays
    /// there, sizes not negative, lengths order² and order·columnsB, and two distinct arrays (B is overwritten).</summary>
    private static void CheckSquareSolve(T[] a, int order, T[] b, int columnsB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckOrder(order);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsB);
        RequireLength(a, (long)order * order, nameof(a));
        RequireLength(b, (long)order * columnsB, nameof(b));
        if (ReferenceEquals(a, b))
            throw new ArgumentException(DifferentObjects);
    }

    // ---- Cholesky ----

    public static void CholeskyFactor(T[] a, int order)
    {
        ArgumentNullException.ThrowIfNull(a);
        CheckOrder(order);
        RequireLength(a, (long)order * order, nameof(a));
        Potrf(a, order);
    }

    /// <summary>The lower factor L with zeros above, as Math.NET's managed Cholesky leaves it.</summary>
    private static void Potrf(T[] a, int order)
    {
        int info;
        fixed (T* pa = a)
            using (Gate(order, order, order)) info = TOps.Potrf(order, pa, Math.Max(1, order));
        // OpenBLAS's potrf lets a NaN pivot through; Math.NET's managed test (pivot > 0) rejects it.
        bool positive = info == 0;
        for (int i = 0; i < order && positive; i++)
            positive = TOps.AllFinite(a.AsSpan(i * order + i, 1));
        if (!positive)
            throw new ArgumentException("Matrix must be positive definite.");
        for (int j = 1; j < order; j++)
            Array.Clear(a, j * order, j);
    }

    public static void CholeskySolve(T[] a, int orderA, T[] b, int columnsB)
    {
        CheckSquareSolve(a, orderA, b, columnsB);
        T[] factor = (T[])a.Clone();
        Potrf(factor, orderA);
        Potrs(factor, orderA, b, columnsB);
    }

    public static void CholeskySolveFactored(T[] a, int orderA, T[] b, int columnsB)
    {
        CheckSquareSolve(a, orderA, b, columnsB);
        Potrs(a, orderA, b, columnsB);
    }

    private static void Potrs(T[] factor, int order, T[] b, int columnsB)
    {
        fixed (T* pa = factor)
        fixed (T* pb = b)
        {
            int ld = Math.Max(1, order);
            using (Gate(order, order, columnsB)) TOps.Potrs(order, columnsB, pa, ld, pb, ld);
        }
    }

    // ---- QR ----

    public static void QRFactor(T[] r, int rowsR, int columnsR, T[] q, T[] tau)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(tau);
        ArgumentOutOfRangeException.ThrowIfNegative(rowsR);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsR);
        RequireLength(r, (long)rowsR * columnsR, nameof(r), "The given array has the wrong length. Should be rowsR * columnsR.");
        int m = rowsR, n = columnsR, k = Math.Min(m, n);
        if (tau.Length < k)
            throw new ArgumentException("The given array is too small. It must be at least min(m,n) long.", nameof(tau));
        RequireLength(q, (long)m * m, nameof(q), "The given array has the wrong length. Should be rowsR * rowsR.");
        if (m == 0)
            return;
        fixed (T* pr = r)
        fixed (T* pq = q)
        fixed (T* pt = tau)
        {
            Geqrf(m, n, pr, pt);
            // The reflectors below R's diagonal become Q (m-by-m) in place of q, then R keeps only its upper triangle.
            new ReadOnlySpan<T>(pr, m * k).CopyTo(new Span<T>(pq, m * k));
            Orgqr(m, m, k, pq, pt);
            for (int j = 0; j < k; j++)
                new Span<T>(pr + j * m + j + 1, m - j - 1).Clear();
        }
    }

    public static void ThinQRFactor(T[] a, int rowsA, int columnsA, T[] r, T[] tau)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(tau);
        ArgumentOutOfRangeException.ThrowIfNegative(rowsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsA);
        RequireLength(a, (long)rowsA * columnsA, nameof(a), "The given array has the wrong length. Should be rowsR * columnsR.");
        int m = rowsA, n = columnsA;
        if (tau.Length < Math.Min(m, n))
            throw new ArgumentException("The given array is too small. It must be at least min(m,n) long.", nameof(tau));
        RequireLength(r, (long)n * n, nameof(r), "The given array has the wrong length. Should be columnsA * columnsA.");
        if (m < n)
            throw new ArgumentException(RowsAtLeastColumns);
        if (n == 0)
            return;
        fixed (T* pa = a)
        fixed (T* pr = r)
        fixed (T* pt = tau)
        {
            Geqrf(m, n, pa, pt);
            for (int j = 0; j < n; j++)
            {
                new ReadOnlySpan<T>(pa + j * m, j + 1).CopyTo(new Span<T>(pr + j * n, j + 1));
                new Span<T>(pr + j * n + j + 1, n - j - 1).Clear();
            }
            Orgqr(m, n, n, pa, pt);
        }
    }

    private static void Geqrf(int m, int n, T* a, T* tau)
    {
        T query;
        int lda = Math.Max(1, m);
        using (Gate(m, n, Math.Min(m, n))) TOps.Geqrf(m, n, a, lda, tau, &query, -1);
        using var work = new Scratch<T>(Math.Max(n, TOps.WorkSize(query)));
        using (Gate(m, n, Math.Min(m, n))) TOps.Geqrf(m, n, a, lda, tau, work.Pointer, work.Length);
    }

    private static void Orgqr(int m, int n, int k, T* a, T* tau)
    {
        T query;
        int lda = Math.Max(1, m);
        using (Gate(m, n, k)) TOps.Orgqr(m, n, k, a, lda, tau, &query, -1);
        using var work = new Scratch<T>(Math.Max(n, TOps.WorkSize(query)));
        using (Gate(m, n, k)) TOps.Orgqr(m, n, k, a, lda, tau, work.Pointer, work.Length);
    }

    public static void QRSolve(T[] a, int rows, int columns, T[] b, int columnsB, T[] x, QRMethod method)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsB);
        RequireLength(a, (long)rows * columns, nameof(a));
        RequireLength(b, (long)rows * columnsB, nameof(b));
        RequireLength(x, (long)columns * columnsB, nameof(x));
        if (rows < columns)
            throw new ArgumentException(RowsAtLeastColumns);
        _ = method; // full and thin QR give the same least-squares solution; Qᴴ·B is applied from the reflectors
        if (columns == 0 || columnsB == 0)
            return;
        T[] factors = (T[])a.Clone();
        T[] y = (T[])b.Clone();
        var tau = new T[columns];
        fixed (T* pa = factors)
        fixed (T* py = y)
        fixed (T* pt = tau)
        {
            Geqrf(rows, columns, pa, pt);
            T query;
            using (Gate(rows, columnsB, columns)) TOps.OrmqrLeftAdjoint(rows, columnsB, columns, pa, rows, pt, py, rows, &query, -1);
            using var work = new Scratch<T>(Math.Max(columnsB, TOps.WorkSize(query)));
            using (Gate(rows, columnsB, columns)) TOps.OrmqrLeftAdjoint(rows, columnsB, columns, pa, rows, pt, py, rows, work.Pointer, work.Length);
        }
        // trsm, not trtrs: a zero on R's diagonal gives infinities as Math.NET's back substitution does, not an error.
        using (Gate(columns, columns, columnsB)) TOps.TrsmUpper(columns, columnsB, factors, rows, y, rows);
        for (int j = 0; j < columnsB; j++)
            Array.Copy(y, j * rows, x, j * columns, columns);
    }

    public static void QRSolveFactored(T[] q, T[] r, int rowsA, int columnsA, T[] tau, T[] b, int columnsB, T[] x, QRMethod method)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsB);
        if (rowsA < columnsA)
            throw new ArgumentException(RowsAtLeastColumns);
        _ = tau; // Q is given explicitly, so the same code serves factors from any provider
        int rowsQ = rowsA, columnsQ, rowsR, columnsR = columnsA;
        if (method == QRMethod.Full)
            columnsQ = rowsR = rowsA;
        else
            columnsQ = rowsR = columnsA;
        RequireLength(r, (long)rowsR * columnsR, nameof(r), $"The given array has the wrong length. Should be {(long)rowsR * columnsR}.");
        RequireLength(q, (long)rowsQ * columnsQ, nameof(q), $"The given array has the wrong length. Should be {(long)rowsQ * columnsQ}.");
        RequireLength(b, (long)rowsA * columnsB, nameof(b), $"The given array has the wrong length. Should be {(long)rowsA * columnsB}.");
        RequireLength(x, (long)columnsA * columnsB, nameof(x), $"The given array has the wrong length. Should be {(long)columnsA * columnsB}.");
        if (columnsA == 0 || columnsB == 0)
            return;
        // X = R⁻¹ · (first columnsA columns of Q)ᴴ · B
        using (Gate(columnsA, columnsB, rowsA)) TOps.Gemm(AdjointCode, NoTrans, columnsA, columnsB, rowsA, TOps.One, q, rowsA, b, rowsA, default, x, columnsA);
        using (Gate(columnsA, columnsA, columnsB)) TOps.TrsmUpper(columnsA, columnsB, r, rowsR, x, columnsA);
    }

    // ---- SVD ----

    public static void SingularValueDecomposition(bool computeVectors, T[] a, int rowsA, int columnsA, T[] s, T[] u, T[] vt)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(vt);
        ArgumentOutOfRangeException.ThrowIfNegative(rowsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsA);
        RequireLength(a, (long)rowsA * columnsA, nameof(a));
        RequireLength(u, (long)rowsA * rowsA, nameof(u));
        RequireLength(vt, (long)columnsA * columnsA, nameof(vt));
        RequireLength(s, Math.Min(rowsA, columnsA), nameof(s));
        Svd(computeVectors, a, rowsA, columnsA, s, u, vt);
    }

    /// <summary>gesdd; where divide and conquer does not converge (it can fail where the QR iteration succeeds),
    /// gesvd on the saved input; only when both fail, Math.NET's NonConvergenceException.</summary>
    private static void Svd(bool vectors, T[] a, int m, int n, T[] s, T[] u, T[] vt)
    {
        if (Math.Min(m, n) == 0)
        {
            // LAPACK returns at once for an empty matrix; the singular vectors still form identities.
            if (vectors)
            {
                SetIdentity(u, m);
                SetIdentity(vt, n);
            }
            return;
        }
        // Math.NET's managed SVD does not converge on NaN; LAPACK would return zeros (info -4) or NaN instead.
        if (!TOps.AllFinite(a))
            throw new NonConvergenceException();
        T[] saved = (T[])a.Clone();
        int info;
        fixed (T* pa = a)
        fixed (T* ps = s)
        fixed (T* pu = u)
        fixed (T* pv = vt)
        {
            using (Gate(m, n, Math.Min(m, n))) info = TOps.Svd(vectors, divideAndConquer: true, m, n, pa, ps, pu, pv);
            if (info > 0)
            {
                saved.AsSpan().CopyTo(a);
                using (Gate(m, n, Math.Min(m, n))) info = TOps.Svd(vectors, divideAndConquer: false, m, n, pa, ps, pu, pv);
            }
        }
        ThrowOnInfo(info);
    }

    /// <summary>info &gt; 0 is LAPACK's "did not converge"; info &lt; 0 names an argument LAPACK rejected, which the
    /// checks above should have made impossible.</summary>
    private static void ThrowOnInfo(int info)
    {
        if (info > 0)
            throw new NonConvergenceException();
        if (info < 0)
            throw new InvalidOperationException($"LAPACK rejected argument {-info} (info {info}).");
    }

    private static void SetIdentity(T[] matrix, int order)
    {
        Array.Clear(matrix);
        for (int i = 0; i < order; i++)
            matrix[i * order + i] = TOps.One;
    }

    public static void SvdSolve(T[] a, int rowsA, int columnsA, T[] b, int columnsB, T[] x)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(rowsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsB);
        RequireLength(a, (long)rowsA * columnsA, nameof(a));
        RequireLength(b, (long)rowsA * columnsB, nameof(b));
        RequireLength(x, (long)columnsA * columnsB, nameof(b));
        var s = new T[Math.Min(rowsA, columnsA)];
        var u = new T[(long)rowsA * rowsA];
        var vt = new T[(long)columnsA * columnsA];
        Svd(true, (T[])a.Clone(), rowsA, columnsA, s, u, vt);
        SolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);
    }

    public static void SvdSolveFactored(int rowsA, int columnsA, T[] s, T[] u, T[] vt, T[] b, int columnsB, T[] x)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(vt);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(rowsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsB);
        RequireLength(u, (long)rowsA * rowsA, nameof(u));
        RequireLength(vt, (long)columnsA * columnsA, nameof(vt));
        RequireLength(s, Math.Min(rowsA, columnsA), nameof(s));
        RequireLength(b, (long)rowsA * columnsB, nameof(b));
        RequireLength(x, (long)columnsA * columnsB, nameof(b));
        SolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);
    }

    /// <summary>X = V·Σ⁻¹·Uᴴ·B over the min(m, n) singular triplets, as Math.NET's managed provider (no cut-off).</summary>
    private static void SolveFactored(int m, int n, T[] s, T[] u, T[] vt, T[] b, int columnsB, T[] x)
    {
        int mn = Math.Min(m, n);
        if (mn == 0 || columnsB == 0)
        {
            Array.Clear(x);
            return;
        }
        var tmp = new T[(long)mn * columnsB];
        using (Gate(mn, columnsB, m)) TOps.Gemm(AdjointCode, NoTrans, mn, columnsB, m, TOps.One, u, m, b, m, default, tmp, mn);
        for (int j = 0; j < mn; j++)
            using (Gate(columnsB, 1, 1)) TOps.Scal(columnsB, TOps.Reciprocal(s[j]), tmp.AsSpan(j), mn);
        // The first mn rows of Vᴴ, adjoint: the first mn columns of V.
        using (Gate(n, columnsB, mn)) TOps.Gemm(AdjointCode, NoTrans, n, columnsB, mn, TOps.One, vt, n, tmp, mn, default, x, n);
    }

    // ---- eigenvalues ----

    public static void EigenDecomp(bool isSymmetric, int order, T[] matrix, T[] matrixEv, Complex[] vectorEv, T[] matrixD)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        CheckOrder(order);
        long size = (long)order * order;
        RequireLength(matrix, size, nameof(matrix), $"The given array has the wrong length. Should be {size}.");
        ArgumentNullException.ThrowIfNull(matrixEv);
        RequireLength(matrixEv, size, nameof(matrixEv), $"The given array has the wrong length. Should be {size}.");
        ArgumentNullException.ThrowIfNull(vectorEv);
        if (vectorEv.Length != order)
            throw new ArgumentException($"The given array has the wrong length. Should be {order}.", nameof(vectorEv));
        ArgumentNullException.ThrowIfNull(matrixD);
        RequireLength(matrixD, size, nameof(matrixD), $"The given array has the wrong length. Should be {size}.");
        if (order == 0)
            return;
        // As for the SVD: NaN is non-convergence for Math.NET, while geev would report it as an illegal argument.
        if (!TOps.AllFinite(matrix))
            throw new NonConvergenceException();
        Array.Clear(matrixD);
        int info;
        fixed (T* pv = matrixEv)
        fixed (Complex* pw = vectorEv)
        fixed (T* pd = matrixD)
        {
            if (isSymmetric)
            {
                // Math.NET passes the user's matrix itself: it must come back unchanged.
                matrix.AsSpan().CopyTo(matrixEv);
                using (Gate(order, order, order)) info = TOps.SymmetricEigen(order, pv, pw);
                if (info == 0)
                {
                    for (int i = 0; i < order; i++)
                        pd[i * order + i] = TOps.FromComplex(pw[i]);
                }
            }
            else
            {
                T[] work = (T[])matrix.Clone();
                // Math.NET's managed provider orders eigenvalues its own way, so LAPACK's order is no contract here:
                // fewer shifts per QR sweep save 7–10% (HessenbergShifts).
                fixed (T* pa = work)
                    using (global::Numerics.Native.Interop.BlasGate.EnterGeneralEigen(order))
                    using (global::Numerics.Native.Interop.HessenbergShifts.Fewer())
                        info = TOps.GeneralEigen(order, pa, pv, pw, pd);
            }
        }
        ThrowOnInfo(info);
    }
}
