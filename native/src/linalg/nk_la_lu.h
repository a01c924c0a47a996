/* nk_la_lu.h — the look-ahead LU for one real type. Included by nk_la_lu.c once per type with LU_P (s, d), LU_T,
 * and the nk_blas_table fields LU_GETRF, LU_TRSM, LU_GEMM, LU_LASWP. */

#define LU_CAT3(a, b, c) a##b##c
#define LU_XCAT3(a, b, c) LU_CAT3(a, b, c)
#define LU_FN(name) LU_XCAT3(la_, LU_P, _##name)

typedef la_int (*LU_FN(lu_getrf_t))(int, la_int, la_int, LU_T *, la_int, la_int *);
typedef void (*LU_FN(lu_trsm_t))(int, int, int, int, int, la_int, la_int, LU_T, const LU_T *, la_int, LU_T *, la_int);
typedef void (*LU_FN(lu_gemm_t))(int, int, int, la_int, la_int, la_int, LU_T, const LU_T *, la_int, const LU_T *,
                                 la_int, LU_T, LU_T *, la_int);
typedef la_int (*LU_FN(lu_laswp_t))(int, la_int, LU_T *, la_int, la_int, la_int, const la_int *, la_int);

/* Row interchanges k1..k2-1 (0-based positions of ipiv, which holds 1-based rows) on ncols columns starting at a. */
static void LU_FN(lu_swaps)(int64_t ncols, LU_T *a, int64_t ld, int64_t k1, int64_t k2, const la_int *ipiv)
{
    if (ncols <= 0 || k2 <= k1)
        return;
    ((LU_FN(lu_laswp_t))nk_blas()->LU_LASWP)(LA_COL_MAJOR, (la_int)ncols, a, (la_int)ld, (la_int)(k1 + 1), (la_int)k2,
                                             ipiv, 1);
}

/* Columns [c0, c1) after the panel at k (width jb): U's rows by a unit-lower solve, the rows below by a GEMM. */
static void LU_FN(lu_update)(LU_T *A, int64_t n, int64_t ld, int64_t k, int64_t jb, int64_t c0, int64_t c1)
{
    const int64_t w = c1 - c0, m = n - k - jb;
    if (w <= 0)
        return;
    ((LU_FN(lu_trsm_t))nk_blas()->LU_TRSM)(LA_COL_MAJOR, LA_LEFT, LA_LOWER, LA_NOTRANS, LA_UNIT, (la_int)jb, (la_int)w,
                                           (LU_T)1, A + k + k * ld, (la_int)ld, A + k + c0 * ld, (la_int)ld);
    if (m > 0)
        ((LU_FN(lu_gemm_t))nk_blas()->LU_GEMM)(LA_COL_MAJOR, LA_NOTRANS, LA_NOTRANS, (la_int)m, (la_int)w, (la_int)jb,
                                               (LU_T)-1, A + k + jb + k * ld, (la_int)ld, A + k + c0 * ld, (la_int)ld,
                                               (LU_T)1, A + k + jb + c0 * ld, (la_int)ld);
}

/* The panel at column k (width jb, rows k..n-1) by the backend's getrf on one thread; its pivots become global
 * rows. Returns the global 1-based column of its first zero pivot, or 0. */
static la_int LU_FN(lu_panel)(LU_T *A, int64_t n, int64_t ld, int64_t k, int64_t jb, la_int *ipiv)
{
    la_int info = ((LU_FN(lu_getrf_t))nk_blas()->LU_GETRF)(LA_COL_MAJOR, (la_int)(n - k), (la_int)jb, A + k + k * ld,
                                                           (la_int)ld, ipiv + k);
    for (int64_t i = k; i < k + jb; i++)
        ipiv[i] += (la_int)k;
    return info > 0 ? info + (la_int)k : info;
}

/* Whether the look-ahead takes order n, and if so la_lookahead_begin's thread tokens; 0 when it does not apply. */
static int32_t LU_FN(lu_begin)(int64_t n)
{
    const nk_blas_table *t = nk_blas();
    if (!la_lookahead_applies(n, NK_LA_LOOKAHEAD_MIN_N, NK_LA_LOOKAHEAD_MAX_N) || t->LU_GETRF == NULL ||
        t->LU_TRSM == NULL || t->LU_GEMM == NULL || t->LU_LASWP == NULL)
        return 0;
    return la_lookahead_begin();
}

