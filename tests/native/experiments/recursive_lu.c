/* recursive_lu.c — does a recursive, GEMM-rich LU on top of OpenBLAS beat OpenBLAS's own dgetrf here?
 *
 * Issue 6/13 ask to measure it before shipping one. The recursion is Toledo's / LAPACK's dgetrf2: factor the left
 * half, update the right half with one trsm and one gemm, factor the lower right, swap back. Below NB columns a
 * plain right-looking loop finishes the panel. Pivots are compared with dgetrf's (partial pivoting in exact
 * arithmetic is the same choice; rounding may differ) and the backward error ‖PA − LU‖₁ / (‖A‖₁·n·ε) is printed.
 * Times are the best of R calls (another process's work only ever adds time), alternating the two sides.
 *
 *   gcc -O2 -std=c11 tests/native/experiments/recursive_lu.c -o /tmp/rlu -ldl -lm
 *   OPENBLAS_NUM_THREADS=1 /tmp/rlu /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0 1000 7
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "experiment_clock.h"

enum { COL = 102, LEFT = 141, LOWER = 122, NOTRANS = 111, UNIT = 132 };
typedef void (*dgemm_t)(int, int, int, int, int, int, double, const double *, int, const double *, int, double,
                        double *, int);
typedef void (*dtrsm_t)(int, int, int, int, int, int, int, double, const double *, int, double *, int);
typedef void (*dgetrf_t)(const int *, const int *, double *, const int *, int *, int *);
static dgemm_t gemm;
static dtrsm_t trsm;
static dgetrf_t getrf;

#define NB 16

static void swap_rows(double *a, int lda, int ncols, int r1, int r2)
{
    if (r1 == r2)
        return;
    for (int j = 0; j < ncols; j++) {
        double t = a[r1 + (size_t)j * lda];
        a[r1 + (size_t)j * lda] = a[r2 + (size_t)j * lda];
        a[r2 + (size_t)j * lda] = t;
    }
}

/* Rows k1..k2-1 of a (ncols columns) swapped as ipiv says (0-based, relative to a). */
static void laswp(double *a, int lda, int ncols, int k1, int k2, const int *ipiv)
{
    for (int k = k1; k < k2; k++)
        swap_rows(a, lda, ncols, k, ipiv[k]);
}

/* m×n column-major, m ≥ n; ipiv 0-based. Returns 0 or the first zero pivot (1-based) as LAPACK's info. */
static int rlu(int m, int n, double *a, int lda, int *ipiv)
{
    int info = 0;
    if (n <= NB) {
        for (int j = 0; j < n; j++) {
            int p = j;
            double best = fabs(a[j + (size_t)j * lda]);
            for (int i = j + 1; i < m; i++)
                if (fabs(a[i + (size_t)j * lda]) > best)
                    best = fabs(a[i + (size_t)j * lda]), p = i;
            ipiv[j] = p;
            swap_rows(a, lda, n, j, p);
            double piv = a[j + (size_t)j * lda];
            if (piv == 0.0) {
                if (info == 0)
                    info = j + 1;
                continue;
            }
            for (int i = j + 1; i < m; i++)
                a[i + (size_t)j * lda] /= piv;
            for (int c = j + 1; c < n; c++) {
                double u = a[j + (size_t)c * lda];
                for (int i = j + 1; i < m; i++)
                    a[i + (size_t)c * lda] -= a[i + (size_t)j * lda] * u;
            }
        }
        return info;
    }
    const int n1 = n / 2, n2 = n - n1;
    double *a12 = a + (size_t)n1 * lda, *a21 = a + n1, *a22 = a + n1 + (size_t)n1 * lda;
    info = rlu(m, n1, a, lda, ipiv);
    laswp(a12, lda, n2, 0, n1, ipiv);
    trsm(COL, LEFT, LOWER, NOTRANS, UNIT, n1, n2, 1.0, a, lda, a12, lda);
    gemm(COL, NOTRANS, NOTRANS, m - n1, n2, n1, -1.0, a21, lda, a12, lda, 1.0, a22, lda);
    int info2 = rlu(m - n1, n2, a22, lda, ipiv + n1);
    if (info == 0 && info2 != 0)
        info = info2 + n1;
    for (int k = n1; k < n; k++)
        ipiv[k] += n1;
    laswp(a, lda, n1, n1, n, ipiv);
    return info;
}

