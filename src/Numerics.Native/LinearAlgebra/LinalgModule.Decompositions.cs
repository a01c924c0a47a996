using Numerics.Native.Interop;

namespace Numerics.Native;

public static partial class np
{
    public sealed partial class LinalgModule
    {
        /// <summary>
        /// Eigenvalues and right eigenvectors (columns) of a square matrix or stack (LAPACK ?geev). Real input gives
        /// real results when every eigenvalue of the whole stack is real and complex ones otherwise, as NumPy.
        /// NumPy: <c>np.linalg.eig(a)</c>.
        /// </summary>
        /// <param name="a">Square matrix or stack.</param>
        /// <exception cref="LinAlgError">"Array must not contain infs or NaNs"; "Eigenvalues did not converge"; fewer
        /// than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public (NDArray eigenvalues, NDArray eigenvectors) eig(NDArray a)
        {
            var (w, v) = Eig(a, vectors: true);
            return (w, v!);
        }

        /// <summary>Eigenvalues of a square matrix or stack (real when all are real and the input is real).
        /// NumPy: <c>np.linalg.eigvals(a)</c>.</summary>
        /// <param name="a">Square matrix or stack.</param>
        /// <exception cref="LinAlgError">"Array must not contain infs or NaNs"; "Eigenvalues did not converge"; fewer
        /// than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public NDArray eigvals(NDArray a) => Eig(a, vectors: false).w;

        private static (NDArray w, NDArray? v) Eig(NDArray a, bool vectors)
        {
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.AssertStackedSquare(a);
            var t = LinalgCore.CommonType(a);
            var ct = LinalgCore.ComplexOf(t);
            var batch = LinalgCore.BatchOf(a);
            long n = a.Dims[^1];
            var x = LinalgCore.Cast(a, t);
            NDArray? w = null, v = null;
            try
            {
                w = NDArray.Allocate(LinalgCore.Concat(batch, [n]), ct);
                v = vectors ? NDArray.Allocate((long[])a.Dims.Clone(), ct) : null;
                long anyComplex = 0;
                if (w.Size > 0)
                {
                    anyComplex = LinalgNative.Linalg(nk_la_routine.NK_LA_EIG, t.Code, nk_la_flags.NK_LA_CHECK_FINITE, n, n, 0, 0, Batch(batch),
                        [LaOperand.Matrix(x, batch), LaOperand.Row(w, batch), v is null ? LaOperand.None : LaOperand.Matrix(v, batch)]);
                }
                if (!t.IsComplex && anyComplex == 0)
                {
                    // NumPy 2: real input with only real eigenvalues gives real results.
                    w = RealPart(w);
                    if (v is not null) v = RealPart(v);
                }
                var result = (w, v);
                w = v = null;
                return result;
            }
            finally
            {
                w?.Dispose();
                v?.Dispose();
                LinalgCore.Release(x, a);
            }
        }

        /// <summary>A new contiguous array of the real parts; disposes the complex one.</summary>
        private static NDArray RealPart(NDArray c)
        {
            using (c)
            {
                using var re = c.real;
                return np.ascontiguousarray(re);
            }
        }

        /// <summary>
        /// Eigenvalues (ascending) and orthonormal eigenvectors of a Hermitian / real symmetric matrix or stack
        /// (LAPACK ?syevd / ?heevd), reading only the <paramref name="UPLO"/> triangle. NumPy:
        /// <c>np.linalg.eigh(a, UPLO='L')</c>.
        /// </summary>
        /// <param name="a">Hermitian matrix or stack.</param>
        /// <param name="UPLO">"L" or "U" (either case).</param>
        /// <exception cref="ValueError">UPLO is not L or U.</exception>
        /// <exception cref="LinAlgError">"Eigenvalues did not converge"; fewer than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public (NDArray eigenvalues, NDArray eigenvectors) eigh(NDArray a, string UPLO = "L")
        {
            var (w, v) = Eigh(a, UPLO, vectors: true);
            return (w, v!);
        }

        /// <summary>Eigenvalues (ascending) of a Hermitian / real symmetric matrix or stack. NumPy:
        /// <c>np.linalg.eigvalsh(a, UPLO='L')</c>.</summary>
        /// <param name="a">Hermitian matrix or stack.</param>
        /// <param name="UPLO">"L" or "U" (either case).</param>
        /// <exception cref="ValueError">UPLO is not L or U.</exception>
        /// <exception cref="LinAlgError">"Eigenvalues did not converge"; fewer than 2 dimensions; not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public NDArray eigvalsh(NDArray a, string UPLO = "L") => Eigh(a, UPLO, vectors: false).w;

