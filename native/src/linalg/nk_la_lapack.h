/* nk_la_lapack.h — nk_linalg's routines for one element type. Included by nk_linalg.c once per type with:
 *   LA_T (element), LA_R (its real type), LA_CPLX (0/1), LA_P (s, d, c, z), LA_DT / LA_RDT (nk_dtype of both),
 *   and the nk_blas_table fields LA_GESV, LA_GETRF, LA_POTRF, LA_HEEVD, LA_GEEV, LA_GESDD, LA_GEQRF, LA_ORGQR,
 *   LA_GELSD, LA_GEMM; for the real types also LA_LOOKAHEAD and LA_INV_LOOKAHEAD (nk_la_lu.c), LA_GETRS,
 *   LA_GEQRF_LOOKAHEAD and LA_ORGQR_LOOKAHEAD (nk_la_qr.c).
 * Every routine mirrors NumPy's umath_linalg gufunc of the same name: same LAPACK driver, same Fortran-order copy
 * in and out, same post-processing, so results agree with NumPy's to the rounding of the same LAPACK. */

#define LA_CAT3(a, b, c) a##b##c
#define LA_XCAT3(a, b, c) LA_CAT3(a, b, c)
#define LA_FN(name) LA_XCAT3(la_, LA_P, _##name)

#if LA_F32
#define LA_M(fn) fn##f
#define LA_CMPLX(re, im) CMPLXF((re), (im))
#define LA_SUM(a, n) la_sum_f((a), (n))
#define LA_PW(a, n) la_pairwise_f((a), (n))
#else
#define LA_M(fn) fn
#define LA_CMPLX(re, im) CMPLX((re), (im))
#define LA_SUM(a, n) la_sum_d((a), (n))
#define LA_PW(a, n) la_pairwise_d((a), (n))
#endif
#if LA_CPLX
#define LA_RE(x) LA_M(creal)(x)
#define LA_IM(x) LA_M(cimag)(x)
#define LA_ABS(x) LA_M(cabs)(x)
#define LA_CONJ(x) LA_M(conj)(x)
#define LA_ABS2(x) (LA_RE(x) * LA_RE(x) + LA_IM(x) * LA_IM(x))
#define LA_NAN_T LA_CMPLX((LA_R)NAN, (LA_R)NAN)
#else
#define LA_RE(x) (x)
#define LA_IM(x) ((LA_R)0)
#define LA_ABS(x) LA_M(fabs)(x)
#define LA_CONJ(x) (x)
#define LA_ABS2(x) ((x) * (x))
#define LA_NAN_T ((LA_T)NAN)
#endif
#define LA_LOG(x) LA_M(log)(x)
#define LA_EXP(x) LA_M(exp)(x)
#define LA_SQRT(x) LA_M(sqrt)(x)
#define LA_POW(x, y) LA_M(pow)((x), (y))
#define LA_ES sizeof(LA_T)
#define LA_RS sizeof(LA_R)
#define LA_LD(x) ((la_int)la_max64((x), 1))

typedef la_int (*LA_FN(gesv_t))(int, la_int, la_int, LA_T *, la_int, la_int *, LA_T *, la_int);
typedef la_int (*LA_FN(getrf_t))(int, la_int, la_int, LA_T *, la_int, la_int *);
typedef la_int (*LA_FN(potrf_t))(int, char, la_int, LA_T *, la_int);
typedef la_int (*LA_FN(geqrf_t))(int, la_int, la_int, LA_T *, la_int, LA_T *, LA_T *, la_int);
typedef la_int (*LA_FN(orgqr_t))(int, la_int, la_int, la_int, LA_T *, la_int, LA_T *, LA_T *, la_int);
#if LA_CPLX
typedef la_int (*LA_FN(heevd_t))(int, char, char, la_int, LA_T *, la_int, LA_R *, LA_T *, la_int, LA_R *, la_int,
                                 la_int *, la_int);
typedef la_int (*LA_FN(geev_t))(int, char, char, la_int, LA_T *, la_int, LA_T *, LA_T *, la_int, LA_T *, la_int,
                                LA_T *, la_int, LA_R *);
typedef la_int (*LA_FN(gesdd_t))(int, char, la_int, la_int, LA_T *, la_int, LA_R *, LA_T *, la_int, LA_T *, la_int,
                                 LA_T *, la_int, LA_R *, la_int *);
typedef la_int (*LA_FN(gelsd_t))(int, la_int, la_int, la_int, LA_T *, la_int, LA_T *, la_int, LA_R *, LA_R,
                                 la_int *, LA_T *, la_int, LA_R *, la_int *);
#else
typedef la_int (*LA_FN(heevd_t))(int, char, char, la_int, LA_T *, la_int, LA_R *, LA_T *, la_int, la_int *, la_int);
typedef la_int (*LA_FN(geev_t))(int, char, char, la_int, LA_T *, la_int, LA_R *, LA_R *, LA_T *, la_int, LA_T *,
                                la_int, LA_T *, la_int);
typedef la_int (*LA_FN(gesdd_t))(int, char, la_int, la_int, LA_T *, la_int, LA_R *, LA_T *, la_int, LA_T *, la_int,
                                 LA_T *, la_int, la_int *);
typedef la_int (*LA_FN(gelsd_t))(int, la_int, la_int, la_int, LA_T *, la_int, LA_T *, la_int, LA_R *, LA_R,
                                 la_int *, LA_T *, la_int, la_int *);
#endif

/* A workspace size from a query result (LAPACK returns it as a float in work[0]); at least 1. */
static inline la_int LA_FN(lwork)(LA_T q)
{
    LA_R r = LA_RE(q);
    if (!(r >= 1))
        return 1;
    /* LAPACK rounds some queries down by an ulp in single precision: take the next integer up. */
    double v = ceil((double)r * (1.0 + 4.0 * (double)(LA_F32 ? 1.1920929e-07 : 2.220446e-16)));
    return v > (double)INT32_MAX ? INT32_MAX : (la_int)v;
}

static inline int LA_FN(arena)(la_arena *a, size_t bytes)
{
    a->base = la_alloc(bytes);
    a->used = 0;
    a->cap = a->base != NULL ? la_round(bytes) : 0;
    return a->base != NULL;
}

static inline void LA_FN(eye)(LA_T *a, int64_t n, int64_t ld)
{
    /* All-zero bytes are 0.0 (and 0+0i) in IEEE formats; memset is several times faster than a per-item branch. */
    for (int64_t j = 0; j < n; j++) {
        memset(a + j * ld, 0, (size_t)n * sizeof(LA_T));
        a[j + j * ld] = (LA_T)1;
    }
}

static inline void LA_FN(fill_nan)(char *p, const nk_mat *o, int64_t m, int64_t n)
{
    LA_T v = LA_NAN_T;
    la_fill(p, m, n, o->rs, o->cs, &v, LA_ES);
}

#ifdef LA_LOOKAHEAD
typedef la_int (*LA_FN(getrs_t))(int, char, la_int, la_int, const LA_T *, la_int, const la_int *, LA_T *, la_int);
#endif

/* getrf (det, slogdet): the look-ahead LU where it applies (nk_la_lu.c), else the backend's. */
static la_int LA_FN(getrf)(int64_t n, LA_T *A, int64_t ld, la_int *ipiv)
{
#ifdef LA_LOOKAHEAD
    la_int info;
    if (LA_LOOKAHEAD(n, A, ld, ipiv, &info))
        return info;
#endif
    return ((LA_FN(getrf_t))nk_blas()->LA_GETRF)(LA_COL_MAJOR, (la_int)n, (la_int)n, A, (la_int)ld, ipiv);
}

/* gesv (solve, inv): where the look-ahead LU applies, getrf as above then getrs, as gesv itself does — or for inv
 * (B = I) the inverse from the factors, which skips the identity's zeros (nk_la_lu.h, lu_inverse). */
static la_int LA_FN(gesv)(int64_t n, int64_t nrhs, LA_T *A, int64_t ld, la_int *ipiv, LA_T *B, int inv)
{
#ifdef LA_LOOKAHEAD
    la_int info;
    if (inv && LA_INV_LOOKAHEAD(n, A, ld, ipiv, B, ld, &info))
        return info;
    if (!inv && nk_blas()->LA_GETRS != NULL && LA_LOOKAHEAD(n, A, ld, ipiv, &info)) {
        if (info != 0)
            return info;
        return ((LA_FN(getrs_t))nk_blas()->LA_GETRS)(LA_COL_MAJOR, 'N', (la_int)n, (la_int)nrhs, A, (la_int)ld, ipiv,
                                                     B, (la_int)ld);
    }
#else
    (void)inv;
#endif
    return ((LA_FN(gesv_t))nk_blas()->LA_GESV)(LA_COL_MAJOR, (la_int)n, (la_int)nrhs, A, (la_int)ld, ipiv, B,
                                              (la_int)ld);
}

