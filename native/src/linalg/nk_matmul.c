/* nk_matmul.c — batched matrix products (np.matmul and everything built on it: dot, inner, outer, vdot, vecdot,
 * tensordot, kron). DESIGN.md §4.3: CBLAS directly when the layout allows (C- or F-order, or a transpose of one,
 * with leading dimensions), packed copies otherwise; NumPy's own loops for bool, integers and float16. */
#include "nk_gemv.h"
#include "nk_la_internal.h"

#include <omp.h>

/* Products up to this many multiply-adds (and every side at most NK_MM_SMALL_SIDE) run in a direct loop: below it
 * a CBLAS call's fixed cost (argument checks, kernel dispatch, packing) exceeds the arithmetic. Measured with
 * W12_small_matmul_4 and tests/native bench of 2..16-sized products; initial guess. */
#define NK_MM_SMALL_FLOPS 512
#define NK_MM_SMALL_SIDE 16

typedef struct mm_scratch {
    void *buf;
    size_t bytes;
} mm_scratch;

static void *scratch_get(mm_scratch *s, size_t bytes)
{
    if (s->bytes >= bytes && s->buf != NULL)
        return s->buf;
    free(s->buf);
    s->buf = la_alloc(bytes);
    s->bytes = s->buf != NULL ? bytes : 0;
    return s->buf;
}

/* ---- NumPy's non-BLAS loops (matmul.c.src, *_matmul_inner_noblas) ---- */

#define MM_PTR(base, i, si, j, sj) ((base) + (i) * (si) + (j) * (sj))

/* Integers wrap: every product and sum is done modulo 2^bits in an unsigned type at least as wide as int (so no
 * signed overflow and no promotion surprises), then truncated, which is what NumPy's C loop computes. */
#define MM_DEFINE_INT(NAME, T, U)                                                                                     \
    static void NAME(const nk_matmul_desc *d, const char *a, const char *b, char *c)                                 \
    {                                                                                                                 \
        const int64_t ars = d->a.rs, acs = d->a.cs, brs = d->b.rs, bcs = d->b.cs, crs = d->c.rs, ccs = d->c.cs;      \
        for (int64_t i = 0; i < d->m; i++) {                                                                          \
            for (int64_t j = 0; j < d->n; j++) {                                                                      \
                U acc = 0;                                                                                            \
                for (int64_t p = 0; p < d->k; p++) {                                                                  \
                    T x, y;                                                                                           \
                    memcpy(&x, MM_PTR(a, i, ars, p, acs), sizeof x);                                                  \
                    memcpy(&y, MM_PTR(b, p, brs, j, bcs), sizeof y);                                                  \
                    acc += (U)x * (U)y;                                                                               \
                }                                                                                                     \
                T r = (T)acc;                                                                                         \
                memcpy(MM_PTR(c, i, crs, j, ccs), &r, sizeof r);                                                      \
            }                                                                                                         \
        }                                                                                                             \
    }

MM_DEFINE_INT(mm_u8, uint8_t, uint32_t)
MM_DEFINE_INT(mm_u16, uint16_t, uint32_t)
MM_DEFINE_INT(mm_u32, uint32_t, uint32_t)
MM_DEFINE_INT(mm_u64, uint64_t, uint64_t)

static void mm_bool(const nk_matmul_desc *d, const char *a, const char *b, char *c)
{
    for (int64_t i = 0; i < d->m; i++) {
        for (int64_t j = 0; j < d->n; j++) {
            uint8_t r = 0;
            for (int64_t p = 0; p < d->k; p++) {
                if (*MM_PTR(a, i, d->a.rs, p, d->a.cs) != 0 && *MM_PTR(b, p, d->b.rs, j, d->b.cs) != 0) {
                    r = 1;
                    break;
                }
            }
            *MM_PTR(c, i, d->c.rs, j, d->c.cs) = r;
        }
    }
}

/* A float rounded to half as NumPy's npy_float_to_half does, overflow included: libgcc's software rounding flags it
 * on the x87 unit, which nk_fpe_raised does not read. */
static _Float16 mm_to_half(float v)
{
    const _Float16 r = (_Float16)v;
    if (__builtin_isinf((float)r) && !__builtin_isinf(v))
        nk_fpe_signal_overflow();
    return r;
}

