using Numerics.Native.Interop.Level3;

namespace Numerics.Native.Interop;

/// <summary>
/// General matrix multiply, C = alpha·op(A)·op(B) + beta·C, with exactly the signatures and semantics of CBLAS's
/// <c>cblas_?gemm</c> (<c>Cblas.cblas_dgemm</c>), served by the provider <see cref="Level3Providers"/> chose
/// for this routine, problem size and CPU. BLIS calls run on threads granted by the process-wide budget
/// (<c>np.config.num_threads</c>), so concurrent callers share the cores instead of multiplying threads. Invalid
/// arguments, empty problems, alpha = 0 and k = 0 always go to OpenBLAS, so error reporting (xerbla) and the
/// quick-return rules are OpenBLAS's. NumPy equivalent: the BLAS call behind <c>numpy.matmul</c>.
/// </summary>
public static unsafe class Gemm
{
    /// <summary>Single-precision real gemm; see <c>Cblas.cblas_sgemm</c> for the arguments.</summary>
    /// <exception cref="NativeLibraryLoadException">The backend or the kernel library could not be loaded, or NUMERICS_NATIVE_GEMM is invalid.</exception>
    public static void sgemm(int Order, int TransA, int TransB, int M, int N, int K, float alpha, float* A, int lda, float* B, int ldb, float beta, float* C, int ldc)
    {
        Level3Runtime.EnsurePrepared();
        Level3Dispatch.Call(Routine.S, Order, TransA, TransB, M, N, K, &alpha, A, lda, B, ldb, &beta, C, ldc);
    }

    /// <summary>Double-precision real gemm; see <c>Cblas.cblas_dgemm</c> for the arguments.</summary>
    /// <exception cref="NativeLibraryLoadException">The backend or the kernel library could not be loaded, or NUMERICS_NATIVE_GEMM is invalid.</exception>
    public static void dgemm(int Order, int TransA, int TransB, int M, int N, int K, double alpha, double* A, int lda, double* B, int ldb, double beta, double* C, int ldc)
    {
        Level3Runtime.EnsurePrepared();
        Level3Dispatch.Call(Routine.D, Order, TransA, TransB, M, N, K, &alpha, A, lda, B, ldb, &beta, C, ldc);
    }

    /// <summary>Single-precision complex gemm (alpha and beta by pointer to two floats); see <c>Cblas.cblas_cgemm</c>.</summary>
    /// <exception cref="NativeLibraryLoadException">The backend or the kernel library could not be loaded, or NUMERICS_NATIVE_GEMM is invalid.</exception>
    public static void cgemm(int Order, int TransA, int TransB, int M, int N, int K, void* alpha, void* A, int lda, void* B, int ldb, void* beta, void* C, int ldc)
    {
        Level3Runtime.EnsurePrepared();
        Level3Dispatch.Call(Routine.C, Order, TransA, TransB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    }

    /// <summary>Double-precision complex gemm (alpha and beta by pointer to two doubles); see <c>Cblas.cblas_zgemm</c>.</summary>
    /// <exception cref="NativeLibraryLoadException">The backend or the kernel library could not be loaded, or NUMERICS_NATIVE_GEMM is invalid.</exception>
    public static void zgemm(int Order, int TransA, int TransB, int M, int N, int K, void* alpha, void* A, int lda, void* B, int ldb, void* beta, void* C, int ldc)
    {
        Level3Runtime.EnsurePrepared();
        Level3Dispatch.Call(Routine.Z, Order, TransA, TransB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    }
}
