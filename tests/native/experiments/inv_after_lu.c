/* inv_after_lu.c — after an LU (A = P L U), is inv(A) faster as U⁻¹·L⁻¹·Pᵀ (dtrtri on L, one dtrsm with U on
 * the lower-triangular L⁻¹, column interchanges: 4/3 n³ multiply-adds) than as NumPy's dgetrs against the identity
 * (two dtrsm on a full n × n: 2 n³)? Both sides start from the same dgetrf factors; times are for the part after
 * the LU. Compares the two inverses and the residual ‖A·X − I‖max.
 *
 *   gcc -O2 inv_after_lu.c -o /tmp/inv_after_lu -I/usr/include/x86_64-linux-gnu/openblas-pthread \
 *       -L/usr/lib/x86_64-linux-gnu/openblas-pthread -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas -lm
 *   OPENBLAS_THREAD_TIMEOUT=22 /tmp/inv_after_lu 500 21 2
 *
 * Measured 2026-11-26 09:19 UTC (2-core Zen 3 VM, OpenBLAS 0.3.21, medians of 9–31), trtri+trsm / getrs(I):
 * n = 500: 1.01 at 2 threads (5.80 against 5.76 ms), 0.86 at 1 thread; n = 200: 1.00, 300: 0.89, 1000: 0.82 at 2
 * threads; residuals equal (‖AX − I‖max 1e-13). OpenBLAS's dtrsm runs at about 20 GFLOP/s on one thread here
 * (dgemm: 40), so a third fewer multiply-adds buy little at n = 500, where inv 500 is measured. Not shipped: inv
 * keeps NumPy's getrs against the identity.
 *
 * Arguments: n, repetitions, OpenBLAS threads.
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
extern void dgetrs_(const char *t, const int *n, const int *nrhs, const double *a, const int *lda, const int *ipiv,
                    double *b, const int *ldb, int *info);
extern void dtrtri_(const char *uplo, const char *diag, const int *n, double *a, const int *lda, int *info);

/* X = U⁻¹ L⁻¹ Pᵀ from the packed factors LU (destroyed: its lower part becomes L⁻¹). */
static void inv_trtri(double *LU, double *X, int n, const int *ipiv)
{
    int info;
    dtrtri_("L", "U", &n, LU, &n, &info);
    /* X = L⁻¹ (unit diagonal, zero above), then X = U⁻¹ X. */
    for (int j = 0; j < n; j++) {
        double *x = X + (size_t)j * n;
        memset(x, 0, sizeof(double) * j);
        x[j] = 1;
        memcpy(x + j + 1, LU + (size_t)j * n + j + 1, sizeof(double) * (n - j - 1));
    }
    cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, n, n, 1.0, LU, n, X, n);
    /* Pᵀ on the right: the interchanges as column swaps, last first. */
    for (int j = n - 1; j >= 0; j--) {
        int p = ipiv[j] - 1;
        if (p != j) cblas_dswap(n, X + (size_t)j * n, 1, X + (size_t)p * n, 1);
    }
}

int main(int argc, char **argv)
{
    if (argc < 4) return 2;
    int n = atoi(argv[1]), reps = atoi(argv[2]), thr = atoi(argv[3]), info;
    if (n < 1 || n > 4000 || reps < 1 || reps > 101) return 2;
    openblas_set_num_threads(thr);
    size_t bytes = sizeof(double) * (size_t)n * n;
    double *A0 = malloc(bytes), *F = malloc(bytes), *W = malloc(bytes), *X1 = malloc(bytes), *X2 = malloc(bytes),
           *R = malloc(bytes);
    int *ipiv = malloc(sizeof(int) * n);
    srand(7);
    for (size_t i = 0; i < (size_t)n * n; i++) A0[i] = rand() / (double)RAND_MAX - 0.5;
    for (int i = 0; i < n; i++) A0[i + (size_t)i * n] += 2;
    memcpy(F, A0, bytes);
    dgetrf_(&n, &n, F, &n, ipiv, &info);
    double t[2][101];
    for (int r = 0; r < reps; r++)
        for (int s = 0; s < 2; s++) {
            int side = (s + r) % 2;
            memcpy(W, F, bytes);
            double *X = side == 0 ? X1 : X2;
            double t0 = now();
            if (side == 0) {
                memset(X, 0, bytes);
                for (int i = 0; i < n; i++) X[i + (size_t)i * n] = 1;
                dgetrs_("N", &n, &n, W, &n, ipiv, X, &n, &info);
            } else {
                inv_trtri(W, X, n, ipiv);
            }
            t[side][r] = now() - t0;
        }
    qsort(t[0], reps, sizeof(double), cmp);
    qsort(t[1], reps, sizeof(double), cmp);
    double d = 0, m = 0, res[2] = {0, 0};
    for (size_t i = 0; i < (size_t)n * n; i++) {
        d = fmax(d, fabs(X1[i] - X2[i]));
        m = fmax(m, fabs(X1[i]));
    }
    for (int v = 0; v < 2; v++) {
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A0, n, v ? X2 : X1, n, 0.0, R, n);
        for (int i = 0; i < n; i++) R[i + (size_t)i * n] -= 1;
        for (size_t i = 0; i < (size_t)n * n; i++) res[v] = fmax(res[v], fabs(R[i]));
    }
    printf("n=%d threads=%d median of %d after the LU: getrs(I) %.2f ms, trtri+trsm %.2f ms (%.2f); "
           "max |ΔX|/max|X| %.1e, ‖AX − I‖max %.1e / %.1e\n",
           n, thr, reps, t[0][reps / 2] * 1e3, t[1][reps / 2] * 1e3, t[1][reps / 2] / t[0][reps / 2], d / m, res[0],
           res[1]);
    return 0;
}