/* float16: NumPy sums the float products of the halves in float and rounds once at the end. */
static void mm_half(const nk_matmul_desc *d, const char *a, const char *b, char *c)
{
    for (int64_t i = 0; i < d->m; i++) {
        for (int64_t j = 0; j < d->n; j++) {
            float acc = 0.0f;
            for (int64_t p = 0; p < d->k; p++) {
                _Float16 x, y;
                memcpy(&x, MM_PTR(a, i, d->a.rs, p, d->a.cs), sizeof x);
                memcpy(&y, MM_PTR(b, p, d->b.rs, j, d->b.cs), sizeof y);
                acc += (float)x * (float)y;
            }
            const _Float16 r = mm_to_half(acc);
            memcpy(MM_PTR(c, i, d->c.rs, j, d->c.cs), &r, sizeof r);
        }
    }
}

/* Floats and complex in NumPy's loop order (each c[i, j] summed over p from 0, no FMA: ISO C mode keeps
 * -ffp-contract=off). Used for tiny products, for layouts BLAS cannot take that are cheaper to loop over than to
 * pack, and for sizes beyond BLAS's 32-bit integers. */
#define MM_DEFINE_REAL(NAME, T)                                                                                       \
    static void NAME(const nk_matmul_desc *d, const char *a, const char *b, char *c)                                 \
    {                                                                                                                 \
        const int64_t ars = d->a.rs, acs = d->a.cs, brs = d->b.rs, bcs = d->b.cs, crs = d->c.rs, ccs = d->c.cs;      \
        const int64_t m = d->m, n = d->n, k = d->k;                                                                   \
        if (bcs == (int64_t)sizeof(T) && ccs == (int64_t)sizeof(T) && n <= NK_MM_SMALL_SIDE * 4) {                   \
            /* Rows of b and c contiguous: four elements of a row of c at a time, each in its own register (an      \
             * accumulator array in memory made every add wait on the previous store: 50 ns for 4x4 @ 4x4); the     \
             * order of the sum over p per element is unchanged. */                                                  \
            for (int64_t i = 0; i < m; i++) {                                                                         \
                const char *arow = a + i * ars;                                                                       \
                T *crow = (T *)(c + i * crs);                                                                         \
                int64_t j = 0;                                                                                        \
                for (; j + 4 <= n; j += 4) {                                                                          \
                    T s0 = 0, s1 = 0, s2 = 0, s3 = 0;                                                                 \
                    for (int64_t p = 0; p < k; p++) {                                                                 \
                        const T x = *(const T *)(arow + p * acs);                                                     \
                        const T *br = (const T *)(b + p * brs) + j;                                                   \
                        s0 += x * br[0];                                                                              \
                        s1 += x * br[1];                                                                              \
                        s2 += x * br[2];                                                                              \
                        s3 += x * br[3];                                                                              \
                    }                                                                                                 \
                    crow[j] = s0;                                                                                     \
                    crow[j + 1] = s1;                                                                                 \
                    crow[j + 2] = s2;                                                                                 \
                    crow[j + 3] = s3;                                                                                 \
                }                                                                                                     \
                for (; j < n; j++) {                                                                                  \
                    T s = 0;                                                                                          \
                    for (int64_t p = 0; p < k; p++)                                                                   \
                        s += *(const T *)(arow + p * acs) * ((const T *)(b + p * brs))[j];                            \
                    crow[j] = s;                                                                                      \
                }                                                                                                     \
            }                                                                                                         \
            return;                                                                                                   \
        }                                                                                                             \
        for (int64_t i = 0; i < m; i++) {                                                                             \
            for (int64_t j = 0; j < n; j++) {                                                                         \
                T acc = 0;                                                                                            \
                for (int64_t p = 0; p < k; p++)                                                                       \
                    acc += *(const T *)MM_PTR(a, i, ars, p, acs) * *(const T *)MM_PTR(b, p, brs, j, bcs);             \
                *(T *)MM_PTR(c, i, crs, j, ccs) = acc;                                                                \
            }                                                                                                         \
        }                                                                                                             \
    }

MM_DEFINE_REAL(mm_f32, float)
MM_DEFINE_REAL(mm_f64, double)