/* ---- solve, inv (gesv; inv solves against the identity, as NumPy does) ---- */
static void LA_FN(solve)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int inv = d->routine == NK_LA_INV;
    const int64_t n = d->n, nrhs = inv ? n : d->k, ld = la_max64(n, 1);
    const nk_mat *om = inv ? &d->op[1] : &d->op[2];
    la_arena ar;
    if (!LA_FN(arena)(&ar, la_round(ld * ld * LA_ES) + la_round(ld * la_max64(nrhs, 1) * LA_ES) +
                              la_round(ld * sizeof(la_int)))) {
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    LA_T *A = la_take(&ar, ld * ld * LA_ES), *B = la_take(&ar, ld * la_max64(nrhs, 1) * LA_ES);
    la_int *ipiv = la_take(&ar, ld * sizeof(la_int));
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        char *out = inv ? p[1] : p[2];
        la_gather(A, ld, p[0], n, n, d->op[0].rs, d->op[0].cs, LA_ES);
        if (inv)
            LA_FN(eye)(B, n, ld);
        else
            la_gather(B, ld, p[1], n, nrhs, d->op[1].rs, d->op[1].cs, LA_ES);
        la_int info = LA_FN(gesv)(n, nrhs, A, ld, ipiv, B, inv);
        if (info > 0) {
            if (inv && (d->flags & NK_LA_NO_RAISE) != 0) {
                LA_FN(fill_nan)(out, om, n, n);
                continue;
            }
            la_err_set(err, NK_E_LINALG, NK_LA_SINGULAR, t, info);
            break;
        }
        if (info < 0) {
            la_err_set(err, NK_E_INTERNAL, 0, t, info);
            break;
        }
        la_scatter(out, n, nrhs, om->rs, om->cs, B, ld, LA_ES);
    }
    free(ar.base);
}

/* ---- det, slogdet (getrf; NumPy: sign from the pivots and the diagonal, logdet = sum log|u_ii|,
 *      det = sign * exp(logdet)) ---- */
static void LA_FN(slogdet_one)(LA_T *A, int64_t n, int64_t ld, la_int *ipiv, LA_T *sign, LA_R *logdet,
                               int64_t t, la_err *err)
{
    if (n == 0) {
        *sign = (LA_T)1;
        *logdet = 0;
        return;
    }
    la_int info = LA_FN(getrf)(n, A, ld, ipiv);
    if (info < 0) {
        la_err_set(err, NK_E_INTERNAL, 0, t, info);
        return;
    }
    if (info > 0) {
        *sign = (LA_T)0;
        *logdet = -(LA_R)INFINITY;
        return;
    }
    int change = 0;
    for (int64_t i = 0; i < n; i++)
        change += ipiv[i] != (la_int)(i + 1);
    LA_R acc_logdet = 0;
#if LA_CPLX
    LA_R sr = (change % 2) ? -1 : 1, si = 0;
    for (int64_t i = 0; i < n; i++) {
        LA_T e = A[i + i * ld];
        LA_R ab = LA_ABS(e);
        LA_R er = LA_RE(e) / ab, ei = LA_IM(e) / ab;
        LA_R nr = sr * er - si * ei, ni = sr * ei + si * er;
        sr = nr;
        si = ni;
        acc_logdet += LA_LOG(ab);
    }
    LA_R parts[2] = {sr, si};
    memcpy(sign, parts, sizeof parts);
#else
    LA_R s = (change % 2) ? -1 : 1;
    for (int64_t i = 0; i < n; i++) {
        LA_R e = A[i + i * ld];
        if (e < 0) {
            s = -s;
            e = -e;
        }
        acc_logdet += LA_LOG(e);
    }
    *sign = s;
#endif
    *logdet = acc_logdet;
}

static void LA_FN(det)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int slog = d->routine == NK_LA_SLOGDET;
    const int64_t n = d->n, ld = la_max64(n, 1);
    la_arena ar;
    if (!LA_FN(arena)(&ar, la_round(ld * ld * LA_ES) + la_round(ld * sizeof(la_int)))) {
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    LA_T *A = la_take(&ar, ld * ld * LA_ES);
    la_int *ipiv = la_take(&ar, ld * sizeof(la_int));
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi && err->code == NK_OK; t++) {
        la_item_ptrs(d, t, p);
        la_gather(A, ld, p[0], n, n, d->op[0].rs, d->op[0].cs, LA_ES);
        LA_T sign;
        LA_R logdet;
        LA_FN(slogdet_one)(A, n, ld, ipiv, &sign, &logdet, t, err);
        if (err->code != NK_OK)
            break;
        if (slog) {
            memcpy(p[1], &sign, LA_ES);
            memcpy(p[2], &logdet, LA_RS);
        } else {
            LA_R e = LA_EXP(logdet);
#if LA_CPLX
            LA_R parts[2] = {LA_RE(sign) * e, LA_IM(sign) * e};
            memcpy(p[1], parts, sizeof parts);
#else
            LA_T r = sign * e;
            memcpy(p[1], &r, LA_ES);
#endif
        }
    }
    free(ar.base);
}

/* ---- cholesky (potrf, the other triangle zeroed) ---- */
static void LA_FN(cholesky)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int upper = (d->flags & NK_LA_UPPER) != 0;
    const int64_t n = d->n, ld = la_max64(n, 1);
    LA_FN(potrf_t) potrf = (LA_FN(potrf_t))nk_blas()->LA_POTRF;
    la_arena ar;
    if (!LA_FN(arena)(&ar, la_round(ld * ld * LA_ES))) {
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    LA_T *A = la_take(&ar, ld * ld * LA_ES);
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        la_gather(A, ld, p[0], n, n, d->op[0].rs, d->op[0].cs, LA_ES);
        la_int info = potrf(LA_COL_MAJOR, upper ? 'U' : 'L', (la_int)n, A, (la_int)ld);
        if (info != 0) {
            la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_NOT_POSDEF, t, info);
            break;
        }
        for (int64_t j = 0; j < n; j++)
            for (int64_t i = 0; i < n; i++)
                if (upper ? i > j : i < j)
                    A[i + j * ld] = 0;
        la_scatter(p[1], n, n, d->op[1].rs, d->op[1].cs, A, ld, LA_ES);
    }
    free(ar.base);
}

/* ---- eigh, eigvalsh (syevd / heevd) ---- */
typedef struct LA_FN(eigh_ws) {
    la_int lwork, lrwork, liwork;
    LA_T *work;
    LA_R *rwork;
    la_int *iwork;
} LA_FN(eigh_ws);

/* Queries syevd/heevd for an n x n problem and takes its workspace from the arena (two passes: first with a NULL
 * arena to learn the sizes). Returns 0 on success. */
static la_int LA_FN(eigh_query)(char jobz, char uplo, int64_t n, LA_T *A, LA_R *w, LA_FN(eigh_ws) *ws)
{
    LA_FN(heevd_t) heevd = (LA_FN(heevd_t))nk_blas()->LA_HEEVD;
    LA_T wq = 0;
    la_int iq = 0, info;
#if LA_CPLX
    LA_R rq = 0;
    info = heevd(LA_COL_MAJOR, jobz, uplo, (la_int)n, A, LA_LD(n), w, &wq, -1, &rq, -1, &iq, -1);
    ws->lrwork = rq >= 1 ? (la_int)ceil((double)rq) : 1;
#else
    info = heevd(LA_COL_MAJOR, jobz, uplo, (la_int)n, A, LA_LD(n), w, &wq, -1, &iq, -1);
    ws->lrwork = 0;
#endif
    ws->lwork = LA_FN(lwork)(wq);
    ws->liwork = iq >= 1 ? iq : 1;
    return info;
}

static la_int LA_FN(eigh_call)(char jobz, char uplo, int64_t n, LA_T *A, LA_R *w, const LA_FN(eigh_ws) *ws)
{
    LA_FN(heevd_t) heevd = (LA_FN(heevd_t))nk_blas()->LA_HEEVD;
#if LA_CPLX
    return heevd(LA_COL_MAJOR, jobz, uplo, (la_int)n, A, LA_LD(n), w, ws->work, ws->lwork, ws->rwork, ws->lrwork,
                 ws->iwork, ws->liwork);
#else
    return heevd(LA_COL_MAJOR, jobz, uplo, (la_int)n, A, LA_LD(n), w, ws->work, ws->lwork, ws->iwork, ws->liwork);
#endif
}

static size_t LA_FN(eigh_bytes)(const LA_FN(eigh_ws) *ws)
{
    return la_round((size_t)ws->lwork * LA_ES) + la_round((size_t)ws->lrwork * LA_RS + 1) +
           la_round((size_t)ws->liwork * sizeof(la_int));
}

static void LA_FN(eigh_take)(la_arena *ar, LA_FN(eigh_ws) *ws)
{
    ws->work = la_take(ar, (size_t)ws->lwork * LA_ES);
    ws->rwork = la_take(ar, (size_t)ws->lrwork * LA_RS + 1);
    ws->iwork = la_take(ar, (size_t)ws->liwork * sizeof(la_int));
}

static void LA_FN(eigh)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int vectors = d->op[2].data != NULL;
    const char jobz = vectors ? 'V' : 'N', uplo = (d->flags & NK_LA_UPPER) ? 'U' : 'L';
    const int64_t n = d->n, ld = la_max64(n, 1);
    if (n == 0)
        return;
    LA_T *A = la_alloc(ld * ld * LA_ES);
    LA_R *w = la_alloc(ld * LA_RS);
    LA_FN(eigh_ws) ws = {0, 0, 0, NULL, NULL, NULL};
    if (A == NULL || w == NULL) {
        free(A);
        free(w);
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    la_int q = LA_FN(eigh_query)(jobz, uplo, n, A, w, &ws);
    la_arena ar;
    if (q != 0 || !LA_FN(arena)(&ar, LA_FN(eigh_bytes)(&ws))) {
        la_err_set(err, q != 0 ? NK_E_INTERNAL : NK_E_NOMEM, 0, lo, q);
        free(A);
        free(w);
        return;
    }
    LA_FN(eigh_take)(&ar, &ws);
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        la_gather(A, ld, p[0], n, n, d->op[0].rs, d->op[0].cs, LA_ES);
        la_int info = LA_FN(eigh_call)(jobz, uplo, n, A, w, &ws);
        if (info != 0) {
            la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_EIG_NOCONV, t, info);
            break;
        }
        la_scatter(p[1], 1, n, 0, d->op[1].cs, w, 1, LA_RS);
        if (vectors)
            la_scatter(p[2], n, n, d->op[2].rs, d->op[2].cs, A, ld, LA_ES);
    }
    free(ar.base);
    free(A);
    free(w);
}