        private static (NDArray w, NDArray? v) Eigh(NDArray a, string uplo, bool vectors)
        {
            ArgumentNullException.ThrowIfNull(uplo);
            uplo = uplo.ToUpperInvariant();
            if (uplo is not ("L" or "U")) throw new ValueError("UPLO argument must be 'L' or 'U'");
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.AssertStackedSquare(a);
            var t = LinalgCore.CommonType(a);
            var batch = LinalgCore.BatchOf(a);
            long n = a.Dims[^1];
            var x = LinalgCore.Cast(a, t);
            NDArray? w = null, v = null;
            try
            {
                w = NDArray.Allocate(LinalgCore.Concat(batch, [n]), LinalgCore.RealOf(t));
                v = vectors ? NDArray.Allocate((long[])a.Dims.Clone(), t) : null;
                if (w.Size > 0)
                {
                    LinalgNative.Linalg(nk_la_routine.NK_LA_EIGH, t.Code, uplo == "U" ? nk_la_flags.NK_LA_UPPER : 0, n, n, 0, 0, Batch(batch),
                        [LaOperand.Matrix(x, batch), LaOperand.Row(w, batch), v is null ? LaOperand.None : LaOperand.Matrix(v, batch)]);
                }
                var result = (w, v);
                w = v = null;
                return result;
            }
            finally
            {
                w?.Dispose();
                v?.Dispose();
                LinalgCore.Release(x, a);
            }
        }

        /// <summary>
        /// Singular value decomposition a = U diag(S) Vh (LAPACK ?gesdd), S descending; with
        /// <paramref name="hermitian"/> from eigh as NumPy does. NumPy:
        /// <c>np.linalg.svd(a, full_matrices=True, compute_uv=True, hermitian=False)</c> (NumPy 2 field names).
        /// </summary>
        /// <param name="a">Matrix or stack (..., M, N).</param>
        /// <param name="full_matrices">U is M×M and Vh N×N (else M×K and K×N, K = min(M, N)).</param>
        /// <param name="compute_uv">Compute U and Vh; when false they are null (prefer <see cref="svdvals"/>).</param>
        /// <param name="hermitian">a is Hermitian (square): singular values are |eigenvalues|.</param>
        /// <exception cref="LinAlgError">"SVD did not converge" ("Eigenvalues did not converge" when hermitian);
        /// fewer than 2 dimensions; hermitian and not square.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public (NDArray? U, NDArray S, NDArray? Vh) svd(NDArray a, bool full_matrices = true, bool compute_uv = true, bool hermitian = false)
        {
            LinalgCore.CheckLive(a, nameof(a));
            if (hermitian) LinalgCore.AssertStackedSquare(a);
            else LinalgCore.AssertStacked2D(a);
            var t = LinalgCore.CommonType(a);
            var batch = LinalgCore.BatchOf(a);
            long m = a.Dims[^2], n = a.Dims[^1], k = Math.Min(m, n);
            bool full = full_matrices && !hermitian;
            var x = LinalgCore.Cast(a, t);
            NDArray? u = null, s = null, vh = null;
            try
            {
                s = NDArray.Allocate(LinalgCore.Concat(batch, [k]), LinalgCore.RealOf(t));
                if (compute_uv)
                {
                    u = NDArray.Allocate(LinalgCore.Concat(batch, [m, full ? m : k]), t);
                    vh = NDArray.Allocate(LinalgCore.Concat(batch, [full ? n : k, n]), t);
                }
                if (LinalgCore.Product(batch) > 0 && (s.Size > 0 || (u?.Size ?? 0) > 0 || (vh?.Size ?? 0) > 0))
                {
                    var flags = (full ? nk_la_flags.NK_LA_FULL : 0) | (hermitian ? nk_la_flags.NK_LA_HERMITIAN : 0);
                    LinalgNative.Linalg(nk_la_routine.NK_LA_SVD, t.Code, flags, m, n, k, 0, Batch(batch),
                        [LaOperand.Matrix(x, batch), u is null ? LaOperand.None : LaOperand.Matrix(u, batch), LaOperand.Row(s, batch),
                         vh is null ? LaOperand.None : LaOperand.Matrix(vh, batch)]);
                }
                var result = (u, s, vh);
                u = s = vh = null;
                return result;
            }
            finally
            {
                u?.Dispose();
                s?.Dispose();
                vh?.Dispose();
                LinalgCore.Release(x, a);
            }
        }

