/* nk_la_internal.h — what the linear-algebra sources share: BLAS/LAPACK pointer types, batch walking, Fortran-order
 * workspace copies, the thread choice for batches. */
#ifndef NK_LA_INTERNAL_H
#define NK_LA_INTERNAL_H

#include "nk_internal.h"
#include "nk_thresholds.h"

#include <complex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int32_t la_int; /* LP64 LAPACK; nk_linalg refuses a table that says otherwise */
typedef float _Complex la_c64;
typedef double _Complex la_c128;

/* CBLAS enum values (cblas.h): fixed by the CBLAS standard. */
enum {
    LA_ROW_MAJOR = 101, LA_COL_MAJOR = 102, LA_NOTRANS = 111, LA_TRANS = 112, LA_CONJTRANS = 113,
    LA_UPPER = 121, LA_LOWER = 122, LA_NONUNIT = 131, LA_UNIT = 132, LA_LEFT = 141
};

typedef void (*la_sgemm_t)(int, int, int, la_int, la_int, la_int, float, const float *, la_int, const float *, la_int,
                           float, float *, la_int);
typedef void (*la_dgemm_t)(int, int, int, la_int, la_int, la_int, double, const double *, la_int, const double *,
                           la_int, double, double *, la_int);
/* Complex CBLAS takes alpha and beta by pointer. */
typedef void (*la_cgemm_t)(int, int, int, la_int, la_int, la_int, const void *, const void *, la_int, const void *,
                           la_int, const void *, void *, la_int);
typedef void (*la_sgemv_t)(int, int, la_int, la_int, float, const float *, la_int, const float *, la_int, float,
                           float *, la_int);
typedef void (*la_dgemv_t)(int, int, la_int, la_int, double, const double *, la_int, const double *, la_int, double,
                           double *, la_int);
typedef void (*la_cgemv_t)(int, int, la_int, la_int, const void *, const void *, la_int, const void *, la_int,
                           const void *, void *, la_int);
typedef float (*la_sdot_t)(la_int, const float *, la_int, const float *, la_int);
typedef double (*la_ddot_t)(la_int, const double *, la_int, const double *, la_int);
typedef void (*la_cdot_t)(la_int, const void *, la_int, const void *, la_int, void *);

/* Largest value a BLAS/LAPACK integer argument may take. */
#define LA_INT_MAX ((int64_t)INT32_MAX)

static inline int64_t la_max64(int64_t a, int64_t b) { return a > b ? a : b; }
static inline int64_t la_min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* Total number of batch items (0 if any extent is 0); -1 on overflow. */
static inline int64_t la_batch_total(int32_t nd, const int64_t *shape)
{
    int64_t total = 1;
    for (int32_t d = 0; d < nd; d++) {
        if (shape[d] < 0)
            return -1;
        if (__builtin_mul_overflow(total, shape[d], &total))
            return -1;
    }
    return total;
}

/* The byte offset of batch item idx (C order over shape) in an operand with batch strides bs. */
static inline int64_t la_item_offset(int32_t nd, const int64_t *shape, const int64_t *bs, int64_t idx)
{
    int64_t off = 0;
    for (int32_t d = nd - 1; d >= 0 && idx != 0; d--) {
        int64_t q = idx / shape[d];
        off += (idx - q * shape[d]) * bs[d];
        idx = q;
    }
    return off;
}

/* How many threads a batch of `total` problems of order `order` runs on: an OpenMP loop over the batch only for
 * many small problems (DESIGN.md §6.4), else 1 (the backend threads each problem). Tokens must be released. */
static inline int32_t la_batch_threads(int64_t total, int64_t order, int32_t max_threads)
{
    if (total < 2 || order > NK_LA_BATCH_MAX_N || max_threads == 1)
        return 1;
    int32_t want = nk_get_num_threads();
    if (max_threads > 0 && want > max_threads)
        want = max_threads;
    if (want < 2)
        return 1;
    /* Fewer than two problems per thread: the fork costs more than it saves. */
    if (total < 2 * (int64_t)want)
        want = (int32_t)(total / 2);
    if (want < 2)
        return 1;
    return nk_threads_acquire(want);
}

/* 64-byte aligned scratch; NULL on failure (size 0 gives a valid pointer). */
static inline void *la_alloc(size_t bytes)
{
    size_t n = (bytes + 63) & ~(size_t)63;
    if (n == 0)
        n = 64;
    return aligned_alloc(64, n);
}

/* Copies an m x n strided matrix (element size es) into a column-major buffer with leading dimension ld. */
void la_gather(void *dst, int64_t ld, const char *src, int64_t m, int64_t n, int64_t rs, int64_t cs, size_t es);
/* la_gather that also reports whether any element is NaN or +-inf (1) with each column block checked while it is
 * still in cache; real_size is the size of the element's real part (4 or 8). */
int la_gather_finite(void *dst, int64_t ld, const char *src, int64_t m, int64_t n, int64_t rs, int64_t cs, size_t es,
                     size_t real_size);
/* The reverse: column-major (ld) into a strided m x n matrix. */
void la_scatter(char *dst, int64_t m, int64_t n, int64_t rs, int64_t cs, const void *src, int64_t ld, size_t es);
/* Fills a strided m x n matrix with the bytes of one element. */
void la_fill(char *dst, int64_t m, int64_t n, int64_t rs, int64_t cs, const void *elem, size_t es);

#endif /* NK_LA_INTERNAL_H */
