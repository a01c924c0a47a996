/* transpose_bench.c — where does the time of W14 (ascontiguousarray(M.T), 4000x4000 float64) go?
 *
 * Times, interleaved in rounds (medians; the machine is shared), at 1 and 2 OpenMP threads:
 *   memcpy        glibc memcpy of the same bytes (each thread its half): the copy bandwidth the machine gives
 *   ntcopy        a plain AVX2 copy with streaming stores: the same, without glibc's choices
 *   old           the library's kernel before this change (32x32 tiles, one 8-byte memcpy per element)
 *   k8 S/N P      the new kernel: 8x8 blocks transposed in registers (four AVX2 4x4s), S = rows per strip,
 *                 N = streaming (non-temporal) stores, P = software prefetch of the next column block; threads
 *                 split the rows in halves
 *   dyn S/N P     the same, threads taking one strip at a time from a shared counter
 * Buffers are 2 MiB aligned with MADV_HUGEPAGE (what the C# BufferPool does for large arrays); --4k asks for
 * MADV_NOHUGEPAGE instead, to see what 4 KiB pages cost.
 *
 *   gcc -O3 -march=x86-64-v3 -fopenmp -std=c11 tests/native/experiments/transpose_bench.c -o /tmp/tb
 *   GOMP_SPINCOUNT=10000 /tmp/tb [n] [rounds] [--4k]
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "experiment_clock.h"

/* ---- the old kernel (copied from nk_copy.c before this change) ---- */
static void old_tiles(char *dst, int64_t ds0, const char *src, int64_t ss0, int64_t ss1, int64_t rows, int64_t cols,
                      int64_t t0, int64_t t1)
{
    const int64_t T = 32, tcols = (cols + T - 1) / T;
    for (int64_t t = t0; t < t1; t++) {
        const int64_t i0 = (t / tcols) * T, j0 = (t % tcols) * T;
        const int64_t i1 = i0 + T < rows ? i0 + T : rows, j1 = j0 + T < cols ? j0 + T : cols;
        for (int64_t i = i0; i < i1; i++) {
            char *d = dst + i * ds0 + j0 * 8;
            const char *s = src + i * ss0 + j0 * ss1;
            for (int64_t j = j0; j < j1; j++, d += 8, s += ss1) memcpy(d, s, 8);
        }
    }
}

/* ---- the candidate: dst[i][j] = src[i][j], src contiguous along i, dst along j ---- */
static inline void t4x4(char *d, int64_t ds0, const char *s, int64_t ss1, int nt)
{
    __m256d r0 = _mm256_loadu_pd((const double *)s), r1 = _mm256_loadu_pd((const double *)(s + ss1));
    __m256d r2 = _mm256_loadu_pd((const double *)(s + 2 * ss1)), r3 = _mm256_loadu_pd((const double *)(s + 3 * ss1));
    __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
    __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
    __m256d c0 = _mm256_permute2f128_pd(t0, t2, 0x20), c1 = _mm256_permute2f128_pd(t1, t3, 0x20);
    __m256d c2 = _mm256_permute2f128_pd(t0, t2, 0x31), c3 = _mm256_permute2f128_pd(t1, t3, 0x31);
    if (nt) {
        _mm256_stream_pd((double *)d, c0);
        _mm256_stream_pd((double *)(d + ds0), c1);
        _mm256_stream_pd((double *)(d + 2 * ds0), c2);
        _mm256_stream_pd((double *)(d + 3 * ds0), c3);
    } else {
        _mm256_storeu_pd((double *)d, c0);
        _mm256_storeu_pd((double *)(d + ds0), c1);
        _mm256_storeu_pd((double *)(d + 2 * ds0), c2);
        _mm256_storeu_pd((double *)(d + 3 * ds0), c3);
    }
}

static void k8(char *dst, int64_t ds0, const char *src, int64_t ss1, int64_t r0, int64_t r1, int64_t cols,
               int64_t strip, int nt, int pf)
{
    for (int64_t i0 = r0; i0 < r1; i0 += strip) {
        const int64_t i1 = i0 + strip < r1 ? i0 + strip : r1;
        for (int64_t j = 0; j + 8 <= cols; j += 8) {
            for (int64_t i = i0; i < i1; i += 8) {
                const char *s = src + i * 8 + j * ss1;
                char *d = dst + i * ds0 + j * 8;
                if (pf && j + 16 <= cols)
                    for (int k = 8; k < 16; k++) _mm_prefetch(s + k * ss1, _MM_HINT_T0);
                t4x4(d, ds0, s, ss1, nt);
                t4x4(d + 32, ds0, s + 4 * ss1, ss1, nt);
                t4x4(d + 4 * ds0, ds0, s + 32, ss1, nt);
                t4x4(d + 4 * ds0 + 32, ds0, s + 32 + 4 * ss1, ss1, nt);
            }
        }
    }
    if (nt) _mm_sfence();
}

static void ntcopy(char *d, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k += 128) {
        __m256d a = _mm256_load_pd((const double *)(s + k)), b = _mm256_load_pd((const double *)(s + k + 32));
        __m256d c = _mm256_load_pd((const double *)(s + k + 64)), e = _mm256_load_pd((const double *)(s + k + 96));
        _mm256_stream_pd((double *)(d + k), a);
        _mm256_stream_pd((double *)(d + k + 32), b);
        _mm256_stream_pd((double *)(d + k + 64), c);
        _mm256_stream_pd((double *)(d + k + 96), e);
    }
    _mm_sfence();
}

