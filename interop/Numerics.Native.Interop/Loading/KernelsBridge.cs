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
        // Linear algebra (native/src/linalg): the LAPACKE drivers come from the LAPACKE handle, whose dependency scope
        // reaches the backend's LAPACK (DESIGN §6.2); a missing one leaves NULL and nk_linalg reports it.
        table->cblas_sgemv = (void*)Export(cblas, "cblas_sgemv");
        table->cblas_cgemv = (void*)Export(cblas, "cblas_cgemv");
        table->cblas_zgemv = (void*)Export(cblas, "cblas_zgemv");
        table->cblas_sdot = (void*)Export(cblas, "cblas_sdot");
        table->cblas_ddot = (void*)Export(cblas, "cblas_ddot");
        table->cblas_cdotc_sub = (void*)Export(cblas, "cblas_cdotc_sub");
        table->cblas_zdotc_sub = (void*)Export(cblas, "cblas_zdotc_sub");
        table->cblas_cdotu_sub = (void*)Export(cblas, "cblas_cdotu_sub");
        table->cblas_zdotu_sub = (void*)Export(cblas, "cblas_zdotu_sub");
        table->lapacke_sgesv_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgesv_work");
        table->lapacke_dgesv_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgesv_work");
        table->lapacke_cgesv_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cgesv_work");
        table->lapacke_zgesv_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zgesv_work");
        table->lapacke_sgetrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgetrf_work");
        table->lapacke_dgetrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgetrf_work");
        table->lapacke_cgetrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cgetrf_work");
        table->lapacke_zgetrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zgetrf_work");
        table->lapacke_spotrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_spotrf_work");
        table->lapacke_dpotrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dpotrf_work");
        table->lapacke_cpotrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cpotrf_work");
        table->lapacke_zpotrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zpotrf_work");
        table->lapacke_ssyevd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_ssyevd_work");
        table->lapacke_dsyevd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dsyevd_work");
        table->lapacke_cheevd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cheevd_work");
        table->lapacke_zheevd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zheevd_work");
        table->lapacke_sgeev_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgeev_work");
        table->lapacke_dgeev_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgeev_work");
        table->lapacke_cgeev_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cgeev_work");
        table->lapacke_zgeev_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zgeev_work");
        table->lapacke_sgesdd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgesdd_work");
        table->lapacke_dgesdd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgesdd_work");
        table->lapacke_cgesdd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cgesdd_work");
        table->lapacke_zgesdd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zgesdd_work");
        table->lapacke_sgeqrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgeqrf_work");
        table->lapacke_dgeqrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgeqrf_work");
        table->lapacke_cgeqrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cgeqrf_work");
        table->lapacke_zgeqrf_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zgeqrf_work");
        table->lapacke_sorgqr_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sorgqr_work");
        table->lapacke_dorgqr_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dorgqr_work");
        table->lapacke_cungqr_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cungqr_work");
        table->lapacke_zungqr_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zungqr_work");
        table->lapacke_sgelsd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgelsd_work");
        table->lapacke_dgelsd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgelsd_work");
        table->lapacke_cgelsd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_cgelsd_work");
        table->lapacke_zgelsd_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_zgelsd_work");
        table->cblas_strsm = (void*)Export(cblas, "cblas_strsm");
        table->lapacke_sgetrs_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgetrs_work");
        table->lapacke_dgetrs_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgetrs_work");
        table->lapacke_slaswp_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_slaswp_work");
        table->lapacke_dlaswp_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dlaswp_work");
        table->lapacke_sgeqr2_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_sgeqr2_work");
        table->lapacke_dgeqr2_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dgeqr2_work");
        table->lapacke_slarft_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_slarft_work");
        table->lapacke_dlarft_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dlarft_work");
        table->lapacke_slarfb_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_slarfb_work");
        table->lapacke_dlarfb_work = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "LAPACKE_dlarfb_work");
        // The backend LAPACK's own iparmq_, looked up in LAPACKE's dependency scope (never the global one, where ours
        // comes first): nk_la_iparmq.c answers every question it does not change with it.
        table->iparmq = (void*)NativeBackend.GetExport(NativeBackend.LapackeLibrary, "iparmq_");

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
