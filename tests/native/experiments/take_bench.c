/* take_bench.c — W11_take_1e6 (a.take(idx), 1e6 float64, 1e6 random int64 indices in [0, 1e6)) at the kernel.
 *
 * Variants, interleaved in rounds (medians), at 1 and 2 OpenMP threads:
 *   old        take_flat as it was (itemsize switch per element, strided index and output)
 *   flat8      the 8-byte, contiguous-index, contiguous-output loop on its own
 *   pf D       flat8 plus a software prefetch of base[idx[t + D]] (index clamped into range, so no branch)
 *   nt, nt pf D flat8 / pf D with non-temporal stores of the output (movnti)
 *
 * The source is n float64 (argument 1; 10^6 = 8 MB, the workload) and lives on transparent huge pages, as the pool's
 * and NumPy's large arrays do. 2026-11-26 22:30 UTC, Zen 5 VM (32 MB L3 shared with other guests), 1 thread, medians:
 * 8 MB source: flat8 0.67-0.98 ms, pf 64 0.75-0.99, nt 0.58-0.82, nt pf 64 0.73-0.85 (NumPy 0.85-1.0);
 * 16 MB: flat8 1.87, pf 64 1.34, nt 1.27, nt pf 64 1.14; 32 MB: 4.47, 2.34, 3.86, 2.49; 64 MB: 5.72, 2.98, 5.04, 3.47.
 * Hence nk_thresholds.h's NK_TAKE_CACHED_MAX.
 *
 *   gcc -O3 -march=x86-64 -fopenmp -std=c11 tests/native/experiments/take_bench.c -o /tmp/tk
 *   GOMP_SPINCOUNT=10000 /tmp/tk [n] [rounds]
 *   NumPy: /usr/bin/python3 -c "import numpy as np, timeit; r=np.random.default_rng(0); a=r.random(10**6);
 *          i=r.integers(0,10**6,10**6); print(min(timeit.repeat(lambda: a.take(i), number=100, repeat=7))*10, 'ms')"
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <omp.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "experiment_clock.h"

static inline void copy_elem(char *d, const char *s, int64_t isz)
{
    switch (isz) {
    case 1: *d = *s; break;
    case 2: memcpy(d, s, 2); break;
    case 4: memcpy(d, s, 4); break;
    case 8: memcpy(d, s, 8); break;
    default: memcpy(d, s, (size_t)isz); break;
    }
}

/* the old loop, errors reduced to a return code */
static __attribute__((noinline)) int old(const char *base, int64_t n, int64_t as, const char *idx, int64_t is,
                                         char *out, int64_t ps, int64_t isz, int64_t t0, int64_t t1)
{
    const char *ip = idx + t0 * is;
    char *pp = out + t0 * ps;
    for (int64_t t = t0; t < t1; t++, ip += is, pp += ps) {
        int64_t v;
        memcpy(&v, ip, sizeof v);
        if ((uint64_t)v >= (uint64_t)n) {
            if (v < -n) return 1;
            v += n;
        }
        copy_elem(pp, base + v * as, isz);
    }
    return 0;
}

static __attribute__((noinline)) int flat8(const char *base, int64_t n, int64_t as, const int64_t *idx, double *out,
                                           int64_t t0, int64_t t1, int64_t D, int nt)
{
    for (int64_t t = t0; t < t1; t++) {
        if (D > 0 && t + D < t1) {
            int64_t w = idx[t + D];
            w = (uint64_t)w < (uint64_t)n ? w : 0;
            __builtin_prefetch(base + w * as);
        }
        int64_t v = idx[t];
        if ((uint64_t)v >= (uint64_t)n) {
            if (v < -n) return 1;
            v += n;
        }
        if (nt) {
            long long q;
            memcpy(&q, base + v * as, 8);
            _mm_stream_si64((long long *)(out + t), q);
        } else {
            memcpy(out + t, base + v * as, 8);
        }
    }
    if (nt) _mm_sfence();
    return 0;
}

/* prefetch loop split so the main body has no "t + D < t1" test */
static __attribute__((noinline)) int flat8s(const char *base, int64_t n, int64_t as, const int64_t *idx, double *out,
                                            int64_t t0, int64_t t1, int64_t D)
{
    int64_t t = t0;
    const int64_t body = t1 - D;
    for (; t < body; t++) {
        int64_t w = idx[t + D];
        w = (uint64_t)w < (uint64_t)n ? w : 0;
        __builtin_prefetch(base + w * as);
        int64_t v = idx[t];
        if ((uint64_t)v >= (uint64_t)n) {
            if (v < -n) return 1;
            v += n;
        }
        memcpy(out + t, base + v * as, 8);
    }
    for (; t < t1; t++) {
        int64_t v = idx[t];
        if ((uint64_t)v >= (uint64_t)n) {
            if (v < -n) return 1;
            v += n;
        }
        memcpy(out + t, base + v * as, 8);
    }
    return 0;
}

