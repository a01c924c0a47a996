/* nk_la_lu.c — LU with partial pivoting for det, slogdet, solve and inv where OpenBLAS 0.3.21's own getrf barely
 * gains from a second thread (orders 200–1000 on two threads: nk_thresholds.h).
 *
 * Blocked right-looking LU with a look-ahead of one panel: while one OpenMP thread updates the next panel and
 * factors it (the backend's getrf on the tall panel, so the pivot choice inside a panel is LAPACK's), the other
 * applies the interchanges and the update to the remaining columns in tasks. The backend runs at one thread
 * inside, which the wide token of the gate allows (nk_blas_gate.c). Same pivoting semantics as getrf (the largest
 * magnitude in the updated column); the trailing updates group their sums differently, so results differ from the
 * backend's getrf by rounding only — as OpenBLAS's own 1- and 2-thread getrf differ from each other. The task
 * split is fixed by n alone, so results are the same bit for bit on every run. The la_lookahead_* helpers here
 * (when it applies, its threads around a run) serve the look-ahead QR of nk_la_qr.c too. */
#include "nk_la_common.h"

#include <omp.h>

int la_lookahead_applies(int64_t n, int64_t min_n, int64_t max_n)
{
    return n >= min_n && n <= max_n && nk_get_num_threads() == NK_LA_LOOKAHEAD_THREADS && nk_blas_wide_held();
}

int32_t la_lookahead_begin(void)
{
    /* Fewer tokens than asked for (other kernels hold them): the same tasks on fewer threads. The task split depends
     * on the sizes alone, so the bits do not depend on what else is running, as the gate promises. */
    const int32_t granted = nk_threads_acquire(NK_LA_LOOKAHEAD_THREADS);
    nk_blas_wide_set_threads(1);
    return granted;
}

void la_lookahead_end(int32_t granted)
{
    nk_blas_wide_set_threads(nk_get_num_threads());
    nk_threads_release(granted);
}

#define LU_P s
#define LU_T float
#define LU_GETRF lapacke_sgetrf_work
#define LU_TRSM cblas_strsm
#define LU_GEMM cblas_sgemm
#define LU_LASWP lapacke_slaswp_work
#include "nk_la_lu.h"
#undef LU_P
#undef LU_T
#undef LU_GETRF
#undef LU_TRSM
#undef LU_GEMM
#undef LU_LASWP

#define LU_P d
#define LU_T double
#define LU_GETRF lapacke_dgetrf_work
#define LU_TRSM cblas_dtrsm
#define LU_GEMM cblas_dgemm
#define LU_LASWP lapacke_dlaswp_work
#include "nk_la_lu.h"
