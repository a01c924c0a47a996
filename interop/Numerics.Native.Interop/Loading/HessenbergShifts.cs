namespace Numerics.Native.Interop;

/// <summary>
/// The shift count of LAPACK's Hessenberg QR (<c>?hseqr</c>, the bulk of <c>?geev</c>) for calls made on the calling
/// thread. LAPACK takes n / round(log₂ n) shifts per sweep at orders 150–589 (36 at 300); two thirds of that makes
/// dgeev 7–10% faster on this project's Zen 3 machine, but eigenvalues then converge, and come back, in another
/// order than LAPACK's default gives. Wrap calls whose caller does not depend on that order:
/// <code>using (HessenbergShifts.Fewer()) Lapacke.LAPACKE_dgeev_work(...);</code>
/// It takes effect when the kernel library was loaded before the backend (the resolver does this), since the
/// backend's LAPACK then asks the kernel library's <c>iparmq_</c>; otherwise LAPACK's choice stands.
/// NumPy equivalent: none (np.linalg.eig keeps LAPACK's choice, as this library's np.linalg.eig does).
/// </summary>
public static class HessenbergShifts
{
    /// <summary>Uses the reduced shift count on this thread until the returned scope is disposed.</summary>
    /// <returns>The scope that restores the previous setting.</returns>
    public static Scope Fewer() =>
        BlasGate.Available.Value ? new Scope(NumericsKernels.nk_hqr_fewer_shifts(1) + 1) : default;

    /// <summary>Restores the thread's previous shift setting on <see cref="Dispose"/> (once).</summary>
    public struct Scope : IDisposable
    {
        private int _restore; // previous setting + 1; 0 when there is nothing to restore

        internal Scope(int restore) => _restore = restore;

        /// <summary>Restores the setting this scope replaced. Idempotent for this copy of the scope.</summary>
        public void Dispose()
        {
            int r = _restore;
            _restore = 0;
            if (r != 0) _ = NumericsKernels.nk_hqr_fewer_shifts(r - 1);
        }
    }
}
