/* nk_la_qr.h — the look-ahead QR (geqrf) and Q generation (orgqr) for one real type. Included by nk_la_qr.c once
 * per type with QR_P (s, d), QR_T, and the nk_blas_table fields QR_GEQR2, QR_LARFT, QR_LARFB, QR_ORGQR. */

#define QR_CAT3(a, b, c) a##b##c
#define QR_XCAT3(a, b, c) QR_CAT3(a, b, c)
#define QR_FN(name) QR_XCAT3(la_, QR_P, _##name)

typedef la_int (*QR_FN(qr_geqr2_t))(int, la_int, la_int, QR_T *, la_int, QR_T *, QR_T *);
typedef la_int (*QR_FN(qr_larft_t))(int, char, char, la_int, la_int, const QR_T *, la_int, const QR_T *, QR_T *,
                                    la_int);
typedef la_int (*QR_FN(qr_larfb_t))(int, char, char, char, char, la_int, la_int, la_int, const QR_T *, la_int,
                                    const QR_T *, la_int, QR_T *, la_int, QR_T *, la_int);
typedef la_int (*QR_FN(qr_orgqr_t))(int, la_int, la_int, la_int, QR_T *, la_int, const QR_T *, QR_T *, la_int);

/* T of the block reflector of the jb reflectors stored in V (rows nv, leading dimension ldv). */
static void QR_FN(qr_t)(int64_t nv, int64_t jb, const QR_T *V, int64_t ldv, const QR_T *tau, QR_T *T)
{
    ((QR_FN(qr_larft_t))nk_blas()->QR_LARFT)(LA_COL_MAJOR, 'F', 'C', (la_int)nv, (la_int)jb, V, (la_int)ldv, tau, T,
                                             NK_LA_LOOKAHEAD_NB);
}

/* H or Hᵀ of the block reflector (V: rows mv, jb columns; T) on columns [c0, c1) of C (rows mv from c). */
static void QR_FN(qr_apply)(char trans, int64_t mv, int64_t jb, const QR_T *V, int64_t ldv, const QR_T *T, QR_T *C,
                            int64_t ldc, int64_t c0, int64_t c1, QR_T *work)
{
    const int64_t w = c1 - c0;
    if (w <= 0)
        return;
    ((QR_FN(qr_larfb_t))nk_blas()->QR_LARFB)(LA_COL_MAJOR, 'L', trans, 'F', 'C', (la_int)mv, (la_int)w, (la_int)jb,
                                             V, (la_int)ldv, T, NK_LA_LOOKAHEAD_NB, C + c0 * ldc, (la_int)ldc, work,
                                             (la_int)w);
}

/* The panel at column k (width jb, rows k..m-1): the backend's unblocked QR on one thread, then its T. */
static void QR_FN(qr_panel)(QR_T *A, int64_t m, int64_t ld, int64_t k, int64_t jb, QR_T *tau, QR_T *T, QR_T *work)
{
    ((QR_FN(qr_geqr2_t))nk_blas()->QR_GEQR2)(LA_COL_MAJOR, (la_int)(m - k), (la_int)jb, A + k + k * ld, (la_int)ld,
                                             tau + k, work);
    QR_FN(qr_t)(m - k, jb, A + k + k * ld, ld, tau + k, T);
}

/* Scratch of one factorisation: two T blocks, the panel's work, and one larfb work per column task. */
typedef struct {
    QR_T *base, *t[2], *panel, *tasks;
} QR_FN(qr_scratch);

static int QR_FN(qr_scratch_new)(QR_FN(qr_scratch) *s, int64_t ncols)
{
    const int64_t nb = NK_LA_LOOKAHEAD_NB, chunk = NK_LA_LOOKAHEAD_CHUNK;
    const int64_t ntasks = ncols / chunk + 2, per = la_max64(chunk, nb) * nb;
    s->base = la_alloc(sizeof(QR_T) * (size_t)(2 * nb * nb + la_max64(ncols, nb) * nb + ntasks * per));
    if (s->base == NULL)
        return 0;
    s->t[0] = s->base;
    s->t[1] = s->base + nb * nb;
    s->panel = s->base + 2 * nb * nb;
    s->tasks = s->panel + la_max64(ncols, nb) * nb;
    return 1;
}

