/* test_copy.c — nk_copy's 2-d transposes against a naive element loop, bit for bit.
 *
 * Every case copies dst[i][j] = src[i][j] through nk_copy and through a plain loop into a second destination with
 * the same layout, then compares the two whole buffers, padding between rows included (a stray write shows).
 * Sources are random bytes, so NaN payloads and every integer pattern must survive. Cases cover the register
 * transpose (source contiguous along the destination rows, itemsize 4 and 8: nk_transpose.c) and the tiled generic
 * path around it: shapes off every block multiple, itemsizes 1, 2, 4, 8, 16, flipped rows and columns on either
 * side, destinations and sources at unaligned addresses, 1 to 3 threads, and destinations big enough for the
 * non-temporal stores (aligned and not). Buffers end at a PROT_NONE page.
 *
 * Run under NUMERICS_NATIVE_SIMD=baseline|avx2 (ctest) so each SIMD copy of nk_transpose.c is checked, and with a
 * lowered NUMERICS_NATIVE_PAR_MIN_MEMORY so small shapes take the threaded split.
 */
#define _GNU_SOURCE
#include "nk_test.h"
#include "numerics_kernels.h"

#include <stdint.h>

typedef struct layout {
    int64_t rows, cols, isz;
    int32_t dtype;
    int64_t src_inner; /* source step along i in elements: 1 = the register transpose's case */
    int flip_src_cols; /* source column step negative */
    int flip_dst_rows; /* destination row step negative */
    int64_t dst_pad;   /* extra bytes at the end of each destination row */
    int64_t src_off, dst_off; /* start address modulo 64 */
} layout;

/* A buffer of `need` bytes starting at `off` modulo 64; the bytes behind it up to the guard page are slack. */
static char *place(guarded *g, int64_t need, int64_t off)
{
    int64_t tail = (64 - (need + off) % 64) % 64;
    *g = guarded_alloc((size_t)(need + tail));
    CHECK(((uintptr_t)g->data - (uintptr_t)off) % 64 == 0, "placement off %lld", (long long)off);
    return g->data;
}

static int32_t dtype_of(int64_t isz)
{
    switch (isz) {
    case 1: return NK_UINT8;
    case 2: return NK_INT16;
    case 4: return NK_FLOAT32;
    case 8: return NK_FLOAT64;
    default: return NK_COMPLEX128;
    }
}

static void run_case(const layout *L, int32_t max_threads)
{
    const int64_t r = L->rows, c = L->cols, isz = L->isz;
    /* Source: a C-ordered (c, r * src_inner) matrix M read as M.T (optionally with its rows in reverse). */
    const int64_t spitch = r * L->src_inner * isz, sbytes = c * spitch;
    const int64_t dpitch = c * isz + L->dst_pad, dbytes = r * dpitch;
    guarded gs, gd, ge;
    char *sbuf = place(&gs, sbytes, L->src_off);
    char *dbuf = place(&gd, dbytes, L->dst_off);
    char *ebuf = place(&ge, dbytes, L->dst_off);
    for (int64_t k = 0; k < sbytes; k++) sbuf[k] = (char)rng_next();
    for (int64_t k = 0; k < dbytes; k++) dbuf[k] = ebuf[k] = (char)(0xA5 ^ k);

    nk_iter it;
    memset(&it, 0, sizeof it);
    it.ndim = 2;
    it.nin = 1;
    it.nout = 1;
    it.max_threads = max_threads;
    it.shape[0] = r;
    it.shape[1] = c;
    it.op[0].data = sbuf + (L->flip_src_cols ? (c - 1) * spitch : 0);
    it.op[0].strides[0] = L->src_inner * isz;
    it.op[0].strides[1] = L->flip_src_cols ? -spitch : spitch;
    it.op[0].dtype = L->dtype;
    it.op[1].data = dbuf + (L->flip_dst_rows ? (r - 1) * dpitch : 0);
    it.op[1].strides[0] = L->flip_dst_rows ? -dpitch : dpitch;
    it.op[1].strides[1] = isz;
    it.op[1].dtype = L->dtype;

    char *e0 = ebuf + (it.op[1].data - dbuf);
    for (int64_t i = 0; i < r; i++)
        for (int64_t j = 0; j < c; j++)
            memcpy(e0 + i * it.op[1].strides[0] + j * isz,
                   it.op[0].data + i * it.op[0].strides[0] + j * it.op[0].strides[1], (size_t)isz);

    nk_status st;
    int32_t rc = nk_copy(&it, &st);
    CHECK(rc == NK_OK && st.code == NK_OK, "nk_copy rc %d", rc);
    int64_t bad = -1;
    for (int64_t k = 0; k < dbytes && bad < 0; k++)
        if (dbuf[k] != ebuf[k]) bad = k;
    CHECK(bad < 0,
          "%lldx%lld isz %lld inner %lld flips %d/%d pad %lld offs %lld/%lld threads %d: first wrong byte %lld (row %lld)",
          (long long)r, (long long)c, (long long)isz, (long long)L->src_inner, L->flip_src_cols, L->flip_dst_rows,
          (long long)L->dst_pad, (long long)L->src_off, (long long)L->dst_off, max_threads, (long long)bad,
          (long long)(bad / dpitch));
    guarded_free(&gs);
    guarded_free(&gd);
    guarded_free(&ge);
}