/* ---- eig, eigvals (geev; real input gives complex results, NumPy's mk_geev_complex_eigenvectors) ---- */
#if LA_CPLX
#define LA_CT LA_T
#else
#define LA_CT LA_XCAT3(la_c, LA_CBITS, )
#endif

static void LA_FN(eig)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int vectors = d->op[2].data != NULL;
    const int64_t n = d->n, ld = la_max64(n, 1);
    if (n == 0)
        return;
    LA_FN(geev_t) geev = (LA_FN(geev_t))nk_blas()->LA_GEEV;
    const char jobvr = vectors ? 'V' : 'N';
    la_arena ar;
    size_t fixed = la_round(ld * ld * LA_ES) * 2 + la_round(ld * LA_ES) * 2 + la_round(2 * ld * LA_RS) +
                   la_round(ld * ld * sizeof(LA_CT)) + la_round(ld * sizeof(LA_CT));
    if (!LA_FN(arena)(&ar, fixed)) {
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    LA_T *A = la_take(&ar, ld * ld * LA_ES), *VR = la_take(&ar, ld * ld * LA_ES);
    LA_T *w1 = la_take(&ar, ld * LA_ES), *w2 = la_take(&ar, ld * LA_ES);
    LA_R *rwork = la_take(&ar, 2 * ld * LA_RS);
    LA_CT *cv = la_take(&ar, ld * ld * sizeof(LA_CT));
    LA_CT *cw = la_take(&ar, ld * sizeof(LA_CT));
    LA_T wq = 0, dummy = 0;
    la_int info;
#if LA_CPLX
    (void)w2;
    info = geev(LA_COL_MAJOR, 'N', jobvr, (la_int)n, A, (la_int)ld, w1, &dummy, 1, VR, (la_int)ld, &wq, -1, rwork);
#else
    (void)rwork;
    info = geev(LA_COL_MAJOR, 'N', jobvr, (la_int)n, A, (la_int)ld, w1, w2, &dummy, 1, VR, (la_int)ld, &wq, -1);
#endif
    la_int lwork = LA_FN(lwork)(wq);
    LA_T *work = info == 0 ? la_alloc((size_t)lwork * LA_ES) : NULL;
    if (work == NULL) {
        la_err_set(err, info != 0 ? NK_E_INTERNAL : NK_E_NOMEM, 0, lo, info);
        free(ar.base);
        return;
    }
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        la_gather(A, ld, p[0], n, n, d->op[0].rs, d->op[0].cs, LA_ES);
#if LA_CPLX
        info = geev(LA_COL_MAJOR, 'N', jobvr, (la_int)n, A, (la_int)ld, w1, &dummy, 1, VR, (la_int)ld, work, lwork,
                    rwork);
#else
        info = geev(LA_COL_MAJOR, 'N', jobvr, (la_int)n, A, (la_int)ld, w1, w2, &dummy, 1, VR, (la_int)ld, work,
                    lwork);
#endif
        if (info != 0) {
            la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_EIG_NOCONV, t, info);
            break;
        }
#if LA_CPLX
        la_scatter(p[1], 1, n, 0, d->op[1].cs, w1, 1, LA_ES);
        if (vectors)
            la_scatter(p[2], n, n, d->op[2].rs, d->op[2].cs, VR, ld, LA_ES);
        (void)cv;
        (void)cw;
#else
        for (int64_t i = 0; i < n; i++) {
            cw[i] = LA_CMPLX(w1[i], w2[i]);
            if (w2[i] != 0)
                err->result = 1;
        }
        la_scatter(p[1], 1, n, 0, d->op[1].cs, cw, 1, sizeof(LA_CT));
        if (vectors) {
            for (int64_t j = 0; j < n;) {
                const LA_T *r = VR + j * ld;
                if (w2[j] == 0 || j + 1 == n) {
                    for (int64_t i = 0; i < n; i++)
                        cv[i + j * ld] = LA_CMPLX(r[i], (LA_T)0);
                    j++;
                } else {
                    for (int64_t i = 0; i < n; i++) {
                        cv[i + j * ld] = LA_CMPLX(r[i], r[i + ld]);
                        cv[i + (j + 1) * ld] = LA_CMPLX(r[i], -r[i + ld]);
                    }
                    j += 2;
                }
            }
            la_scatter(p[2], n, n, d->op[2].rs, d->op[2].cs, cv, ld, sizeof(LA_CT));
        }
#endif
    }
    free(work);
    free(ar.base);
}

/* ---- svd (gesdd; hermitian through heevd as NumPy's svd(hermitian=True)) ---- */
typedef struct LA_FN(svd_ws) {
    char jobz;
    int64_t m, n, mn, ldu, ucols, ldvt, vrows;
    la_int lwork;
    LA_T *A, *U, *VT, *work;
    LA_R *s, *rwork;
    la_int *iwork;
} LA_FN(svd_ws);

/* Sizes and query for an m x n gesdd with jobz; allocates everything in one block (*block, caller frees). */
static int32_t LA_FN(svd_setup)(LA_FN(svd_ws) *w, char jobz, int64_t m, int64_t n, void **block)
{
    w->jobz = jobz;
    w->m = m;
    w->n = n;
    w->mn = la_min64(m, n);
    w->ldu = la_max64(m, 1);
    w->ucols = jobz == 'A' ? m : jobz == 'S' ? w->mn : 1;
    w->vrows = jobz == 'A' ? n : jobz == 'S' ? w->mn : 1;
    w->ldvt = la_max64(w->vrows, 1);
    const int64_t mn = w->mn, mx = la_max64(m, n);
    size_t base = la_round(w->ldu * la_max64(n, 1) * LA_ES) + la_round(w->ldu * la_max64(w->ucols, 1) * LA_ES) +
                  la_round(w->ldvt * la_max64(n, 1) * LA_ES) + la_round(la_max64(mn, 1) * LA_RS) +
                  la_round(8 * la_max64(mn, 1) * sizeof(la_int));
#if LA_CPLX
    /* LAPACK 3.7+ bounds for zgesdd's RWORK (no query for it). */
    int64_t lrwork = jobz == 'N' ? 7 * mn : la_max64(5 * mn * mn + 5 * mn, 2 * mx * mn + 2 * mn * mn + mn);
    lrwork = la_max64(lrwork, 1);
    base += la_round(lrwork * LA_RS);
#else
    (void)mx;
#endif
    la_arena ar;
    if (!LA_FN(arena)(&ar, base))
        return NK_E_NOMEM;
    w->A = la_take(&ar, w->ldu * la_max64(n, 1) * LA_ES);
    w->U = la_take(&ar, w->ldu * la_max64(w->ucols, 1) * LA_ES);
    w->VT = la_take(&ar, w->ldvt * la_max64(n, 1) * LA_ES);
    w->s = la_take(&ar, la_max64(mn, 1) * LA_RS);
    w->iwork = la_take(&ar, 8 * la_max64(mn, 1) * sizeof(la_int));
#if LA_CPLX
    w->rwork = la_take(&ar, lrwork * LA_RS);
#else
    w->rwork = NULL;
#endif
    *block = ar.base;
    w->work = NULL;
    w->lwork = 1;
    if (mn == 0)
        return NK_OK;
    LA_FN(gesdd_t) gesdd = (LA_FN(gesdd_t))nk_blas()->LA_GESDD;
    LA_T wq = 0;
#if LA_CPLX
    la_int info = gesdd(LA_COL_MAJOR, jobz, (la_int)m, (la_int)n, w->A, (la_int)w->ldu, w->s, w->U, (la_int)w->ldu,
                        w->VT, (la_int)w->ldvt, &wq, -1, w->rwork, w->iwork);
#else
    la_int info = gesdd(LA_COL_MAJOR, jobz, (la_int)m, (la_int)n, w->A, (la_int)w->ldu, w->s, w->U, (la_int)w->ldu,
                        w->VT, (la_int)w->ldvt, &wq, -1, w->iwork);
#endif
    if (info != 0)
        return NK_E_INTERNAL;
    w->lwork = LA_FN(lwork)(wq);
    w->work = la_alloc((size_t)w->lwork * LA_ES);
    return w->work != NULL ? NK_OK : NK_E_NOMEM;
}

static int LA_FN(any_nan)(const LA_T *a, int64_t m, int64_t n, int64_t ld)
{
    for (int64_t j = 0; j < n; j++)
        for (int64_t i = 0; i < m; i++)
            if (isnan((double)LA_RE(a[i + j * ld])) || isnan((double)LA_IM(a[i + j * ld])))
                return 1;
    return 0;
}

/* Runs gesdd on w->A (already gathered); 0 or LAPACK's info. */
static la_int LA_FN(svd_run)(LA_FN(svd_ws) *w)
{
    if (w->mn == 0) {
        if (w->jobz == 'A') {
            LA_FN(eye)(w->U, w->m, w->ldu);
            LA_FN(eye)(w->VT, w->n, w->ldvt);
        }
        return 0;
    }
    LA_FN(gesdd_t) gesdd = (LA_FN(gesdd_t))nk_blas()->LA_GESDD;
    la_int info;
#if LA_CPLX
    info = gesdd(LA_COL_MAJOR, w->jobz, (la_int)w->m, (la_int)w->n, w->A, (la_int)w->ldu, w->s, w->U, (la_int)w->ldu,
                 w->VT, (la_int)w->ldvt, w->work, w->lwork, w->rwork, w->iwork);
#else
    info = gesdd(LA_COL_MAJOR, w->jobz, (la_int)w->m, (la_int)w->n, w->A, (la_int)w->ldu, w->s, w->U, (la_int)w->ldu,
                 w->VT, (la_int)w->ldvt, w->work, w->lwork, w->iwork);
#endif
    /* LAPACK >= 3.10 refuses NaN input to ?gesdd with INFO = -4 (A), -5 through LAPACKE's column-major shift, and
     * leaves A untouched: that is NumPy's "SVD did not converge", not an argument error of ours. */
    if (info == -5 && LA_FN(any_nan)(w->A, w->m, w->n, w->ldu))
        return 1;
    return info;
}

