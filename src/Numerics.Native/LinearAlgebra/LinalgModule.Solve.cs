using Numerics.Native.Interop;

namespace Numerics.Native;

public static partial class np
{
    public sealed partial class LinalgModule
    {
        /// <summary>
        /// The inverse of a square matrix or of each matrix of a stack (LAPACK ?gesv against the identity).
        /// NumPy: <c>np.linalg.inv(a)</c>.
        /// </summary>
        /// <param name="a">Square matrix or stack (..., M, M).</param>
        /// <exception cref="LinAlgError">"Singular matrix"; fewer than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public NDArray inv(NDArray a) => Unary(a, nk_la_routine.NK_LA_INV, 0);

        /// <summary>The inverse with failures as NaN items instead of an exception (cond's use of inv).</summary>
        internal static NDArray InvNoRaise(NDArray a) => Unary(a, nk_la_routine.NK_LA_INV, nk_la_flags.NK_LA_NO_RAISE);

        /// <summary>
        /// The Cholesky factor L (A = L Lᴴ) or, with <paramref name="upper"/>, U (A = Uᴴ U) of a Hermitian positive
        /// definite matrix or stack; only one triangle of <paramref name="a"/> is read. NumPy:
        /// <c>np.linalg.cholesky(a, upper=False)</c>.
        /// </summary>
        /// <param name="a">Hermitian positive-definite matrix or stack.</param>
        /// <param name="upper">Return the upper factor.</param>
        /// <exception cref="LinAlgError">"Matrix is not positive definite"; fewer than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public NDArray cholesky(NDArray a, bool upper = false) =>
            Unary(a, nk_la_routine.NK_LA_CHOLESKY, upper ? nk_la_flags.NK_LA_UPPER : 0);

        private static NDArray Unary(NDArray a, nk_la_routine routine, nk_la_flags flags)
        {
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.AssertStackedSquare(a);
            var t = LinalgCore.CommonType(a);
            var x = LinalgCore.Cast(a, t);
            try
            {
                var r = NDArray.Allocate((long[])a.Dims.Clone(), t);
                if (r.Size == 0) return r;
                var batch = LinalgCore.BatchOf(a);
                long n = a.Dims[^1];
                LinalgNative.Linalg(routine, t.Code, flags, n, n, n, 0, Batch(batch), [LaOperand.Matrix(x, batch), LaOperand.Matrix(r, batch)]);
                return r;
            }
            finally
            {
                LinalgCore.Release(x, a);
            }
        }

        private static long[]? Batch(long[] b) => b.Length == 0 ? null : b;