#define MM_DEFINE_COMPLEX(NAME, R)                                                                                    \
    static void NAME(const nk_matmul_desc *d, const char *a, const char *b, char *c)                                 \
    {                                                                                                                 \
        const int conj = (d->flags & NK_MM_CONJ_A) != 0;                                                              \
        for (int64_t i = 0; i < d->m; i++) {                                                                          \
            for (int64_t j = 0; j < d->n; j++) {                                                                      \
                R re = 0, im = 0;                                                                                     \
                for (int64_t p = 0; p < d->k; p++) {                                                                  \
                    const R *x = (const R *)MM_PTR(a, i, d->a.rs, p, d->a.cs);                                        \
                    const R *y = (const R *)MM_PTR(b, p, d->b.rs, j, d->b.cs);                                        \
                    const R xr = x[0], xi = conj ? -x[1] : x[1];                                                      \
                    re += (xr * y[0]) - (xi * y[1]);                                                                  \
                    im += (xr * y[1]) + (xi * y[0]);                                                                  \
                }                                                                                                     \
                R *z = (R *)MM_PTR(c, i, d->c.rs, j, d->c.cs);                                                        \
                z[0] = re;                                                                                            \
                z[1] = im;                                                                                            \
            }                                                                                                         \
        }                                                                                                             \
    }

MM_DEFINE_COMPLEX(mm_c64, float)
MM_DEFINE_COMPLEX(mm_c128, double)

/* ---- NK_MM_MULTIPLY: c[i, j] = a[i, j] * b[i, j] with NumPy multiply's loops ---- */
#define MM_DEFINE_MUL(NAME, T, U)                                                                                     \
    static void NAME(const nk_matmul_desc *d, const char *a, const char *b, char *c)                                 \
    {                                                                                                                 \
        for (int64_t i = 0; i < d->m; i++)                                                                            \
            for (int64_t j = 0; j < d->n; j++) {                                                                      \
                T x, y;                                                                                               \
                memcpy(&x, MM_PTR(a, i, d->a.rs, j, d->a.cs), sizeof x);                                              \
                memcpy(&y, MM_PTR(b, i, d->b.rs, j, d->b.cs), sizeof y);                                              \
                T r = (T)((U)x * (U)y);                                                                               \
                memcpy(MM_PTR(c, i, d->c.rs, j, d->c.cs), &r, sizeof r);                                              \
            }                                                                                                         \
    }

MM_DEFINE_MUL(mul_u8, uint8_t, uint32_t)
MM_DEFINE_MUL(mul_u16, uint16_t, uint32_t)
MM_DEFINE_MUL(mul_u32, uint32_t, uint32_t)
MM_DEFINE_MUL(mul_u64, uint64_t, uint64_t)
MM_DEFINE_MUL(mul_f32, float, float)
MM_DEFINE_MUL(mul_f64, double, double)

static void mul_bool(const nk_matmul_desc *d, const char *a, const char *b, char *c)
{
    for (int64_t i = 0; i < d->m; i++)
        for (int64_t j = 0; j < d->n; j++)
            *MM_PTR(c, i, d->c.rs, j, d->c.cs) =
                (uint8_t)(*MM_PTR(a, i, d->a.rs, j, d->a.cs) != 0 && *MM_PTR(b, i, d->b.rs, j, d->b.cs) != 0);
}

static void mul_half(const nk_matmul_desc *d, const char *a, const char *b, char *c)
{
    for (int64_t i = 0; i < d->m; i++)
        for (int64_t j = 0; j < d->n; j++) {
            _Float16 x, y;
            memcpy(&x, MM_PTR(a, i, d->a.rs, j, d->a.cs), sizeof x);
            memcpy(&y, MM_PTR(b, i, d->b.rs, j, d->b.cs), sizeof y);
            const _Float16 r = mm_to_half((float)x * (float)y);
            memcpy(MM_PTR(c, i, d->c.rs, j, d->c.cs), &r, sizeof r);
        }
}

#define MM_DEFINE_CMUL(NAME, R)                                                                                       \
    static void NAME(const nk_matmul_desc *d, const char *a, const char *b, char *c)                                 \
    {                                                                                                                 \
        for (int64_t i = 0; i < d->m; i++)                                                                            \
            for (int64_t j = 0; j < d->n; j++) {                                                                      \
                R x[2], y[2], r[2];                                                                                   \
                memcpy(x, MM_PTR(a, i, d->a.rs, j, d->a.cs), sizeof x);                                               \
                memcpy(y, MM_PTR(b, i, d->b.rs, j, d->b.cs), sizeof y);                                               \
                r[0] = (x[0] * y[0]) - (x[1] * y[1]);                                                                 \
                r[1] = (x[0] * y[1]) + (x[1] * y[0]);                                                                 \
                memcpy(MM_PTR(c, i, d->c.rs, j, d->c.cs), r, sizeof r);                                               \
            }                                                                                                         \
    }

