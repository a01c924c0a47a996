using System.Runtime.InteropServices;

namespace Numerics.Native.Interop.Loading;

/// <summary>
/// Initialises libnumerics_kernels: checks its ABI version, hands it the backend's BLAS entry points (the kernel
/// library never links BLAS itself) and the thread count.
/// </summary>
internal static unsafe class KernelsBridge
{
    internal static void Initialize(nint kernels, nint cblas, string threading, int threads)
    {
        int abi = NumericsKernels.nk_abi_version();
        if (abi != NativeBackend.KernelsAbiVersion)
        {
            throw new NativeLibraryLoadException(
                $"libnumerics_kernels.so has ABI version {abi}, but this Numerics.Native.Interop needs {NativeBackend.KernelsAbiVersion}: " +
                "the library is stale. Rebuild (dotnet build runs CMake over native/).");
        }
        // The table outlives the call: the kernels keep the pointer, so it lives in native memory for the process.
        var table = (nk_blas_table*)NativeMemory.AllocZeroed((nuint)sizeof(nk_blas_table));
        table->size = sizeof(nk_blas_table);
        table->threading = threading switch { "pthreads" => 1, "openmp" => 2, _ => 0 };
        table->lapack_int_bytes = sizeof(int);
        table->cblas_sgemm = (void*)Export(cblas, "cblas_sgemm");
        table->cblas_dgemm = (void*)Export(cblas, "cblas_dgemm");
        table->cblas_cgemm = (void*)Export(cblas, "cblas_cgemm");
        table->cblas_zgemm = (void*)Export(cblas, "cblas_zgemm");
        // Level 3 (interop/…/Level3): keeps these four, or points them at the OpenBLAS/BLIS dispatch (docs/level3.md).
        Level3Providers.InstallGemm(table, cblas);
        table->cblas_dgemv = (void*)Export(cblas, "cblas_dgemv");
        table->cblas_dtrsm = (void*)Export(cblas, "cblas_dtrsm");
        table->set_num_threads = (void*)Export(cblas, "openblas_set_num_threads");
        table->set_num_threads_local = (void*)Export(cblas, "openblas_set_num_threads_local");

        nk_init_params p = new() { num_threads = threads, simd_cap = -1, blas = table };
        nk_status st;
        int code = NumericsKernels.nk_init(&p, &st);
        if (code != 0)
        {
            throw new NativeLibraryLoadException($"nk_init failed with code {code}: {LastError()}");
        }
    }

    internal static void SetThreads(int n)
    {
        nk_status st;
        if (NumericsKernels.nk_set_num_threads(n, &st) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"nk_set_num_threads refused {n}: {LastError()}");
        }
    }

    internal static int SimdLevel() => NumericsKernels.nk_simd_level();

    internal static int SleefVersion() => NumericsKernels.nk_sleef_version();

    private static string LastError()
    {
        nint s = (nint)NumericsKernels.nk_last_error();
        return s == 0 ? "" : Marshal.PtrToStringUTF8(s) ?? "";
    }

    private static nint Export(nint lib, string name) => NativeLibrary.TryGetExport(lib, name, out nint p) ? p : 0;
}
