/* tsqr_lstsq.c — would a 2-thread TSQR in front of dgelsd close lstsq 2000×200's gap to TorchSharp (whose gelsy
 * returns no singular values)?
 *
 * dgelsd on a tall matrix first factors A = QR (dgeqrf, whose 2000-row panels run at level-2 speed on one thread
 * whatever the thread count), applies Qᵀ to b, then solves on the n×n R. Here the two row halves are factored and
 * their Qᵀ applied in parallel (one thread each), the stacked 2n×n pair of R's is factored again, and dgelsd runs
 * on the final R. The solution, rank and singular values are dgelsd's (R has A's singular values); the residual is
 * the sum of the three discarded parts of Qᵀb.
 *
 *   gcc -O2 -I tests/native/experiments tests/native/experiments/tsqr_lstsq.c -o /tmp/tsqr_lstsq -llapacke \
 *       -lopenblas -lpthread -lm
 *   OPENBLAS_THREAD_TIMEOUT=20 /tmp/tsqr_lstsq 2000 200 24 2     # m, n, pairs, threads
 *
 * Measured 2026-11-26 16:20 UTC (2-core Zen 3 VM, OpenBLAS 0.3.21), medians of alternating pairs, three runs: at 2
 * threads 0.89, 0.91 and 0.95 of dgelsd's time (16.8–17.8 ms → 15.3–15.8 ms; x agrees to 3e-15 relative, same
 * residual); at 1 thread 1.02 and 1.04. TorchSharp measured 12.9 ms at 2 threads the same day, so this alone would not close the gap; the
 * dgelsd on the 200×200 R (about a third of the total) would have to get faster too. Not shipped.
 */
#include "experiment_clock.h"

#include <lapacke.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void openblas_set_num_threads(int);

typedef struct {
    int m, n;
    double *a, *b, *tau;
} half_t;

/* QR of one row block and Qᵀ applied to its part of b. */
static void *half_qr(void *p)
{
    half_t *h = p;
    LAPACKE_dgeqrf(LAPACK_COL_MAJOR, h->m, h->n, h->a, h->m, h->tau);
    LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', h->m, 1, h->n, h->a, h->m, h->tau, h->b, h->m);
    return NULL;
}

static double sum_squares(const double *v, int from, int to)
{
    double s = 0;
    for (int i = from; i < to; i++) s += v[i] * v[i];
    return s;
}

/* x (first n of b) and the residual of dgelsd on A itself. */
static double direct(int m, int n, int threads, const double *A, const double *b, double *W, double *wb, double *s)
{
    int rank;
    openblas_set_num_threads(threads);
    memcpy(W, A, sizeof(double) * m * n);
    memcpy(wb, b, sizeof(double) * m);
    LAPACKE_dgelsd(LAPACK_COL_MAJOR, m, n, 1, W, m, wb, m, s, -1.0, &rank);
    return sum_squares(wb, n, m);
}