MM_DEFINE_CMUL(mul_c64, float)
MM_DEFINE_CMUL(mul_c128, double)

typedef void (*mm_loop_fn)(const nk_matmul_desc *, const char *, const char *, char *);

static mm_loop_fn mul_for(int32_t dtype)
{
    switch (dtype) {
    case NK_BOOL: return mul_bool;
    case NK_INT8: case NK_UINT8: return mul_u8;
    case NK_INT16: case NK_UINT16: return mul_u16;
    case NK_INT32: case NK_UINT32: return mul_u32;
    case NK_INT64: case NK_UINT64: return mul_u64;
    case NK_FLOAT16: return mul_half;
    case NK_FLOAT32: return mul_f32;
    case NK_FLOAT64: return mul_f64;
    case NK_COMPLEX64: return mul_c64;
    case NK_COMPLEX128: return mul_c128;
    default: return NULL;
    }
}

static mm_loop_fn loop_for(int32_t dtype)
{
    switch (dtype) {
    case NK_BOOL: return mm_bool;
    case NK_INT8: case NK_UINT8: return mm_u8;
    case NK_INT16: case NK_UINT16: return mm_u16;
    case NK_INT32: case NK_UINT32: return mm_u32;
    case NK_INT64: case NK_UINT64: return mm_u64;
    case NK_FLOAT16: return mm_half;
    case NK_FLOAT32: return mm_f32;
    case NK_FLOAT64: return mm_f64;
    case NK_COMPLEX64: return mm_c64;
    case NK_COMPLEX128: return mm_c128;
    default: return NULL;
    }
}

/* ---- the BLAS path ---- */

typedef struct mm_layout {
    int trans;     /* LA_NOTRANS or LA_TRANS, as a row-major CBLAS operand */
    int64_t ld;    /* leading dimension in elements */
    int ok;
} mm_layout;

/* How an r x c matrix with byte strides (rs, cs) goes to row-major CBLAS without a copy, if it can: rows
 * contiguous (NoTrans, ld = rs) or columns contiguous (Trans of the c x r row-major matrix, ld = cs). A stride on
 * an axis of length 1 is never read, so it is replaced by the one BLAS wants. */
static mm_layout layout_of(int64_t r, int64_t c, int64_t rs, int64_t cs, int64_t es)
{
    mm_layout l = {LA_NOTRANS, 0, 0};
    int64_t row_rs = r == 1 ? la_max64(c, 1) * es : rs, row_cs = c == 1 ? es : cs;
    if (row_cs == es && row_rs > 0 && row_rs % es == 0 && row_rs / es >= la_max64(c, 1) && row_rs / es <= LA_INT_MAX) {
        l.ld = row_rs / es;
        l.ok = 1;
        return l;
    }
    int64_t col_rs = r == 1 ? es : rs, col_cs = c == 1 ? la_max64(r, 1) * es : cs;
    if (col_rs == es && col_cs > 0 && col_cs % es == 0 && col_cs / es >= la_max64(r, 1) && col_cs / es <= LA_INT_MAX) {
        l.trans = LA_TRANS;
        l.ld = col_cs / es;
        l.ok = 1;
    }
    return l;
}

/* A vector's BLAS increment: positive multiples of the element size only (OpenBLAS kernels are not all safe with
 * 0 or negative increments); 0 when it cannot be used. */
static int64_t vec_inc(int64_t len, int64_t stride, int64_t es)
{
    if (len == 1)
        return 1;
    if (stride <= 0 || stride % es != 0 || stride / es > LA_INT_MAX)
        return 0;
    return stride / es;
}

static int flip(int t) { return t == LA_NOTRANS ? LA_TRANS : LA_NOTRANS; }

typedef struct mm_ctx {
    const nk_blas_table *blas;
    int32_t dtype;
    int64_t es;
    mm_loop_fn loop;
    int use_blas;  /* 0: every item through the loop */
    int small;     /* every item through the loop (tiny) */
} mm_ctx;

static const double k_one_d[2] = {1.0, 0.0}, k_zero_d[2] = {0.0, 0.0};
static const float k_one_f[2] = {1.0f, 0.0f}, k_zero_f[2] = {0.0f, 0.0f};