/* |w| in descending order with NumPy's tie order (argsort ascending, then reversed), and the permutation. */
typedef struct {
    LA_R key;
    int64_t idx;
} LA_FN(keyed);

static int LA_FN(keyed_cmp)(const void *x, const void *y)
{
    const LA_FN(keyed) *a = x, *b = y;
    /* NaN sorts last, as in NumPy. */
    int an = isnan(a->key), bn = isnan(b->key);
    if (an != bn)
        return an - bn;
    if (!an && a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->idx < b->idx ? -1 : (a->idx > b->idx);
}

/* Hermitian "svd": eigh of the n x n matrix in A (ld), then s = |w| descending, U permuted, Vh = (U sgn)^H.
 * U and Vh are written column-major with leading dimension ld when vectors are wanted. */
static la_int LA_FN(svd_herm)(LA_T *A, int64_t n, int64_t ld, int vectors, LA_R *w, LA_R *s, LA_T *U, LA_T *VH,
                              LA_FN(keyed) *keys, const LA_FN(eigh_ws) *ws)
{
    la_int info = LA_FN(eigh_call)(vectors ? 'V' : 'N', 'L', n, A, w, ws);
    if (info != 0)
        return info;
    for (int64_t i = 0; i < n; i++) {
        keys[i].key = (LA_R)fabs((double)w[i]);
        keys[i].idx = i;
    }
    qsort(keys, (size_t)n, sizeof keys[0], LA_FN(keyed_cmp));
    for (int64_t r = 0; r < n; r++) {
        const int64_t src = keys[n - 1 - r].idx;
        s[r] = (LA_R)fabs((double)w[src]);
        if (!vectors)
            continue;
        const LA_R sgn = (LA_R)copysign(1.0, (double)w[src]);
        for (int64_t i = 0; i < n; i++) {
            const LA_T u = A[i + src * ld];
            U[i + r * ld] = u;
            VH[r + i * ld] = LA_CONJ(u * sgn);
        }
    }
    return 0;
}

static void LA_FN(svd)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int vectors = d->op[1].data != NULL;
    const int full = (d->flags & NK_LA_FULL) != 0;
    const int64_t m = d->m, n = d->n;
    char *p[NK_LA_MAXOPS];
    if ((d->flags & NK_LA_HERMITIAN) != 0) {
        const int64_t ld = la_max64(n, 1);
        if (n == 0)
            return;
        LA_T *A = la_alloc(ld * ld * LA_ES), *U = la_alloc(ld * ld * LA_ES), *VH = la_alloc(ld * ld * LA_ES);
        LA_R *w = la_alloc(ld * LA_RS), *s = la_alloc(ld * LA_RS);
        LA_FN(keyed) *keys = la_alloc(ld * sizeof(LA_FN(keyed)));
        LA_FN(eigh_ws) ws = {0, 0, 0, NULL, NULL, NULL};
        la_arena ar = {NULL, 0, 0};
        int ok = A && U && VH && w && s && keys;
        la_int q = ok ? LA_FN(eigh_query)(vectors ? 'V' : 'N', 'L', n, A, w, &ws) : 0;
        ok = ok && q == 0 && LA_FN(arena)(&ar, LA_FN(eigh_bytes)(&ws));
        if (!ok) {
            la_err_set(err, q != 0 ? NK_E_INTERNAL : NK_E_NOMEM, 0, lo, q);
        } else {
            LA_FN(eigh_take)(&ar, &ws);
            for (int64_t t = lo; t < hi; t++) {
                la_item_ptrs(d, t, p);
                la_gather(A, ld, p[0], n, n, d->op[0].rs, d->op[0].cs, LA_ES);
                la_int info = LA_FN(svd_herm)(A, n, ld, vectors, w, s, U, VH, keys, &ws);
                if (info != 0) {
                    /* NumPy's hermitian svd is eigh: its error is eigh's. */
                    la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_EIG_NOCONV, t, info);
                    break;
                }
                la_scatter(p[2], 1, n, 0, d->op[2].cs, s, 1, LA_RS);
                if (vectors) {
                    la_scatter(p[1], n, n, d->op[1].rs, d->op[1].cs, U, ld, LA_ES);
                    la_scatter(p[3], n, n, d->op[3].rs, d->op[3].cs, VH, ld, LA_ES);
                }
            }
        }
        free(ar.base);
        free(A);
        free(U);
        free(VH);
        free(w);
        free(s);
        free(keys);
        return;
    }
    LA_FN(svd_ws) w;
    void *block = NULL;
    int32_t code = LA_FN(svd_setup)(&w, vectors ? (full ? 'A' : 'S') : 'N', m, n, &block);
    if (code != NK_OK) {
        la_err_set(err, code, 0, lo, 0);
        free(w.work);
        free(block);
        return;
    }
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        la_gather(w.A, w.ldu, p[0], m, n, d->op[0].rs, d->op[0].cs, LA_ES);
        la_int info = LA_FN(svd_run)(&w);
        if (info != 0) {
            la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_SVD_NOCONV, t, info);
            break;
        }
        la_scatter(p[2], 1, w.mn, 0, d->op[2].cs, w.s, 1, LA_RS);
        if (vectors) {
            la_scatter(p[1], m, w.ucols, d->op[1].rs, d->op[1].cs, w.U, w.ldu, LA_ES);
            la_scatter(p[3], w.vrows, n, d->op[3].rs, d->op[3].cs, w.VT, w.ldvt, LA_ES);
        }
    }
    free(w.work);
    free(block);
}

/* ---- qr (geqrf, then orgqr/ungqr for Q) ---- */
static void LA_FN(qr)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int64_t m = d->m, n = d->n, mn = la_min64(m, n), kq = d->k; /* kq: columns of Q, rows of R */
    const int64_t ld = la_max64(m, 1);
    const int want_q = d->op[1].data != NULL;
    LA_FN(geqrf_t) geqrf = (LA_FN(geqrf_t))nk_blas()->LA_GEQRF;
    LA_FN(orgqr_t) orgqr = (LA_FN(orgqr_t))nk_blas()->LA_ORGQR;
    la_arena ar;
    const int64_t qcols = la_max64(kq, 1);
    if (!LA_FN(arena)(&ar, la_round(ld * la_max64(n, 1) * LA_ES) + la_round(la_max64(mn, 1) * LA_ES) +
                              la_round(ld * qcols * LA_ES))) {
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    LA_T *A = la_take(&ar, ld * la_max64(n, 1) * LA_ES), *tau = la_take(&ar, la_max64(mn, 1) * LA_ES);
    LA_T *Q = la_take(&ar, ld * qcols * LA_ES);
    LA_T q1 = 0, q2 = 0;
    la_int i1 = geqrf(LA_COL_MAJOR, (la_int)m, (la_int)n, A, (la_int)ld, tau, &q1, -1), i2 = 0;
    if (want_q)
        i2 = orgqr(LA_COL_MAJOR, (la_int)m, (la_int)kq, (la_int)mn, Q, (la_int)ld, tau, &q2, -1);
    la_int lwork = LA_FN(lwork)(q1);
    if (want_q && LA_FN(lwork)(q2) > lwork)
        lwork = LA_FN(lwork)(q2);
    LA_T *work = i1 == 0 && i2 == 0 ? la_alloc((size_t)lwork * LA_ES) : NULL;
    if (work == NULL) {
        la_err_set(err, i1 != 0 || i2 != 0 ? NK_E_INTERNAL : NK_E_NOMEM, 0, lo, i1 != 0 ? i1 : i2);
        free(ar.base);
        return;
    }
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        la_gather(A, ld, p[0], m, n, d->op[0].rs, d->op[0].cs, LA_ES);
        la_int info = 0;
#ifdef LA_GEQRF_LOOKAHEAD
        if (!LA_GEQRF_LOOKAHEAD(m, n, A, ld, tau))
#endif
            info = geqrf(LA_COL_MAJOR, (la_int)m, (la_int)n, A, (la_int)ld, tau, work, lwork);
        if (info != 0) {
            la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_QR_FAILED, t, info);
            break;
        }
        if (p[3] != NULL)
            la_scatter(p[3], m, n, d->op[3].rs, d->op[3].cs, A, ld, LA_ES);
        if (p[4] != NULL)
            la_scatter(p[4], 1, mn, 0, d->op[4].cs, tau, 1, LA_ES);
        if (p[2] != NULL) {
            /* R = triu(A[:kq, :]) (kq <= m): rows :kq copied out as one tiled transpose, then the part below the
             * diagonal zeroed along R's rows; a per-item walk down A's columns cost 8% of qr(1000x1000). */
            const nk_mat *o = &d->op[2];
            static const LA_T zero = 0;
            la_scatter(p[2], kq, n, o->rs, o->cs, A, ld, LA_ES);
            for (int64_t i = 1; i < kq; i++)
                for (int64_t j = 0; j < la_min64(i, n); j++)
                    memcpy(p[2] + i * o->rs + j * o->cs, &zero, LA_ES);
        }
        if (want_q) {
            const int64_t copy_cols = la_min64(kq, n);
            memcpy(Q, A, (size_t)(ld * copy_cols) * LA_ES);
#ifdef LA_ORGQR_LOOKAHEAD
            if (!LA_ORGQR_LOOKAHEAD(m, kq, mn, Q, ld, tau))
#endif
                info = orgqr(LA_COL_MAJOR, (la_int)m, (la_int)kq, (la_int)mn, Q, (la_int)ld, tau, work, lwork);
            if (info != 0) {
                la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_QR_FAILED, t, info);
                break;
            }
            la_scatter(p[1], m, kq, d->op[1].rs, d->op[1].cs, Q, ld, LA_ES);
        }
    }
    free(work);
    free(ar.base);
}

