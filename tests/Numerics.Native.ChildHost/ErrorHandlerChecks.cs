using Numerics.Native.Interop;

namespace Numerics.Native.ChildHost;

/// <summary>
/// Calls that make BLAS, CBLAS or LAPACK call their error handler (xerbla_, cblas_xerbla). Netlib's handlers end the
/// process; with the interop's handlers (native/src/core/nk_xerbla.c) each call returns and this child goes on to
/// print its JSON line. Each entry says what the call returned.
/// </summary>
public static unsafe class ErrorHandlerChecks
{
    private const int ColMajor = 102, NoTrans = 111;

    public static void Run(Dictionary<string, object?> result)
    {
        NativeBackend.EnsureKernels();
        result["name"] = NativeBackend.Name;
        result["lapack"] = NativeBackend.LapackPath;

        // LAPACK's own argument check: dlascl refuses a NaN cfrom (parameter 5 of DLASCL, 5 of the LAPACKE call).
        double x = 1.0;
        result["dlascl_nan_info"] = Lapacke.LAPACKE_dlascl_work(ColMajor, (byte)'G', 0, 0, double.NaN, 1.0, 1, 1, &x, 1);

        // BLAS's check, reached through CBLAS: lda = 1 < m = 2 (parameter 8 of DGEMM). C must be left alone.
        double[] a = [1, 2, 3, 4], c = [7, 7, 7, 7];
        fixed (double* pa = a, pc = c)
            Cblas.cblas_dgemm(ColMajor, NoTrans, NoTrans, 2, 2, 2, 1.0, pa, 1, pa, 2, 0.0, pc, 2);
        result["dgemm_bad_lda_c"] = string.Join(",", c);

        // CBLAS's own check: an order that is neither row- nor column-major.
        fixed (double* pa = a, pc = c)
            Cblas.cblas_dgemm(0, NoTrans, NoTrans, 2, 2, 2, 1.0, pa, 2, pa, 2, 0.0, pc, 2);
        result["cblas_bad_order_c"] = string.Join(",", c);

        // Inside a driver: dgesdd scales by the matrix norm, and an inf entry makes dlascl see a NaN.
        using var m = np.array(new double[,] { { double.PositiveInfinity, 1 }, { 1, 1 } });
        try
        {
            using var s = np.linalg.svdvals(m);
            result["svdvals_inf"] = s.ToString();
        }
        catch (Exception e) when (e is INumpyException)
        {
            result["svdvals_inf"] = $"{e.GetType().Name}: {e.Message}";
        }
        result["alive"] = true;
    }
}
