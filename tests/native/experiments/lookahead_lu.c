/* lookahead_lu.c — can a 2-thread look-ahead LU on OpenBLAS's single-threaded kernels beat OpenBLAS's own
 * 2-thread dgetrf (det/solve/inv 500, where TorchSharp's MKL takes 1.5 ms for det and OpenBLAS barely gains from a
 * second thread)?
 *
 * Blocked right-looking LU, panel width NB. At each step one OpenMP task updates the next panel's columns and factors
 * that panel (OpenBLAS dgetrf_ on the tall panel), while the rest of the trailing update runs as tasks of CHUNK
 * columns that both threads take; the next panel's row swaps reach the other columns after the step's barrier.
 * OpenBLAS runs at 1 thread inside (its pthread build takes concurrent calls). Pivots are compared with dgetrf's.
 *
 *   gcc -O2 -fopenmp lookahead_lu.c -o /tmp/lookahead_lu -I/usr/include/x86_64-linux-gnu/openblas-pthread \
 *       -L/usr/lib/x86_64-linux-gnu/openblas-pthread -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas -lm
 *   OPENBLAS_NUM_THREADS=2 OPENBLAS_THREAD_TIMEOUT=22 OMP_NUM_THREADS=2 GOMP_SPINCOUNT=10000 /tmp/lookahead_lu 500 15 48 96
 *
 * Measured 2026-11-26 08:30 UTC (2-core Zen 3 VM, OpenBLAS 0.3.21, best of 7–21, sides rotating), look-ahead / dgetrf
 * at 2 threads: n = 500: 0.76–0.82 over six NB/CHUNK choices (NB 32–64; e.g. 2.27 against 2.83 ms) and 0.69–0.70 in
 * two later runs at NB 48, CHUNK 96 (2.16 against 3.11 ms), pivots equal
 * 500 of 500, max |ΔLU| 1.7e-12; n = 1000: 1.08 (OpenBLAS's parallel getrf scales there: 14.9 ms against 21.6 at
 * 1 thread); n = 300: 0.98 (1-thread dgetrf fastest); n = 200: 1.19. So a window around n = 500 gains about 20%,
 * still short of MKL's det 500.
 *
 * Variant 2 (lu_lookahead2) moves the row interchanges from serial laswp calls between steps into the tasks (each
 * column block applies panel k's interchanges just before its update; the L columns left of panel k get them in
 * tasks of their own). Same factors bit for bit as variant 1. Measured 09:13 UTC, best of 9–31, NB 48, CHUNK 96,
 * variant 2 / dgetrf 2T: n = 200 0.72, 256 0.47, 300 0.55, 500 0.62, 700 0.56, 900 0.87, 1000 0.93, 1200 1.02
 * (variant 1 at the same n: 0.89, 0.58, 0.66, 0.72, 0.76, 0.92, 0.93, 1.13); at n = 500 NB 32 / CHUNK 64 0.89,
 * NB 64 / CHUNK 128 0.70, NB 48 / CHUNK 64 0.66, NB 48 / CHUNK 160 0.74. Shipped as variant 2 in
 * native/src/linalg/nk_la_lu.c for n = 200–1000 at exactly two threads (nk_thresholds.h).
 *
 * Arguments: n, repetitions, NB, CHUNK.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include "experiment_clock.h"

extern void openblas_set_num_threads(int);
extern void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
extern void dlaswp_(const int *n, double *a, const int *lda, const int *k1, const int *k2, const int *ipiv,
                    const int *incx);

/* rows k1..k2 (0-based, inclusive..exclusive) of ipiv (0-based global rows) applied to ncols columns at a */
static void swaps(int ncols, double *a, int lda, int k1, int k2, const int *ipiv1)
{
    if (ncols <= 0) return;
    int f1 = k1 + 1, f2 = k2, one = 1;
    dlaswp_(&ncols, a, &lda, &f1, &f2, ipiv1, &one);
}

/* update columns [c0, c1) for panel at k (width jb): trsm on rows [k, k+jb), gemm on rows [k+jb, n) */
static void update(double *A, int n, int k, int jb, int c0, int c1)
{
    int w = c1 - c0;
    if (w <= 0) return;
    cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasUnit, jb, w, 1.0, &A[k + (size_t)k * n], n,
                &A[k + (size_t)c0 * n], n);
    int m = n - k - jb;
    if (m > 0)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, w, jb, -1.0, &A[k + jb + (size_t)k * n], n,
                    &A[k + (size_t)c0 * n], n, 1.0, &A[k + jb + (size_t)c0 * n], n);
}

/* factor panel at column k (width jb), rows [k, n); ipiv1 gets 1-based global rows */
static int panel(double *A, int n, int k, int jb, int *ipiv1)
{
    int m = n - k, info = 0;
    dgetrf_(&m, &jb, &A[k + (size_t)k * n], &n, ipiv1 + k, &info);
    for (int i = k; i < k + jb; i++) ipiv1[i] += k;
    return info;
}