/* ---- lstsq (gelsd) ---- */
static int64_t LA_FN(gelsd_nlvl)(int64_t mn)
{
    /* LAPACK's NLVL with SMLSIZ = 25 (ilaenv's value for ?gelsd). */
    if (mn <= 26)
        return 1;
    return (int64_t)(log((double)mn / 26.0) / log(2.0)) + 2;
}

/* lstsq_qr's answer when it does not apply (no LAPACK INFO takes this value). */
#define LA_QR_DECLINED (-100000)

#ifdef LA_APPLY_QT
/* gelsd's path for a tall matrix (m >= its mnthr = int(1.6 min(m, n)): geqrf, ormqr on B, then the n×n problem on
 * R) made step by step, so that only the QR runs on the backend's threads: at 2 threads OpenBLAS 0.3.21 made the Qᵀb
 * and the SVD solve on R of W6_lstsq_2000x200 slower than on one (1.0 vs 0.8 ms and 4.1 vs 3.0 ms on a Zen 5). The
 * steps are gelsd's own in its order, so the results are gelsd's to rounding. */
typedef struct {
    LA_T *tau, *R, *qt, *work;
    la_int lwork;
} LA_FN(lstsq_qr_ws);

static int LA_FN(lstsq_qr_applies)(int64_t m, int64_t n)
{
    return n > 0 && m > n && m >= (int64_t)((float)n * 1.6f);
}

/* The workspace of both steps (geqrf on A; gelsd on R with B's leading n rows); 0 on failure. */
static int LA_FN(lstsq_qr_ws_new)(LA_FN(lstsq_qr_ws) *w, int64_t m, int64_t n, int64_t nrhs, LA_T *B, int64_t ldb)
{
    LA_FN(geqrf_t) geqrf = (LA_FN(geqrf_t))nk_blas()->LA_GEQRF;
    LA_FN(gelsd_t) gelsd = (LA_FN(gelsd_t))nk_blas()->LA_GELSD;
    LA_T wq1 = 0, wq2 = 0, one = 0;
    la_int rank = 0, iq = 0;
    LA_R s1 = 0;
    w->tau = la_alloc((size_t)n * LA_ES);
    w->R = la_alloc((size_t)(n * n) * LA_ES);
    w->qt = la_alloc((size_t)(NK_LA_LOOKAHEAD_NB * NK_LA_LOOKAHEAD_NB + nrhs * NK_LA_ORMQR_NB) * LA_ES);
    w->work = NULL;
    if (w->tau == NULL || w->R == NULL || w->qt == NULL || geqrf == NULL ||
        !LA_APPLY_QT(m, 0, NULL, m, NULL, NULL, m, nrhs, w->qt) ||
        geqrf(LA_COL_MAJOR, (la_int)m, (la_int)n, &one, (la_int)m, w->tau, &wq1, -1) != 0 ||
        gelsd(LA_COL_MAJOR, (la_int)n, (la_int)n, (la_int)nrhs, w->R, (la_int)n, B, (la_int)ldb, &s1, -1, &rank, &wq2,
              -1, &iq) != 0)
        return 0;
    w->lwork = la_max64(LA_FN(lwork)(wq1), LA_FN(lwork)(wq2));
    w->work = la_alloc((size_t)w->lwork * LA_ES);
    return w->work != NULL;
}

static void LA_FN(lstsq_qr_ws_free)(LA_FN(lstsq_qr_ws) *w)
{
    free(w->tau);
    free(w->R);
    free(w->qt);
    free(w->work);
}

static LA_R LA_FN(max_abs)(const LA_T *X, int64_t rows, int64_t cols, int64_t ld)
{
    LA_R mx = 0;
    for (int64_t j = 0; j < cols; j++)
        for (int64_t i = 0; i < rows; i++) {
            const LA_R v = LA_ABS(X[i + j * ld]);
            mx = v > mx ? v : mx;
        }
    return mx;
}

/* One item: gelsd's INFO on R, or LA_QR_DECLINED (A and B untouched) where gelsd should run whole: values so large
 * or small that gelsd would scale A or B first (its thresholds lie far beyond these, and R's largest entry within
 * sqrt(m) of A's). */
static la_int LA_FN(lstsq_qr)(LA_FN(lstsq_qr_ws) *w, int64_t m, int64_t n, int64_t nrhs, LA_T *A, int64_t lda, LA_T *B,
                              int64_t ldb, LA_R *s, LA_R rcond, la_int *rank, la_int *iwork)
{
    const LA_R lo = LA_F32 ? (LA_R)1e-15 : (LA_R)1e-150, hi = LA_F32 ? (LA_R)1e15 : (LA_R)1e150;
    const LA_R anrm = LA_FN(max_abs)(A, m, n, lda), bnrm = LA_FN(max_abs)(B, m, nrhs, ldb);
    if (!(anrm >= lo && anrm <= hi) || !(bnrm == 0 || (bnrm >= lo && bnrm <= hi)))
        return LA_QR_DECLINED;
    LA_FN(geqrf_t) geqrf = (LA_FN(geqrf_t))nk_blas()->LA_GEQRF;
    LA_FN(gelsd_t) gelsd = (LA_FN(gelsd_t))nk_blas()->LA_GELSD;
    la_int info = geqrf(LA_COL_MAJOR, (la_int)m, (la_int)n, A, (la_int)lda, w->tau, w->work, w->lwork);
    if (info != 0)
        return info;
    const int wide = nk_blas_wide_held();
    if (wide)
        nk_blas_wide_set_threads(1);
    LA_APPLY_QT(m, n, A, lda, w->tau, B, ldb, nrhs, w->qt);
    for (int64_t j = 0; j < n; j++)
        for (int64_t i = 0; i < n; i++)
            w->R[i + j * n] = i <= j ? A[i + j * lda] : 0;
    info = gelsd(LA_COL_MAJOR, (la_int)n, (la_int)n, (la_int)nrhs, w->R, (la_int)n, B, (la_int)ldb, s, rcond, rank,
                 w->work, w->lwork, iwork);
    if (wide)
        nk_blas_wide_set_threads(nk_get_num_threads());
    return info;
}
#endif

static void LA_FN(lstsq)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int64_t m = d->m, n = d->n, nrhs_out = d->k, nrhs = la_max64(d->k, 1), mn = la_min64(m, n);
    const int64_t lda = la_max64(m, 1), ldb = la_max64(la_max64(m, n), 1);
    const LA_R rcond = (LA_R)d->param[0];
    LA_FN(gelsd_t) gelsd = (LA_FN(gelsd_t))nk_blas()->LA_GELSD;
    const int64_t nlvl = LA_FN(gelsd_nlvl)(la_max64(mn, 1));
    int64_t liwork = la_max64(1, 3 * mn * nlvl + 11 * mn);
#if LA_CPLX
    const int64_t mx = la_max64(m, n), smlsiz = 25;
    int64_t lrwork = 10 * mx + 2 * mx * smlsiz + 8 * mx * nlvl + 3 * smlsiz * nrhs +
                     la_max64((smlsiz + 1) * (smlsiz + 1), mx * (1 + nrhs) + 2 * nrhs);
#else
    int64_t lrwork = 1;