static QR_T *QR_FN(qr_task_work)(QR_FN(qr_scratch) *s, int64_t task)
{
    return s->tasks + task * la_max64(NK_LA_LOOKAHEAD_CHUNK, NK_LA_LOOKAHEAD_NB) * NK_LA_LOOKAHEAD_NB;
}

static int QR_FN(qr_ready)(int64_t order, int64_t max_n)
{
    const nk_blas_table *t = nk_blas();
    return la_lookahead_applies(order, NK_LA_QR_LOOKAHEAD_MIN_N, max_n) && t->QR_GEQR2 != NULL &&
           t->QR_LARFT != NULL && t->QR_LARFB != NULL && t->QR_ORGQR != NULL;
}

int QR_FN(geqrf_lookahead)(int64_t m, int64_t n, QR_T *A, int64_t ld, QR_T *tau)
{
    const int64_t mn = la_min64(m, n), nb = NK_LA_LOOKAHEAD_NB, chunk = NK_LA_LOOKAHEAD_CHUNK;
    if (!QR_FN(qr_ready)(mn, NK_LA_GEQRF_LOOKAHEAD_MAX_N))
        return 0;
    QR_FN(qr_scratch) s;
    if (!QR_FN(qr_scratch_new)(&s, n))
        return 0;
    const int32_t granted = la_lookahead_begin();
    int64_t jb = la_min64(nb, mn);
    int cur = 0;
    QR_FN(qr_panel)(A, m, ld, 0, jb, tau, s.t[cur], s.panel);
    for (int64_t k = 0, k1 = jb; k1 < n; k = k1, k1 += jb, cur ^= 1) {
        /* Step k: one task applies panel k's reflector to the next panel and factors it; the others apply it to
         * the remaining columns in blocks. Past the last panel (a wide matrix) only the blocks remain. */
        const int64_t jb2 = la_min64(nb, la_max64(mn - k1, 0)), rest = k1 + jb2;
        const QR_T *V = A + k + k * ld, *T = s.t[cur];
#pragma omp parallel num_threads(granted)
#pragma omp single
        {
            if (jb2 > 0) {
#pragma omp task
                {
                    QR_FN(qr_apply)('T', m - k, jb, V, ld, T, A + k, ld, k1, rest, s.panel);
                    QR_FN(qr_panel)(A, m, ld, k1, jb2, tau, s.t[cur ^ 1], s.panel);
                }
            }
            for (int64_t c = rest; c < n; c += chunk) {
                int64_t c1 = la_min64(c + chunk, n);
                QR_T *w = QR_FN(qr_task_work)(&s, (c - rest) / chunk);
#pragma omp task firstprivate(c, c1, w)
                QR_FN(qr_apply)('T', m - k, jb, V, ld, T, A + k, ld, c, c1, w);
            }
        }
        if (jb2 == 0)
            break;
        jb = jb2;
    }
    la_lookahead_end(granted);
    free(s.base);
    return 1;
}

/* Qᵀ·C for the k reflectors of a geqrf result (A, rows m) and C's ncols columns, as LAPACK's ormqr('L', 'T') computes
 * it: blocks of NK_LA_ORMQR_NB reflectors (ormqr's ilaenv block), first block first, each larft + larfb. scratch holds
 * NK_LA_LOOKAHEAD_NB² + ncols·NK_LA_ORMQR_NB elements. Returns 0, doing nothing, when the backend lacks larft or
 * larfb (so k = 0 asks whether it can run). */
int QR_FN(apply_qt)(int64_t m, int64_t k, const QR_T *A, int64_t ld, const QR_T *tau, QR_T *C, int64_t ldc,
                    int64_t ncols, QR_T *scratch)
{
    const nk_blas_table *t = nk_blas();
    if (t->QR_LARFT == NULL || t->QR_LARFB == NULL)
        return 0;
    QR_T *T = scratch, *work = scratch + NK_LA_LOOKAHEAD_NB * NK_LA_LOOKAHEAD_NB;
    for (int64_t i = 0; i < k; i += NK_LA_ORMQR_NB) {
        const int64_t jb = la_min64(NK_LA_ORMQR_NB, k - i);
        QR_FN(qr_t)(m - i, jb, A + i + i * ld, ld, tau + i, T);
        QR_FN(qr_apply)('T', m - i, jb, A + i + i * ld, ld, T, C + i, ldc, 0, ncols, work);
    }
    return 1;
}

/* Block i's reflectors (rows i..m-1 of its nb columns of Q) copied to V, and their T: the block's own columns are
 * overwritten by Q's while its reflector is still being applied to the columns on their right. */
