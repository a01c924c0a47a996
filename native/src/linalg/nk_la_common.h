/* nk_la_common.h — what nk_linalg's per-type routines share with its driver. */
#ifndef NK_LA_COMMON_H
#define NK_LA_COMMON_H

#include "nk_la_internal.h"

#include <math.h>

/* The first failure of a batch: the lowest item index wins, so a stack gives the same error on any thread count. */
typedef struct la_err {
    int32_t code;   /* NK_OK, NK_E_LINALG, NK_E_NOMEM, NK_E_INTERNAL */
    int32_t reason; /* nk_la_reason for NK_E_LINALG */
    int64_t item;
    int64_t info;
    int64_t result; /* a routine's success value for the caller (eig: any complex; lstsq: rank) */
    int32_t fpe; /* nk_fpe bits raised on this thread (det, slogdet); cross and norm: their step bits */
} la_err;

static inline void la_err_set(la_err *e, int32_t code, int32_t reason, int64_t item, int64_t info)
{
    if (e->code == NK_OK || item < e->item) {
        e->code = code;
        e->reason = reason;
        e->item = item;
        e->info = info;
    }
}

/* A bump allocator over one per-thread block. */
typedef struct la_arena {
    char *base;
    size_t used, cap;
} la_arena;

static inline size_t la_round(size_t n) { return (n + 63) & ~(size_t)63; }

static inline void *la_take(la_arena *a, size_t bytes)
{
    size_t n = la_round(bytes == 0 ? 1 : bytes);
    if (a->used + n > a->cap)
        return NULL;
    void *p = a->base + a->used;
    a->used += n;
    return p;
}

/* The pointers of batch item t for every operand (NULL operands stay NULL). */
static inline void la_item_ptrs(const nk_linalg_desc *d, int64_t t, char **p)
{
    for (int32_t i = 0; i < d->nops; i++) {
        const nk_mat *o = &d->op[i];
        p[i] = o->data == NULL ? NULL : o->data + la_item_offset(d->batch_ndim, d->batch_shape, o->bstrides, t);
    }
}

/* NumPy's pairwise summation (loops_utils.h.src, NumPy 2: -0.0 start) over a contiguous buffer. */
double la_pairwise_d(const double *a, int64_t n);
float la_pairwise_f(const float *a, int64_t n);
/* The same over 8192-element chunks added in order, as a ufunc reduction feeds its inner loop. */
double la_sum_d(const double *a, int64_t n);
float la_sum_f(const float *a, int64_t n);

/* The look-ahead factorisations (nk_la_lu.c, nk_la_qr.c): whether one takes a problem of order n here (a window of
 * nk_thresholds.h, two threads, the calling thread holding the wide token). Each returns 0 without touching its
 * input when it does not apply or lacks a backend piece (the caller then uses the backend's routine), else 1 —
 * with getrf's info for the LU. */
int la_lookahead_applies(int64_t n, int64_t min_n, int64_t max_n);
/* Around a look-ahead run (it applies): its OpenMP thread tokens (at least the caller's), with the backend set to one
 * thread; the end restores the backend's count and returns the tokens. */
int32_t la_lookahead_begin(void);
void la_lookahead_end(int32_t granted);
int la_s_geqrf_lookahead(int64_t m, int64_t n, float *A, int64_t ld, float *tau);
int la_d_geqrf_lookahead(int64_t m, int64_t n, double *A, int64_t ld, double *tau);
/* Qᵀ·C after a geqrf, blocked as LAPACK's ormqr('L', 'T') (nk_la_qr.h); 0 when the backend lacks larft/larfb. */
int la_s_apply_qt(int64_t m, int64_t k, const float *A, int64_t ld, const float *tau, float *C, int64_t ldc,
                  int64_t ncols, float *scratch);
int la_d_apply_qt(int64_t m, int64_t k, const double *A, int64_t ld, const double *tau, double *C, int64_t ldc,
                  int64_t ncols, double *scratch);
int la_s_orgqr_lookahead(int64_t m, int64_t nq, int64_t k, float *Q, int64_t ld, const float *tau);
int la_d_orgqr_lookahead(int64_t m, int64_t nq, int64_t k, double *Q, int64_t ld, const double *tau);
int la_s_getrf_lookahead(int64_t n, float *A, int64_t ld, la_int *ipiv, la_int *info);
int la_d_getrf_lookahead(int64_t n, double *A, int64_t ld, la_int *ipiv, la_int *info);
/* The LU above, then A⁻¹ into X (ldx) unless the matrix is singular (info > 0). */
int la_s_inv_lookahead(int64_t n, float *A, int64_t ld, la_int *ipiv, float *X, int64_t ldx, la_int *info);
int la_d_inv_lookahead(int64_t n, double *A, int64_t ld, la_int *ipiv, double *X, int64_t ldx, la_int *info);

/* Per-type routine entry: runs items [lo, hi) of d on the calling thread. */
typedef void (*la_range_fn)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err);

#endif /* NK_LA_COMMON_H */