#endif
    la_arena ar;
    if (!LA_FN(arena)(&ar, la_round(lda * la_max64(n, 1) * LA_ES) + la_round(ldb * nrhs * LA_ES) +
                              la_round(la_max64(mn, 1) * LA_RS))) {
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    LA_T *A = la_take(&ar, lda * la_max64(n, 1) * LA_ES), *B = la_take(&ar, ldb * nrhs * LA_ES);
    LA_R *s = la_take(&ar, la_max64(mn, 1) * LA_RS);
    la_int rank = 0, info = 0;
    LA_T *work = NULL;
    la_int lwork = 1;
    la_int *iwork = NULL;
    LA_R *rwork = NULL;
    if (mn > 0) {
        LA_T wq = 0;
        la_int iq = 0;
#if LA_CPLX
        LA_R rq = 0;
        info = gelsd(LA_COL_MAJOR, (la_int)m, (la_int)n, (la_int)nrhs, A, (la_int)lda, B, (la_int)ldb, s, rcond,
                     &rank, &wq, -1, &rq, &iq);
        if (rq > (LA_R)lrwork)
            lrwork = (int64_t)ceil((double)rq);
#else
        info = gelsd(LA_COL_MAJOR, (la_int)m, (la_int)n, (la_int)nrhs, A, (la_int)lda, B, (la_int)ldb, s, rcond,
                     &rank, &wq, -1, &iq);
#endif
        if (iq > liwork)
            liwork = iq;
        lwork = LA_FN(lwork)(wq);
        work = info == 0 ? la_alloc((size_t)lwork * LA_ES) : NULL;
        iwork = la_alloc((size_t)liwork * sizeof(la_int));
        rwork = la_alloc((size_t)lrwork * LA_RS);
        if (work == NULL || iwork == NULL || rwork == NULL) {
            la_err_set(err, info != 0 ? NK_E_INTERNAL : NK_E_NOMEM, 0, lo, info);
            free(work);
            free(iwork);
            free(rwork);
            free(ar.base);
            return;
        }
    }
#ifdef LA_APPLY_QT
    LA_FN(lstsq_qr_ws) qr = {NULL, NULL, NULL, NULL, 0};
    const int qr_first = LA_FN(lstsq_qr_applies)(m, n) && LA_FN(lstsq_qr_ws_new)(&qr, m, n, nrhs, B, ldb);
#endif
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        const int nonfinite = la_gather_finite(A, lda, p[0], m, n, d->op[0].rs, d->op[0].cs, LA_ES, LA_RS);
        memset(B, 0, (size_t)(ldb * nrhs) * LA_ES);
        la_gather(B, ldb, p[1], m, nrhs_out, d->op[1].rs, d->op[1].cs, LA_ES);
        if (mn > 0 && nonfinite) {
            /* NaN/inf in A reach gelsd's internal ?LASCL as a NaN norm, which calls XERBLA: OpenBLAS's prints and
             * returns (INFO -4), netlib's prints and STOPs the process. NumPy reports every such failure as "SVD did
             * not converge in Linear Least Squares", so do that without calling LAPACK. */
            la_err_set(err, NK_E_LINALG, NK_LA_LSTSQ_NOCONV, t, 0);
            break;
        }
        if (mn > 0) {
#if LA_CPLX
            info = gelsd(LA_COL_MAJOR, (la_int)m, (la_int)n, (la_int)nrhs, A, (la_int)lda, B, (la_int)ldb, s, rcond,
                         &rank, work, lwork, rwork, iwork);
#else
            info = LA_QR_DECLINED;
#ifdef LA_APPLY_QT
            if (qr_first)
                info = LA_FN(lstsq_qr)(&qr, m, n, nrhs, A, lda, B, ldb, s, rcond, &rank, iwork);
#endif
            if (info == LA_QR_DECLINED)
                info = gelsd(LA_COL_MAJOR, (la_int)m, (la_int)n, (la_int)nrhs, A, (la_int)lda, B, (la_int)ldb, s,
                             rcond, &rank, work, lwork, iwork);
#endif
            /* NumPy maps every nonzero INFO to "SVD did not converge in Linear Least Squares" (the workspace query
             * with these sizes succeeded, so a negative one here comes from the data too). */
            if (info != 0) {
                la_err_set(err, NK_E_LINALG, NK_LA_LSTSQ_NOCONV, t, info);
                break;
            }
        } else {
            /* gelsd's quick return: rank 0 and B untouched; NumPy then zeroes x when m == 0. */
            rank = 0;
            for (int64_t j = 0; j < nrhs; j++)
                for (int64_t i = 0; i < n; i++)
                    B[i + j * ldb] = 0;
        }
        err->result = rank;
        la_scatter(p[2], n, nrhs_out, d->op[2].rs, d->op[2].cs, B, ldb, LA_ES);
        la_scatter(p[4], 1, mn, 0, d->op[4].cs, s, 1, LA_RS);
        for (int64_t j = 0; j < nrhs_out; j++) {
            LA_R r = (LA_R)NAN;
            if (m > n && rank == n) {
                r = 0;
                for (int64_t i = n; i < m; i++)
                    r += LA_ABS2(B[i + j * ldb]);
            }
            memcpy(p[3] + j * d->op[3].cs, &r, LA_RS);
        }
    }
#ifdef LA_APPLY_QT
    LA_FN(lstsq_qr_ws_free)(&qr);
#endif
    free(work);
    free(iwork);
    free(rwork);
    free(ar.base);
}

/* ---- pinv (NumPy: svd of conj(a), reduced; 1/s above rcond * max(s); Vt^T diag(1/s) U^T) ---- */
static void LA_FN(pinv)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int64_t m = d->m, n = d->n, mn = la_min64(m, n);
    const int herm = (d->flags & NK_LA_HERMITIAN) != 0;
    if (mn == 0)
        return;
    LA_FN(svd_ws) w;
    void *block = NULL;
    LA_FN(eigh_ws) ews = {0, 0, 0, NULL, NULL, NULL};
    la_arena ear = {NULL, 0, 0};
    LA_R *ew = NULL;
    LA_FN(keyed) *keys = NULL;
    int32_t code = NK_OK;
    if (herm) {
        /* Square by the caller's check; U and VT live in an svd_ws laid out for a full n x n problem. */
        code = LA_FN(svd_setup)(&w, 'N', n, n, &block);
        free(w.work);
        w.work = NULL;
        ew = la_alloc(n * LA_RS);
        keys = la_alloc(n * sizeof(LA_FN(keyed)));
        la_int q = (code == NK_OK && ew && keys) ? LA_FN(eigh_query)('V', 'L', n, w.A, ew, &ews) : 0;
        if (code == NK_OK && (ew == NULL || keys == NULL))
            code = NK_E_NOMEM;
        if (code == NK_OK && q != 0)
            code = NK_E_INTERNAL;
        if (code == NK_OK && !LA_FN(arena)(&ear, LA_FN(eigh_bytes)(&ews)))
            code = NK_E_NOMEM;
        if (code == NK_OK)
            LA_FN(eigh_take)(&ear, &ews);
    } else {
        code = LA_FN(svd_setup)(&w, 'S', m, n, &block);
    }
    /* The scaled U^T (mn x m) and the result (n x m), column-major. */
    const int64_t ldw = la_max64(mn, 1), ldr = la_max64(n, 1);
    LA_T *W = la_alloc(ldw * m * LA_ES), *R = la_alloc(ldr * m * LA_ES);
    LA_T *U = NULL, *VT = NULL;
    if (herm && code == NK_OK) {
        U = la_alloc(n * n * LA_ES);
        VT = la_alloc(n * n * LA_ES);
        if (U == NULL || VT == NULL)
            code = NK_E_NOMEM;
    }
    if (code == NK_OK && (W == NULL || R == NULL))
        code = NK_E_NOMEM;
    if (code == NK_OK && nk_blas()->LA_GEMM == NULL)
        code = NK_E_INTERNAL;
    if (code != NK_OK) {
        la_err_set(err, code, 0, lo, 0);
    } else {
        char *p[NK_LA_MAXOPS];
        for (int64_t t = lo; t < hi; t++) {
            la_item_ptrs(d, t, p);
            la_gather(w.A, w.ldu, p[0], m, n, d->op[0].rs, d->op[0].cs, LA_ES);
#if LA_CPLX
            for (int64_t j = 0; j < n; j++)
                for (int64_t i = 0; i < m; i++)
                    w.A[i + j * w.ldu] = LA_CONJ(w.A[i + j * w.ldu]);
#endif
            la_int info;
            const LA_T *Up, *VTp;
            int64_t ldu, ldvt;
            if (herm) {
                info = LA_FN(svd_herm)(w.A, n, w.ldu, 1, ew, w.s, U, VT, keys, &ews);
                Up = U;
                VTp = VT;
                ldu = n;
                ldvt = n;
            } else {
                info = LA_FN(svd_run)(&w);
                Up = w.U;
                VTp = w.VT;
                ldu = w.ldu;
                ldvt = w.ldvt;
            }
            if (info != 0) {
                la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL,
                           herm ? NK_LA_EIG_NOCONV : NK_LA_SVD_NOCONV, t, info);
                break;
            }
            double rc;
            memcpy(&rc, p[2], sizeof rc);
            LA_R smax = w.s[0];
            for (int64_t r = 1; r < mn; r++)
                if (w.s[r] > smax || isnan((double)w.s[r]))
                    smax = w.s[r];
            const double cutoff = rc * (double)smax;
            for (int64_t r = 0; r < mn; r++) {
                const LA_R sinv = (double)w.s[r] > cutoff ? (LA_R)1 / w.s[r] : (LA_R)0;
                for (int64_t i = 0; i < m; i++)
                    W[r + i * ldw] = sinv * Up[i + r * ldu];
            }
            /* R (n x m) = VT^T (n x mn) @ W (mn x m); column-major gemm with VT transposed (not conjugated: the
             * conjugation was applied to a up front, as in NumPy). */
            const int64_t ldvt2 = la_max64(ldvt, 1);
#if LA_CPLX
            const LA_T one = 1, zero = 0;
            ((la_cgemm_t)nk_blas()->LA_GEMM)(LA_COL_MAJOR, LA_TRANS, LA_NOTRANS, (la_int)n, (la_int)m, (la_int)mn,
                                             &one, VTp, (la_int)ldvt2, W, (la_int)ldw, &zero, R, (la_int)ldr);
#else
            LA_XCAT3(la_, LA_P, gemm_t) gemm = (LA_XCAT3(la_, LA_P, gemm_t))nk_blas()->LA_GEMM;
            gemm(LA_COL_MAJOR, LA_TRANS, LA_NOTRANS, (la_int)n, (la_int)m, (la_int)mn, 1, VTp, (la_int)ldvt2, W,
                 (la_int)ldw, 0, R, (la_int)ldr);
#endif
            la_scatter(p[1], n, m, d->op[1].rs, d->op[1].cs, R, ldr, LA_ES);
        }
    }
    free(W);
    free(R);
    free(U);
    free(VT);
    free(ew);
    free(keys);
    free(ear.base);
    free(w.work);
    free(block);
}

