/* thread_timeout_mixed.c — the other side of OPENBLAS_THREAD_TIMEOUT: an OpenMP kernel right after a BLAS call.
 *
 * Each step times an n×n dgemm (2 OpenBLAS threads), then a 2-thread OpenMP add of 10^6 doubles, as a facade user
 * mixing matmul and elementwise work does. While OpenBLAS's idle worker still spins, the add's second thread shares
 * a core with it. Prints the medians (and the add's 90th percentile).
 *
 *   gcc -O2 -fopenmp thread_timeout_mixed.c -o /tmp/tt_mixed -I/usr/include/x86_64-linux-gnu/openblas-pthread \
 *       -L/usr/lib/x86_64-linux-gnu/openblas-pthread -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas
 *   export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 GOMP_SPINCOUNT=10000 OMP_MAX_ACTIVE_LEVELS=1   # as the facade sets
 *   for t in 20 22 28; do OPENBLAS_THREAD_TIMEOUT=$t /tmp/tt_mixed 300 256; done
 *
 * Arguments: steps, and the dgemm order n.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>

#include "experiment_clock.h"

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    const int steps = atoi(argv[1]), n = atoi(argv[2]), len = 1000000;
    if (steps < 1 || steps > 100000 || n < 1 || n > 4000) return 2;
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
    double *x = malloc(sizeof(double) * len), *y = malloc(sizeof(double) * len), *z = malloc(sizeof(double) * len);
    double *tg = malloc(sizeof(double) * steps), *ta = malloc(sizeof(double) * steps);
    for (int i = 0; i < n * n; i++) { a[i] = i % 7; b[i] = i % 5; }
    for (int i = 0; i < len; i++) { x[i] = i; y[i] = 2.0 * i; }
    for (int k = 0; k < steps; k++) {
        double t0 = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
        double t1 = now();
#pragma omp parallel for schedule(static)
        for (int i = 0; i < len; i++) z[i] = x[i] + y[i];
        tg[k] = t1 - t0;
        ta[k] = now() - t1;
    }
    qsort(tg, steps, sizeof(double), cmp);
    qsort(ta, steps, sizeof(double), cmp);
    const char *timeout = getenv("OPENBLAS_THREAD_TIMEOUT");
    printf("OPENBLAS_THREAD_TIMEOUT=%s: dgemm %d median %.1f us, add 1e6 median %.1f us (p90 %.1f)\n",
           timeout ? timeout : "(default)", n, tg[steps / 2] * 1e6, ta[steps / 2] * 1e6, ta[steps * 9 / 10] * 1e6);
    return 0;
}