static void QR_FN(qr_copy_block)(const QR_T *Q, int64_t m, int64_t ld, int64_t i, const QR_T *tau, QR_T *V, QR_T *T)
{
    const int64_t nb = NK_LA_LOOKAHEAD_NB;
    for (int64_t j = 0; j < nb; j++)
        memcpy(V + j * (m - i), Q + i + (i + j) * ld, sizeof(QR_T) * (size_t)(m - i));
    QR_FN(qr_t)(m - i, nb, V, m - i, tau + i, T);
}

/* Rows 0..rows-1 of Q's columns [c0, c1) set to zero (above the block orgqr generated there). */
static void QR_FN(qr_zero_above)(QR_T *Q, int64_t ld, int64_t rows, int64_t c0, int64_t c1)
{
    for (int64_t j = c0; j < c1; j++)
        memset(Q + j * ld, 0, sizeof(QR_T) * (size_t)rows);
}

int QR_FN(orgqr_lookahead)(int64_t m, int64_t nq, int64_t k, QR_T *Q, int64_t ld, const QR_T *tau)
{
    const int64_t nb = NK_LA_LOOKAHEAD_NB, chunk = NK_LA_LOOKAHEAD_CHUNK;
    if (k < 1 || !QR_FN(qr_ready)(k, NK_LA_ORGQR_LOOKAHEAD_MAX_N))
        return 0;
    QR_FN(qr_scratch) s;
    /* Also room for one copy of a block's reflectors (m × nb): the block's own columns become Q while the other
     * thread still applies its reflector from the copy. */
    QR_T *vcopy = la_alloc(sizeof(QR_T) * (size_t)(2 * m * nb));
    if (vcopy == NULL || !QR_FN(qr_scratch_new)(&s, nq)) {
        free(vcopy);
        return 0;
    }
    const int32_t granted = la_lookahead_begin();
    QR_T *vc[2] = {vcopy, vcopy + m * nb};
    const QR_FN(qr_orgqr_t) orgqr = (QR_FN(qr_orgqr_t))nk_blas()->QR_ORGQR;
    const la_int lwork = (la_int)(la_max64(nq, nb) * nb); /* s.panel's length */
    /* The last block (up to nb reflectors) and every column right of it, as LAPACK's orgqr does its tail. */
    const int64_t last = (k - 1) / nb * nb;
    orgqr(LA_COL_MAJOR, (la_int)(m - last), (la_int)(nq - last), (la_int)(k - last), Q + last + last * ld, (la_int)ld,
          tau + last, s.panel, lwork);
    QR_FN(qr_zero_above)(Q, ld, last, last, nq);
    int cur = 0;
    if (last > 0)
        QR_FN(qr_copy_block)(Q, m, ld, last - nb, tau, vc[cur], s.t[cur]);
    for (int64_t i = last - nb; i >= 0; i -= nb, cur ^= 1) {
        /* Step i: the others apply block i's reflector (from its copy) to the columns right of the block, while
         * one task turns the block's own columns into Q's, zeroes them above, and prepares block i - nb. */
        const QR_T *V = vc[cur], *T = s.t[cur];
        const int64_t mv = m - i;
#pragma omp parallel num_threads(granted)
#pragma omp single
        {
#pragma omp task
            {
                orgqr(LA_COL_MAJOR, (la_int)mv, (la_int)nb, (la_int)nb, Q + i + i * ld, (la_int)ld, tau + i, s.panel,
                      lwork);
                QR_FN(qr_zero_above)(Q, ld, i, i, i + nb);
                if (i > 0)
                    QR_FN(qr_copy_block)(Q, m, ld, i - nb, tau, vc[cur ^ 1], s.t[cur ^ 1]);
            }
            for (int64_t c = i + nb; c < nq; c += chunk) {
                int64_t c1 = la_min64(c + chunk, nq);
                QR_T *w = QR_FN(qr_task_work)(&s, (c - i - nb) / chunk);
#pragma omp task firstprivate(c, c1, w)
                QR_FN(qr_apply)('N', mv, nb, V, mv, T, Q + i, ld, c, c1, w);
            }
        }
    }
    la_lookahead_end(granted);
    free(vcopy);
    free(s.base);
    return 1;
}

#undef QR_FN
#undef QR_XCAT3
#undef QR_CAT3
