/* nk_linalg.c — the one entry point behind np.linalg (DESIGN.md §4.3): validates the descriptor, picks the
 * per-type routine, and runs the batch serially (the backend threads each large problem) or as an OpenMP loop
 * (many small problems, one BLAS thread each; DESIGN.md §6.4). */
#include "nk_la_common.h"

#include <omp.h>

#define LA_T float
#define LA_R float
#define LA_CPLX 0
#define LA_F32 1
#define LA_P s
#define LA_CBITS 64
#define LA_GESV lapacke_sgesv_work
#define LA_GETRF lapacke_sgetrf_work
#define LA_POTRF lapacke_spotrf_work
#define LA_HEEVD lapacke_ssyevd_work
#define LA_GEEV lapacke_sgeev_work
#define LA_GESDD lapacke_sgesdd_work
#define LA_GEQRF lapacke_sgeqrf_work
#define LA_ORGQR lapacke_sorgqr_work
#define LA_GELSD lapacke_sgelsd_work
#define LA_GEMM cblas_sgemm
#define LA_LOOKAHEAD la_s_getrf_lookahead
#define LA_INV_LOOKAHEAD la_s_inv_lookahead
#define LA_GEQRF_LOOKAHEAD la_s_geqrf_lookahead
#define LA_ORGQR_LOOKAHEAD la_s_orgqr_lookahead
#define LA_APPLY_QT la_s_apply_qt
#define LA_GETRS lapacke_sgetrs_work
#include "nk_la_lapack.h"
#undef LA_LOOKAHEAD
#undef LA_INV_LOOKAHEAD
#undef LA_GEQRF_LOOKAHEAD
#undef LA_ORGQR_LOOKAHEAD
#undef LA_APPLY_QT
#undef LA_GETRS
#undef LA_T
#undef LA_R
#undef LA_CPLX
#undef LA_F32
#undef LA_P
#undef LA_CBITS
#undef LA_GESV
#undef LA_GETRF
#undef LA_POTRF
#undef LA_HEEVD
#undef LA_GEEV
#undef LA_GESDD
#undef LA_GEQRF
#undef LA_ORGQR
#undef LA_GELSD
#undef LA_GEMM

#define LA_T double
#define LA_R double
#define LA_CPLX 0
#define LA_F32 0
#define LA_P d
#define LA_CBITS 128
#define LA_GESV lapacke_dgesv_work
#define LA_GETRF lapacke_dgetrf_work
#define LA_POTRF lapacke_dpotrf_work
#define LA_HEEVD lapacke_dsyevd_work
#define LA_GEEV lapacke_dgeev_work
#define LA_GESDD lapacke_dgesdd_work
#define LA_GEQRF lapacke_dgeqrf_work
#define LA_ORGQR lapacke_dorgqr_work
#define LA_GELSD lapacke_dgelsd_work
#define LA_GEMM cblas_dgemm
#define LA_LOOKAHEAD la_d_getrf_lookahead
#define LA_INV_LOOKAHEAD la_d_inv_lookahead
#define LA_GEQRF_LOOKAHEAD la_d_geqrf_lookahead
#define LA_ORGQR_LOOKAHEAD la_d_orgqr_lookahead
#define LA_APPLY_QT la_d_apply_qt
#define LA_GETRS lapacke_dgetrs_work
#include "nk_la_lapack.h"
#undef LA_LOOKAHEAD
#undef LA_INV_LOOKAHEAD
#undef LA_GEQRF_LOOKAHEAD
#undef LA_ORGQR_LOOKAHEAD
#undef LA_APPLY_QT
#undef LA_GETRS
#undef LA_T
#undef LA_R
#undef LA_CPLX
#undef LA_F32
#undef LA_P
#undef LA_CBITS
#undef LA_GESV
#undef LA_GETRF
#undef LA_POTRF
#undef LA_HEEVD
#undef LA_GEEV
#undef LA_GESDD
#undef LA_GEQRF
#undef LA_ORGQR
#undef LA_GELSD
#undef LA_GEMM

#define LA_T la_c64
#define LA_R float
#define LA_CPLX 1
#define LA_F32 1
#define LA_P c
#define LA_GESV lapacke_cgesv_work
#define LA_GETRF lapacke_cgetrf_work
#define LA_POTRF lapacke_cpotrf_work
#define LA_HEEVD lapacke_cheevd_work
#define LA_GEEV lapacke_cgeev_work
#define LA_GESDD lapacke_cgesdd_work
#define LA_GEQRF lapacke_cgeqrf_work
#define LA_ORGQR lapacke_cungqr_work
#define LA_GELSD lapacke_cgelsd_work
#define LA_GEMM cblas_cgemm
#include "nk_la_lapack.h"
#undef LA_T
#undef LA_R
#undef LA_CPLX
#undef LA_F32
#undef LA_P
#undef LA_GESV
#undef LA_GETRF
#undef LA_POTRF
#undef LA_HEEVD
#undef LA_GEEV
#undef LA_GESDD
#undef LA_GEQRF
#undef LA_ORGQR
#undef LA_GELSD
#undef LA_GEMM

