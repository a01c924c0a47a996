/* nk_thresholds.h — element counts above which a call is split across threads (DESIGN.md §4.2).
 *
 * These are compile-time defaults, calibrated by build/compare.sh --calibrate. nk_init reads
 * NUMERICS_NATIVE_PAR_MIN_<CLASS> once so experiments need no rebuild; the driver only ever sees the values
 * fixed at init, through nk_par_min().
 */
#ifndef NK_THRESHOLDS_H
#define NK_THRESHOLDS_H

#include <stdint.h>

/* add, compare, copy, cast: bandwidth-bound, so a second thread pays off only once the data leaves L2. */
#define NK_PAR_MIN_MEMORY 131072
/* integer div/mod, complex mul/div, power */
#define NK_PAR_MIN_ARITH 32768
/* exp, log, sin, ... */
#define NK_PAR_MIN_TRANSCENDENTAL 4096
/* Kernels costing hundreds of cycles per element; a guess until something of that class exists. */
#define NK_PAR_MIN_HEAVY 512
/* reductions, scans (used by src/reduce once it lands) */
#define NK_PAR_MIN_REDUCE 131072

/* Elements per casting block. */
#define NK_CAST_BLOCK 1024
/* Blocked-transpose tile side, in elements (the generic path: other itemsizes, non-contiguous sides). */
#define NK_TRANSPOSE_TILE 32
/* The register transpose (nk_transpose.c): destination rows per strip, the unit threads take one at a time; a
 * multiple of 16 (the float block). */
#define NK_TRANSPOSE_STRIP 128
/* The destination size from which copies (the register transpose, take) store non-temporally (bytes): at 3 MB and
 * more streaming was as fast or faster here (1 MiB L2 per core), at 2 MB cached stores were 1.5x faster
 * (tests/native/experiments). */
#define NK_STREAM_MIN (4 << 20)
/* take's source size up to which its random reads are assumed to hit the L3 (bytes). On a Zen 5 (32 MB L3 shared
 * with other guests) 1e6 random float64 reads from 8 MB ran 10-30% slower with a software prefetch and 20-25% faster
 * with streamed output; from 16 MB on the prefetch made them 1.4-1.9x faster (tests/native/experiments/take_bench.c).
 * A Zen 3 VM whose L3 other tenants kept busy gained 2.7x from the prefetch at 8 MB already. */
#define NK_TAKE_CACHED_MAX (8 << 20)
/* Shortest rows for which matmul's float64 matrix-vector product (A @ x, A row-major) runs in nk_gemv.c rather than
 * the backend's dgemv: one vector width of the widest level. */
#define NK_GEMV_MIN_COLS 8
/* x @ A (nk_gemv.c): columns of y per block, 8 KB of float64 kept in L1 while rows of A stream past. */
#define NK_GEMV_COL_BLOCK 1024
/* Largest matrix order for the OpenMP-over-batch linalg path. */
#define NK_LA_BATCH_MAX_N 64

/* Backend calls costing fewer multiply-adds than this run single-threaded on the caller, any number at once;
 * larger ones run one at a time on every thread (nk_blas_gate.c). 100³: where OpenBLAS 0.3.21 starts threading
 * dgetrf (m·n >= 10,000) and well above its dgemm threshold (m·n·k > 262,144). */
#define NK_BLAS_SOLO_MAX_WORK 1.0e6

/* The look-ahead LU (native/src/linalg/nk_la_lu.c) replaces the backend's getrf for real matrices of these orders
 * when a wide call has exactly two threads: measured there against OpenBLAS 0.3.21's 2-thread dgetrf (best of
 * 9–31, 2026-11-26: 0.72 of its time at n = 200, 0.47–0.62 from 256 to 700, 0.87 at 900, 0.93 at 1000, 1.02 at
 * 1200; tests/native/experiments/lookahead_lu.c, variant 2). Other thread counts keep the backend's getrf until
 * measured. Panel width and trailing-update task width, in columns (NB 32 and 64, CHUNK 64 and 160 were slower). */
#define NK_LA_LOOKAHEAD_MIN_N 200
#define NK_LA_LOOKAHEAD_MAX_N 1000
#define NK_LA_LOOKAHEAD_THREADS 2
/* The look-ahead QR (native/src/linalg/nk_la_qr.c) for min(m, n) in these windows, same conditions. np.linalg.qr of
 * a square matrix through the facade against OpenBLAS's 2-thread dgeqrf/dorgqr, medians of 3–31 calls, two processes
 * each (2026-11-26 09:55 UTC, busy host), mode "r" (geqrf) and "reduced" (geqrf + orgqr): n = 300 1.00 / 0.70, 500
 * 0.47 / 0.47, 1000 0.71–0.82 / 0.66–0.96, 1200 0.60–0.88 / 0.67–0.85, 1500 0.78–0.91 / 0.80–0.99, 2000 1.24 / 0.88
 * (one process). */
#define NK_LA_QR_LOOKAHEAD_MIN_N 256
#define NK_LA_GEQRF_LOOKAHEAD_MAX_N 1600
#define NK_LA_ORGQR_LOOKAHEAD_MAX_N 2000
#define NK_LA_LOOKAHEAD_NB 48
/* LAPACK ormqr's block of reflectors (ilaenv's 32), kept by the Qᵀb of lstsq's QR-first path (at most the above). */
#define NK_LA_ORMQR_NB 32
#define NK_LA_LOOKAHEAD_CHUNK 96

/* The threshold of an nk_op_class as fixed at nk_init (env overrides applied); the default for an unknown class. */
int64_t nk_par_min(int32_t op_class);

#endif /* NK_THRESHOLDS_H */
