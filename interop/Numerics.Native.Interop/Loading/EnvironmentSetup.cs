using System.Globalization;

namespace Numerics.Native.Interop.Loading;

/// <summary>
/// Variables that libgomp and OpenBLAS read once, when they load. They are written with libc's setenv before the
/// first dlopen; a value the user already set wins (overwrite = 0).
/// </summary>
internal static class EnvironmentSetup
{
    /// <summary>
    /// log2 of the cycles an idle pthread-OpenBLAS worker spins before sleeping. OpenBLAS's default 28 (~0.1 s)
    /// keeps workers burning a core long after a call, which slows our OpenMP kernels running beside them; 20
    /// (~0.4 ms) lets them fall asleep inside a LAPACK call's serial stretches and pay a wake-up each time.
    /// Measured 2026-11-26 on the 2-core build VM in C (OpenBLAS 0.3.21 pthread, 2 threads): dgesv 500 with
    /// B = I, median of 200 calls, 10.2–10.7 ms at 20, 8.5–9.4 at 21–23, 8.9–9.8 at 28; a 256×256 dgemm then a
    /// 2-thread OpenMP add of 10⁶ doubles, median add 0.96–1.23 ms at 20, 0.74–1.10 at 22, 1.04–1.83 at 28.
    /// </summary>
    private const string OpenBlasThreadTimeout = "22";

    /// <summary>
    /// libgomp's spin count before a worker sleeps; its default 300,000 (with OMP_WAIT_POLICY unset) makes idle
    /// workers compete with OpenBLAS's. Measured, initial guess.
    /// </summary>
    private const string GompSpinCount = "10000";

    internal static void Apply()
    {
        string threads = DefaultThreads().ToString(CultureInfo.InvariantCulture);
        Libc.setenv("OPENBLAS_NUM_THREADS", threads, 0);
        Libc.setenv("BLIS_NUM_THREADS", threads, 0);
        Libc.setenv("OPENBLAS_THREAD_TIMEOUT", OpenBlasThreadTimeout, 0);
        if (Libc.GetEnv("OMP_WAIT_POLICY") is null)
        {
            Libc.setenv("GOMP_SPINCOUNT", GompSpinCount, 0);
        }
        // Nested parallel regions would multiply thread pools (OpenMP OpenBLAS inside our kernels' regions).
        Libc.setenv("OMP_MAX_ACTIVE_LEVELS", "1", 0);
        if (string.Equals(Libc.GetEnv("NUMERICS_NATIVE_BLAS"), "mkl", StringComparison.OrdinalIgnoreCase))
        {
            // MKL must share our libgomp rather than bring Intel's OpenMP runtime.
            Libc.setenv("MKL_THREADING_LAYER", "GNU", 0);
        }
    }

    /// <summary><c>OMP_NUM_THREADS</c> (its first entry), else the number of cores.</summary>
    internal static int DefaultThreads()
    {
        string? omp = Libc.GetEnv("OMP_NUM_THREADS");
        if (omp is not null)
        {
            string first = omp.Split(',')[0].Trim();
            if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1) return n;
        }
        return Environment.ProcessorCount;
    }
}