static void call_gemm(const mm_ctx *x, int ta, int tb, int64_t m, int64_t n, int64_t k, const void *a, int64_t lda,
                      const void *b, int64_t ldb, void *c, int64_t ldc)
{
    const nk_blas_table *t = x->blas;
    switch (x->dtype) {
    case NK_FLOAT32:
        ((la_sgemm_t)t->cblas_sgemm)(LA_ROW_MAJOR, ta, tb, (la_int)m, (la_int)n, (la_int)k, 1.0f, a, (la_int)lda, b,
                                     (la_int)ldb, 0.0f, c, (la_int)ldc);
        break;
    case NK_FLOAT64:
        ((la_dgemm_t)t->cblas_dgemm)(LA_ROW_MAJOR, ta, tb, (la_int)m, (la_int)n, (la_int)k, 1.0, a, (la_int)lda, b,
                                     (la_int)ldb, 0.0, c, (la_int)ldc);
        break;
    case NK_COMPLEX64:
        ((la_cgemm_t)t->cblas_cgemm)(LA_ROW_MAJOR, ta, tb, (la_int)m, (la_int)n, (la_int)k, k_one_f, a, (la_int)lda,
                                     b, (la_int)ldb, k_zero_f, c, (la_int)ldc);
        break;
    default:
        ((la_cgemm_t)t->cblas_zgemm)(LA_ROW_MAJOR, ta, tb, (la_int)m, (la_int)n, (la_int)k, k_one_d, a, (la_int)lda,
                                     b, (la_int)ldb, k_zero_d, c, (la_int)ldc);
        break;
    }
}

/* y = op(A) x with A given as a row-major r x c matrix (ld) and op = ta. */
static void call_gemv(const mm_ctx *x, int ta, int64_t r, int64_t c, const void *a, int64_t lda, const void *v,
                      int64_t incv, void *y, int64_t incy)
{
    const nk_blas_table *t = x->blas;
    switch (x->dtype) {
    case NK_FLOAT32:
        ((la_sgemv_t)t->cblas_sgemv)(LA_ROW_MAJOR, ta, (la_int)r, (la_int)c, 1.0f, a, (la_int)lda, v, (la_int)incv,
                                     0.0f, y, (la_int)incy);
        break;
    case NK_FLOAT64:
        ((la_dgemv_t)t->cblas_dgemv)(LA_ROW_MAJOR, ta, (la_int)r, (la_int)c, 1.0, a, (la_int)lda, v, (la_int)incv,
                                     0.0, y, (la_int)incy);
        break;
    case NK_COMPLEX64:
        ((la_cgemv_t)t->cblas_cgemv)(LA_ROW_MAJOR, ta, (la_int)r, (la_int)c, k_one_f, a, (la_int)lda, v,
                                     (la_int)incv, k_zero_f, y, (la_int)incy);
        break;
    default:
        ((la_cgemv_t)t->cblas_zgemv)(LA_ROW_MAJOR, ta, (la_int)r, (la_int)c, k_one_d, a, (la_int)lda, v,
                                     (la_int)incv, k_zero_d, y, (la_int)incy);
        break;
    }
}

static void call_dot(const mm_ctx *x, int conj, int64_t k, const void *a, int64_t inca, const void *b, int64_t incb,
                     void *out)
{
    const nk_blas_table *t = x->blas;
    switch (x->dtype) {
    case NK_FLOAT32: {
        float r = ((la_sdot_t)t->cblas_sdot)((la_int)k, a, (la_int)inca, b, (la_int)incb);
        memcpy(out, &r, sizeof r);
        break;
    }
    case NK_FLOAT64: {
        double r = ((la_ddot_t)t->cblas_ddot)((la_int)k, a, (la_int)inca, b, (la_int)incb);
        memcpy(out, &r, sizeof r);
        break;
    }
    case NK_COMPLEX64: {
        float r[2];
        ((la_cdot_t)(conj ? t->cblas_cdotc_sub : t->cblas_cdotu_sub))((la_int)k, a, (la_int)inca, b, (la_int)incb, r);
        memcpy(out, r, sizeof r);
        break;
    }
    default: {
        double r[2];
        ((la_cdot_t)(conj ? t->cblas_zdotc_sub : t->cblas_zdotu_sub))((la_int)k, a, (la_int)inca, b, (la_int)incb, r);
        memcpy(out, r, sizeof r);
        break;
    }
    }
}

/* y = A x (trans = 0: A is r x c, y has r elements) or y = Aᵀ x (trans = 1: y has c) for a row-major float64 A (ld)
 * and contiguous x and y, in the kernel library (nk_gemv.c); rows (or columns) split over threads in blocks of 8. */
