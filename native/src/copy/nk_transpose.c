/* nk_transpose.c — nk_copy's fast transpose: dst[i][j] = src[i][j] with ds1 == ss0 == itemsize, itemsize 4 or 8.
 *
 * Compiled once per SIMD level (cmake/NkSimd.cmake): the avx2 and avx512 copies transpose 256-bit squares (4x4
 * doubles, 8x8 floats), the baseline copy 128-bit ones (2x2, 4x4; SSE2 is part of x86-64). Elements are only
 * moved by loads, shuffles and stores, never computed on, so every bit pattern (NaN payloads, integers) survives.
 *
 * Why it is shaped like this (tests/native/experiments/transpose_bench.c has the measurements):
 *   - A block is 64 bytes of source column by 64 bytes of destination row (8x8 doubles, 16x16 floats), so each
 *     block reads and writes whole cache lines and needs nothing kept in cache for a later block.
 *   - Blocks run down a strip of NK_TRANSPOSE_STRIP destination rows, then move one block to the right: the source
 *     is read as 64/itemsize contiguous streams per strip (prefetched one block ahead), the destination written as
 *     whole lines. Strips of 64-256 rows measured alike; shorter ones cost TLB misses, longer ones prefetching.
 *   - With job->stream (a destination beyond the private caches) the stores are non-temporal where the destination
 *     rows are aligned to the vector size: the copy then moves 2 bytes per byte copied instead of 3 (no read for
 *     ownership of destination lines) and does not evict the source. 4000x4000 float64 took 12 ms instead of
 *     31 ms on one Zen 3 core, 8 MB ones 0.5 instead of 1.7 ms. An sfence orders the stores before the function
 *     returns, so the caller (and after its barrier, other threads) see ordinary memory.
 */
#include "nk_simd.h"
#include "nk_thresholds.h"
#include "nk_transpose.h"

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#if NK_SIMD_LEVEL >= 1 /* avx2, avx512: 256-bit squares (AVX-512 would not help a copy bound by memory) */
#define VBYTES 32

/* 4x4 doubles: s points at src[i][j] (4 rows i contiguous per source column j + k), d at dst[i][j]. */
static inline __attribute__((always_inline)) void square8(char *d, int64_t ds0, const char *s, int64_t ss1, int nt)
{
    const __m256d r0 = _mm256_loadu_pd((const double *)s), r1 = _mm256_loadu_pd((const double *)(s + ss1));
    const __m256d r2 = _mm256_loadu_pd((const double *)(s + 2 * ss1));
    const __m256d r3 = _mm256_loadu_pd((const double *)(s + 3 * ss1));
    const __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
    const __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
    const __m256d c[4] = {_mm256_permute2f128_pd(t0, t2, 0x20), _mm256_permute2f128_pd(t1, t3, 0x20),
                          _mm256_permute2f128_pd(t0, t2, 0x31), _mm256_permute2f128_pd(t1, t3, 0x31)};
    for (int m = 0; m < 4; m++) {
        if (nt) _mm256_stream_pd((double *)(d + m * ds0), c[m]);
        else _mm256_storeu_pd((double *)(d + m * ds0), c[m]);
    }
}

/* 8x8 floats, the classic unpack / shuffle / permute sequence. */
static inline __attribute__((always_inline)) void square4(char *d, int64_t ds0, const char *s, int64_t ss1, int nt)
{
    __m256 r[8], t[8], u[8];
    for (int k = 0; k < 8; k++) r[k] = _mm256_loadu_ps((const float *)(s + k * ss1));
    for (int k = 0; k < 8; k += 2) {
        t[k] = _mm256_unpacklo_ps(r[k], r[k + 1]);
        t[k + 1] = _mm256_unpackhi_ps(r[k], r[k + 1]);
    }
    for (int k = 0; k < 8; k += 4) {
        u[k] = _mm256_shuffle_ps(t[k], t[k + 2], 0x44);
        u[k + 1] = _mm256_shuffle_ps(t[k], t[k + 2], 0xEE);
        u[k + 2] = _mm256_shuffle_ps(t[k + 1], t[k + 3], 0x44);
        u[k + 3] = _mm256_shuffle_ps(t[k + 1], t[k + 3], 0xEE);
    }
    for (int m = 0; m < 8; m++) {
        const __m256 c = _mm256_permute2f128_ps(u[m & 3], u[4 + (m & 3)], m < 4 ? 0x20 : 0x31);
        if (nt) _mm256_stream_ps((float *)(d + m * ds0), c);
        else _mm256_storeu_ps((float *)(d + m * ds0), c);
    }
}

#else /* baseline: 128-bit squares */
#define VBYTES 16

static inline __attribute__((always_inline)) void square8(char *d, int64_t ds0, const char *s, int64_t ss1, int nt)
{
    const __m128d r0 = _mm_loadu_pd((const double *)s), r1 = _mm_loadu_pd((const double *)(s + ss1));
    const __m128d c0 = _mm_unpacklo_pd(r0, r1), c1 = _mm_unpackhi_pd(r0, r1);
    if (nt) {
        _mm_stream_pd((double *)d, c0);
        _mm_stream_pd((double *)(d + ds0), c1);
    } else {
        _mm_storeu_pd((double *)d, c0);
        _mm_storeu_pd((double *)(d + ds0), c1);
    }
}

