/* test_index.c — nk_index's flat take (take_flat: one 1-d index array, no sub-space) against a plain loop.
 *
 * The loop prefetches base[idx[t + D]] ahead of the copy, so the cases aim at what that could break: index arrays
 * shorter and longer than the prefetch distance, out-of-range and extreme indices (INT64_MIN / INT64_MAX) right
 * where the prefetch reads them, every mode, strided index and output arrays, itemsizes 1 to 16, and threaded
 * splits (with a lowered NUMERICS_NATIVE_PAR_MIN_MEMORY). The indexed array ends at a PROT_NONE page, so an
 * index that escapes the bounds check faults.
 */
#define _GNU_SOURCE
#include "nk_test.h"
#include "numerics_kernels.h"

#include <stdint.h>

static int64_t expect_index(int64_t v, int64_t n, int32_t mode, int *bad)
{
    *bad = 0;
    if (mode == NK_MODE_CLIP) return v < 0 ? 0 : (v >= n ? n - 1 : v);
    if (v >= -n && v < n) return v < 0 ? v + n : v;
    if (mode == NK_MODE_RAISE) {
        *bad = 1;
        return 0;
    }
    int64_t w = v % n;
    return w < 0 ? w + n : w;
}

/* take of m indices from n elements of isz bytes; istep / ostep: index and output steps in elements. */
static void run_take(int64_t n, int64_t m, int64_t isz, int32_t mode, int64_t istep, int64_t ostep, int extremes)
{
    guarded gb = guarded_alloc((size_t)(n * isz));
    guarded gi = guarded_alloc((size_t)(m * istep * 8));
    guarded go = guarded_alloc((size_t)(m * ostep * isz));
    char *base = gb.data, *out = go.data;
    int64_t *idx = (int64_t *)(void *)gi.data;
    for (int64_t k = 0; k < n * isz; k++) base[k] = (char)rng_next();
    memset(out, 0x5A, (size_t)(m * ostep * isz));
    int64_t first_bad = -1;
    for (int64_t t = 0; t < m; t++) {
        uint64_t r = rng_next();
        int64_t v = (int64_t)(r % (uint64_t)n);
        if (r % 5 == 0) v -= n; /* negative, in range */
        if (extremes && r % 7 == 0) v = (r & 8) ? INT64_MIN : (r & 16) ? INT64_MAX : (r & 32) ? n : -n - 1;
        int bad;
        expect_index(v, n, mode, &bad);
        if (bad && first_bad < 0) first_bad = t;
        idx[t * istep] = v;
    }

    nk_index_desc x;
    memset(&x, 0, sizeof x);
    x.direction = NK_GATHER;
    x.mode = mode;
    x.nidx = 1;
    x.itemsize = (int32_t)isz;
    x.bndim = 1;
    x.sndim = 0;
    x.bshape[0] = m;
    x.axis_len[0] = n;
    x.axis_stride[0] = isz;
    x.report_axis[0] = 0;
    x.packed_strides[0] = ostep * isz;
    x.idx_strides[0] = istep * 8;
    x.idx[0] = idx;
    x.base = base;
    x.packed = out;
    nk_status st;
    int32_t rc = nk_index(&x, &st);
    if (first_bad >= 0) {
        /* Raise reports the first bad index of the lowest thread that met one; with threads, an earlier thread's
         * chunk may hold none, so only "some bad index" is certain, and which one is, for one thread. */
        CHECK(rc == NK_E_INDEX && st.arg[1] == 0 && st.arg[2] == n, "raise: rc %d args %lld %lld", rc,
              (long long)st.arg[1], (long long)st.arg[2]);
        int bad;
        expect_index(st.arg[0], n, mode, &bad);
        CHECK(bad, "raise reported an index in range: %lld", (long long)st.arg[0]);
    } else {
        CHECK(rc == NK_OK, "n %lld m %lld isz %lld mode %d: rc %d", (long long)n, (long long)m, (long long)isz, mode, rc);
        int64_t wrong = -1;
        for (int64_t t = 0; t < m && wrong < 0; t++) {
            int bad;
            int64_t v = expect_index(idx[t * istep], n, mode, &bad);
            if (memcmp(out + t * ostep * isz, base + v * isz, (size_t)isz) != 0) wrong = t;
            for (int64_t g = 1; g < ostep && wrong < 0; g++)
                for (int64_t b = 0; b < isz; b++)
                    if (out[(t * ostep + g) * isz + b] != 0x5A) wrong = t;
        }
        CHECK(wrong < 0, "n %lld m %lld isz %lld mode %d steps %lld/%lld: wrong at %lld", (long long)n, (long long)m,
              (long long)isz, mode, (long long)istep, (long long)ostep, (long long)wrong);
    }
    guarded_free(&gb);
    guarded_free(&gi);
    guarded_free(&go);
}

int main(void)
{
    nk_status st;
    nk_init_params p = {3, -1, NULL};
    if (nk_init(&p, &st) != NK_OK) {
        fprintf(stderr, "nk_init failed\n");
        return 1;
    }
    static const int64_t lens[] = {1, 2, 7, 31, 32, 33, 64, 100, 1000, 5000};
    static const int64_t sizes[] = {1, 2, 4, 8, 16};
    int cases = 0;
    for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
            for (int32_t mode = NK_MODE_RAISE; mode <= NK_MODE_CLIP; mode++)
                for (int v = 0; v < 4; v++) {
                    const int64_t n = v == 3 ? 1 : 1 + (int64_t)(rng_next() % 3000);
                    run_take(n, lens[l], sizes[z], mode, v == 1 ? 3 : 1, v == 2 ? 2 : 1, v >= 2);
                    cases++;
                }
    /* Large enough for two threads at the default threshold. */
    for (int32_t mode = NK_MODE_RAISE; mode <= NK_MODE_CLIP; mode++) {
        run_take(1000000, 300000, 8, mode, 1, 1, 0);
        run_take(1000, 300000, 8, mode, 1, 1, 1);
        cases += 2;
    }
    printf("take: %d cases\n", cases);
    return nk_test_finish("test_index");
}
