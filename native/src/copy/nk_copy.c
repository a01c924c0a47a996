/* nk_copy.c — strided N-d copy with an optional cast (DESIGN.md §4.3).
 *
 * The C# facade simplifies the iteration space first (drops length-1 axes, orders axes by the destination's memory
 * order, coalesces), so the common cases arrive as one contiguous run (memcpy) or a 2-d transpose. A transpose
 * whose source is contiguous along the destination's rows (ascontiguousarray(M.T)), of 4- or 8-byte elements, goes
 * to the register transpose of nk_transpose.c, threads taking strips of destination rows. Any other transpose —
 * destination inner stride = itemsize, source inner stride large — is copied in NK_TRANSPOSE_TILE² tiles so both
 * sides stay in cache, with OpenMP over tile rows above the memory-class threshold.
 */
#include "nk_cast.h"
#include "nk_internal.h"
#include "nk_thresholds.h"
#include "nk_transpose.h"

#include <omp.h>
#include <string.h>

typedef struct copy_plan {
    int32_t ndim;
    int32_t src_t, dst_t;
    int64_t isz, osz;
    const int64_t *shape;
    const int64_t *ss; /* source strides */
    const int64_t *ds; /* destination strides */
} copy_plan;

/* One run of n elements: same dtype. */
static void run_same(char *d, int64_t dstep, const char *s, int64_t sstep, int64_t n, int64_t isz)
{
    if (dstep == isz && sstep == isz) {
        memcpy(d, s, (size_t)(n * isz));
        return;
    }
    switch (isz) {
    case 1:
        for (int64_t i = 0; i < n; i++, d += dstep, s += sstep) *(uint8_t *)d = *(const uint8_t *)s;
        break;
    case 2:
        for (int64_t i = 0; i < n; i++, d += dstep, s += sstep) memcpy(d, s, 2);
        break;
    case 4:
        for (int64_t i = 0; i < n; i++, d += dstep, s += sstep) memcpy(d, s, 4);
        break;
    case 8:
        for (int64_t i = 0; i < n; i++, d += dstep, s += sstep) memcpy(d, s, 8);
        break;
    default:
        for (int64_t i = 0; i < n; i++, d += dstep, s += sstep) memcpy(d, s, 16);
        break;
    }
}

/* One run of n elements with a cast. */
static int32_t run_cast(char *d, int64_t dstep, int32_t dt, const char *s, int64_t sstep, int32_t st, int64_t n,
                        int64_t osz, int64_t isz)
{
    int32_t fpe = 0;
    nk_val v;
    /* NumPy's float/complex -> uint32 results depend on the 4-wide vector body of its contiguous loop (nk_cast.h). */
    int64_t vec_end = 0;
    if (dt == NK_UINT32 && dstep == osz && sstep == isz) {
        if (st == NK_FLOAT32 || st == NK_FLOAT64) vec_end = n - (n & 3);
        else if (st == NK_COMPLEX64 || st == NK_COMPLEX128) vec_end = n > 0 ? (n - 1) & ~(int64_t)3 : 0;
    }
    for (int64_t i = 0; i < n; i++, d += dstep, s += sstep) {
        nk_cast_read(s, st, &v);
        fpe |= nk_cast_write(d, dt, &v, i < vec_end);
    }
    return fpe;
}

