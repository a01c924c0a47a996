/* nk_gemv.c — y = A x and y = Aᵀ x (A @ x, x @ A) for a row-major float64 A (unit column stride), contiguous x, y.
 *
 * Compiled once per SIMD level (cmake/NkSimd.cmake). The product is bound by reading A once: four rows at a time,
 * one accumulator vector per row, so each row is one sequential stream and x is read from cache once per four rows.
 * OpenBLAS 0.3.21's dgemv (its Haswell kernels, as the environment forces) read a 4000×4000 A at 39 GB/s on one
 * Zen 5 core; this loop at 50 GB/s (tests/native/experiments/gemv_bench.c). The sums are taken in a different order
 * than OpenBLAS's, so results may differ from NumPy's in the last bits, as any two BLAS libraries' do.
 */
#include "nk_gemv.h"
#include "nk_simd.h"
#include "nk_thresholds.h"

#include <immintrin.h>
#include <stdint.h>

#if NK_SIMD_LEVEL >= 2
#define W 8
typedef __m512d vec;
#define VZERO() _mm512_setzero_pd()
#define VLOAD(p) _mm512_loadu_pd(p)
#define VFMA(a, b, c) _mm512_fmadd_pd((a), (b), (c))
#define VSTORE(p, v) _mm512_storeu_pd((p), (v))
#define VSET1(x) _mm512_set1_pd(x)
static inline double vsum(vec v) { return _mm512_reduce_add_pd(v); }
#elif NK_SIMD_LEVEL == 1
#define W 4
typedef __m256d vec;
#define VZERO() _mm256_setzero_pd()
#define VLOAD(p) _mm256_loadu_pd(p)
#define VFMA(a, b, c) _mm256_fmadd_pd((a), (b), (c))
#define VSTORE(p, v) _mm256_storeu_pd((p), (v))
#define VSET1(x) _mm256_set1_pd(x)
static inline double vsum(vec v)
{
    const __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}
#else
#define W 2
typedef __m128d vec;
#define VZERO() _mm_setzero_pd()
#define VLOAD(p) _mm_loadu_pd(p)
#define VFMA(a, b, c) _mm_add_pd(_mm_mul_pd((a), (b)), (c))
#define VSTORE(p, v) _mm_storeu_pd((p), (v))
#define VSET1(x) _mm_set1_pd(x)
static inline double vsum(vec v) { return _mm_cvtsd_f64(_mm_add_sd(v, _mm_unpackhi_pd(v, v))); }
#endif

void NK_SIMD_NAME(nk_gemv_rows_d)(const double *A, int64_t lda, const double *x, int64_t n, double *y, int64_t r0,
                                  int64_t r1)
{
    const int64_t body = n - n % W;
    int64_t i = r0;
    for (; i + 4 <= r1; i += 4) {
        const double *a0 = A + i * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        vec s0 = VZERO(), s1 = VZERO(), s2 = VZERO(), s3 = VZERO();
        for (int64_t j = 0; j < body; j += W) {
            const vec xv = VLOAD(x + j);
            s0 = VFMA(VLOAD(a0 + j), xv, s0);
            s1 = VFMA(VLOAD(a1 + j), xv, s1);
            s2 = VFMA(VLOAD(a2 + j), xv, s2);
            s3 = VFMA(VLOAD(a3 + j), xv, s3);
        }
        double r[4] = {vsum(s0), vsum(s1), vsum(s2), vsum(s3)};
        for (int64_t j = body; j < n; j++) {
            r[0] += a0[j] * x[j];
            r[1] += a1[j] * x[j];
            r[2] += a2[j] * x[j];
            r[3] += a3[j] * x[j];
        }
        for (int k = 0; k < 4; k++)
            y[i + k] = r[k];
    }
    for (; i < r1; i++) {
        const double *a0 = A + i * lda;
        vec s0 = VZERO();
        for (int64_t j = 0; j < body; j += W)
            s0 = VFMA(VLOAD(a0 + j), VLOAD(x + j), s0);
        double r = vsum(s0);
        for (int64_t j = body; j < n; j++)
            r += a0[j] * x[j];
        y[i] = r;
    }
}

/* Columns [c0, c1) of y = Aᵀ x (x @ A: A has k rows of lda apart), in blocks of NK_GEMV_COL_BLOCK columns whose part of
 * y stays in L1 while four rows of A at a time stream past it; each y[j] adds its k terms in row order. */
void NK_SIMD_NAME(nk_gemv_cols_d)(const double *A, int64_t lda, const double *x, int64_t k, double *y, int64_t c0,
                                  int64_t c1)
{
    for (int64_t j0 = c0; j0 < c1; j0 += NK_GEMV_COL_BLOCK) {
        const int64_t j1 = j0 + NK_GEMV_COL_BLOCK < c1 ? j0 + NK_GEMV_COL_BLOCK : c1;
        const int64_t body = j0 + (j1 - j0) - (j1 - j0) % W;
        for (int64_t j = j0; j < j1; j++)
            y[j] = 0;
        int64_t p = 0;
        for (; p + 4 <= k; p += 4) {
            const double *a0 = A + p * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
            const vec x0 = VSET1(x[p]), x1 = VSET1(x[p + 1]), x2 = VSET1(x[p + 2]), x3 = VSET1(x[p + 3]);
            for (int64_t j = j0; j < body; j += W) {
                vec acc = VLOAD(y + j);
                acc = VFMA(VLOAD(a0 + j), x0, acc);
                acc = VFMA(VLOAD(a1 + j), x1, acc);
                acc = VFMA(VLOAD(a2 + j), x2, acc);
                acc = VFMA(VLOAD(a3 + j), x3, acc);
                VSTORE(y + j, acc);
            }
            for (int64_t j = body; j < j1; j++)
                y[j] = (((y[j] + a0[j] * x[p]) + a1[j] * x[p + 1]) + a2[j] * x[p + 2]) + a3[j] * x[p + 3];
        }
        for (; p < k; p++) {
            const double *a0 = A + p * lda;
            const vec x0 = VSET1(x[p]);
            for (int64_t j = j0; j < body; j += W)
                VSTORE(y + j, VFMA(VLOAD(a0 + j), x0, VLOAD(y + j)));
            for (int64_t j = body; j < j1; j++)
                y[j] += a0[j] * x[p];
        }
    }
}
