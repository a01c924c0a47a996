/* bench_elementwise.c — threshold sanity: float64 add, contiguous, at 1 and 2 threads over a range of sizes.
 *
 *   bench_elementwise [reps]     (not a ctest: timings on a shared machine are for reading, not for gating)
 *
 * The parallel threshold is forced to 1 so max_threads alone picks the thread count; the output shows where two
 * threads start to beat one, which is what NK_PAR_MIN_MEMORY should sit near.
 */
#define _GNU_SOURCE
#include "numerics_kernels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 21;
    if (reps < 1 || reps > 1000)
        reps = 21;
    setenv("NUMERICS_NATIVE_PAR_MIN_MEMORY", "1", 1);
    nk_status st;
    nk_init_params p = {2, -1, NULL};
    if (nk_init(&p, &st) != NK_OK)
        return 2;
    const int8_t sig[3] = {NK_FLOAT64, NK_FLOAT64, NK_FLOAT64};
    const nk_loop *add;
    if (nk_loop_find(NK_OP_ADD, sig, 3, &add, &st) != NK_OK)
        return 2;
    static const int64_t sizes[] = {10000, 32768, 65536, 131072, 262144, 1000000, 10000000};
    printf("simd level %d; float64 add, contiguous, out of place; median of %d\n", nk_simd_level(), reps);
    /* The minimum is printed beside the median: on a loaded machine it shows what the split can do when the
     * second thread is actually scheduled. */
    printf("%10s %12s %12s %9s %10s %12s %12s\n", "n", "1 thr (us)", "2 thr (us)", "speedup", "1 thr GB/s",
           "min 1 thr", "min 2 thr");
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const int64_t n = sizes[s];
        double *a = aligned_alloc(64, (size_t)n * 8), *b = aligned_alloc(64, (size_t)n * 8),
               *o = aligned_alloc(64, (size_t)n * 8);
        for (int64_t i = 0; i < n; i++) {
            a[i] = (double)i;
            b[i] = 1.0;
            o[i] = 0.0;
        }
        nk_iter it;
        memset(&it, 0, sizeof it);
        it.ndim = 1;
        it.nin = 2;
        it.nout = 1;
        it.flags = NK_IT_CONTIG;
        it.shape[0] = n;
        it.op[0] = (nk_operand){(char *)a, {8}, NK_FLOAT64, NK_OP_IN};
        it.op[1] = (nk_operand){(char *)b, {8}, NK_FLOAT64, NK_OP_IN};
        it.op[2] = (nk_operand){(char *)o, {8}, NK_FLOAT64, NK_OP_OUT};
        double med[2], best[2];
        for (int t = 1; t <= 2; t++) {
            it.max_threads = t;
            double *times = malloc((size_t)reps * sizeof *times);
            nk_elementwise(&it, add, &st); /* warm: page faults, thread pool */
            for (int r = 0; r < reps; r++) {
                /* Interleaving keeps drift on a shared machine from favouring one side. */
                double t0 = now();
                nk_elementwise(&it, add, &st);
                times[r] = now() - t0;
            }
            qsort(times, (size_t)reps, sizeof *times, cmp);
            med[t - 1] = times[reps / 2];
            best[t - 1] = times[0];
            free(times);
        }
        printf("%10lld %12.1f %12.1f %9.2f %10.2f %12.1f %12.1f\n", (long long)n, med[0] * 1e6, med[1] * 1e6,
               med[0] / med[1], 24.0 * (double)n / med[0] * 1e-9, best[0] * 1e6, best[1] * 1e6);
        free(a);
        free(b);
        free(o);
    }
    return 0;
}