#define LA_T la_c128
#define LA_R double
#define LA_CPLX 1
#define LA_F32 0
#define LA_P z
#define LA_GESV lapacke_zgesv_work
#define LA_GETRF lapacke_zgetrf_work
#define LA_POTRF lapacke_zpotrf_work
#define LA_HEEVD lapacke_zheevd_work
#define LA_GEEV lapacke_zgeev_work
#define LA_GESDD lapacke_zgesdd_work
#define LA_GEQRF lapacke_zgeqrf_work
#define LA_ORGQR lapacke_zungqr_work
#define LA_GELSD lapacke_zgelsd_work
#define LA_GEMM cblas_zgemm
#include "nk_la_lapack.h"

/* ---- pairwise summation (NumPy 2's @TYPE@_pairwise_sum, PW_BLOCKSIZE 128) ---- */
#define LA_DEFINE_PAIRWISE(NAME, T)                                                                                  \
    T NAME(const T *a, int64_t n)                                                                                    \
    {                                                                                                                \
        if (n < 8) {                                                                                                 \
            T res = -0.0;                                                                                            \
            for (int64_t i = 0; i < n; i++)                                                                          \
                res += a[i];                                                                                         \
            return res;                                                                                              \
        }                                                                                                            \
        if (n <= 128) {                                                                                              \
            T r[8];                                                                                                  \
            for (int j = 0; j < 8; j++)                                                                              \
                r[j] = a[j];                                                                                         \
            int64_t i;                                                                                               \
            for (i = 8; i < n - (n % 8); i += 8)                                                                     \
                for (int j = 0; j < 8; j++)                                                                          \
                    r[j] += a[i + j];                                                                                \
            T res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));                               \
            for (; i < n; i++)                                                                                       \
                res += a[i];                                                                                         \
            return res;                                                                                              \
        }                                                                                                            \
        int64_t n2 = n / 2;                                                                                          \
        n2 -= n2 % 8;                                                                                                \
        return NAME(a, n2) + NAME(a + n2, n - n2);                                                                   \
    }

LA_DEFINE_PAIRWISE(la_pairwise_d, double)
LA_DEFINE_PAIRWISE(la_pairwise_f, float)

double la_sum_d(const double *a, int64_t n)
{
    if (n <= 0)
        return 0.0;
    double s = 0.0;
    for (int64_t c = 0; c < n; c += 8192)
        s = c == 0 ? la_pairwise_d(a, la_min64(8192, n)) : s + la_pairwise_d(a + c, la_min64(8192, n - c));
    return s;
}

float la_sum_f(const float *a, int64_t n)
{
    if (n <= 0)
        return 0.0f;
    float s = 0.0f;
    for (int64_t c = 0; c < n; c += 8192)
        s = c == 0 ? la_pairwise_f(a, la_min64(8192, n)) : s + la_pairwise_f(a + c, la_min64(8192, n - c));
    return s;
}

/* ---- trace and cross live in nk_la_misc.c ---- */
void la_trace(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err);
void la_cross(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err);

/* Operand dtypes per routine: T = the compute dtype, R = its real type, C = its complex type, F = float64,
 * I = int64; lower case = optional (data may be NULL). */
static const char *op_spec(int32_t r)
{
    switch (r) {
    case NK_LA_SOLVE: return "TTT";
    case NK_LA_INV: return "TT";
    case NK_LA_DET: return "TT";
    case NK_LA_SLOGDET: return "TTR";
    case NK_LA_CHOLESKY: return "TT";
    case NK_LA_EIGH: return "TRt";
    case NK_LA_EIG: return "TCc";
    case NK_LA_SVD: return "TtRt";
    case NK_LA_QR: return "Ttttt";
    case NK_LA_LSTSQ: return "TTTRR";
    case NK_LA_PINV: return "TTF";
    case NK_LA_RANK: return "TIf";
    case NK_LA_NORM: return "TR";
    case NK_LA_COND: return "TR";
    case NK_LA_TRACE: return "TT";
    case NK_LA_CROSS: return "TTT";
    default: return NULL;
    }
}