        /// <summary>Singular values, descending. NumPy 2: <c>np.linalg.svdvals(x)</c>.</summary>
        /// <param name="x">Matrix or stack.</param>
        /// <exception cref="LinAlgError">"SVD did not converge"; fewer than 2 dimensions.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray svdvals(NDArray x) => svd(x, compute_uv: false).S;

        /// <summary>
        /// QR factorisation (LAPACK ?geqrf, then ?orgqr / ?ungqr). Modes: "reduced" (Q M×K, R K×N), "complete"
        /// (Q M×M, R M×N), "r" (Q null, R K×N), "raw" (h N×M and tau K in the two positions, as NumPy).
        /// NumPy: <c>np.linalg.qr(a, mode='reduced')</c>.
        /// </summary>
        /// <param name="a">Matrix or stack (..., M, N).</param>
        /// <param name="mode">"reduced", "complete", "r" or "raw"; NumPy 2.2's deprecated "full"/"f" (= "reduced") and
        /// "economic"/"e" (Q null, R the factored (..., M, N) matrix: R above the diagonal, Householder vectors below)
        /// work with a <see cref="DeprecationWarning"/>.</param>
        /// <exception cref="ValueError">"Unrecognized mode '…'".</exception>
        /// <exception cref="LinAlgError">Fewer than 2 dimensions.</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public (NDArray? Q, NDArray R) qr(NDArray a, string mode = "reduced")
        {
            ArgumentNullException.ThrowIfNull(mode);
            // Deprecated since NumPy 1.8 but still honoured by NumPy 1.24 and 2.2 (the contract) with a
            // DeprecationWarning; removed only after 2.4.
            bool economic = false;
            if (mode is "f" or "full")
            {
                WarningSink.Report(new DeprecationWarning("The 'full' option is deprecated in favor of 'reduced'.\nFor backward compatibility let mode default."));
                mode = "reduced";
            }
            else if (mode is "e" or "economic")
            {
                WarningSink.Report(new DeprecationWarning("The 'economic' option is deprecated."));
                mode = "raw";
                economic = true;
            }
            if (mode is not ("reduced" or "complete" or "r" or "raw")) throw new ValueError($"Unrecognized mode '{mode}'");
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.AssertStacked2D(a);
            var t = LinalgCore.CommonType(a);
            var batch = LinalgCore.BatchOf(a);
            long m = a.Dims[^2], n = a.Dims[^1], mn = Math.Min(m, n);
            long mc = mode == "complete" && m > n ? m : mn;
            var x = LinalgCore.Cast(a, t);
            NDArray? q = null, r = null, h = null, tau = null;
            try
            {
                LaOperand qo = LaOperand.None, ro = LaOperand.None, ho = LaOperand.None, to = LaOperand.None;
                long kq = mc;
                if (mode == "raw")
                {
                    h = NDArray.Allocate((long[])a.Dims.Clone(), t);
                    ho = LaOperand.Matrix(h, batch);
                    tau = NDArray.Allocate(LinalgCore.Concat(batch, [mn]), t);
                    to = LaOperand.Row(tau, batch);
                }
                else
                {
                    if (mode == "r") kq = mn;
                    r = NDArray.Allocate(LinalgCore.Concat(batch, [kq, n]), t);
                    ro = LaOperand.Matrix(r, batch);
                    if (mode != "r")
                    {
                        q = NDArray.Allocate(LinalgCore.Concat(batch, [m, kq]), t);
                        qo = LaOperand.Matrix(q, batch);
                    }
                }
                if (LinalgCore.Product(batch) > 0)
                {
                    LinalgNative.Linalg(nk_la_routine.NK_LA_QR, t.Code, 0, m, n, kq, 0, Batch(batch),
                        [LaOperand.Matrix(x, batch), qo, ro, ho, to]);
                }
                if (economic)
                {
                    // NumPy 2.2 returns the factored matrix itself (..., M, N), which is what h holds.
                    var factored = h!;
                    h = null;
                    return (null, factored);
                }
                if (mode == "raw")
                {
                    // NumPy returns transpose(a) of the factored matrix: h is (..., N, M), a view.
                    var raw = (np.matrix_transpose(h!), tau!);
                    tau = null;
                    return (raw.Item1, raw.Item2);
                }
                var result = (q, r!);
                q = r = null;
                return result;
            }
            finally
            {
                q?.Dispose();
                r?.Dispose();
                h?.Dispose();
                tau?.Dispose();
                LinalgCore.Release(x, a);
            }
        }
    }
}
