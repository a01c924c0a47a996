/* nk_elementwise.c — the strided N-d elementwise driver and loop lookup (DESIGN.md §4.2). */
#include "nk_internal.h"
#include "nk_thresholds.h"

#include <fenv.h>
#include <omp.h>
#include <string.h>

/* What the driver derives from a validated descriptor; read-only once built, so threads share it. */
typedef struct nk_plan {
    const nk_iter *it;
    nk_inner_fn fn;
    void *ctx;
    int32_t ndim;  /* >= 1: a 0-d call runs as one element of a 1-d one */
    int32_t nops;  /* operands, mask included */
    int32_t mask;  /* operand index of the where-mask, -1 without */
    int64_t inner; /* length of the innermost axis */
    int64_t total;
    int64_t steps[NK_MAXOPS]; /* innermost byte step per operand */
    int64_t align_elems;      /* split points are multiples of this (plus align_head) in 1-d; 1 = no alignment */
    int64_t align_head;
} nk_plan;

static int32_t validate(const nk_iter *it, const nk_loop *loop, nk_status *st)
{
    if (it == NULL || loop == NULL || loop->fn == NULL)
        return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: %s is NULL",
                       it == NULL ? "the iterator" : loop == NULL ? "the loop" : "loop->fn");
    if (it->ndim < 0 || it->ndim > NK_MAXDIMS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: ndim %d outside 0..%d", it->ndim, NK_MAXDIMS);
    if (it->nin != loop->nin || it->nout != loop->nout)
        return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: nin/nout %d/%d but the loop takes %d/%d", it->nin,
                       it->nout, loop->nin, loop->nout);
    const int where = (it->flags & NK_IT_WHERE) != 0;
    if (it->nin < 0 || it->nout < 1 || it->nin + it->nout + where > NK_MAXOPS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: %d inputs, %d outputs%s exceed the %d operands", it->nin,
                       it->nout, where ? " and a mask" : "", NK_MAXOPS);
    if ((it->flags & ~(NK_IT_WHERE | NK_IT_CONTIG)) != 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: unknown iterator flags 0x%x", (unsigned)it->flags);
    if (it->max_threads < 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: max_threads %d < 0", it->max_threads);

    int64_t total = 1;
    for (int32_t d = 0; d < it->ndim; d++) {
        if (it->shape[d] < 0)
            return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: shape[%d] = %lld < 0", d, (long long)it->shape[d]);
        if (__builtin_mul_overflow(total, it->shape[d], &total))
            return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: the element count overflows int64");
    }

    const int32_t nargs = it->nin + it->nout, nops = nargs + where;
    for (int32_t k = 0; k < nops; k++) {
        const nk_operand *o = &it->op[k];
        const int32_t want = k < nargs ? loop->sig[k] : NK_BOOL;
        /* Same-dtype loops only until the casting buffer lands; a mismatch is the facade's bug, not the user's. */
        if (o->dtype != want)
            return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: operand %d has dtype %d, the loop wants %d", k,
                           o->dtype, want);
        if (o->data == NULL && total > 0)
            return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: operand %d has no data", k);
        if ((it->flags & NK_IT_CONTIG) != 0 &&
            (it->ndim != 1 || o->strides[0] != (int64_t)nk_dtype_size(o->dtype)))
            return nk_fail(st, NK_E_BAD_DESC, "nk_elementwise: NK_IT_CONTIG set but operand %d is not contiguous 1-d",
                           k);
    }
    return NK_OK;
}

static void build_plan(nk_plan *p, const nk_iter *it, const nk_loop *loop, int64_t total)
{
    p->it = it;
    p->fn = loop->fn;
    p->ctx = loop->ctx;
    p->ndim = it->ndim > 0 ? it->ndim : 1;
    p->mask = (it->flags & NK_IT_WHERE) != 0 ? it->nin + it->nout : -1;
    p->nops = it->nin + it->nout + (p->mask >= 0);
    p->inner = it->ndim > 0 ? it->shape[it->ndim - 1] : 1;
    p->total = total;
    for (int32_t k = 0; k < p->nops; k++)
        p->steps[k] = it->ndim > 0 ? it->op[k].strides[it->ndim - 1] : 0;

    /* Chunk edges on 64-byte boundaries of the first output keep two threads off one cache line; only meaningful
     * when that output is contiguous and its start sits on an element boundary of a 64-byte line. */
    p->align_elems = 1;
    p->align_head = 0;
    const nk_operand *out = &it->op[it->nin];
    const int64_t osz = (int64_t)nk_dtype_size(out->dtype);
    if (p->ndim == 1 && osz > 0 && 64 % osz == 0 && p->steps[it->nin] == osz) {
        const int64_t head = (int64_t)((64 - ((uintptr_t)out->data & 63)) & 63);
        if (head % osz == 0) {
            p->align_elems = 64 / osz;
            p->align_head = head / osz;
        }
    }
}