static void small_shapes(void)
{
    static const int64_t shapes[][2] = {{1, 9},  {9, 1},   {9, 8},   {8, 9},   {8, 8},   {16, 16}, {15, 17}, {17, 15},
                                        {33, 65}, {65, 33}, {100, 37}, {37, 100}, {64, 64}, {130, 70}, {7, 300}, {300, 7},
                                        {48, 200}};
    static const int64_t sizes[] = {1, 2, 4, 8, 16};
    int cases = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
            for (int v = 0; v < 12; v++) {
                const int64_t isz = sizes[z];
                layout L = {shapes[s][0], shapes[s][1], isz, dtype_of(isz), 1, 0, 0, 0, 0, 0};
                L.src_inner = v == 5 ? 2 : 1;            /* a source that is not contiguous: the generic path */
                L.flip_src_cols = v == 1 || v == 3;
                L.flip_dst_rows = v == 2 || v == 3;
                L.dst_pad = v == 4 ? 3 * isz : v == 6 ? 32 : 0;
                L.src_off = v == 7 ? isz : v == 8 ? 1 : 0; /* 1: elements at odd addresses (NumPy allows them) */
                L.dst_off = v == 9 ? isz : v == 10 ? 1 : v == 11 ? 32 : 0;
                run_case(&L, v % 3 == 0 ? 0 : v % 3 == 1 ? 1 : 2);
                cases++;
            }
    printf("small transposes: %d cases\n", cases);
}

/* Destinations of 8 MiB and more take the non-temporal stores when aligned. */
static void large_shapes(void)
{
    static const struct {
        int64_t r, c, isz, dst_off, pad;
    } big[] = {
        {1030, 1100, 8, 0, 0},  /* streaming, ragged bottom rows */
        {1027, 1033, 8, 0, 0},  /* rows not a multiple of 32 bytes: plain stores */
        {1100, 1030, 8, 8, 0},  /* destination off the vector alignment: plain stores */
        {1500, 1504, 4, 0, 0},  /* float32 streaming */
        {1501, 1509, 4, 0, 12}, /* float32, padded rows that keep 32-byte alignment... and odd edges */
    };
    for (size_t k = 0; k < sizeof big / sizeof big[0]; k++)
        for (int th = 0; th <= 2; th++) {
            layout L = {big[k].r, big[k].c, big[k].isz, dtype_of(big[k].isz), 1, th == 2, 0, big[k].pad, 0,
                        big[k].dst_off};
            run_case(&L, th == 0 ? 0 : th == 1 ? 1 : 3);
        }
    printf("large transposes: %zu shapes\n", sizeof big / sizeof big[0]);
}

int main(void)
{
    nk_status st;
    /* 3 threads on any machine: splits that are not halves. */
    nk_init_params p = {3, -1, NULL};
    if (nk_init(&p, &st) != NK_OK) {
        fprintf(stderr, "nk_init failed\n");
        return 1;
    }
    printf("simd level %d\n", nk_simd_level());
    small_shapes();
    large_shapes();
    return nk_test_finish("test_copy");
}