/* The factorisation on nt threads, between lu_begin and la_lookahead_end; getrf's info. */
static la_int LU_FN(lu_factor)(int64_t n, LU_T *A, int64_t ld, la_int *ipiv, int32_t nt)
{
    const int64_t nb = NK_LA_LOOKAHEAD_NB, chunk = NK_LA_LOOKAHEAD_CHUNK;
    int64_t jb = la_min64(nb, n);
    la_int first = LU_FN(lu_panel)(A, n, ld, 0, jb, ipiv);
    for (int64_t k = 0, k1 = jb; k1 < n; k = k1, k1 += jb) {
        /* Step k: panel k's interchanges and update reach every other column in tasks — the one that brings the
         * next panel up to date and factors it first, the trailing columns' in blocks, and the interchanges alone on
         * the L columns left of panel k — so no thread waits on a serial stretch between steps. */
        const int64_t jb2 = la_min64(nb, n - k1), rest = k1 + jb2;
        la_int pinfo = 0;
#pragma omp parallel num_threads(nt)
#pragma omp single
        {
#pragma omp task shared(pinfo)
            {
                LU_FN(lu_swaps)(jb2, A + k1 * ld, ld, k, k1, ipiv);
                LU_FN(lu_update)(A, n, ld, k, jb, k1, rest);
                pinfo = LU_FN(lu_panel)(A, n, ld, k1, jb2, ipiv);
            }
            for (int64_t c = rest; c < n; c += chunk) {
                int64_t c1 = la_min64(c + chunk, n);
#pragma omp task firstprivate(c, c1)
                {
                    LU_FN(lu_swaps)(c1 - c, A + c * ld, ld, k, k1, ipiv);
                    LU_FN(lu_update)(A, n, ld, k, jb, c, c1);
                }
            }
            for (int64_t c = 0; c < k; c += chunk) {
                int64_t c1 = la_min64(c + chunk, k);
#pragma omp task firstprivate(c, c1)
                LU_FN(lu_swaps)(c1 - c, A + c * ld, ld, k, k1, ipiv);
            }
        }
        if (first == 0)
            first = pinfo;
        jb = jb2;
        if (rest == n) /* the last panel: its interchanges on every column left of it */
            LU_FN(lu_swaps)(k1, A, ld, k1, n, ipiv);
    }
    return first;
}

/* inv from the factors (A = P·L·U): Z = L⁻¹ column block by column block (each block of the identity stays zero
 * above its diagonal, a third of getrs's work on that side), X = U⁻¹·Z in column blocks, then Pᵀ as column
 * interchanges, last first. Between lu_begin and la_lookahead_end; blocks are tasks on nt threads, one backend
 * thread each. */
static void LU_FN(lu_inverse)(int64_t n, const LU_T *A, int64_t ld, const la_int *ipiv, LU_T *X, int64_t ldx,
                              int32_t nt)
{
    const int64_t chunk = NK_LA_LOOKAHEAD_CHUNK;
    const LU_FN(lu_trsm_t) trsm = (LU_FN(lu_trsm_t))nk_blas()->LU_TRSM;
    for (int64_t j = 0; j < n; j++) {
        memset(X + j * ldx, 0, sizeof(LU_T) * (size_t)n);
        X[j + j * ldx] = (LU_T)1;
    }
#pragma omp parallel num_threads(nt)
#pragma omp single
    {
        for (int64_t c = 0; c < n; c += chunk) {
            int64_t w = la_min64(chunk, n - c);
#pragma omp task firstprivate(c, w)
            trsm(LA_COL_MAJOR, LA_LEFT, LA_LOWER, LA_NOTRANS, LA_UNIT, (la_int)(n - c), (la_int)w, (LU_T)1,
                 A + c + c * ld, (la_int)ld, X + c + c * ldx, (la_int)ldx);
        }
#pragma omp taskwait
        for (int64_t c = 0; c < n; c += chunk) {
            int64_t w = la_min64(chunk, n - c);
#pragma omp task firstprivate(c, w)
            trsm(LA_COL_MAJOR, LA_LEFT, LA_UPPER, LA_NOTRANS, LA_NONUNIT, (la_int)n, (la_int)w, (LU_T)1, A,
                 (la_int)ld, X + c * ldx, (la_int)ldx);
        }
    }
    for (int64_t j = n - 1; j >= 0; j--) {
        const int64_t p = ipiv[j] - 1;
        if (p == j)
            continue;
        LU_T *a = X + j * ldx, *b = X + p * ldx;
        for (int64_t i = 0; i < n; i++) {
            LU_T v = a[i];
            a[i] = b[i];
            b[i] = v;
        }
    }
}

int LU_FN(getrf_lookahead)(int64_t n, LU_T *A, int64_t ld, la_int *ipiv, la_int *info)
{
    const int32_t granted = LU_FN(lu_begin)(n);
    if (granted == 0)
        return 0;
    *info = LU_FN(lu_factor)(n, A, ld, ipiv, granted);
    la_lookahead_end(granted);
    return 1;
}

int LU_FN(inv_lookahead)(int64_t n, LU_T *A, int64_t ld, la_int *ipiv, LU_T *X, int64_t ldx, la_int *info)
{
    const int32_t granted = LU_FN(lu_begin)(n);
    if (granted == 0)
        return 0;
    *info = LU_FN(lu_factor)(n, A, ld, ipiv, granted);
    if (*info == 0)
        LU_FN(lu_inverse)(n, A, ld, ipiv, X, ldx, granted);
    la_lookahead_end(granted);
    return 1;
}

#undef LU_FN
#undef LU_XCAT3
#undef LU_CAT3
