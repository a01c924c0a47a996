/* nk_index.c — gather and scatter for advanced indexing, take and put (DESIGN.md §4.3).
 *
 * For every position b of the broadcast index space B (C order) the element offset in the indexed array is
 * sum_k idx_k[b] * axis_stride[k]; the sub-space S at that offset is copied to (gather) or from (scatter) the packed
 * side at b. Bounds are checked natively; in mode raise every index is checked before anything is written, so a
 * failing call leaves the target untouched. Scatter runs in index order, so the last write wins, as in NumPy.
 */
#include "nk_internal.h"
#include "nk_thresholds.h"

#include <omp.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

static inline void copy_elem(char *d, const char *s, int64_t isz)
{
    switch (isz) {
    case 1: *d = *s; break;
    case 2: memcpy(d, s, 2); break;
    case 4: memcpy(d, s, 4); break;
    case 8: memcpy(d, s, 8); break;
    default: memcpy(d, s, (size_t)isz); break;
    }
}

/* Copies the sub-space S between two strided places. */
static void copy_sub(const nk_index_desc *x, char *dst, const int64_t *dstr, const char *src, const int64_t *sstr)
{
    const int32_t nd = x->sndim;
    if (nd == 0) {
        copy_elem(dst, src, x->itemsize);
        return;
    }
    int64_t idx[NK_MAXDIMS] = {0};
    const int last = nd - 1;
    const int64_t n = x->sshape[last], ds = dstr[last], ss = sstr[last];
    for (;;) {
        char *d = dst;
        const char *s = src;
        if (ds == x->itemsize && ss == x->itemsize) memcpy(d, s, (size_t)(n * x->itemsize));
        else
            for (int64_t i = 0; i < n; i++, d += ds, s += ss) copy_elem(d, s, x->itemsize);
        int k = last - 1;
        for (; k >= 0; k--) {
            if (++idx[k] < x->sshape[k]) {
                dst += dstr[k];
                src += sstr[k];
                break;
            }
            dst -= dstr[k] * (x->sshape[k] - 1);
            src -= sstr[k] * (x->sshape[k] - 1);
            idx[k] = 0;
        }
        if (k < 0) return;
    }
}

/* The offset of index tuple number t (positions in B given by the running odometer state). */
static inline int32_t offset_of(const nk_index_desc *x, const int64_t *ioff, int64_t *out, nk_status *st)
{
    int64_t off = 0;
    for (int j = 0; j < x->nidx; j++) {
        int64_t v;
        memcpy(&v, (const char *)x->idx[j] + ioff[j], sizeof v);
        const int64_t n = x->axis_len[j];
        if (x->mode == NK_MODE_CLIP) {
            v = v < 0 ? 0 : (v >= n ? n - 1 : v);
        } else if (v < -n || v >= n) {
            if (x->mode == NK_MODE_RAISE) {
                st->code = NK_E_INDEX;
                st->arg[0] = v;
                st->arg[1] = x->report_axis[j];
                st->arg[2] = n;
                return NK_E_INDEX;
            }
            v = n == 0 ? 0 : ((v % n) + n) % n;
        }
        if (v < 0) v += n;
        off += v * x->axis_stride[j];
    }
    *out = off;
    return NK_OK;
}

/* Runs over B positions [t0, t1): check only (write = 0) or copy. */
static int32_t run(const nk_index_desc *x, int64_t t0, int64_t t1, int write, nk_status *st)
{
    const int32_t nb = x->bndim;
    int64_t bi[NK_MAXDIMS] = {0}, ioff[NK_MAXDIMS] = {0};
    int64_t poff = 0;
    int64_t rem = t0;
    for (int d = nb - 1; d >= 0; d--) {
        bi[d] = rem % x->bshape[d];
        rem /= x->bshape[d];
        poff += bi[d] * x->packed_strides[d];
        for (int j = 0; j < x->nidx; j++) ioff[j] += bi[d] * x->idx_strides[j * NK_MAXDIMS + d];
    }
    const int64_t *pss = x->packed_strides + nb;
    for (int64_t t = t0; t < t1; t++) {
        int64_t off;
        if (offset_of(x, ioff, &off, st) != NK_OK) return NK_E_INDEX;
        if (write) {
            if (x->direction == NK_GATHER) copy_sub(x, x->packed + poff, pss, x->base + off, x->base_sstrides);
            else copy_sub(x, x->base + off, x->base_sstrides, x->packed + poff, pss);
        }
        for (int d = nb - 1; d >= 0; d--) {
            if (++bi[d] < x->bshape[d]) {
                poff += x->packed_strides[d];
                for (int j = 0; j < x->nidx; j++) ioff[j] += x->idx_strides[j * NK_MAXDIMS + d];
                break;
            }
            poff -= x->packed_strides[d] * (x->bshape[d] - 1);
            for (int j = 0; j < x->nidx; j++) ioff[j] -= x->idx_strides[j * NK_MAXDIMS + d] * (x->bshape[d] - 1);
            bi[d] = 0;
        }
    }
    return NK_OK;
}

