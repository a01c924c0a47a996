/* thread_timeout_dgesv.c — what OPENBLAS_THREAD_TIMEOUT does to a 2-thread LAPACK call made in a loop.
 *
 * np.linalg.inv(500×500) is dgesv with B = I. Each call here copies the input and sets B = I first (about 1 ms,
 * as the facade's and NumPy's copies are), then times dgesv alone; prints the 10th percentile and median.
 *
 *   gcc -O2 thread_timeout_dgesv.c -o /tmp/tt_dgesv -I/usr/include/x86_64-linux-gnu/openblas-pthread \
 *       -L/usr/lib/x86_64-linux-gnu/openblas-pthread -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread -llapacke -lopenblas
 *   for t in 20 22 24 28; do OPENBLAS_NUM_THREADS=2 OPENBLAS_THREAD_TIMEOUT=$t /tmp/tt_dgesv 200 1000; done
 *
 * Arguments: calls, and the least microseconds between calls (spent spinning after the copies).
 */
#include <lapacke.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment_clock.h"

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    const int n = 500, calls = atoi(argv[1]), gap_us = atoi(argv[2]);
    if (calls < 1 || calls > 100000) return 2;
    double *a0 = malloc(sizeof(double) * n * n), *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
    double *t = malloc(sizeof(double) * calls);
    lapack_int *ipiv = malloc(sizeof(lapack_int) * n);
    srand(3);
    for (int i = 0; i < n * n; i++) a0[i] = rand() / (double)RAND_MAX;
    for (int i = 0; i < n; i++) a0[i * n + i] += n;
    for (int k = 0; k < calls; k++) {
        double g0 = now();
        memcpy(a, a0, sizeof(double) * n * n);
        memset(b, 0, sizeof(double) * n * n);
        for (int i = 0; i < n; i++) b[i * n + i] = 1;
        while (now() - g0 < gap_us * 1e-6) {}
        double t0 = now();
        LAPACKE_dgesv_work(LAPACK_COL_MAJOR, n, n, a, n, ipiv, b, n);
        t[k] = now() - t0;
    }
    qsort(t, calls, sizeof(double), cmp);
    const char *timeout = getenv("OPENBLAS_THREAD_TIMEOUT");
    printf("OPENBLAS_THREAD_TIMEOUT=%s, gap %d us: dgesv 500 (B = I) p10 %.2f ms, median %.2f ms\n",
           timeout ? timeout : "(default)", gap_us, t[calls / 10] * 1e3, t[calls / 2] * 1e3);
    return 0;
}