static int lu_lookahead(double *A, int n, int *ipiv1, int nb, int chunk)
{
    int info = 0;
    int jb = nb < n ? nb : n;
    info |= panel(A, n, 0, jb, ipiv1);
    swaps(n - jb, &A[(size_t)jb * n], n, 0, jb, ipiv1);
    for (int k = 0; k < n; k += nb) {
        jb = nb < n - k ? nb : n - k;
        int k1 = k + jb;
        if (k1 >= n) break;
        int jb2 = nb < n - k1 ? nb : n - k1;
        int rest0 = k1 + jb2;
        int pinfo = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
        {
#pragma omp task priority(1)
            {
                update(A, n, k, jb, k1, rest0);
                pinfo = panel(A, n, k1, jb2, ipiv1);
            }
            for (int c = rest0; c < n; c += chunk) {
                int c1 = c + chunk < n ? c + chunk : n;
#pragma omp task firstprivate(c, c1)
                update(A, n, k, jb, c, c1);
            }
        }
        info |= pinfo;
        /* the next panel's swaps on every other column */
        swaps(k1, A, n, k1, rest0, ipiv1);
        swaps(n - rest0, &A[(size_t)rest0 * n], n, k1, rest0, ipiv1);
    }
    return info;
}

/* Variant 2: no serial swaps between steps. Panel k's interchanges reach each column block inside the task that
 * updates it (the right side) or in tasks of their own (the left side, L columns of earlier panels). */
static int lu_lookahead2(double *A, int n, int *ipiv1, int nb, int chunk)
{
    int jb = nb < n ? nb : n;
    int info = panel(A, n, 0, jb, ipiv1);
    for (int k = 0, k1 = jb; k1 < n; k = k1, k1 += jb) {
        int jb2 = nb < n - k1 ? nb : n - k1;
        int rest0 = k1 + jb2;
        int pinfo = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
        {
#pragma omp task priority(1)
            {
                swaps(jb2, &A[(size_t)k1 * n], n, k, k1, ipiv1);
                update(A, n, k, jb, k1, rest0);
                pinfo = panel(A, n, k1, jb2, ipiv1);
            }
            for (int c = rest0; c < n; c += chunk) {
                int c1 = c + chunk < n ? c + chunk : n;
#pragma omp task firstprivate(c, c1)
                {
                    swaps(c1 - c, &A[(size_t)c * n], n, k, k1, ipiv1);
                    update(A, n, k, jb, c, c1);
                }
            }
            for (int c = 0; c < k; c += chunk) {
                int c1 = c + chunk < k ? c + chunk : k;
#pragma omp task firstprivate(c, c1)
                swaps(c1 - c, &A[(size_t)c * n], n, k, k1, ipiv1);
            }
        }
        if (info == 0) info = pinfo;
        jb = jb2;
        if (k1 + jb >= n) {
            /* the last panel's interchanges on every column left of it */
            swaps(k1, A, n, k1, n, ipiv1);
        }
    }
    return info;
}

/* One factorisation of a copy of A0 into A; returns its seconds. Side 0: dgetrf at 2 threads, 1: dgetrf at 1
 * thread, 2: the look-ahead LU. */
static double timed(int side, double *A, const double *A0, int n, int *ipiv, int nb, int chunk)
{
    int info;
    memcpy(A, A0, sizeof(double) * n * n);
    openblas_set_num_threads(side == 0 ? 2 : 1);
    double t = now();
    if (side < 2) dgetrf_(&n, &n, A, &n, ipiv, &info);
    else if (side == 2) lu_lookahead(A, n, ipiv, nb, chunk);
    else lu_lookahead2(A, n, ipiv, nb, chunk);
    return now() - t;
}

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    int n = atoi(argv[1]), reps = atoi(argv[2]);
    int nb = argc > 3 ? atoi(argv[3]) : 32, chunk = argc > 4 ? atoi(argv[4]) : 64;
    if (n < 1 || n > 8000 || reps < 1 || nb < 1 || chunk < 1) return 2;
    size_t bytes = sizeof(double) * (size_t)n * n;
    double *A0 = malloc(bytes), *B = malloc(bytes), *A[2] = {malloc(bytes), malloc(bytes)};
    int *p1 = malloc(sizeof(int) * n), *p2[2] = {malloc(sizeof(int) * n), malloc(sizeof(int) * n)};
    srand(7);
    for (int i = 0; i < n * n; i++) A0[i] = rand() / (double)RAND_MAX - 0.5;
    double best[4] = {1e9, 1e9, 1e9, 1e9};
    for (int r = 0; r < reps; r++) {
        for (int s = 0; s < 4; s++) {
            int side = (s + r) % 4;
            double t = timed(side, side >= 2 ? A[side - 2] : B, A0, n, side >= 2 ? p2[side - 2] : p1, nb, chunk);
            if (t < best[side]) best[side] = t;
        }
    }
    /* A[v] and p2[v] hold variant v's result of the last repetition; B and p1 a dgetrf one. */
    for (int v = 0; v < 2; v++) {
        int same = 0;
        double diff = 0;
        for (int i = 0; i < n; i++) same += p1[i] == p2[v][i];
        for (int i = 0; i < n * n; i++) diff = fmax(diff, fabs(A[v][i] - B[i]));
        printf("variant %d: pivots equal %d/%d, max |LU difference| %.2e\n", v + 1, same, n, diff);
    }
    printf("n=%d nb=%d chunk=%d best of %d: dgetrf 2T %.2f ms, dgetrf 1T %.2f ms, "
           "look-ahead 2T %.2f ms (%.2f of dgetrf 2T), variant 2 %.2f ms (%.2f)\n",
           n, nb, chunk, reps, best[0] * 1e3, best[1] * 1e3, best[2] * 1e3, best[2] / best[0], best[3] * 1e3,
           best[3] / best[0]);
    return 0;
}