/* An index outside [0, n) on its way to take_flat's copy: the negative ones count from the end, the others follow
 * the mode. Kept out of the loop: random indices from a generator are almost never here. */
static int32_t resolve_index(const nk_index_desc *x, int64_t *v, nk_status *st)
{
    const int64_t n = x->axis_len[0];
    int64_t w = *v;
    if (x->mode == NK_MODE_CLIP) w = w < 0 ? 0 : n - 1;
    else if (w < -n || w >= n) {
        if (x->mode == NK_MODE_RAISE) {
            st->code = NK_E_INDEX;
            st->arg[0] = w;
            st->arg[1] = x->report_axis[0];
            st->arg[2] = n;
            return NK_E_INDEX;
        }
        w = n == 0 ? 0 : ((w % n) + n) % n;
    } else {
        w += n;
    }
    *v = w;
    return NK_OK;
}

/* How many indices ahead take_flat prefetches its source element (tests/native/experiments/take_bench.c). */
#define NK_TAKE_PREFETCH 64

/* One element of take_flat's output: a non-temporal store when `stream` (a constant once inlined). */
static inline __attribute__((always_inline)) void take_store(char *d, const char *s, int64_t isz, int stream)
{
#if defined(__x86_64__)
    if (stream && isz == 8) {
        long long v;
        memcpy(&v, s, 8);
        _mm_stream_si64((long long *)(void *)d, v);
        return;
    }
    if (stream && isz == 4) {
        int v;
        memcpy(&v, s, 4);
        _mm_stream_si32((int *)(void *)d, v);
        return;
    }
#endif
    (void)stream;
    copy_elem(d, s, isz);
}

/* The loop of take_flat. isz, prefetch and stream are constants once inlined, and so are the strides when
 * `contiguous` (index, source and output all unit-stride): the copy is then one load and one store, addressed from
 * the loop counter. */
static inline __attribute__((always_inline)) int32_t take_loop(const nk_index_desc *x, int64_t t0, int64_t t1,
                                                               int64_t isz, int contiguous, int prefetch, int stream,
                                                               nk_status *st)
{
    const int64_t n = x->axis_len[0];
    const int64_t as = contiguous ? isz : x->axis_stride[0], is = contiguous ? 8 : x->idx_strides[0];
    const int64_t ps = contiguous ? isz : x->packed_strides[0];
    const char *const ip = (const char *)x->idx[0];
    char *const pp = x->packed;
    const char *const base = x->base; /* a local: stores through pp cannot change it */
    /* Each source element is a read at a random place. Where those miss to memory the core alone keeps too few of
     * them in flight, so the element NK_TAKE_PREFETCH indices ahead is prefetched. Its index is clamped into range
     * without a branch (a prefetch never faults, but an out-of-range pointer would be undefined C). */
    const int64_t pf_end = prefetch && t1 - t0 > NK_TAKE_PREFETCH ? t1 - NK_TAKE_PREFETCH : t0;
    int32_t rc = NK_OK;
    for (int64_t t = t0; t < t1; t++) {
        if (prefetch && t < pf_end) {
            int64_t w;
            memcpy(&w, ip + (t + NK_TAKE_PREFETCH) * is, sizeof w);
            w = (uint64_t)w < (uint64_t)n ? w : 0;
            __builtin_prefetch(base + w * as);
        }
        int64_t v;
        memcpy(&v, ip + t * is, sizeof v);
        if ((uint64_t)v >= (uint64_t)n && (rc = resolve_index(x, &v, st)) != NK_OK) break;
        take_store(pp + t * ps, base + v * as, isz, stream);
    }
#if defined(__x86_64__)
    if (stream) _mm_sfence(); /* the streamed stores are weakly ordered: visible before the call returns */
#endif
    return rc;
}

/* take() on a 1-d index with no sub-space: the hot loop of W11_take_1e6. How it reads and writes follows the source's
 * size (NK_TAKE_CACHED_MAX): a source the L3 can hold is read without prefetches, which only add traffic there, and a
 * large output is streamed to memory, which spares the cache its line reads and evictions; a larger source is
 * prefetched and, once far beyond the L3, the output is cached again (streamed stores then compete with the source's
 * misses for memory). Unit strides everywhere and itemsize 8 or 4 take the specialised loops. */
