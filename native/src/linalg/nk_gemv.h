/* nk_gemv.h — y = A x and y = Aᵀ x for a row-major float64 A with unit column stride and contiguous x and y:
 * matmul's matrix-vector cases (np.matmul(A, x), W5_matvec_4000, and np.matmul(x, A)). nk_gemv.c is compiled once
 * per SIMD level (cmake/NkSimd.cmake); nk_matmul picks the level's functions by nk_level(). */
#ifndef NK_GEMV_H
#define NK_GEMV_H

#include <stdint.h>

/* Rows [r0, r1) of y = A x (A: rows of n elements, lda apart). */
typedef void (*nk_gemv_rows_fn)(const double *A, int64_t lda, const double *x, int64_t n, double *y, int64_t r0,
                                int64_t r1);
/* Columns [c0, c1) of y = Aᵀ x (A: k rows of lda apart; x has k elements). */
typedef void (*nk_gemv_cols_fn)(const double *A, int64_t lda, const double *x, int64_t k, double *y, int64_t c0,
                                int64_t c1);

/* Both functions of one SIMD level (nk_gemv.c defines them through NK_SIMD_NAME). */
#define NK_GEMV_LEVEL(level)                                                                                          \
    void nk_gemv_rows_d_##level(const double *A, int64_t lda, const double *x, int64_t n, double *y, int64_t r0,     \
                                int64_t r1);                                                                          \
    void nk_gemv_cols_d_##level(const double *A, int64_t lda, const double *x, int64_t k, double *y, int64_t c0,     \
                                int64_t c1);
NK_GEMV_LEVEL(baseline)
NK_GEMV_LEVEL(avx2)
NK_GEMV_LEVEL(avx512)
#undef NK_GEMV_LEVEL

#endif /* NK_GEMV_H */