        /// <summary>
        /// Solves a x = b for a square (stack of) a. NumPy 2 rule: <paramref name="b"/> is a vector (…, M) only when
        /// it is 1-d, else a matrix (…, M, K) broadcast against a's stack. NumPy: <c>np.linalg.solve(a, b)</c>.
        /// </summary>
        /// <param name="a">Coefficient matrix or stack (..., M, M).</param>
        /// <param name="b">Right-hand side(s): (M,) or (..., M, K).</param>
        /// <exception cref="LinAlgError">"Singular matrix"; a not square or fewer than 2 dimensions.</exception>
        /// <exception cref="ValueError">b does not match a (NumPy's solve / solve1 gufunc texts).</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray solve(NDArray a, NDArray b)
        {
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.CheckLive(b, nameof(b));
            LinalgCore.AssertStackedSquare(a);
            var t = LinalgCore.CommonType(a, b);
            long m = a.Dims[^1];
            bool vector = b.Dims.Length == 1;
            long[] aBatch = LinalgCore.BatchOf(a);
            long[] batch;
            long nrhs;
            if (vector)
            {
                if (b.Dims[0] != m) throw LinalgText.CoreMismatch("solve1", 1, 0, b.Dims[0], m, "(m,m),(m)->(m)");
                batch = aBatch;
                nrhs = 1;
            }
            else
            {
                if (b.Dims.Length == 0) throw LinalgText.TooFewDims("solve", 1, 0, 2, "(m,m),(m,n)->(m,n)");
                if (b.Dims[^2] != m) throw LinalgText.CoreMismatch("solve", 1, 0, b.Dims[^2], m, "(m,m),(m,n)->(m,n)");
                nrhs = b.Dims[^1];
                batch = LinalgCore.Broadcast(aBatch, LinalgCore.BatchOf(b))
                        ?? throw LinalgText.RemappedBroadcast([(a.Dims, 2), (b.Dims, 2)], [m, nrhs]);
            }
            var shape = vector ? LinalgCore.Concat(batch, [m]) : LinalgCore.Concat(batch, [m, nrhs]);
            var x = LinalgCore.Cast(a, t);
            var y = LinalgCore.Cast(b, t);
            try
            {
                var r = NDArray.Allocate(shape, t);
                if (r.Size == 0) return r;
                LaOperand bo, ro;
                if (vector)
                {
                    bo = new LaOperand(y, y.Strides[0], 0, batch.Length == 0 ? null : new long[batch.Length]);
                    var rr = LaOperand.Row(r, batch);
                    ro = new LaOperand(r, rr.Cs, 0, rr.BatchStrides);
                }
                else
                {
                    bo = LaOperand.Matrix(y, batch);
                    ro = LaOperand.Matrix(r, batch);
                }
                LinalgNative.Linalg(nk_la_routine.NK_LA_SOLVE, t.Code, 0, m, m, nrhs, 0, Batch(batch),
                    [LaOperand.Matrix(x, batch), bo, ro]);
                return r;
            }
            finally
            {
                LinalgCore.Release(x, a);
                LinalgCore.Release(y, b);
            }
        }

        /// <summary>
        /// The determinant of a square matrix or of each matrix of a stack, from the LU factorisation as NumPy
        /// forms it (sign × exp(Σ log|uᵢᵢ|)); 1.0 for 0×0. NumPy: <c>np.linalg.det(a)</c>.
        /// </summary>
        /// <param name="a">Square matrix or stack.</param>
        /// <returns>A 0-d array for one matrix, else the stack's shape.</returns>
        /// <remarks>Overflow of the product (inf) and NaN input are reported as NumPy's RuntimeWarnings
        /// ("overflow encountered in det", "invalid value encountered in det").</remarks>
        /// <exception cref="LinAlgError">Fewer than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public NDArray det(NDArray a)
        {
            var (d, _) = Slog(a, slog: false);
            return d;
        }

        /// <summary>
        /// Sign and natural log of the absolute determinant (sign 0 and logabsdet -inf for a singular matrix).
        /// NumPy: <c>np.linalg.slogdet(a)</c> (NumPy 2 field names).
        /// </summary>
        /// <param name="a">Square matrix or stack.</param>
        /// <exception cref="LinAlgError">Fewer than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public (NDArray sign, NDArray logabsdet) slogdet(NDArray a)
        {
            var (s, l) = Slog(a, slog: true);
            return (s, l!);
        }

        private static (NDArray first, NDArray? logdet) Slog(NDArray a, bool slog)
        {
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.AssertStackedSquare(a);
            var t = LinalgCore.CommonType(a);
            var batch = LinalgCore.BatchOf(a);
            var x = LinalgCore.Cast(a, t);
            try
            {
                var r = NDArray.Allocate((long[])batch.Clone(), t);
                var l = slog ? NDArray.Allocate((long[])batch.Clone(), LinalgCore.RealOf(t)) : null;
                if (r.Size == 0) return (r, l);
                long n = a.Dims[^1];
                if (slog)
                {
                    LinalgNative.Linalg(nk_la_routine.NK_LA_SLOGDET, t.Code, 0, n, n, 0, 0, Batch(batch),
                        [LaOperand.Matrix(x, batch), LaOperand.Scalar(r, batch), LaOperand.Scalar(l!, batch)], "slogdet");
                }
                else
                {
                    LinalgNative.Linalg(nk_la_routine.NK_LA_DET, t.Code, 0, n, n, 0, 0, Batch(batch),
                        [LaOperand.Matrix(x, batch), LaOperand.Scalar(r, batch)], "det");
                }
                return (r, l);
            }
            finally
            {
                LinalgCore.Release(x, a);
            }
        }