/* Start of chunk c of `chunks`: a pure function of (plan, c, chunks), so the split is the same on every run. */
static int64_t chunk_start(const nk_plan *p, int32_t c, int32_t chunks)
{
    if (c <= 0)
        return 0;
    if (c >= chunks)
        return p->total;
    int64_t raw = (int64_t)((__int128)p->total * c / chunks);
    if (p->align_elems > 1 && raw > p->align_head) {
        int64_t q = (raw - p->align_head + p->align_elems - 1) / p->align_elems;
        raw = p->align_head + q * p->align_elems;
    }
    return raw < p->total ? raw : p->total;
}

/* One innermost run. With a mask, fn sees only the maximal runs of selected elements, so every loop gets where=
 * support without knowing about it, and masked-off outputs are never written. */
static void call_run(const nk_plan *p, char **ptr, int64_t count)
{
    if (p->mask < 0) {
        p->fn(ptr, &count, p->steps, p->ctx);
        return;
    }
    const char *m = ptr[p->mask];
    const int64_t ms = p->steps[p->mask];
    if (ms == 0) {
        if (*m)
            p->fn(ptr, &count, p->steps, p->ctx);
        return;
    }
    int64_t i = 0;
    while (i < count) {
        while (i < count && !m[i * ms])
            i++;
        const int64_t s = i;
        while (i < count && m[i * ms])
            i++;
        if (i > s) {
            char *sub[NK_MAXOPS];
            int64_t len = i - s;
            for (int32_t k = 0; k < p->nops; k++)
                sub[k] = ptr[k] + s * p->steps[k];
            p->fn(sub, &len, p->steps, p->ctx);
        }
    }
}

/* Elements [lo, hi) of the C-order flattening. 1-d needs no odometer; N-d starts one at lo's multi-index. */
static void run_range(const nk_plan *p, int64_t lo, int64_t hi)
{
    if (lo >= hi)
        return;
    const nk_iter *it = p->it;
    char *ptr[NK_MAXOPS];
    if (p->ndim == 1) {
        for (int32_t k = 0; k < p->nops; k++)
            ptr[k] = it->op[k].data + lo * p->steps[k];
        call_run(p, ptr, hi - lo);
        return;
    }

    const int32_t last = p->ndim - 2; /* innermost outer axis */
    int64_t idx[NK_MAXDIMS];
    int64_t off = lo % p->inner, outer = lo / p->inner;
    for (int32_t k = 0; k < p->nops; k++)
        ptr[k] = it->op[k].data;
    for (int32_t d = last; d >= 0; d--) {
        idx[d] = outer % it->shape[d];
        outer /= it->shape[d];
        for (int32_t k = 0; k < p->nops; k++)
            ptr[k] += idx[d] * it->op[k].strides[d];
    }
    int64_t remaining = hi - lo;
    for (;;) {
        const int64_t count = p->inner - off < remaining ? p->inner - off : remaining;
        if (off == 0) {
            call_run(p, ptr, count);
        } else {
            char *sub[NK_MAXOPS];
            for (int32_t k = 0; k < p->nops; k++)
                sub[k] = ptr[k] + off * p->steps[k];
            call_run(p, sub, count);
        }
        remaining -= count;
        if (remaining == 0)
            return;
        off = 0;
        for (int32_t d = last; d >= 0; d--) {
            for (int32_t k = 0; k < p->nops; k++)
                ptr[k] += it->op[k].strides[d];
            if (++idx[d] < it->shape[d])
                break;
            idx[d] = 0;
            for (int32_t k = 0; k < p->nops; k++)
                ptr[k] -= it->shape[d] * it->op[k].strides[d];
        }
    }
}