static inline __attribute__((always_inline)) void square4(char *d, int64_t ds0, const char *s, int64_t ss1, int nt)
{
    __m128 r0 = _mm_loadu_ps((const float *)s), r1 = _mm_loadu_ps((const float *)(s + ss1));
    __m128 r2 = _mm_loadu_ps((const float *)(s + 2 * ss1)), r3 = _mm_loadu_ps((const float *)(s + 3 * ss1));
    _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
    const __m128 c[4] = {r0, r1, r2, r3};
    for (int m = 0; m < 4; m++) {
        if (nt) _mm_stream_ps((float *)(d + m * ds0), c[m]);
        else _mm_storeu_ps((float *)(d + m * ds0), c[m]);
    }
}
#endif

/* One 64x64-byte block as (64 / VBYTES)² squares; the squares of one destination row group run left to right, so
 * each destination line is finished by consecutive stores (whole lines leave the write-combining buffers). */
static inline __attribute__((always_inline)) void block(char *d, int64_t ds0, const char *s, int64_t ss1,
                                                        int64_t isz, int nt)
{
    const int64_t L = 64 / isz, V = VBYTES / isz;
    for (int64_t a = 0; a < L; a += V)
        for (int64_t b = 0; b < L; b += V) {
            if (isz == 8) square8(d + a * ds0 + b * 8, ds0, s + a * 8 + b * ss1, ss1, nt);
            else square4(d + a * ds0 + b * 4, ds0, s + a * 4 + b * ss1, ss1, nt);
        }
}

/* The whole blocks of rows [r0, r1) (r1 - r0 a multiple of L), columns [0, cfull). isz and nt are constants in
 * each inlined copy, so the squares unroll completely. */
static inline __attribute__((always_inline)) void blocks(const nk_transpose_job *j, int64_t r0, int64_t r1,
                                                         int64_t cfull, int64_t isz, int nt)
{
    const int64_t L = 64 / isz, ds0 = j->ds0, ss1 = j->ss1;
    for (int64_t i0 = r0; i0 < r1; i0 += NK_TRANSPOSE_STRIP) {
        const int64_t i1 = i0 + NK_TRANSPOSE_STRIP < r1 ? i0 + NK_TRANSPOSE_STRIP : r1;
        for (int64_t c = 0; c < cfull; c += L) {
            const int prefetch = c + L < cfull;
            for (int64_t i = i0; i < i1; i += L) {
                const char *s = j->src + i * isz + c * ss1;
                /* The hardware prefetcher sees L short streams per strip and starts each one late; asking for the
                 * lines the same rows of the next column block will read keeps one block's reads in flight
                 * (a third faster at 4000x4000, tests/native/experiments/transpose_bench.c). */
                if (prefetch)
                    for (int64_t k = L; k < 2 * L; k++) _mm_prefetch(s + k * ss1, _MM_HINT_T0);
                block(j->dst + i * ds0 + c * isz, ds0, s, ss1, isz, nt);
            }
        }
    }
}

static inline void copy1(char *d, const char *s, int64_t isz)
{
    if (isz == 8) memcpy(d, s, 8);
    else memcpy(d, s, 4);
}

void NK_SIMD_NAME(nk_transpose_rows)(const nk_transpose_job *j, int64_t r0, int64_t r1)
{
    const int64_t isz = j->isz, L = 64 / isz, ds0 = j->ds0, ss1 = j->ss1;
    const int64_t rfull = r0 + (r1 - r0) / L * L, cfull = j->cols / L * L;
    /* Streaming stores need every store address aligned to the vector: the base and the row step. */
    const int nt = j->stream && ((uintptr_t)j->dst % VBYTES == 0) && ((uint64_t)ds0 % VBYTES == 0);
    if (isz == 8) {
        if (nt) blocks(j, r0, rfull, cfull, 8, 1);
        else blocks(j, r0, rfull, cfull, 8, 0);
    } else {
        if (nt) blocks(j, r0, rfull, cfull, 4, 1);
        else blocks(j, r0, rfull, cfull, 4, 0);
    }
    if (nt) _mm_sfence();

    /* Right edge of the whole-block rows: fewer than L columns, read along the source's contiguous rows. */
    for (int64_t i = r0; i < rfull; i++)
        for (int64_t c = cfull; c < j->cols; c++) copy1(j->dst + i * ds0 + c * isz, j->src + i * isz + c * ss1, isz);
    /* Bottom rows (fewer than L, only at the end of the matrix): column by column, so each source line is read
     * once for all of them. */
    for (int64_t c = 0; c < j->cols; c++)
        for (int64_t i = rfull; i < r1; i++) copy1(j->dst + i * ds0 + c * isz, j->src + i * isz + c * ss1, isz);
}
