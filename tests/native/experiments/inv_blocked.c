/* inv_blocked.c — inv after the LU as two passes of column-block tasks on two threads, one OpenBLAS thread each:
 * Z = L⁻¹ block by block (the identity's block c is zero above row c, so each block solves only rows c..n-1: a
 * third of getrs's work on that side), X = U⁻¹·Z block by block, then Pᵀ as column interchanges, last first —
 * against NumPy's getrs against the identity at 2 OpenBLAS threads. Both from the same dgetrf factors; times are
 * for the part after the LU.
 *
 *   gcc -O2 -fopenmp inv_blocked.c -o /tmp/inv_blocked -I/usr/include/x86_64-linux-gnu/openblas-pthread \
 *       -L/usr/lib/x86_64-linux-gnu/openblas-pthread -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas
 * -lm OPENBLAS_THREAD_TIMEOUT=22 GOMP_SPINCOUNT=10000 /tmp/inv_blocked 500 21 96
 *
 * Measured 2026-11-26 10:35 UTC (2-core Zen 3 VM, busy host, medians of 7–31), blocked / getrs(I): n = 500 with
 * blocks of 64: 0.67, 0.79; 96: 0.85, 0.84; 128: 0.78, 0.76; 250: 1.01; n = 300 (96): 0.90; n = 1000 (96): 0.77;
 * inverses equal to rounding (max |ΔX|/max|X| ≤ 5e-14). Shipped as lu_inverse in native/src/linalg/nk_la_lu.h
 * (blocks of 96, with the look-ahead LU); through the facade, inv 500 at 2 threads against the build before it,
 * five process pairs: 0.80–1.08, median 0.87.
 *
 * Arguments: n, repetitions, block width.
 */
#define _POSIX_C_SOURCE 200809L
#include "experiment_clock.h"
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
extern void openblas_set_num_threads(int);
extern void dgetrf_(const int *, const int *, double *, const int *, int *, int *);
extern void dgetrs_(const char *, const int *, const int *, const double *, const int *, const int *, double *,
                    const int *, int *);
/* X = inv from LU: Z = L^-1 by blocked column tasks (lower-triangular structure), X' = U^-1 Z (column halves on 2
 * threads), X = X' P^T */
static void inv_struct(const double *LU, double *X, int n, const int *ipiv, int chunk) {
    memset(X, 0, 8L * n * n);
    for (int i = 0; i < n; i++)
        X[i + (long)i * n] = 1;
#pragma omp parallel num_threads(2)
#pragma omp single
    {
        for (int c = 0; c < n; c += chunk) {
            int w = c + chunk < n ? chunk : n - c;
#pragma omp task firstprivate(c, w)
            cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasUnit, n - c, w, 1.0,
                        LU + c + (long)c * n, n, X + c + (long)c * n, n);
        }
    }
#pragma omp parallel num_threads(2)
#pragma omp single
    {
        for (int c = 0; c < n; c += chunk) {
            int w = c + chunk < n ? chunk : n - c;
#pragma omp task firstprivate(c, w)
            cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, n, w, 1.0, LU, n,
                        X + (long)c * n, n);
        }
    }
    for (int j = n - 1; j >= 0; j--) {
        int p = ipiv[j] - 1;
        if (p != j)
            cblas_dswap(n, X + (long)j * n, 1, X + (long)p * n, 1);
    }
}
int main(int c, char **v) {
    if (c < 4)
        return 2;
    int n = atoi(v[1]), reps = atoi(v[2]), chunk = atoi(v[3]), info;
    if (n < 1 || n > 4000 || reps < 1 || reps > 64 || chunk < 1)
        return 2;
    double *A0 = malloc(8L * n * n), *F = malloc(8L * n * n), *X1 = malloc(8L * n * n), *X2 = malloc(8L * n * n);
    int *ip = malloc(4 * n);
    srand(7);
    for (long i = 0; i < (long)n * n; i++)
        A0[i] = rand() / (double)RAND_MAX - .5;
    for (int i = 0; i < n; i++)
        A0[i + (long)i * n] += 2;
    memcpy(F, A0, 8L * n * n);
    dgetrf_(&n, &n, F, &n, ip, &info);
    double t[2][64];
    for (int r = 0; r < reps; r++)
        for (int s = 0; s < 2; s++) {
            int side = (s + r) % 2;
            double t0 = now();
            if (side == 0) {
                openblas_set_num_threads(2);
                memset(X1, 0, 8L * n * n);
                for (int i = 0; i < n; i++)
                    X1[i + (long)i * n] = 1;
                dgetrs_("N", &n, &n, F, &n, ip, X1, &n, &info);
            } else {
                openblas_set_num_threads(1);
                inv_struct(F, X2, n, ip, chunk);
            }
            t[side][r] = now() - t0;
        }
    qsort(t[0], reps, 8, cmp);
    qsort(t[1], reps, 8, cmp);
    double d = 0, m = 0;
    for (long i = 0; i < (long)n * n; i++) {
        d = fmax(d, fabs(X1[i] - X2[i]));
        m = fmax(m, fabs(X1[i]));
    }
    printf("n %d chunk %d: getrs(I) 2T %.2f ms, structured 2T %.2f ms (%.2f), rel diff %.1e\n", n, chunk,
           t[0][reps / 2] * 1e3, t[1][reps / 2] * 1e3, t[1][reps / 2] / t[0][reps / 2], d / m);
}