static int32_t real_of(int32_t dt)
{
    return dt == NK_COMPLEX64 ? NK_FLOAT32 : dt == NK_COMPLEX128 ? NK_FLOAT64 : dt;
}

static int32_t complex_of(int32_t dt)
{
    return dt == NK_FLOAT32 ? NK_COMPLEX64 : dt == NK_FLOAT64 ? NK_COMPLEX128 : dt;
}

static int32_t validate(const nk_linalg_desc *d, nk_status *st)
{
    if (d == NULL)
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: the descriptor is NULL");
    const char *spec = op_spec(d->routine);
    if (spec == NULL)
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: unknown routine %d", d->routine);
    if (d->nops != (int32_t)strlen(spec))
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: routine %d takes %d operands, not %d", d->routine,
                       (int)strlen(spec), d->nops);
    if (d->batch_ndim < 0 || d->batch_ndim > NK_MAXDIMS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: batch_ndim %d outside 0..%d", d->batch_ndim, NK_MAXDIMS);
    if (d->m < 0 || d->n < 0 || d->k < 0 || d->m > LA_INT_MAX || d->n > LA_INT_MAX || d->k > LA_INT_MAX)
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: core sizes %lld, %lld, %lld outside 0..2^31-1",
                       (long long)d->m, (long long)d->n, (long long)d->k);
    if ((d->flags & ~(NK_LA_UPPER | NK_LA_FULL | NK_LA_HERMITIAN | NK_LA_NO_RAISE | NK_LA_CHECK_FINITE |
                      NK_LA_RTOL)) != 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: unknown flags 0x%x", (unsigned)d->flags);
    const int misc = d->routine == NK_LA_TRACE || d->routine == NK_LA_CROSS;
    const int lapack_type = d->dtype == NK_FLOAT32 || d->dtype == NK_FLOAT64 || d->dtype == NK_COMPLEX64 ||
                            d->dtype == NK_COMPLEX128;
    if (!misc && !lapack_type)
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: dtype %d is not float32/64 or complex64/128", d->dtype);
    if (d->routine == NK_LA_TRACE && !(lapack_type || d->dtype == NK_INT64 || d->dtype == NK_UINT64))
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: trace accumulates in int64, uint64 or the float types only");
    if (d->routine == NK_LA_CROSS && (d->dtype == NK_BOOL || d->dtype < 0 || d->dtype >= NK_NTYPES))
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: cross takes no bool");
    if (d->routine == NK_LA_CROSS && (d->m < 2 || d->m > 3 || d->n < 2 || d->n > 3))
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: cross of %lld and %lld components", (long long)d->m,
                       (long long)d->n);
    if ((d->routine == NK_LA_NORM || d->routine == NK_LA_COND) && (d->k < 0 || d->k > NK_LA_NORM_MATRIX))
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: unknown norm kind %lld", (long long)d->k);
    for (int32_t i = 0; i < d->nops; i++) {
        const char c = spec[i];
        const nk_mat *o = &d->op[i];
        const char u = (char)(c >= 'a' ? c - 32 : c);
        const int32_t want = u == 'T' ? d->dtype : u == 'R' ? real_of(d->dtype) : u == 'C' ? complex_of(d->dtype)
                           : u == 'F' ? NK_FLOAT64 : NK_INT64;
        if (o->data == NULL) {
            if (c >= 'a')
                continue;
            return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: operand %d of routine %d has no data", i, d->routine);
        }
        if (o->dtype != want)
            return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: operand %d of routine %d has dtype %d, not %d", i,
                           d->routine, o->dtype, want);
    }
    return NK_OK;
}

static la_range_fn pick(const nk_linalg_desc *d)
{
    if (d->routine == NK_LA_TRACE)
        return la_trace;
    if (d->routine == NK_LA_CROSS)
        return la_cross;
    switch (d->dtype) {
    case NK_FLOAT32: return la_s_available(d->routine) ? la_s_routine(d->routine) : NULL;
    case NK_FLOAT64: return la_d_available(d->routine) ? la_d_routine(d->routine) : NULL;
    case NK_COMPLEX64: return la_c_available(d->routine) ? la_c_routine(d->routine) : NULL;
    default: return la_z_available(d->routine) ? la_z_routine(d->routine) : NULL;
    }
}

static int64_t first_nonfinite(const nk_linalg_desc *d, int64_t total)
{
    switch (d->dtype) {
    case NK_FLOAT32: return la_s_first_nonfinite(d, total);
    case NK_FLOAT64: return la_d_first_nonfinite(d, total);
    case NK_COMPLEX64: return la_c_first_nonfinite(d, total);
    default: return la_z_first_nonfinite(d, total);
    }
}