static char *big(size_t bytes, int thp)
{
    char *p = aligned_alloc(2 << 20, (bytes + (2 << 20) - 1) / (2 << 20) * (2 << 20));
    if (p == NULL) exit(2);
    madvise(p, bytes, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    memset(p, 1, bytes);
    return p;
}

enum { V_MEMCPY, V_NTCOPY, V_OLD, V_K8, V_K8DYN };
typedef struct variant {
    const char *name;
    int kind;
    int64_t strip;
    int nt, pf;
} variant;

int main(int argc, char **argv)
{
    int64_t n = argc > 1 ? atoll(argv[1]) : 4000;
    int rounds = argc > 2 ? atoi(argv[2]) : 7;
    int thp = !(argc > 3 && strcmp(argv[3], "--4k") == 0);
    if (n < 8 || n % 8 != 0 || rounds < 1) return 2;
    const size_t bytes = (size_t)(n * n * 8);
    double *M = (double *)big(bytes, thp), *D = (double *)big(bytes, thp);
    for (int64_t k = 0; k < n * n; k++) M[k] = (double)k;
    /* M.T as nk_copy sees it: dst (i, j) <- src (i, j), ss0 = 8 (M's column step), ss1 = 8n (M's row step). */
    const int64_t ds0 = 8 * n, ss0 = 8, ss1 = 8 * n;

    static const variant vs[] = {
        {"memcpy", V_MEMCPY, 0, 0, 0},   {"ntcopy", V_NTCOPY, 0, 0, 0},   {"old 32x32", V_OLD, 0, 0, 0},
        {"k8 S64 N P", V_K8, 64, 1, 1},  {"k8 S128 N P", V_K8, 128, 1, 1},  {"k8 S256 N P", V_K8, 256, 1, 1},
        {"dyn S64 N P", V_K8DYN, 64, 1, 1}, {"dyn S128 N P", V_K8DYN, 128, 1, 1},
    };
    enum { NV = sizeof vs / sizeof vs[0] };
    static double t[2][NV][64];
    if (rounds > 64) rounds = 64;
    const int64_t tiles = ((n + 31) / 32) * ((n + 31) / 32);

    for (int r = 0; r < rounds; r++)
        for (int th = 1; th <= 2; th++)
            for (int v = 0; v < NV; v++) {
                const variant *x = &vs[v];
                double t0 = now();
                int64_t next = 0; /* V_K8DYN: the next strip to take */
#pragma omp parallel num_threads(th) shared(next)
                {
                    const int nth = omp_get_num_threads(), tid = omp_get_thread_num();
                    switch (x->kind) {
                    case V_MEMCPY: {
                        size_t a = bytes / 64 * tid / nth * 64, b = bytes / 64 * (tid + 1) / nth * 64;
                        memcpy((char *)D + a, (const char *)M + a, b - a);
                        break;
                    }
                    case V_NTCOPY: {
                        size_t a = bytes / 128 * tid / nth * 128, b = bytes / 128 * (tid + 1) / nth * 128;
                        ntcopy((char *)D + a, (const char *)M + a, b - a);
                        break;
                    }
                    case V_OLD:
                        old_tiles((char *)D, ds0, (const char *)M, ss0, ss1, n, n, tiles * tid / nth,
                                  tiles * (tid + 1) / nth);
                        break;
                    case V_K8DYN:
                        /* strips handed out one at a time: a thread that loses its core leaves its work to the other */
                        for (;;) {
                            int64_t a = __atomic_fetch_add(&next, x->strip, __ATOMIC_RELAXED);
                            if (a >= n) break;
                            k8((char *)D, ds0, (const char *)M, ss1, a, a + x->strip < n ? a + x->strip : n, n,
                               x->strip, x->nt, x->pf);
                        }
                        break;
                    default: {
                        int64_t a = n / 8 * tid / nth * 8, b = n / 8 * (tid + 1) / nth * 8;
                        k8((char *)D, ds0, (const char *)M, ss1, a, b, n, x->strip, x->nt, x->pf);
                    }
                    }
                }
                t[th - 1][v][r] = now() - t0;
                if (x->kind != V_MEMCPY && x->kind != V_NTCOPY) {
                    /* spot check: D[i][j] = M[j][i] */
                    for (int64_t k = 0; k < 1000; k++) {
                        int64_t i = (k * 7919) % n, j = (k * 104729) % n;
                        if (D[i * n + j] != M[j * n + i]) {
                            fprintf(stderr, "%s: wrong at %lld,%lld\n", x->name, (long long)i, (long long)j);
                            return 1;
                        }
                    }
                }
            }

    FILE *la = fopen("/proc/loadavg", "r");
    char load[64] = "?";
    if (la) {
        if (!fgets(load, sizeof load, la)) strcpy(load, "?");
        fclose(la);
    }
    printf("n=%lld (%.0f MB each way), %s pages, %d rounds, loadavg %s", (long long)n, bytes / 1e6,
           thp ? "THP" : "4 KiB", rounds, load);
    printf("%-14s %10s %10s %10s %10s %9s %9s\n", "variant", "1T med ms", "1T min ms", "2T med ms", "2T min ms",
           "1T GB/s", "2T GB/s");
    for (int v = 0; v < NV; v++) {
        double m[2], lo[2];
        for (int th = 0; th < 2; th++) {
            qsort(t[th][v], (size_t)rounds, sizeof(double), cmp);
            m[th] = t[th][v][rounds / 2] * 1e3;
            lo[th] = t[th][v][0] * 1e3;
        }
        /* bytes read + written, as the workload counts them (no write-allocate traffic) */
        printf("%-14s %10.2f %10.2f %10.2f %10.2f %9.1f %9.1f\n", vs[v].name, m[0], lo[0], m[1], lo[1],
               2 * bytes / m[0] / 1e6, 2 * bytes / m[1] / 1e6);
    }
    return 0;
}