/* ---- matrix_rank (singular values above tol) ---- */
static void LA_FN(rank)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int64_t m = d->m, n = d->n, mn = la_min64(m, n);
    const int herm = (d->flags & NK_LA_HERMITIAN) != 0;
    LA_FN(svd_ws) w;
    void *block = NULL;
    LA_FN(eigh_ws) ews = {0, 0, 0, NULL, NULL, NULL};
    la_arena ear = {NULL, 0, 0};
    LA_R *ew = NULL;
    LA_FN(keyed) *keys = NULL;
    int32_t code = LA_FN(svd_setup)(&w, 'N', herm ? n : m, n, &block);
    if (herm) {
        free(w.work);
        w.work = NULL;
        if (code == NK_OK && n > 0) {
            ew = la_alloc(n * LA_RS);
            keys = la_alloc(n * sizeof(LA_FN(keyed)));
            la_int q = (ew && keys) ? LA_FN(eigh_query)('N', 'L', n, w.A, ew, &ews) : 0;
            if (ew == NULL || keys == NULL)
                code = NK_E_NOMEM;
            else if (q != 0)
                code = NK_E_INTERNAL;
            else if (!LA_FN(arena)(&ear, LA_FN(eigh_bytes)(&ews)))
                code = NK_E_NOMEM;
            else
                LA_FN(eigh_take)(&ear, &ews);
        }
    }
    if (code != NK_OK) {
        la_err_set(err, code, 0, lo, 0);
    } else {
        char *p[NK_LA_MAXOPS];
        for (int64_t t = lo; t < hi; t++) {
            la_item_ptrs(d, t, p);
            la_int info = 0;
            if (mn > 0) {
                la_gather(w.A, w.ldu, p[0], herm ? n : m, n, d->op[0].rs, d->op[0].cs, LA_ES);
                info = herm ? LA_FN(svd_herm)(w.A, n, w.ldu, 0, ew, w.s, NULL, NULL, keys, &ews) : LA_FN(svd_run)(&w);
            }
            if (info != 0) {
                la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL,
                           herm ? NK_LA_EIG_NOCONV : NK_LA_SVD_NOCONV, t, info);
                break;
            }
            LA_R smax = mn > 0 ? w.s[0] : 0;
            for (int64_t r = 1; r < mn; r++)
                if (w.s[r] > smax || isnan((double)w.s[r]))
                    smax = w.s[r];
            int64_t count = 0;
            if (p[2] == NULL) {
                /* NumPy: S.max() * (max(M, N) * eps), all in the singular values' precision. */
                const LA_R tol = smax * (LA_R)d->param[0];
                for (int64_t r = 0; r < mn; r++)
                    count += w.s[r] > tol;
            } else {
                double tv;
                memcpy(&tv, p[2], sizeof tv);
                const double tol = (d->flags & NK_LA_RTOL) != 0 ? (double)smax * tv : tv;
                for (int64_t r = 0; r < mn; r++)
                    count += (double)w.s[r] > tol;
            }
            memcpy(p[1], &count, sizeof count);
        }
    }
    free(ew);
    free(keys);
    free(ear.base);
    free(w.work);
    free(block);
}

/* ---- norms and cond ---- */

/* The values v[i] = f(x[i]) of a strided vector, summed as NumPy's add.reduce sums the contiguous temporary it
 * makes (abs(x), x.conj() * x, ...): pairwise within 8192-element chunks, chunks added in order. tmp holds one
 * chunk. what: 1 = |x|, 2 = |x|^2 (as (conj(x) * x).real), 3 = |x|^p. */
#define LA_CHUNK 8192
static LA_R LA_FN(vsum)(const char *x, int64_t len, int64_t stride, int what, LA_R p, LA_R *tmp)
{
    if (len == 0)
        return 0;
    LA_R total = 0;
    for (int64_t c0 = 0; c0 < len; c0 += LA_CHUNK) {
        const int64_t c1 = la_min64(len, c0 + LA_CHUNK);
        for (int64_t i = c0; i < c1; i++) {
            LA_T v;
            memcpy(&v, x + i * stride, LA_ES);
            LA_R a = what == 2 ? (LA_R)LA_ABS2(v) : LA_ABS(v);
            tmp[i - c0] = what == 3 ? LA_POW(a, p) : a;
        }
        const LA_R part = LA_PW(tmp, c1 - c0);
        total = c0 == 0 ? part : total + part;
    }
    return total;
}

static LA_R LA_FN(vector_norm)(const char *x, int64_t len, int64_t stride, double p, LA_R *tmp)
{
    if (isinf(p)) {
        LA_R best = 0;
        for (int64_t i = 0; i < len; i++) {
            LA_T v;
            memcpy(&v, x + i * stride, LA_ES);
            LA_R a = LA_ABS(v);
            if (i == 0 || isnan((double)a) || (p > 0 ? a > best : a < best))
                best = a;
            if (isnan((double)best))
                break;
        }
        return best;
    }
    if (p == 0) {
        int64_t c = 0;
        for (int64_t i = 0; i < len; i++) {
            LA_T v;
            memcpy(&v, x + i * stride, LA_ES);
            c += LA_RE(v) != 0 || LA_IM(v) != 0;
        }
        /* (x != 0).astype(real).sum(): the ones summed pairwise give the count exactly below 2^24/2^53. */
        return (LA_R)c;
    }
    if (p == 1)
        return LA_FN(vsum)(x, len, stride, 1, 0, tmp);
    if (p == 2)
        return LA_SQRT(LA_FN(vsum)(x, len, stride, 2, 0, tmp));
    LA_R s = LA_FN(vsum)(x, len, stride, 3, (LA_R)p, tmp);
    return LA_POW(s, (LA_R)1 / (LA_R)p);
}

/* Matrix 1/inf norms: sums of |x| along one axis (pairwise where that axis is contiguous, as NumPy's reduction
 * loop is, sequential otherwise), then the max or min over the other. */
static LA_R LA_FN(matrix_abs_norm)(const char *x, int64_t m, int64_t n, int64_t rs, int64_t cs, int over_rows,
                                    int take_max, LA_R *tmp)
{
    const int64_t outer = over_rows ? n : m, inner = over_rows ? m : n;
    const int64_t os = over_rows ? cs : rs, is = over_rows ? rs : cs;
    LA_R best = 0;
    for (int64_t o = 0; o < outer; o++) {
        LA_R s;
        if (is == (int64_t)LA_ES || inner < 2) {
            s = LA_FN(vsum)(x + o * os, inner, is, 1, 0, tmp);
        } else {
            s = 0;
            for (int64_t i = 0; i < inner; i++) {
                LA_T v;
                memcpy(&v, x + o * os + i * is, LA_ES);
                s += LA_ABS(v);
            }
        }
        if (o == 0 || isnan((double)s) || (take_max ? s > best : s < best))
            best = s;
        if (isnan((double)best))
            break;
    }
    return best;
}

static LA_R LA_FN(fro)(const char *x, int64_t m, int64_t n, int64_t rs, int64_t cs, LA_R *tmp)
{
    /* NumPy reduces both axes at once: one pass over memory order when the matrix is contiguous either way. */
    if (cs == (int64_t)LA_ES && rs == n * cs)
        return LA_SQRT(LA_FN(vsum)(x, m * n, cs, 2, 0, tmp));
    if (rs == (int64_t)LA_ES && cs == m * rs)
        return LA_SQRT(LA_FN(vsum)(x, m * n, rs, 2, 0, tmp));
    LA_R s = 0;
    for (int64_t i = 0; i < m; i++)
        s += LA_FN(vsum)(x + i * rs, n, cs, 2, 0, tmp);
    return LA_SQRT(s);
}

/* One matrix norm of an m x n item; svd work (w) set up for 'N' when the kind needs singular values. */
static la_int LA_FN(matrix_norm)(const nk_linalg_desc *d, int kind, double p, const char *x, int64_t m, int64_t n,
                                 int64_t rs, int64_t cs, LA_FN(svd_ws) *w, LA_R *tmp, LA_R *out)
{
    if (kind == NK_LA_NORM_FRO) {
        *out = LA_FN(fro)(x, m, n, rs, cs, tmp);
        return 0;
    }
    if (kind == NK_LA_NORM_NUC || p == 2 || p == -2) {
        la_gather(w->A, w->ldu, x, m, n, rs, cs, LA_ES);
        la_int info = LA_FN(svd_run)(w);
        if (info != 0)
            return info;
        if (kind == NK_LA_NORM_NUC) {
            *out = LA_SUM(w->s, w->mn);
        } else {
            /* amax / amin of the singular values (descending, NaN-free once gesdd succeeded). */
            *out = p == 2 ? w->s[0] : w->s[w->mn - 1];
        }
        return 0;
    }
    (void)d;
    if (p == 1 || p == -1)
        *out = LA_FN(matrix_abs_norm)(x, m, n, rs, cs, 1, p == 1, tmp);
    else
        *out = LA_FN(matrix_abs_norm)(x, m, n, rs, cs, 0, p > 0, tmp);
    return 0;
}

/* Which of NumPy's ufunc calls overflowed when a norm came out infinite, for its RuntimeWarnings: bit 0 the
 * elementwise call (x.conj() * x: multiply; abs(x) **= p: power), bit 1 the sum (add.reduce), bit 2 the final power
 * (ret **= 1/p), bit 3 an invalid value in the complex multiply. By the IEEE rule (a finite operand giving inf), and
 * only after an infinite result, so finite results pay nothing. The SVD orders and max/min/count raise nothing;
 * negative orders are the caller's. */