int32_t nk_linalg(const nk_linalg_desc *d, nk_status *st)
{
    nk_status scratch;
    if (st == NULL)
        st = &scratch;
    if (nk_level() < 0)
        return nk_fail(st, NK_E_NOT_INIT, "nk_linalg: nk_init has not run");
    int32_t code = validate(d, st);
    if (code != NK_OK)
        return code;
    const int64_t total = la_batch_total(d->batch_ndim, d->batch_shape);
    if (total < 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_linalg: bad batch shape");
    const int misc = d->routine == NK_LA_TRACE || d->routine == NK_LA_CROSS;
    if (!misc && nk_blas()->lapack_int_bytes != 4)
        return nk_fail(st, NK_E_INTERNAL, "nk_linalg: the backend's LAPACK integers are %d bytes; only LP64 is bound",
                       nk_blas()->lapack_int_bytes);
    la_range_fn fn = pick(d);
    if (fn == NULL)
        return nk_fail(st, NK_E_INTERNAL, "nk_linalg: the backend lacks the LAPACK/CBLAS functions of routine %d",
                       d->routine);
    if (total == 0)
        return nk_ok(st);
    if ((d->flags & NK_LA_CHECK_FINITE) != 0) {
        int64_t bad = first_nonfinite(d, total);
        if (bad >= 0) {
            nk_ok(st);
            st->code = NK_E_LINALG;
            st->arg[0] = NK_LA_NONFINITE;
            st->arg[1] = bad;
            return NK_E_LINALG;
        }
    }

    const int64_t order = misc ? 1 : la_max64(d->m, d->n);
    const int32_t threads = la_batch_threads(total, order, d->max_threads);
    la_err err = {NK_OK, 0, 0, 0, 0, 0};
    la_err *errs = threads > 1 ? calloc((size_t)threads, sizeof *errs) : NULL;
    /* NumPy's det and slogdet gufuncs leave the FP flags to errstate ("overflow encountered in det"); the other
     * routines clear them (umath_linalg's set_fp_invalid_or_clear), so only these two report. */
    const int want_fpe = d->routine == NK_LA_DET || d->routine == NK_LA_SLOGDET;
    /* The batch loop runs many small problems at once, each on one backend thread. */
    const int serial = threads > 1 || (d->routine == NK_LA_EIG && order < NK_BLAS_GEEV_SERIAL_MAX_ORDER);
    const int32_t gate = misc ? NK_BLAS_UNGATED
                              : nk_blas_enter(serial ? 0.0 : (double)d->m * (double)d->n * (double)la_min64(d->m, d->n));
    if (errs == NULL) {
        if (want_fpe)
            nk_fpe_clear();
        fn(d, 0, total, &err);
        if (want_fpe)
            err.fpe = nk_fpe_raised();
    } else {
#pragma omp parallel num_threads(threads) if (threads > 1)
        {
            const int tid = omp_get_thread_num(), nt = omp_get_num_threads();
            if (want_fpe)
                nk_fpe_clear();
            fn(d, total * tid / nt, total * (tid + 1) / nt, &errs[tid]);
            if (want_fpe)
                errs[tid].fpe = nk_fpe_raised();
        }
        for (int32_t q = 0; q < threads; q++) {
            if (errs[q].code != NK_OK)
                la_err_set(&err, errs[q].code, errs[q].reason, errs[q].item, errs[q].info);
            if (d->routine == NK_LA_EIG && errs[q].result > err.result)
                err.result = errs[q].result;
            err.fpe |= errs[q].fpe;
        }
        if (d->routine == NK_LA_LSTSQ)
            err.result = errs[threads - 1].result;
        free(errs);
    }
    nk_blas_leave(gate);
    if (threads > 1)
        nk_threads_release(threads);
    switch (err.code) {
    case NK_OK:
        nk_ok(st);
        st->arg[0] = err.result;
        st->fpe = err.fpe;
        return NK_OK;
    case NK_E_LINALG:
        nk_ok(st);
        st->code = NK_E_LINALG;
        st->arg[0] = err.reason;
        st->arg[1] = err.item;
        st->arg[2] = err.info;
        return NK_E_LINALG;
    case NK_E_NOMEM:
        return nk_fail(st, NK_E_NOMEM, "nk_linalg: no memory for the workspace of routine %d", d->routine);
    default:
        return nk_fail(st, NK_E_INTERNAL, "nk_linalg: LAPACK reported info %lld (an illegal argument) in routine %d, "
                       "batch item %lld", (long long)err.info, d->routine, (long long)err.item);
    }
}