/* Walks every axis but the innermost with an odometer; rows [r0, r1) of the outer space only (for threads). */
static int32_t walk(const copy_plan *p, char *dst, const char *src, int64_t r0, int64_t r1)
{
    const int32_t nd = p->ndim, last = nd - 1;
    const int64_t n = nd > 0 ? p->shape[last] : 1;
    const int64_t dstep = nd > 0 ? p->ds[last] : 0, sstep = nd > 0 ? p->ss[last] : 0;
    int64_t idx[NK_MAXDIMS];
    char *d = dst;
    const char *s = src;
    /* position the odometer at outer row r0 */
    int64_t rem = r0;
    for (int k = last - 1; k >= 0; k--) {
        idx[k] = rem % p->shape[k];
        rem /= p->shape[k];
        d += idx[k] * p->ds[k];
        s += idx[k] * p->ss[k];
    }
    int32_t fpe = 0;
    for (int64_t r = r0; r < r1; r++) {
        if (p->src_t == p->dst_t) run_same(d, dstep, s, sstep, n, p->isz);
        else fpe |= run_cast(d, dstep, p->dst_t, s, sstep, p->src_t, n, p->osz, p->isz);
        for (int k = last - 1; k >= 0; k--) {
            if (++idx[k] < p->shape[k]) {
                d += p->ds[k];
                s += p->ss[k];
                break;
            }
            d -= p->ds[k] * (p->shape[k] - 1);
            s -= p->ss[k] * (p->shape[k] - 1);
            idx[k] = 0;
        }
    }
    return fpe;
}

/* 2-d same-dtype transpose: dst[i][j] (inner stride itemsize) = src[i][j] (inner stride large), in tiles. */
static void transpose_tiles(const copy_plan *p, char *dst, const char *src, int64_t t0, int64_t t1)
{
    const int64_t rows = p->shape[0], cols = p->shape[1], isz = p->isz, T = NK_TRANSPOSE_TILE;
    const int64_t ds0 = p->ds[0], ds1 = p->ds[1], ss0 = p->ss[0], ss1 = p->ss[1];
    const int64_t tcols = (cols + T - 1) / T;
    for (int64_t t = t0; t < t1; t++) {
        const int64_t i0 = (t / tcols) * T, j0 = (t % tcols) * T;
        const int64_t i1 = i0 + T < rows ? i0 + T : rows, j1 = j0 + T < cols ? j0 + T : cols;
        if (isz == 8) {
            for (int64_t i = i0; i < i1; i++) {
                char *d = dst + i * ds0 + j0 * ds1;
                const char *s = src + i * ss0 + j0 * ss1;
                for (int64_t j = j0; j < j1; j++, d += ds1, s += ss1) memcpy(d, s, 8);
            }
        } else {
            for (int64_t i = i0; i < i1; i++) {
                char *d = dst + i * ds0 + j0 * ds1;
                const char *s = src + i * ss0 + j0 * ss1;
                run_same(d, ds1, s, ss1, j1 - j0, isz);
            }
        }
    }
}

/* The register transpose of the dispatch level nk_init chose (baseline before nk_init: it runs everywhere). */
nk_transpose_rows_fn nk_transpose_rows_for(void)
{
    switch (nk_level()) {
    case NK_SIMD_AVX512: return nk_transpose_rows_avx512;
    case NK_SIMD_AVX2: return nk_transpose_rows_avx2;
    default: return nk_transpose_rows_baseline;
    }
}

/* dst[i][j] = src[i][j] with ds1 == ss0 == itemsize 4 or 8, in strips of destination rows. The strips are handed
 * out one at a time rather than in halves: the copy is bound by memory bandwidth (one core nearly saturates it on
 * the 2-core VM, tests/native/experiments/transpose_bench.c), so a thread that loses its core to another process
 * would otherwise hold back the whole copy with half of it still to do. */
static void copy_transposed(const nk_iter *it, const copy_plan *p, int64_t total)
{
    const nk_transpose_job job =
        nk_transpose_job_of(it->op[1].data, p->ds[0], it->op[0].data, p->ss[1], it->shape[0], it->shape[1], p->isz);
    const nk_transpose_rows_fn rows_fn = nk_transpose_rows_for();
    const int64_t strip = NK_TRANSPOSE_STRIP, nstrips = (job.rows + strip - 1) / strip;
    const int32_t granted = nk_threads_for_memory(total, it->max_threads);
#pragma omp parallel for num_threads(granted) if (granted > 1) schedule(dynamic, 1) default(none) \
    shared(job, rows_fn, strip, nstrips)
    for (int64_t k = 0; k < nstrips; k++) {
        const int64_t r0 = k * strip, r1 = r0 + strip < job.rows ? r0 + strip : job.rows;
        rows_fn(&job, r0, r1);
    }
    if (granted > 1) nk_threads_release(granted);
}