static void native_dgemv(int trans, int64_t r, int64_t c, const double *A, int64_t ld, const double *v, double *y)
{
    const int level = nk_level();
    const nk_gemv_rows_fn rows = level == NK_SIMD_AVX512 ? nk_gemv_rows_d_avx512
                                 : level == NK_SIMD_AVX2 ? nk_gemv_rows_d_avx2
                                                         : nk_gemv_rows_d_baseline;
    const nk_gemv_cols_fn cols = level == NK_SIMD_AVX512 ? nk_gemv_cols_d_avx512
                                 : level == NK_SIMD_AVX2 ? nk_gemv_cols_d_avx2
                                                         : nk_gemv_cols_d_baseline;
    const int64_t len = trans ? c : r, blocks = (len + 7) / 8;
    const int32_t granted = len >= 16 ? nk_threads_for_memory(r * c, 0) : 1;
#pragma omp parallel num_threads(granted) if (granted > 1) default(none) shared(rows, cols, trans, A, ld, v, y, r, c, len, blocks)
    {
        const int64_t nt = omp_get_num_threads(), tid = omp_get_thread_num();
        const int64_t i0 = blocks * tid / nt * 8, i1 = la_min64(blocks * (tid + 1) / nt * 8, len);
        if (trans)
            cols(A, ld, v, r, y, i0, i1);
        else
            rows(A, ld, v, c, y, i0, i1);
    }
    if (granted > 1)
        nk_threads_release(granted);
}

/* One product through CBLAS; returns 0, or NK_E_NOMEM when a packing buffer cannot be had. */
static int32_t mm_blas_item(const nk_matmul_desc *d, const mm_ctx *x, const char *a, const char *b, char *c,
                            mm_scratch *scr)
{
    const int64_t m = d->m, n = d->n, k = d->k, es = x->es;
    if (m == 1 && n == 1) {
        int64_t ia = vec_inc(k, d->a.cs, es), ib = vec_inc(k, d->b.rs, es);
        if (ia != 0 && ib != 0) {
            call_dot(x, (d->flags & NK_MM_CONJ_A) != 0, k, a, ia, b, ib, c);
            return NK_OK;
        }
        x->loop(d, a, b, c);
        return NK_OK;
    }
    if (n == 1 || m == 1) {
        /* Matrix-vector: y = A v (n == 1) or y = B^T v (m == 1). */
        const int64_t r = n == 1 ? m : k, cc = n == 1 ? k : n;
        const int64_t rs = n == 1 ? d->a.rs : d->b.rs, cs = n == 1 ? d->a.cs : d->b.cs;
        const char *mat = n == 1 ? a : b, *v = n == 1 ? b : a;
        const int64_t incv = vec_inc(k, n == 1 ? d->b.rs : d->a.cs, es);
        const int64_t incy = vec_inc(n == 1 ? m : n, n == 1 ? d->c.rs : d->c.cs, es);
        mm_layout l = layout_of(r, cc, rs, cs, es);
        if (l.ok && incv != 0 && incy != 0) {
            /* l.trans = Trans means the memory is the cc x r row-major matrix. */
            const int want = n == 1 ? LA_NOTRANS : LA_TRANS;
            if (x->dtype == NK_FLOAT64 && l.trans == LA_NOTRANS && incv == 1 && incy == 1 && cc >= NK_GEMV_MIN_COLS) {
                native_dgemv(want == LA_TRANS, r, cc, (const double *)mat, l.ld, (const double *)v, (double *)c);
                return NK_OK;
            }
            if (l.trans == LA_NOTRANS)
                call_gemv(x, want, r, cc, mat, l.ld, v, incv, c, incy);
            else
                call_gemv(x, flip(want), cc, r, mat, l.ld, v, incv, c, incy);
            return NK_OK;
        }
        /* Fall through to gemm with packing: rare layouts (negative or zero strides). */
    }

    mm_layout la = layout_of(m, k, d->a.rs, d->a.cs, es);
    mm_layout lb = layout_of(k, n, d->b.rs, d->b.cs, es);
    mm_layout lc = layout_of(m, n, d->c.rs, d->c.cs, es);
    size_t need = 0;
    if (!la.ok)
        need += (size_t)(m * k * es);
    if (!lb.ok)
        need += (size_t)(k * n * es);
    if (!lc.ok)
        need += (size_t)(m * n * es);
    char *buf = NULL;
    if (need > 0) {
        buf = scratch_get(scr, need);
        if (buf == NULL)
            return NK_E_NOMEM;
    }
    char *next = buf;
    const void *pa = a, *pb = b;
    if (!la.ok) {
        /* Packed as the k x m column-major matrix = A row-major. */
        la_gather(next, k, a, k, m, d->a.cs, d->a.rs, (size_t)es);
        la = (mm_layout){LA_NOTRANS, la_max64(k, 1), 1};
        pa = next;
        next += m * k * es;
    }
    if (!lb.ok) {
        la_gather(next, n, b, n, k, d->b.cs, d->b.rs, (size_t)es);
        lb = (mm_layout){LA_NOTRANS, la_max64(n, 1), 1};
        pb = next;
        next += k * n * es;
    }
    if (lc.ok && lc.trans == LA_NOTRANS) {
        call_gemm(x, la.trans, lb.trans, m, n, k, pa, la.ld, pb, lb.ld, c, lc.ld);
    } else if (lc.ok) {
        /* C is column-major: C^T = B^T A^T, all row-major. */
        call_gemm(x, flip(lb.trans), flip(la.trans), n, m, k, pb, lb.ld, pa, la.ld, c, lc.ld);
    } else {
        call_gemm(x, la.trans, lb.trans, m, n, k, pa, la.ld, pb, lb.ld, next, la_max64(n, 1));
        la_scatter(c, n, m, d->c.cs, d->c.rs, next, la_max64(n, 1), (size_t)es);
    }
    return NK_OK;
}