        /// <summary>
        /// Least-squares solution of a x = b by SVD (LAPACK ?gelsd), with NumPy's results: x, the squared residual
        /// norms (empty unless rank = N &lt; M), the rank, and the singular values. Single-precision input is solved in
        /// double precision and the results rounded, as NumPy does. NumPy: <c>np.linalg.lstsq(a, b, rcond=None)</c>.
        /// </summary>
        /// <param name="a">Coefficient matrix (M, N).</param>
        /// <param name="b">(M,) or (M, K).</param>
        /// <param name="rcond">Cut-off ratio for small singular values; null = machine epsilon × max(M, N)
        /// (NumPy 2's default).</param>
        /// <exception cref="LinAlgError">Operands not 2-d (b may be 1-d); "Incompatible dimensions"; "SVD did not
        /// converge in Linear Least Squares".</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public (NDArray x, NDArray residuals, long rank, NDArray s) lstsq(NDArray a, NDArray b, double? rcond = null)
        {
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.CheckLive(b, nameof(b));
            bool vector = b.Dims.Length == 1;
            if (a.Dims.Length != 2) throw LinalgText.NotExactlyTwoD(a.Dims.Length);
            if (!vector && b.Dims.Length != 2) throw LinalgText.NotExactlyTwoD(b.Dims.Length);
            long m = a.Dims[0], n = a.Dims[1], m2 = b.Dims[0], nrhs = vector ? 1 : b.Dims[1];
            if (m != m2) throw new LinAlgError("Incompatible dimensions");
            // NumPy solves in double precision whatever the input (its _commonType's computation type) and rounds the
            // results to the input's. Its default cut-off, float64's epsilon × max(M, N), lies below single precision's
            // rounding noise, so sgelsd would count that noise as rank: a rank-2 float32 2000×40 matrix came out rank 40.
            var resultType = LinalgCore.CommonType(a, b);
            var t = LinalgCore.DoubleOf(resultType);
            var rt = LinalgCore.RealOf(t);
            double rc = rcond ?? 2.220446049250313e-16 * Math.Max(n, m);
            var x = LinalgCore.Cast(a, t);
            var y = LinalgCore.Cast(b, t);
            NDArray? xs = null, res = null, s = null;
            try
            {
                xs = NDArray.Allocate(vector ? [n] : [n, nrhs], t);
                res = NDArray.Allocate([nrhs], rt);
                s = NDArray.Allocate([Math.Min(m, n)], rt);
                var bo = vector ? new LaOperand(y, y.Strides[0], 0, null) : LaOperand.Matrix(y, []);
                var xo = vector ? new LaOperand(xs, xs.Strides[0], 0, null) : LaOperand.Matrix(xs, []);
                long rank = LinalgNative.Linalg(nk_la_routine.NK_LA_LSTSQ, t.Code, 0, m, n, vector ? 1 : nrhs, rc, null,
                    [LaOperand.Matrix(x, []), bo, xo, LaOperand.Row(res, []), LaOperand.Row(s, [])]);
                if (rank != n || m <= n)
                {
                    res.Dispose();
                    res = NDArray.Allocate([0], rt);
                }
                var result = (LinalgCore.Narrow(xs, resultType), LinalgCore.Narrow(res, LinalgCore.RealOf(resultType)), rank,
                    LinalgCore.Narrow(s, LinalgCore.RealOf(resultType)));
                xs = res = s = null;
                return result;
            }
            finally
            {
                xs?.Dispose();
                res?.Dispose();
                s?.Dispose();
                LinalgCore.Release(x, a);
                LinalgCore.Release(y, b);
            }
        }

