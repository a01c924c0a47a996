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
    /// keeps workers burning a core long after a call, which slows our OpenMP kernels running beside them.
    /// Measured, initial guess (W5_matmul_64 and W1_add_1e6 interleaved).
    /// </summary>
    private const string OpenBlasThreadTimeout = "20";

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
