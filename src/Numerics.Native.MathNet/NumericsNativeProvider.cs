using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.Interop;

namespace Numerics.Native.MathNet;

/// <summary>
/// The one-line opt-in: <c>NumericsNativeProvider.Use();</c> makes Math.NET Numerics run its dense linear algebra
/// (products, LU, QR, Cholesky, SVD, eigenvalues, norms) on the native backend.
/// </summary>
public static class NumericsNativeProvider
{
    private static readonly Lock Gate = new();
    private static string? _verified; // null until a probe passed; then the backend name

    /// <summary>
    /// Really loads the BLAS/LAPACK backend and calls one BLAS routine (ddot) and one LAPACK routine (dgesv), checking
    /// their answers. The first success is remembered: the backend is fixed for the life of the process.
    /// </summary>
    /// <returns>Whether the provider can run here.</returns>
    public static bool IsAvailable()
    {
        try
        {
            Verify();
            return true;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Sets Math.NET 5's <see cref="LinearAlgebraControl.Provider"/> to
    /// <see cref="NumericsNativeLinearAlgebraProvider.Instance"/>.</summary>
    /// <exception cref="NativeLibraryLoadException">The backend does not load or does not answer correctly; the
    /// message lists every load attempt and how to fix it. Math.NET's provider is then left as it was.</exception>
    public static void Use() => LinearAlgebraControl.Provider = NumericsNativeLinearAlgebraProvider.Instance;

    /// <exception cref="NativeLibraryLoadException">As <see cref="Use"/>.</exception>
    internal static void Verify()
    {
        if (Volatile.Read(ref _verified) is not null)
            return;
        lock (Gate)
        {
            if (_verified is not null)
                return;
            NativeBackend.EnsureLoaded(); // throws with the load trace
            string? failure;
            try
            {
                failure = Probe();
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }
            if (failure is not null)
            {
                throw new NativeLibraryLoadException(
                    $"Numerics.Native's Math.NET provider loaded the {NativeBackend.Name} backend, but its probe failed: {failure}\n" +
                    $"BLAS: {NativeBackend.BlasPath}\nLAPACKE: {NativeBackend.LapackePath}\nLoad trace:\n{NativeBackend.LoadTrace}");
            }
            Volatile.Write(ref _verified, NativeBackend.Name);
        }
    }

    /// <summary>One BLAS and one LAPACK call with known answers; the failure in words, or null.</summary>
    private static string? Probe()
    {
        ReadOnlySpan<double> x = [1.0, 2.0], y = [3.0, 4.0];
        double dot = Cblas.cblas_ddot(2, x, 1, y, 1);
        if (dot != 11.0)
            return $"cblas_ddot gave {dot} for [1, 2]·[3, 4], not 11";

        // [[4, 1], [2, 3]]·x = [1, 2] in column-major order; x = [0.1, 0.6].
        Span<double> a = [4.0, 2.0, 1.0, 3.0], b = [1.0, 2.0];
        Span<int> ipiv = stackalloc int[2];
        int info = Lapacke.LAPACKE_dgesv(Lapacke.LAPACK_COL_MAJOR, 2, 1, a, 2, ipiv, b, 2);
        if (info != 0 || Math.Abs(b[0] - 0.1) > 1e-12 || Math.Abs(b[1] - 0.6) > 1e-12)
            return $"LAPACKE_dgesv gave info {info} and x = [{b[0]}, {b[1]}], not [0.1, 0.6]";
        return null;
    }
}