        /// <summary>
        /// Moore–Penrose pseudo-inverse from the SVD, singular values at or below rcond × max(s) treated as zero.
        /// Single-precision input is computed in double precision and the result rounded, as NumPy does.
        /// NumPy: <c>np.linalg.pinv(a, rcond=None, hermitian=False, *, rtol=&lt;no value&gt;)</c>.
        /// </summary>
        /// <param name="a">Matrix or stack (..., M, N).</param>
        /// <param name="rcond">Relative cut-off, broadcast against the stack; null = 1e-15 (or <paramref name="rtol"/>).</param>
        /// <param name="hermitian">a is Hermitian: use eigh.</param>
        /// <param name="rtol">The NumPy 2 spelling of <paramref name="rcond"/>.</param>
        /// <exception cref="ValueError">Both <paramref name="rcond"/> and <paramref name="rtol"/> given; rcond does not
        /// broadcast to the stack.</exception>
        /// <exception cref="LinAlgError">Fewer than 2 dimensions; "SVD did not converge".</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray pinv(NDArray a, NDArray? rcond = null, bool hermitian = false, NDArray? rtol = null)
        {
            LinalgCore.CheckLive(a, nameof(a));
            if (rcond is not null && rtol is not null) throw new ValueError("`rtol` and `rcond` can't be both set.");
            var rc = rcond ?? rtol ?? 1e-15;
            rc.ThrowIfDisposed();
            LinalgCore.AssertStacked2D(a);
            long m = a.Dims[^2], n = a.Dims[^1];
            var aBatch = LinalgCore.BatchOf(a);
            if (a.Size == 0 && m * n == 0)
                return NDArray.Allocate(LinalgCore.Concat(aBatch, [n, m]), a.Dtype.NativeOrder);
            if (hermitian && m != n) throw LinalgText.NotSquare();
            // In double precision, as NumPy does: its default cut-off (1e-15 of the largest singular value) is below
            // single precision's rounding noise, which an s/c SVD would invert into values of 1e7 and more.
            var resultType = LinalgCore.CommonType(a);
            var t = LinalgCore.DoubleOf(resultType);
            // NumPy: cutoff = rcond[..., newaxis] * amax(s, axis=-1, keepdims=True), then divide(1, s, where=s > cutoff,
            // out=s): rcond must broadcast with the stack, and may not grow s (the out operand). Its texts, in that order.
            long[] rcCore = LinalgCore.Concat(rc.Dims, [1]), sShape = LinalgCore.Concat(aBatch, [Math.Min(m, n)]);
            if (LinalgCore.Broadcast(rcCore, LinalgCore.Concat(aBatch, [1])) is null)
                throw Err.BroadcastMismatch([rcCore, LinalgCore.Concat(aBatch, [1])]);
            var grown = LinalgCore.Broadcast(rcCore, sShape)!;
            if (!grown.AsSpan().SequenceEqual(sShape))
                throw new ValueError($"non-broadcastable output operand with shape {Err.CompactTuple(sShape)} doesn't match the broadcast shape {Err.CompactTuple(grown)}");
            var batch = aBatch;
            var x = LinalgCore.Cast(a, t);
            var c = LinalgCore.Cast(rc, DType.Float64);
            try
            {
                var r = NDArray.Allocate(LinalgCore.Concat(batch, [n, m]), t);
                if (r.Size == 0) return LinalgCore.Narrow(r, resultType);
                try
                {
                    LinalgNative.Linalg(nk_la_routine.NK_LA_PINV, t.Code, hermitian ? nk_la_flags.NK_LA_HERMITIAN : 0, m, n, 0, 0,
                        Batch(batch), [LaOperand.Matrix(x, batch), LaOperand.Matrix(r, batch), LaOperand.Scalar(c, batch)]);
                }
                catch
                {
                    r.Dispose();
                    throw;
                }
                return LinalgCore.Narrow(r, resultType);
            }
            finally
            {
                LinalgCore.Release(x, a);
                LinalgCore.Release(c, rc);
            }
        }