/* A 2 MiB-aligned buffer advised onto transparent huge pages. */
static void *huge(size_t bytes)
{
    const size_t hp = (size_t)2 << 20, size = (bytes + hp - 1) / hp * hp;
    void *p = aligned_alloc(hp, size);
    if (p) madvise(p, size, MADV_HUGEPAGE);
    return p;
}

typedef struct variant {
    const char *name;
    int kind; /* 0 old, 1 flat8, 2 flat8s, 3 flat8 with streamed stores */
    int64_t D;
} variant;

int main(int argc, char **argv)
{
    int64_t n = argc > 1 ? atoll(argv[1]) : 1000000;
    int rounds = argc > 2 ? atoi(argv[2]) : 11;
    if (n < 1 || rounds < 1) return 2;
    if (rounds > 64) rounds = 64;
    double *a = huge((size_t)n * 8), *out = huge((size_t)n * 8);
    int64_t *idx = huge((size_t)n * 8);
    uint64_t s = 0x9E3779B97F4A7C15ull;
    for (int64_t k = 0; k < n; k++) {
        a[k] = (double)k * 0.5;
        s ^= s >> 12, s ^= s << 25, s ^= s >> 27;
        idx[k] = (int64_t)((s * 0x2545F4914F6CDD1Dull) % (uint64_t)n);
        out[k] = 0;
    }
    static const variant vs[] = {{"old", 0, 0},      {"flat8", 1, 0},     {"pf 8", 1, 8},     {"pf 16", 1, 16},
                                 {"pf 32", 1, 32},   {"pf 64", 1, 64},    {"pf 128", 1, 128}, {"split pf 16", 2, 16},
                                 {"split pf 32", 2, 32}, {"split pf 64", 2, 64}, {"nt", 3, 0},
                                 {"nt pf 64", 3, 64}};
    enum { NV = sizeof vs / sizeof vs[0] };
    static double t[2][NV][64];
    const int reps = 20; /* calls per sample: ~1 ms each */
    for (int r = 0; r < rounds; r++)
        for (int th = 1; th <= 2; th++)
            for (int v = 0; v < NV; v++) {
                const variant *x = &vs[v];
                double t0 = now();
                for (int rep = 0; rep < reps; rep++) {
#pragma omp parallel num_threads(th)
                    {
                        const int nth = omp_get_num_threads(), tid = omp_get_thread_num();
                        int64_t lo = n * tid / nth, hi = n * (tid + 1) / nth;
                        if (x->kind == 0) old((const char *)a, n, 8, (const char *)idx, 8, (char *)out, 8, 8, lo, hi);
                        else if (x->kind == 1 || x->kind == 3) flat8((const char *)a, n, 8, idx, out, lo, hi, x->D, x->kind == 3);
                        else flat8s((const char *)a, n, 8, idx, out, lo, hi, x->D);
                    }
                }
                t[th - 1][v][r] = (now() - t0) / reps;
                for (int64_t k = 0; k < n; k += 9973)
                    if (out[k] != a[idx[k]]) {
                        fprintf(stderr, "%s wrong at %lld\n", x->name, (long long)k);
                        return 1;
                    }
            }
    FILE *la = fopen("/proc/loadavg", "r");
    char load[64] = "?";
    if (la) {
        if (!fgets(load, sizeof load, la)) strcpy(load, "?");
        fclose(la);
    }
    printf("take n=%lld, %d rounds x %d calls, loadavg %s", (long long)n, rounds, reps, load);
    printf("%-13s %10s %10s %10s %10s\n", "variant", "1T med us", "1T min us", "2T med us", "2T min us");
    for (int v = 0; v < NV; v++) {
        double m[2], lo[2];
        for (int th = 0; th < 2; th++) {
            qsort(t[th][v], (size_t)rounds, sizeof(double), cmp);
            m[th] = t[th][v][rounds / 2] * 1e6;
            lo[th] = t[th][v][0] * 1e6;
        }
        printf("%-13s %10.1f %10.1f %10.1f %10.1f\n", vs[v].name, m[0], lo[0], m[1], lo[1]);
    }
    return 0;
}