static int32_t take_flat(const nk_index_desc *x, int64_t t0, int64_t t1, nk_status *st)
{
    const int64_t isz = x->itemsize, ps = x->packed_strides[0];
    const int64_t as = x->axis_stride[0] < 0 ? -x->axis_stride[0] : x->axis_stride[0];
    const int64_t source = x->axis_len[0] * (as > isz ? as : isz);
    const int prefetch = source > NK_TAKE_CACHED_MAX;
    const int contiguous = (isz == 8 || isz == 4) && ps == isz && x->axis_stride[0] == isz && x->idx_strides[0] == 8;
    const int stream = contiguous && (t1 - t0) * isz >= NK_STREAM_MIN && source <= 2 * NK_TAKE_CACHED_MAX &&
                       ((uintptr_t)(x->packed + t0 * ps) & (uintptr_t)(isz - 1)) == 0;
    if (!contiguous)
        return prefetch ? take_loop(x, t0, t1, isz, 0, 1, 0, st) : take_loop(x, t0, t1, isz, 0, 0, 0, st);
    switch (isz * 4 + prefetch * 2 + stream) {
    case 32: return take_loop(x, t0, t1, 8, 1, 0, 0, st);
    case 33: return take_loop(x, t0, t1, 8, 1, 0, 1, st);
    case 34: return take_loop(x, t0, t1, 8, 1, 1, 0, st);
    case 35: return take_loop(x, t0, t1, 8, 1, 1, 1, st);
    case 16: return take_loop(x, t0, t1, 4, 1, 0, 0, st);
    case 17: return take_loop(x, t0, t1, 4, 1, 0, 1, st);
    case 18: return take_loop(x, t0, t1, 4, 1, 1, 0, st);
    default: return take_loop(x, t0, t1, 4, 1, 1, 1, st);
    }
}

int32_t nk_index(const nk_index_desc *x, nk_status *st)
{
    if (st == NULL) return NK_E_BAD_DESC;
    if (x == NULL) return nk_fail(st, NK_E_BAD_DESC, "nk_index: descriptor is NULL");
    if (x->nidx < 1 || x->nidx > NK_MAXDIMS || x->bndim < 0 || x->bndim > NK_MAXDIMS || x->sndim < 0 ||
        x->sndim > NK_MAXDIMS || x->bndim + x->sndim > 2 * NK_MAXDIMS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_index: nidx %d, bndim %d, sndim %d out of range", x->nidx, x->bndim,
                       x->sndim);
    if (x->itemsize <= 0 || x->itemsize > 16) return nk_fail(st, NK_E_BAD_DESC, "nk_index: itemsize %d", x->itemsize);
    if (x->direction != NK_GATHER && x->direction != NK_SCATTER)
        return nk_fail(st, NK_E_BAD_DESC, "nk_index: direction %d", x->direction);
    if (x->mode < NK_MODE_RAISE || x->mode > NK_MODE_CLIP) return nk_fail(st, NK_E_BAD_DESC, "nk_index: mode %d", x->mode);
    int64_t total = 1, sub = 1;
    for (int d = 0; d < x->bndim; d++) total *= x->bshape[d];
    for (int d = 0; d < x->sndim; d++) sub *= x->sshape[d];
    nk_ok(st);
    if (total == 0) return NK_OK;
    if (sub == 0) {
        /* nothing to copy, but NumPy still checks the indices */
        return x->mode == NK_MODE_RAISE ? run(x, 0, total, 0, st) : NK_OK;
    }
    const int flat = x->nidx == 1 && x->bndim == 1 && x->sndim == 0;
    if (x->direction == NK_GATHER) {
        /* Gathers write disjoint outputs, so they split across threads; the first failing index wins per thread
         * and the lowest thread's error is reported, as a serial run would report it first. */
        int32_t granted = nk_threads_for_memory(total * sub, 0);
        if (granted <= 1) return flat ? take_flat(x, 0, total, st) : run(x, 0, total, 1, st);
        nk_status per[64];
        if (granted > 64) granted = 64;
        for (int i = 0; i < granted; i++) nk_ok(&per[i]);
#pragma omp parallel num_threads(granted) if (granted > 1) default(none) shared(x, total, per, flat, granted)
        {
            const int32_t nth = omp_get_num_threads(), tid = omp_get_thread_num();
            const int64_t a = total * tid / nth, b = total * (tid + 1) / nth;
            if (flat) take_flat(x, a, b, &per[tid]);
            else run(x, a, b, 1, &per[tid]);
        }
        if (granted > 1) nk_threads_release(granted);
        for (int i = 0; i < granted; i++)
            if (per[i].code != NK_OK) {
                *st = per[i];
                return st->code;
            }
        return NK_OK;
    }
    /* Scatter: check everything first (raise), then write serially in index order (last write wins). */
    if (x->mode == NK_MODE_RAISE && run(x, 0, total, 0, st) != NK_OK) return st->code;
    return run(x, 0, total, 1, st);
}