        /// <summary>
        /// Matrix rank: the number of singular values above tol (default S.max() × max(M, N) × eps, in the singular
        /// values' precision); a 0-d or 1-d input is 1 unless all zero. NumPy:
        /// <c>np.linalg.matrix_rank(A, tol=None, hermitian=False, *, rtol=None)</c>.
        /// </summary>
        /// <param name="A">Matrix or stack.</param>
        /// <param name="tol">Absolute threshold, broadcast against the stack.</param>
        /// <param name="hermitian">A is Hermitian: singular values from eigvalsh.</param>
        /// <param name="rtol">Relative threshold (times the largest singular value).</param>
        /// <returns>int64: 0-d for one matrix, else the stack's shape.</returns>
        /// <exception cref="ValueError">Both <paramref name="tol"/> and <paramref name="rtol"/> given; an empty matrix with
        /// the default tolerance (NumPy's max of an empty array).</exception>
        /// <exception cref="LinAlgError">"SVD did not converge"; hermitian and not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray matrix_rank(NDArray A, NDArray? tol = null, bool hermitian = false, NDArray? rtol = null)
        {
            LinalgCore.CheckLive(A, nameof(A));
            if (tol is not null && rtol is not null) throw new ValueError("`tol` and `rtol` can't be both set.");
            if (A.Dims.Length < 2) return NotAllZero(A);
            if (hermitian) LinalgCore.AssertStackedSquare(A);
            var t = LinalgCore.CommonType(A);
            long m = A.Dims[^2], n = A.Dims[^1];
            var aBatch = LinalgCore.BatchOf(A);
            var given = tol ?? rtol;
            given?.ThrowIfDisposed();
            // NumPy takes S.max(axis=-1) unless tol is given, so an empty matrix with rtol fails as with the default.
            if (tol is null && Math.Min(m, n) == 0)
                throw new ValueError("zero-size array to reduction operation maximum which has no identity");
            // NumPy compares S (stack + (k,)) with tol[..., newaxis], or multiplies S.max(keepdims) by rtol[..., newaxis]:
            // the ufunc's broadcasting text names those shapes.
            var batch = given is null ? aBatch : LinalgCore.Broadcast(aBatch, given.Dims) ?? throw Err.BroadcastMismatch(
                [LinalgCore.Concat(aBatch, [tol is not null ? Math.Min(m, n) : 1]), LinalgCore.Concat(given.Dims, [1])]);
            var x = LinalgCore.Cast(A, t);
            var g = given is null ? null : LinalgCore.Cast(given, DType.Float64);
            try
            {
                var r = NDArray.Allocate((long[])batch.Clone(), DType.Int64);
                if (r.Size == 0) return r;
                double eps = LinalgCore.RealOf(t).Code == DTypeCode.Float32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;
                var flags = (hermitian ? nk_la_flags.NK_LA_HERMITIAN : 0) | (rtol is not null ? nk_la_flags.NK_LA_RTOL : 0);
                LinalgNative.Linalg(nk_la_routine.NK_LA_RANK, t.Code, flags, m, n, 0, Math.Max(m, n) * eps, Batch(batch),
                    [LaOperand.Matrix(x, batch), LaOperand.Scalar(r, batch), g is null ? LaOperand.None : LaOperand.Scalar(g, batch)]);
                return r;
            }
            finally
            {
                LinalgCore.Release(x, A);
                if (g is not null) LinalgCore.Release(g, given!);
            }
        }

        /// <summary>NumPy's <c>int(not all(A == 0))</c> for 0-d and 1-d input, as an int64 0-d array.</summary>
        private static NDArray NotAllZero(NDArray a)
        {
            var t = a.Dtype.IsComplex ? DType.Complex128 : DType.Float64;
            var x = LinalgCore.Cast(a, t);
            try
            {
                using var flat = np.ravel(x);
                using var count = NDArray.Allocate([], DType.Float64);
                if (flat.Size == 0)
                {
                    NativeOps.Zero(count);
                }
                else
                {
                    LinalgNative.Linalg(nk_la_routine.NK_LA_NORM, t.Code, 0, 1, flat.Dims[0], (long)nk_la_norm.NK_LA_NORM_VECTOR, 0, null,
                        [LaOperand.Row(flat, []), LaOperand.Scalar(count, [])]);
                }
                var r = NDArray.Allocate([], DType.Int64);
                NativeData.Write(r, 0, (double)count > 0 ? 1L : 0L);
                return r;
            }
            finally
            {
                LinalgCore.Release(x, a);
            }
        }
    }
}