static int32_t mm_item(const nk_matmul_desc *d, const mm_ctx *x, const char *a, const char *b, char *c,
                       mm_scratch *scr)
{
    if (d->k == 0) {
        /* An empty sum: zeros (NumPy's loops start from 0; BLAS with k = 0 would only scale c by beta). */
        static const uint8_t zero[16] = {0};
        la_fill(c, d->m, d->n, d->c.rs, d->c.cs, zero, (size_t)x->es);
        return NK_OK;
    }
    if (!x->use_blas || x->small) {
        x->loop(d, a, b, c);
        return NK_OK;
    }
    return mm_blas_item(d, x, a, b, c, scr);
}

static int32_t validate(const nk_matmul_desc *d, nk_status *st)
{
    if (d == NULL)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: the descriptor is NULL");
    if (d->dtype < 0 || d->dtype >= NK_NTYPES)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: dtype %d", d->dtype);
    if (d->batch_ndim < 0 || d->batch_ndim > NK_MAXDIMS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: batch_ndim %d outside 0..%d", d->batch_ndim, NK_MAXDIMS);
    if (d->m < 0 || d->n < 0 || d->k < 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: negative size");
    if ((d->flags & ~(NK_MM_CONJ_A | NK_MM_MULTIPLY)) != 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: unknown flags 0x%x", (unsigned)d->flags);
    if ((d->flags & NK_MM_CONJ_A) != 0 && (d->m != 1 || d->n != 1))
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: NK_MM_CONJ_A needs m = n = 1");
    if ((d->flags & NK_MM_MULTIPLY) != 0 && (d->k != 1 || (d->flags & NK_MM_CONJ_A) != 0))
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: NK_MM_MULTIPLY needs k = 1 and no NK_MM_CONJ_A");
    if (d->a.dtype != d->dtype || d->b.dtype != d->dtype || d->c.dtype != d->dtype)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: operand dtypes %d, %d, %d differ from %d", d->a.dtype,
                       d->b.dtype, d->c.dtype, d->dtype);
    return NK_OK;
}

int32_t nk_matmul(const nk_matmul_desc *d, nk_status *st)
{
    nk_status scratch;
    if (st == NULL)
        st = &scratch;
    if (nk_level() < 0)
        return nk_fail(st, NK_E_NOT_INIT, "nk_matmul: nk_init has not run");
    int32_t code = validate(d, st);
    if (code != NK_OK)
        return code;
    const int64_t total = la_batch_total(d->batch_ndim, d->batch_shape);
    if (total < 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: bad batch shape");
    if (total == 0 || d->m == 0 || d->n == 0)
        return nk_ok(st);
    if (d->a.data == NULL && d->k > 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: a has no data");
    if (d->b.data == NULL && d->k > 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: b has no data");
    if (d->c.data == NULL)
        return nk_fail(st, NK_E_BAD_DESC, "nk_matmul: c has no data");

    mm_ctx x;
    x.blas = nk_blas();
    x.dtype = d->dtype;
    x.es = (int64_t)nk_dtype_size(d->dtype);
    x.loop = (d->flags & NK_MM_MULTIPLY) != 0 ? mul_for(d->dtype) : loop_for(d->dtype);
    const int blas_type = d->dtype == NK_FLOAT32 || d->dtype == NK_FLOAT64 || d->dtype == NK_COMPLEX64 ||
                          d->dtype == NK_COMPLEX128;
    const int fits = d->m <= LA_INT_MAX && d->n <= LA_INT_MAX && d->k <= LA_INT_MAX;
    x.use_blas = blas_type && fits && (d->flags & NK_MM_MULTIPLY) == 0;
    if (x.use_blas) {
        const nk_blas_table *t = x.blas;
        int have = 0;
        switch (d->dtype) {
        case NK_FLOAT32: have = t->cblas_sgemm && t->cblas_sgemv && t->cblas_sdot; break;
        case NK_FLOAT64: have = t->cblas_dgemm && t->cblas_dgemv && t->cblas_ddot; break;
        case NK_COMPLEX64: have = t->cblas_cgemm && t->cblas_cgemv && t->cblas_cdotc_sub && t->cblas_cdotu_sub; break;
        default: have = t->cblas_zgemm && t->cblas_zgemv && t->cblas_zdotc_sub && t->cblas_zdotu_sub; break;
        }
        /* A backend without these (or a kernel library initialised without a table) still gives right answers. */
        x.use_blas = have;
    }
    const double flops = (double)d->m * (double)d->n * (double)d->k;
    x.small = flops <= NK_MM_SMALL_FLOPS && d->m <= NK_MM_SMALL_SIDE && d->n <= NK_MM_SMALL_SIDE &&
              d->k <= NK_MM_SMALL_SIDE;

    const int64_t order = la_max64(d->m, la_max64(d->n, d->k));
    const int32_t threads = la_batch_threads(total, order, d->max_threads);
    int32_t err = NK_OK, fpe = 0;
    /* NumPy's matmul is a ufunc: it reports the flags its float loops raised ("overflow encountered in matmul"). */
    const int want_fpe = blas_type || d->dtype == NK_FLOAT16;
    /* The direct small kernel and the integer loops never reach the backend; a batch loop runs one thread each. */
    const int32_t gate = x.use_blas && !x.small ? nk_blas_enter(threads > 1 ? 0.0 : flops) : NK_BLAS_UNGATED;
    if (threads <= 1) {
        mm_scratch scr = {NULL, 0};
        if (want_fpe)
            nk_fpe_clear();
        for (int64_t t = 0; t < total && err == NK_OK; t++) {
            const char *a = d->a.data + la_item_offset(d->batch_ndim, d->batch_shape, d->a.bstrides, t);
            const char *b = d->b.data + la_item_offset(d->batch_ndim, d->batch_shape, d->b.bstrides, t);
            char *c = d->c.data + la_item_offset(d->batch_ndim, d->batch_shape, d->c.bstrides, t);
            err = mm_item(d, &x, a, b, c, &scr);
        }
        if (want_fpe)
            fpe = nk_fpe_raised();
        free(scr.buf);
    } else {
#pragma omp parallel num_threads(threads) if (threads > 1) reduction(| : fpe)
        {
            mm_scratch scr = {NULL, 0};
            if (want_fpe)
                nk_fpe_clear();
            const int tid = omp_get_thread_num(), nt = omp_get_num_threads();
            const int64_t lo = total * tid / nt, hi = total * (tid + 1) / nt;
            int32_t mine = NK_OK;
            for (int64_t t = lo; t < hi && mine == NK_OK; t++) {
                const char *a = d->a.data + la_item_offset(d->batch_ndim, d->batch_shape, d->a.bstrides, t);
                const char *b = d->b.data + la_item_offset(d->batch_ndim, d->batch_shape, d->b.bstrides, t);
                char *c = d->c.data + la_item_offset(d->batch_ndim, d->batch_shape, d->c.bstrides, t);
                mine = mm_item(d, &x, a, b, c, &scr);
            }
            if (want_fpe)
                fpe |= nk_fpe_raised();
            free(scr.buf);
            if (mine != NK_OK) {
/* atomic, not a named critical: a named critical section becomes an exported global symbol (exports_only_nk). */
#pragma omp atomic write
                err = mine;
            }
        }
        nk_threads_release(threads);
    }
    nk_blas_leave(gate);
    if (err == NK_E_NOMEM)
        return nk_fail(st, NK_E_NOMEM, "nk_matmul: no memory for a packing buffer");
    nk_ok(st);
    st->fpe = fpe;
    return NK_OK;
}