static int32_t LA_FN(norm_overflow)(int kind, double p, const char *x, int64_t m, int64_t n, int64_t rs, int64_t cs,
                                    LA_R *tmp)
{
    const int vector = kind == NK_LA_NORM_VECTOR;
    if (kind == NK_LA_NORM_NUC || (kind == NK_LA_NORM_MATRIX && fabs(p) == 2) || (vector && (isinf(p) || p <= 0)))
        return 0;
    const int squares = kind == NK_LA_NORM_FRO || (vector && p == 2), powers = vector && p != 1 && p != 2;
    int all_finite = 1, elementwise = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            LA_T v;
            memcpy(&v, x + i * rs + j * cs, LA_ES);
            if (!isfinite((double)LA_RE(v)) || !isfinite((double)LA_IM(v))) {
                all_finite = 0;
                continue;
            }
            if ((squares && isinf((double)LA_ABS2(v))) || (powers && isinf((double)LA_POW(LA_ABS(v), (LA_R)p))))
                elementwise |= 1;
            /* conj(x) * x's imaginary part is a*b + (-b)*a: inf - inf once a*b overflows (complex only) */
            if (squares && isinf((double)(LA_RE(v) * LA_IM(v))))
                elementwise |= 8;
        }
    if (elementwise)
        return elementwise;
    if (!all_finite)
        return 0;
    if (powers && isfinite((double)LA_FN(vsum)(x, n, cs, 3, (LA_R)p, tmp)))
        return 4;
    return 2;
}

static int LA_FN(has_nan)(const char *x, int64_t m, int64_t n, int64_t rs, int64_t cs)
{
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            LA_T v;
            memcpy(&v, x + i * rs + j * cs, LA_ES);
            if (isnan((double)LA_RE(v)) || isnan((double)LA_IM(v)))
                return 1;
        }
    return 0;
}

static void LA_FN(norm)(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int kind = (int)d->k, cond = d->routine == NK_LA_COND;
    const double p = d->param[0];
    const int64_t m = d->m, n = d->n;
    const int need_svd = kind == NK_LA_NORM_NUC || (kind == NK_LA_NORM_MATRIX && (p == 2 || p == -2));
    /* cond with p = None / 2 / -2 works on singular values alone; other orders need the inverse. */
    const int cond_svd = cond && (kind == NK_LA_NORM_MATRIX && (p == 2 || p == -2));
    LA_FN(svd_ws) w;
    void *block = NULL;
    int32_t code = NK_OK;
    int svd_ready = 0;
    if (need_svd || cond_svd) {
        code = LA_FN(svd_setup)(&w, 'N', m, n, &block);
        svd_ready = code == NK_OK;
    }
    const int64_t ld = la_max64(n, 1);
    LA_T *A = NULL, *B = NULL, *Ainv = NULL;
    la_int *ipiv = NULL;
    if (code == NK_OK && cond && !cond_svd) {
        A = la_alloc(ld * ld * LA_ES);
        B = la_alloc(ld * ld * LA_ES);
        ipiv = la_alloc(ld * sizeof(la_int));
        if (A == NULL || B == NULL || ipiv == NULL)
            code = NK_E_NOMEM;
        (void)Ainv;
    }
    LA_R *tmp = la_alloc((size_t)LA_CHUNK * LA_RS);
    if (tmp == NULL && code == NK_OK)
        code = NK_E_NOMEM;
    if (code != NK_OK) {
        la_err_set(err, code, 0, lo, 0);
    } else {
        char *pp[NK_LA_MAXOPS];
        int32_t overflow = 0;
        for (int64_t t = lo; t < hi; t++) {
            la_item_ptrs(d, t, pp);
            const nk_mat *o = &d->op[0];
            LA_R r = 0;
            la_int info = 0;
            if (!cond) {
                if (kind == NK_LA_NORM_VECTOR)
                    r = LA_FN(vector_norm)(pp[0], n, o->cs, p, tmp);
                else
                    info = LA_FN(matrix_norm)(d, kind, p, pp[0], m, n, o->rs, o->cs, &w, tmp, &r);
                if (info == 0 && isinf((double)r))
                    overflow |= LA_FN(norm_overflow)(kind, p, pp[0], kind == NK_LA_NORM_VECTOR ? 1 : m, n, o->rs, o->cs,
                                                      tmp);
            } else if (cond_svd) {
                la_gather(w.A, w.ldu, pp[0], m, n, o->rs, o->cs, LA_ES);
                info = LA_FN(svd_run)(&w);
                if (info == 0) {
                    /* errstate(all='ignore'): 0/0 is NaN, x/0 is inf. */
                    r = p == -2 ? w.s[w.mn - 1] / w.s[0] : w.s[0] / w.s[w.mn - 1];
                }
            } else {
                /* norm(x) * norm(inv(x)); a singular x gives a NaN inverse, as NumPy's inv gufunc leaves it. */
                la_gather(A, ld, pp[0], n, n, o->rs, o->cs, LA_ES);
                LA_FN(eye)(B, n, ld);
                LA_FN(gesv_t) gesv = (LA_FN(gesv_t))nk_blas()->LA_GESV;
                la_int ginfo = gesv(LA_COL_MAJOR, (la_int)n, (la_int)n, A, (la_int)ld, ipiv, B, (la_int)ld);
                if (ginfo < 0) {
                    info = ginfo;
                } else {
                    if (ginfo > 0) {
                        LA_T nanv = LA_NAN_T;
                        for (int64_t q = 0; q < ld * n; q++)
                            B[q] = nanv;
                    }
                    LA_R na = 0, nb = 0;
                    info = LA_FN(matrix_norm)(d, kind, p, pp[0], n, n, o->rs, o->cs, &w, tmp, &na);
                    if (info == 0)
                        info = LA_FN(matrix_norm)(d, kind, p, (const char *)B, n, n, LA_ES, ld * LA_ES, &w, tmp, &nb);
                    r = na * nb;
                }
            }
            if (info != 0) {
                la_err_set(err, info > 0 ? NK_E_LINALG : NK_E_INTERNAL, NK_LA_SVD_NOCONV, t, info);
                break;
            }
            if (cond && isnan((double)r) && !LA_FN(has_nan)(pp[0], m, n, o->rs, o->cs))
                r = (LA_R)INFINITY;
            memcpy(pp[1], &r, LA_RS);
        }
        err->fpe |= overflow; /* norm_overflow's step bits, not nk_fpe bits: the caller knows the routine */
    }
    free(tmp);
    free(A);
    free(B);
    free(ipiv);
    if (svd_ready)
        free(w.work);
    free(block);
}

/* ---- the finiteness pre-pass for eig / eigvals (NumPy's _assert_finite, over the whole stack first) ---- */
static int64_t LA_FN(first_nonfinite)(const nk_linalg_desc *d, int64_t total)
{
    const nk_mat *o = &d->op[0];
    for (int64_t t = 0; t < total; t++) {
        const char *x = o->data + la_item_offset(d->batch_ndim, d->batch_shape, o->bstrides, t);
        for (int64_t i = 0; i < d->n; i++)
            for (int64_t j = 0; j < d->n; j++) {
                LA_T v;
                memcpy(&v, x + i * o->rs + j * o->cs, LA_ES);
                if (!isfinite((double)LA_RE(v)) || !isfinite((double)LA_IM(v)))
                    return t;
            }
    }
    return -1;
}

static la_range_fn LA_FN(routine)(int32_t r)
{
    switch (r) {
    case NK_LA_SOLVE: case NK_LA_INV: return LA_FN(solve);
    case NK_LA_DET: case NK_LA_SLOGDET: return LA_FN(det);
    case NK_LA_CHOLESKY: return LA_FN(cholesky);
    case NK_LA_EIGH: return LA_FN(eigh);
    case NK_LA_EIG: return LA_FN(eig);
    case NK_LA_SVD: return LA_FN(svd);
    case NK_LA_QR: return LA_FN(qr);
    case NK_LA_LSTSQ: return LA_FN(lstsq);
    case NK_LA_PINV: return LA_FN(pinv);
    case NK_LA_RANK: return LA_FN(rank);
    case NK_LA_NORM: case NK_LA_COND: return LA_FN(norm);
    default: return NULL;
    }
}

/* Whether the backend gave us what routine r needs. */
static int LA_FN(available)(int32_t r)
{
    const nk_blas_table *t = nk_blas();
    switch (r) {
    case NK_LA_SOLVE: case NK_LA_INV: return t->LA_GESV != NULL;
    case NK_LA_DET: case NK_LA_SLOGDET: return t->LA_GETRF != NULL;
    case NK_LA_CHOLESKY: return t->LA_POTRF != NULL;
    case NK_LA_EIGH: return t->LA_HEEVD != NULL;
    case NK_LA_EIG: return t->LA_GEEV != NULL;
    case NK_LA_SVD: return t->LA_GESDD != NULL && t->LA_HEEVD != NULL;
    case NK_LA_QR: return t->LA_GEQRF != NULL && t->LA_ORGQR != NULL;
    case NK_LA_LSTSQ: return t->LA_GELSD != NULL;
    case NK_LA_PINV: return t->LA_GESDD != NULL && t->LA_HEEVD != NULL && t->LA_GEMM != NULL;
    case NK_LA_RANK: return t->LA_GESDD != NULL && t->LA_HEEVD != NULL;
    case NK_LA_NORM: return t->LA_GESDD != NULL;
    case NK_LA_COND: return t->LA_GESDD != NULL && t->LA_GESV != NULL;
    default: return 0;
    }
}

#undef LA_CT
#undef LA_RE
#undef LA_IM
#undef LA_ABS
#undef LA_CONJ
#undef LA_ABS2
#undef LA_M
#undef LA_CMPLX
#undef LA_PW
#undef LA_NAN_T
#undef LA_CHUNK
#undef LA_LOG
#undef LA_EXP
#undef LA_SQRT
#undef LA_POW
#undef LA_SUM
#undef LA_ES
#undef LA_RS
#undef LA_LD
#undef LA_FN