int32_t nk_copy(const nk_iter *it, nk_status *st)
{
    if (st == NULL) return NK_E_BAD_DESC;
    if (it == NULL) return nk_fail(st, NK_E_BAD_DESC, "nk_copy: descriptor is NULL");
    if (it->ndim < 0 || it->ndim > NK_MAXDIMS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_copy: ndim %d outside 0..%d", it->ndim, NK_MAXDIMS);
    if (it->nin != 1 || it->nout != 1)
        return nk_fail(st, NK_E_BAD_DESC, "nk_copy: takes 1 input and 1 output, got %d/%d", it->nin, it->nout);
    const nk_operand *in = &it->op[0], *out = &it->op[1];
    if (nk_dtype_size(in->dtype) == 0 || nk_dtype_size(out->dtype) == 0)
        return nk_fail(st, NK_E_BAD_DESC, "nk_copy: bad dtype %d -> %d", in->dtype, out->dtype);
    int64_t total = 1;
    for (int d = 0; d < it->ndim; d++) {
        if (it->shape[d] < 0) return nk_fail(st, NK_E_BAD_DESC, "nk_copy: shape[%d] < 0", d);
        total *= it->shape[d];
    }
    nk_ok(st);
    if (total == 0) return NK_OK;
    if (in->data == NULL || out->data == NULL) return nk_fail(st, NK_E_BAD_DESC, "nk_copy: operand has no data");
    copy_plan p = {it->ndim, in->dtype, out->dtype, (int64_t)nk_dtype_size(in->dtype), (int64_t)nk_dtype_size(out->dtype),
                   it->shape, in->strides, out->strides};
    const int64_t rows = it->ndim > 1 ? total / it->shape[it->ndim - 1] : 1;

    /* The register transpose: source contiguous along the destination's rows. */
    if (it->ndim == 2 && p.src_t == p.dst_t && (p.isz == 4 || p.isz == 8) && p.ds[1] == p.isz && p.ss[0] == p.isz &&
        it->shape[0] >= NK_TRANSPOSE_BLOCK_ROWS(p.isz) && it->shape[1] >= NK_TRANSPOSE_BLOCK_ROWS(p.isz)) {
        copy_transposed(it, &p, total);
        return NK_OK;
    }

    /* The cache-blocked transpose case. */
    if (it->ndim == 2 && p.src_t == p.dst_t && p.ds[1] == p.isz && (p.ss[1] > 4 * p.isz || p.ss[1] < -4 * p.isz) &&
        it->shape[0] >= 8 && it->shape[1] >= 8) {
        const int64_t T = NK_TRANSPOSE_TILE;
        const int64_t tiles = ((it->shape[0] + T - 1) / T) * ((it->shape[1] + T - 1) / T);
        const int32_t granted = nk_threads_for_memory(total, it->max_threads);
#pragma omp parallel num_threads(granted) if (granted > 1) default(none) shared(p, out, in, tiles, granted)
        {
            const int32_t nth = omp_get_num_threads(), tid = omp_get_thread_num();
            const int64_t a = tiles * tid / nth, b = tiles * (tid + 1) / nth;
            transpose_tiles(&p, out->data, in->data, a, b);
        }
        if (granted > 1) nk_threads_release(granted);
        return NK_OK;
    }

    const int32_t granted = rows > 1 ? nk_threads_for_memory(total, it->max_threads) : 1;
    int32_t fpe = 0;
#pragma omp parallel num_threads(granted) if (granted > 1) default(none) shared(p, out, in, rows, granted) reduction(| : fpe)
    {
        const int32_t nth = omp_get_num_threads(), tid = omp_get_thread_num();
        const int64_t a = rows * tid / nth, b = rows * (tid + 1) / nth;
        fpe |= walk(&p, out->data, in->data, a, b);
    }
    if (granted > 1) nk_threads_release(granted);
    st->fpe = fpe;
    return NK_OK;
}