static int32_t threads_wanted(const nk_iter *it, const nk_loop *loop, int64_t total)
{
    const int64_t threshold = nk_par_min(loop->op_class);
    if (it->max_threads == 1 || total < threshold)
        return 1;
    int64_t want = nk_get_num_threads();
    if (it->max_threads > 0 && want > it->max_threads)
        want = it->max_threads;
    /* Every thread should get at least half a threshold, or starting it costs more than it saves. */
    const int64_t half = threshold / 2 > 0 ? threshold / 2 : 1;
    if (want > total / half)
        want = total / half;
    /* Inside someone's parallel region a nested team would be serialised anyway (OMP_MAX_ACTIVE_LEVELS=1). */
    if (want > 1 && omp_in_parallel())
        want = 1;
    return want > 1 ? (int32_t)want : 1;
}

int32_t nk_elementwise(const nk_iter *it, const nk_loop *loop, nk_status *st)
{
    nk_status scratch;
    if (st == NULL)
        st = &scratch;
    if (nk_level() < 0)
        return nk_fail(st, NK_E_NOT_INIT, "nk_elementwise: nk_init has not run");
    int32_t rc = validate(it, loop, st);
    if (rc != NK_OK)
        return rc;
    nk_ok(st);

    int64_t total = 1;
    for (int32_t d = 0; d < it->ndim; d++)
        total *= it->shape[d];
    if (total == 0)
        return NK_OK;

    nk_plan plan;
    build_plan(&plan, it, loop, total);
    const nk_plan *p = &plan;
    const int check_fpe = (loop->flags & NK_LOOP_NO_FPE) == 0;
    int fe = 0;

    const int32_t want = threads_wanted(it, loop, total);
    const int32_t granted = want > 1 ? nk_threads_acquire(want) : 1;
    if (granted <= 1) {
        if (check_fpe)
            feclearexcept(FE_ALL_EXCEPT);
        run_range(p, 0, total);
        if (check_fpe)
            fe = fetestexcept(FE_ALL_EXCEPT);
    } else {
#pragma omp parallel num_threads(granted) if (granted > 1) default(none) shared(p, granted, check_fpe) reduction(| : fe)
        {
            /* The team can come out smaller than asked (nested, OMP_THREAD_LIMIT); the chunks stay those of
             * `granted`, so the split and the result do not depend on how many threads really showed up. */
            const int32_t nth = omp_get_num_threads(), tid = omp_get_thread_num();
            if (check_fpe)
                feclearexcept(FE_ALL_EXCEPT);
            for (int32_t c = tid; c < granted; c += nth)
                run_range(p, chunk_start(p, c, granted), chunk_start(p, c + 1, granted));
            if (check_fpe)
                fe |= fetestexcept(FE_ALL_EXCEPT);
        }
        nk_threads_release(granted);
    }
    st->fpe = nk_fpe_from_fenv(fe);
    return NK_OK;
}

int32_t nk_loop_find(int32_t op, const int8_t *sig, int32_t nsig, const nk_loop **out, nk_status *st)
{
    nk_status scratch;
    if (st == NULL)
        st = &scratch;
    if (out == NULL || nsig < 0 || nsig > NK_MAXOPS || (sig == NULL && nsig > 0))
        return nk_fail(st, NK_E_BAD_DESC, "nk_loop_find: bad arguments (out %p, sig %p, nsig %d)", (void *)out,
                       (const void *)sig, nsig);
    *out = NULL;
    const nk_loop_entry *const *tables = nk_loop_tables();
    if (tables == NULL)
        return nk_fail(st, NK_E_NOT_INIT, "nk_loop_find: nk_init has not run");
    for (; *tables != NULL; tables++) {
        for (const nk_loop_entry *e = *tables; e->op != 0; e++) {
            if (e->op == op && nsig > 0 && e->loop.nin + e->loop.nout == nsig && memcmp(e->loop.sig, sig, (size_t)nsig) == 0) {
                *out = &e->loop;
                return nk_ok(st);
            }
        }
    }
    nk_ok(st);
    st->code = NK_E_NO_LOOP;
    st->arg[0] = op;
    st->arg[1] = nsig > 0 ? sig[0] : -1;
    return NK_E_NO_LOOP;
}
