namespace Numerics.Native.Interop;

/// <summary>
/// The backend thread gate for code that calls BLAS/LAPACK itself (the raw bindings, a provider for another
/// library). OpenBLAS has one worker pool: concurrent callers of threaded routines queue on it behind a spinning
/// lock, and 0.3.21 threads even 48×48 solves, so 16 service threads doing small problems run tens of times slower
/// than one (README "Architecture"). Wrapping each call as
/// <code>using (BlasGate.Enter((double)n * n * n)) Lapacke.LAPACKE_dgesv(...);</code>
/// runs problems below 10⁶ multiply-adds on the calling thread alone, any number at once, and larger ones one at
/// a time on every thread — the same gate the facade's own calls pass, so results do not depend on concurrency.
/// NumPy equivalent: none (NumPy relies on the GIL-free BLAS call and suffers the same contention).
/// </summary>
public static class BlasGate
{
    /// <summary>
    /// Enters the gate for one call costing <paramref name="multiplyAdds"/> (m·n·k for a product, n³ or
    /// m·n·min(m, n) for a factorisation); dispose the result when the call returns. Loads the kernel library if
    /// needed; without it (or with a serial backend) the gate lets everything through.
    /// </summary>
    /// <param name="multiplyAdds">The call's approximate multiply-add count.</param>
    /// <returns>The ticket to dispose after the call.</returns>
    public static Ticket Enter(double multiplyAdds) =>
        Available.Value ? new Ticket(NumericsKernels.nk_blas_enter(multiplyAdds)) : default;

    /// <summary>
    /// Enters the gate for a general (non-symmetric) eigenproblem of order <paramref name="order"/> (<c>?geev</c>):
    /// below <see cref="NumericsKernels.NK_BLAS_GEEV_SERIAL_MAX_ORDER"/> it runs on the calling thread alone, as the
    /// facade's <c>eig</c> does, because OpenBLAS's geev gains nothing from more threads at those sizes.
    /// </summary>
    /// <param name="order">The matrix order n.</param>
    /// <returns>The ticket to dispose after the call.</returns>
    public static Ticket EnterGeneralEigen(int order) =>
        Enter(order < NumericsKernels.NK_BLAS_GEEV_SERIAL_MAX_ORDER ? 0.0 : (double)order * order * order);

    /// <summary>Whether the kernel library (which holds the gate) loaded; checked once.</summary>
    internal static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            NativeBackend.EnsureKernels();
            return true;
        }
        catch (NativeLibraryLoadException)
        {
            return false;
        }
    });

    /// <summary>A pass through the gate; <see cref="Dispose"/> leaves it (once).</summary>
    public struct Ticket : IDisposable
    {
        private int _token;

        internal Ticket(int token) => _token = token;

        /// <summary>Leaves the gate. Idempotent for this copy of the ticket.</summary>
        public void Dispose()
        {
            int t = _token;
            _token = 0;
            if (t != 0) NumericsKernels.nk_blas_leave(t);
        }
    }
}
