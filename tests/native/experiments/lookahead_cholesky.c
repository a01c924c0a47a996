/* lookahead_cholesky.c — does the look-ahead of lookahead_lu.c (variant 2) pay for Cholesky too? OpenBLAS 0.3.21's
 * 2-thread dpotrf at n = 1000 runs at 0.78 of its 1-thread time here (7.1 against 9.1 ms), far from 0.5.
 *
 * Lower Cholesky, column-major, panels of NB columns. At each step one OpenMP task brings the next panel up to date
 * (dsyrk on its diagonal block, dgemm below it) and factors it (dpotrf on the diagonal block, dtrsm below), while
 * the other thread updates the remaining columns in blocks of CHUNK (dsyrk + dgemm each). OpenBLAS at one thread
 * inside. Compared with dpotrf at 2 and 1 threads in the same process, sides rotating, best of the repetitions.
 *
 *   gcc -O2 -fopenmp lookahead_cholesky.c -o /tmp/lookahead_cholesky -I/usr/include/x86_64-linux-gnu/openblas-pthread \
 *       -L/usr/lib/x86_64-linux-gnu/openblas-pthread -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas -lm
 *   OPENBLAS_THREAD_TIMEOUT=22 OMP_NUM_THREADS=2 GOMP_SPINCOUNT=10000 /tmp/lookahead_cholesky 1000 15 48 96
 *
 * Measured 2026-11-26 09:29 UTC (2-core Zen 3 VM, busy host; best of 5–21), look-ahead / dpotrf at 2 threads:
 * n = 1000: 0.94 (NB 48, CHUNK 96), 0.87 (64/128), 0.93 (96/192), 1.08 (128/256), 0.83 (64/256), 0.86 (96/96) —
 * dpotrf itself 5.6–7.4 ms across those processes; n = 500: 0.75; n = 2000: 1.06. Factors equal to rounding
 * (max |ΔL|/max|L| ≤ 8e-16). OpenBLAS's dpotrf already overlaps its panels well enough that 10% at n = 1000, inside
 * this VM's noise, does not pay for a second factorisation to maintain: not shipped.
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
extern void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);

/* columns [c0, c1) minus panel k's contribution (columns k..k+jb), rows c0..n-1 */
static void update(double *A, int n, int k, int jb, int c0, int c1)
{
    int w = c1 - c0;
    if (w <= 0) return;
    cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, w, jb, -1.0, &A[c0 + (size_t)k * n], n, 1.0,
                &A[c0 + (size_t)c0 * n], n);
    int m = n - c1;
    if (m > 0)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, m, w, jb, -1.0, &A[c1 + (size_t)k * n], n,
                    &A[c0 + (size_t)k * n], n, 1.0, &A[c1 + (size_t)c0 * n], n);
}

/* factor panel k: dpotrf on the diagonal block, then the rows below by a triangular solve; 0 or the global column */
static int panel(double *A, int n, int k, int jb)
{
    int info = 0;
    dpotrf_("L", &jb, &A[k + (size_t)k * n], &n, &info);
    if (info != 0) return info + k;
    int m = n - k - jb;
    if (m > 0)
        cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, m, jb, 1.0,
                    &A[k + (size_t)k * n], n, &A[k + jb + (size_t)k * n], n);
    return 0;
}

static int chol_lookahead(double *A, int n, int nb, int chunk)
{
    int jb = nb < n ? nb : n;
    int info = panel(A, n, 0, jb);
    for (int k = 0, k1 = jb; k1 < n && info == 0; k = k1, k1 += jb) {
        int jb2 = nb < n - k1 ? nb : n - k1;
        int rest = k1 + jb2;
#pragma omp parallel num_threads(2)
#pragma omp single
        {
#pragma omp task
            {
                update(A, n, k, jb, k1, rest);
                info = panel(A, n, k1, jb2);
            }
            for (int c = rest; c < n; c += chunk) {
                int c1 = c + chunk < n ? c + chunk : n;
#pragma omp task firstprivate(c, c1)
                update(A, n, k, jb, c, c1);
            }
        }
        jb = jb2;
    }
    return info;
}

static double timed(int side, double *A, const double *S, int n, int nb, int chunk)
{
    int info;
    memcpy(A, S, sizeof(double) * n * n);
    openblas_set_num_threads(side == 0 ? 2 : 1);
    double t = now();
    if (side < 2) dpotrf_("L", &n, A, &n, &info);
    else chol_lookahead(A, n, nb, chunk);
    return now() - t;
}

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    int n = atoi(argv[1]), reps = atoi(argv[2]);
    int nb = argc > 3 ? atoi(argv[3]) : 48, chunk = argc > 4 ? atoi(argv[4]) : 96;
    if (n < 1 || n > 8000 || reps < 1 || nb < 1 || chunk < 1) return 2;
    size_t bytes = sizeof(double) * (size_t)n * n;
    double *R = malloc(bytes), *S = malloc(bytes), *A = malloc(bytes), *B = malloc(bytes);
    srand(1);
    for (size_t i = 0; i < (size_t)n * n; i++) R[i] = rand() / (double)RAND_MAX - 0.5;
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, n, n, n, 1.0, R, n, R, n, 0.0, S, n);
    for (int i = 0; i < n; i++) S[i + (size_t)i * n] += n;
    double best[3] = {1e9, 1e9, 1e9};
    for (int r = 0; r < reps; r++)
        for (int s = 0; s < 3; s++) {
            int side = (s + r) % 3;
            double t = timed(side, side == 2 ? A : B, S, n, nb, chunk);
            if (t < best[side]) best[side] = t;
        }
    double diff = 0, mx = 0;
    for (int j = 0; j < n; j++)
        for (int i = j; i < n; i++) {
            diff = fmax(diff, fabs(A[i + (size_t)j * n] - B[i + (size_t)j * n]));
            mx = fmax(mx, fabs(B[i + (size_t)j * n]));
        }
    printf("n=%d nb=%d chunk=%d best of %d: dpotrf 2T %.2f ms, 1T %.2f ms, look-ahead 2T %.2f ms (%.2f of dpotrf 2T); "
           "max |ΔL|/max|L| %.1e\n",
           n, nb, chunk, reps, best[0] * 1e3, best[1] * 1e3, best[2] * 1e3, best[2] / best[0], diff / mx);
    return 0;
}