/* The same through the TSQR front end; x is left in sb[0..n). */
static double tsqr(int m, int n, int threads, const double *A, const double *b, double *A1, double *A2, double *b1,
                   double *b2, double *S, double *sb, double *tau1, double *tau2, double *s)
{
    const int m1 = m / 2, m2 = m - m1;
    int rank;
    for (int j = 0; j < n; j++) {
        memcpy(A1 + (long)j * m1, A + (long)j * m, sizeof(double) * m1);
        memcpy(A2 + (long)j * m2, A + (long)j * m + m1, sizeof(double) * m2);
    }
    memcpy(b1, b, sizeof(double) * m1);
    memcpy(b2, b + m1, sizeof(double) * m2);
    half_t h1 = {m1, n, A1, b1, tau1}, h2 = {m2, n, A2, b2, tau2};
    openblas_set_num_threads(1);
    if (threads > 1) {
        pthread_t t;
        pthread_create(&t, NULL, half_qr, &h2);
        half_qr(&h1);
        pthread_join(t, NULL);
    } else {
        half_qr(&h1);
        half_qr(&h2);
    }
    memset(S, 0, sizeof(double) * 2 * n * n);
    for (int j = 0; j < n; j++)
        for (int i = 0; i <= j; i++) {
            S[i + (long)j * 2 * n] = A1[i + (long)j * m1];
            S[n + i + (long)j * 2 * n] = A2[i + (long)j * m2];
        }
    memcpy(sb, b1, sizeof(double) * n);
    memcpy(sb + n, b2, sizeof(double) * n);
    openblas_set_num_threads(threads);
    LAPACKE_dgeqrf(LAPACK_COL_MAJOR, 2 * n, n, S, 2 * n, tau1);
    LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', 2 * n, 1, n, S, 2 * n, tau1, sb, 2 * n);
    double res = sum_squares(b1, n, m1) + sum_squares(b2, n, m2) + sum_squares(sb, n, 2 * n);
    for (int j = 0; j < n; j++)
        for (int i = j + 1; i < n; i++) S[i + (long)j * 2 * n] = 0;
    LAPACKE_dgelsd(LAPACK_COL_MAJOR, n, n, 1, S, 2 * n, sb, 2 * n, s, -1.0, &rank);
    return res;
}

int main(int argc, char **argv)
{
    if (argc < 5) return 2;
    const int m = atoi(argv[1]), n = atoi(argv[2]), pairs = atoi(argv[3]), threads = atoi(argv[4]);
    if (n < 1 || m < 4 * n || m > 100000 || pairs < 2 || pairs > 400) return 2;
    const int m1 = m / 2, m2 = m - m1;
    double *A = malloc(sizeof(double) * m * n), *b = malloc(sizeof(double) * m), *W = malloc(sizeof(double) * m * n);
    double *wb = malloc(sizeof(double) * m), *s = malloc(sizeof(double) * n);
    double *A1 = malloc(sizeof(double) * m1 * n), *A2 = malloc(sizeof(double) * m2 * n);
    double *b1 = malloc(sizeof(double) * m1), *b2 = malloc(sizeof(double) * m2);
    double *S = malloc(sizeof(double) * 2 * n * n), *sb = malloc(sizeof(double) * 2 * n);
    double *tau1 = malloc(sizeof(double) * n), *tau2 = malloc(sizeof(double) * n), *r = malloc(sizeof(double) * pairs);
    srand(1);
    for (long i = 0; i < (long)m * n; i++) A[i] = rand() / (double)RAND_MAX - 0.5;
    for (int i = 0; i < m; i++) b[i] = rand() / (double)RAND_MAX - 0.5;

    double res1 = direct(m, n, threads, A, b, W, wb, s);
    double res2 = tsqr(m, n, threads, A, b, A1, A2, b1, b2, S, sb, tau1, tau2, s);
    double d = 0, nx = 0;
    for (int i = 0; i < n; i++) {
        d = fmax(d, fabs(wb[i] - sb[i]));
        nx = fmax(nx, fabs(wb[i]));
    }
    printf("max |x diff| / max |x| %.2e, residuals %.15g vs %.15g\n", d / nx, res1, res2);

    for (int p = 0; p < pairs; p++) {
        double t[2];
        for (int k = 0; k < 2; k++) {
            const int side = (p & 1) ? 1 - k : k;
            double t0 = now();
            if (side == 0) direct(m, n, threads, A, b, W, wb, s);
            else tsqr(m, n, threads, A, b, A1, A2, b1, b2, S, sb, tau1, tau2, s);
            t[side] = now() - t0;
        }
        r[p] = t[1] / t[0];
    }
    qsort(r, pairs, sizeof(double), cmp);
    printf("m = %d, n = %d, %d thread(s): TSQR + gelsd(R) / dgelsd, median of %d pairs %.3f (IQR %.3f–%.3f)\n", m, n,
           threads, pairs, r[pairs / 2], r[pairs / 4], r[3 * pairs / 4]);
    return 0;
}