/* ‖PA − LU‖₁ / (‖A‖₁ · n · ε) for the factors in f (0-based pivots). */
static double backward_error(int n, const double *a, const double *f, const int *ipiv)
{
    double *pa = malloc(sizeof(double) * (size_t)n * n), *lu = calloc((size_t)n * n, sizeof(double));
    memcpy(pa, a, sizeof(double) * (size_t)n * n);
    laswp(pa, n, n, 0, n, ipiv);
    for (int j = 0; j < n; j++)
        for (int k = 0; k <= j; k++) {
            double u = f[k + (size_t)j * n];
            for (int i = 0; i < n; i++) {
                double l = i > k ? f[i + (size_t)k * n] : (i == k ? 1.0 : 0.0);
                lu[i + (size_t)j * n] += l * u;
            }
        }
    double num = 0, den = 0;
    for (int j = 0; j < n; j++) {
        double cn = 0, ca = 0;
        for (int i = 0; i < n; i++)
            cn += fabs(pa[i + (size_t)j * n] - lu[i + (size_t)j * n]), ca += fabs(a[i + (size_t)j * n]);
        num = cn > num ? cn : num;
        den = ca > den ? ca : den;
    }
    free(pa);
    free(lu);
    return num / (den * n * DBL_EPSILON);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s LIBOPENBLAS N REPS [MATRICES]\n", argv[0]);
        return 2;
    }
    void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        fprintf(stderr, "%s\n", dlerror());
        return 2;
    }
    *(void **)&gemm = dlsym(h, "cblas_dgemm");
    *(void **)&trsm = dlsym(h, "cblas_dtrsm");
    *(void **)&getrf = dlsym(h, "dgetrf_");
    const int n = atoi(argv[2]), reps = atoi(argv[3]), mats = argc > 4 ? atoi(argv[4]) : 0;
    srand(42);
    /* Pivot agreement on many random matrices of random sizes 1..n. */
    int same = 0;
    for (int t = 0; t < mats; t++) {
        int k = 1 + rand() % n;
        double *x = malloc(sizeof(double) * (size_t)k * k), *y = malloc(sizeof(double) * (size_t)k * k);
        for (int i = 0; i < k * k; i++)
            x[i] = y[i] = (double)rand() / RAND_MAX * 2 - 1;
        int *p1 = malloc(sizeof(int) * (size_t)k), *p2 = malloc(sizeof(int) * (size_t)k), info;
        getrf(&k, &k, x, &k, p1, &info);
        rlu(k, k, y, k, p2);
        int eq = 1;
        for (int i = 0; i < k; i++)
            eq &= p1[i] - 1 == p2[i];
        same += eq;
        free(x), free(y), free(p1), free(p2);
    }
    if (mats > 0)
        printf("pivots equal to dgetrf's on %d of %d random matrices (sizes 1..%d)\n", same, mats, n);

    double *a = malloc(sizeof(double) * (size_t)n * n), *w = malloc(sizeof(double) * (size_t)n * n);
    int *piv = malloc(sizeof(int) * (size_t)n), info;
    for (int i = 0; i < n * n; i++)
        a[i] = (double)rand() / RAND_MAX * 2 - 1;
    double best_lapack = 1e30, best_rec = 1e30;
    for (int r = 0; r < reps; r++) {
        for (int side = 0; side < 2; side++) {
            int rec = (side + r) % 2;
            memcpy(w, a, sizeof(double) * (size_t)n * n);
            double t0 = now();
            if (rec)
                rlu(n, n, w, n, piv);
            else
                getrf(&n, &n, w, &n, piv, &info);
            double dt = now() - t0;
            if (rec && dt < best_rec)
                best_rec = dt;
            if (!rec && dt < best_lapack)
                best_lapack = dt;
        }
    }
    memcpy(w, a, sizeof(double) * (size_t)n * n);
    rlu(n, n, w, n, piv);
    double err = n <= 1000 ? backward_error(n, a, w, piv) : -1;
    printf("n=%d best of %d: OpenBLAS dgetrf %.2f ms (%.1f GFLOP/s), recursive %.2f ms (%.1f GFLOP/s), "
           "recursive/dgetrf %.3f; backward error %.2f\n",
           n, reps, best_lapack * 1e3, 2.0 / 3 * n * n * (double)n / best_lapack * 1e-9, best_rec * 1e3,
           2.0 / 3 * n * n * (double)n / best_rec * 1e-9, best_rec / best_lapack, err);
    free(a), free(w), free(piv);
    return 0;
}
