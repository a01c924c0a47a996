/* nk_la_copy.c — strided matrix <-> Fortran-order workspace copies. LAPACK overwrites its inputs and wants column
 * order, so every item is copied in (NumPy's linearize_matrix) and results copied out; a C-order matrix makes that a
 * transpose (nk_copy's register transpose where it applies, else cache tiles) so neither side is walked with a large
 * stride for long. */
#include "nk_la_internal.h"
#include "../copy/nk_transpose.h"

#define LA_TILE 32

typedef struct { uint64_t lo, hi; } la_e16;

/* dst[i + j*ld] = src[i*rs + j*cs] for one element type E. */
#define LA_DEFINE_GATHER(E)                                                                                           \
    static void gather_##E(E *dst, int64_t ld, const char *src, int64_t m, int64_t n, int64_t rs, int64_t cs)      \
    {                                                                                                                 \
        if (cs == (int64_t)sizeof(E) && rs != (int64_t)sizeof(E)) {                                                   \
            for (int64_t i0 = 0; i0 < m; i0 += LA_TILE) {                                                             \
                int64_t i1 = la_min64(m, i0 + LA_TILE);                                                               \
                for (int64_t j0 = 0; j0 < n; j0 += LA_TILE) {                                                         \
                    int64_t j1 = la_min64(n, j0 + LA_TILE);                                                           \
                    for (int64_t i = i0; i < i1; i++) {                                                               \
                        const E *row = (const E *)(src + i * rs);                                                     \
                        for (int64_t j = j0; j < j1; j++)                                                             \
                            dst[i + j * ld] = row[j];                                                                 \
                    }                                                                                                 \
                }                                                                                                     \
            }                                                                                                         \
            return;                                                                                                   \
        }                                                                                                             \
        for (int64_t j = 0; j < n; j++) {                                                                             \
            const char *s = src + j * cs;                                                                             \
            E *d = dst + j * ld;                                                                                      \
            if (rs == (int64_t)sizeof(E)) {                                                                           \
                memcpy(d, s, (size_t)m * sizeof(E));                                                                  \
            } else {                                                                                                  \
                for (int64_t i = 0; i < m; i++)                                                                       \
                    memcpy(&d[i], s + i * rs, sizeof(E));                                                             \
            }                                                                                                         \
        }                                                                                                             \
    }

#define LA_DEFINE_SCATTER(E)                                                                                          \
    static void scatter_##E(char *dst, int64_t m, int64_t n, int64_t rs, int64_t cs, const E *src, int64_t ld)     \
    {                                                                                                                 \
        if (cs == (int64_t)sizeof(E) && rs != (int64_t)sizeof(E)) {                                                   \
            for (int64_t i0 = 0; i0 < m; i0 += LA_TILE) {                                                             \
                int64_t i1 = la_min64(m, i0 + LA_TILE);                                                               \
                for (int64_t j0 = 0; j0 < n; j0 += LA_TILE) {                                                         \
                    int64_t j1 = la_min64(n, j0 + LA_TILE);                                                           \
                    for (int64_t i = i0; i < i1; i++) {                                                               \
                        E *row = (E *)(dst + i * rs);                                                                 \
                        for (int64_t j = j0; j < j1; j++)                                                             \
                            row[j] = src[i + j * ld];                                                                 \
                    }                                                                                                 \
                }                                                                                                     \
            }                                                                                                         \
            return;                                                                                                   \
        }                                                                                                             \
        for (int64_t j = 0; j < n; j++) {                                                                             \
            char *d = dst + j * cs;                                                                                   \
            const E *s = src + j * ld;                                                                                \
            if (rs == (int64_t)sizeof(E)) {                                                                           \
                memcpy(d, s, (size_t)m * sizeof(E));                                                                  \
            } else {                                                                                                  \
                for (int64_t i = 0; i < m; i++)                                                                       \
                    memcpy(d + i * rs, &s[i], sizeof(E));                                                             \
            }                                                                                                         \
        }                                                                                                             \
    }

/* A C-order matrix into LAPACK's column order (and back) is a transpose; for 4- and 8-byte items it goes through
 * nk_copy's register transpose (nk_transpose.c): the tile loops above ran at about half a memcpy's speed on cold
 * 2-8 MB matrices (inv 500: 10% of the call, twice NumPy's linearize). Taken when the strided side's rows are
 * contiguous, its row stride is a whole number of items, and both sides are at least one block long. */
static int fast_transpose(size_t es, int64_t rs, int64_t cs, int64_t m, int64_t n)
{
    return (es == 4 || es == 8) && cs == (int64_t)es && rs != (int64_t)es && rs % (int64_t)es == 0 &&
           m >= NK_TRANSPOSE_BLOCK_ROWS((int64_t)es) && n >= NK_TRANSPOSE_BLOCK_ROWS((int64_t)es);
}

/* dst[r*ds0 + c*es] = src[r*es + c*ss1] (byte strides), on one thread (the LAPACK call around it is threaded). */
static void transpose(char *dst, int64_t ds0, const char *src, int64_t ss1, int64_t rows, int64_t cols, size_t es)
{
    const nk_transpose_job job = nk_transpose_job_of(dst, ds0, src, ss1, rows, cols, (int64_t)es);
    nk_transpose_rows_for()(&job, 0, rows);
}

LA_DEFINE_GATHER(uint8_t)
LA_DEFINE_GATHER(uint16_t)
LA_DEFINE_GATHER(uint32_t)
LA_DEFINE_GATHER(uint64_t)
LA_DEFINE_GATHER(la_e16)
LA_DEFINE_SCATTER(uint8_t)
LA_DEFINE_SCATTER(uint16_t)
LA_DEFINE_SCATTER(uint32_t)
LA_DEFINE_SCATTER(uint64_t)
LA_DEFINE_SCATTER(la_e16)

void la_gather(void *dst, int64_t ld, const char *src, int64_t m, int64_t n, int64_t rs, int64_t cs, size_t es)
{
    if (m <= 0 || n <= 0)
        return;
    if (fast_transpose(es, rs, cs, m, n)) {
        /* destination row r = LAPACK column j (step ld items), column c = i; source item (i, j) at i*rs + j*es */
        transpose(dst, ld * (int64_t)es, src, rs, n, m, es);
        return;
    }
    switch (es) {
    case 1: gather_uint8_t(dst, ld, src, m, n, rs, cs); break;
    case 2: gather_uint16_t(dst, ld, src, m, n, rs, cs); break;
    case 4: gather_uint32_t(dst, ld, src, m, n, rs, cs); break;
    case 8: gather_uint64_t(dst, ld, src, m, n, rs, cs); break;
    default: gather_la_e16(dst, ld, src, m, n, rs, cs); break;
    }
}

/* Integer ops on the bits, so the loop vectorizes: adding the exponent's lowest bit to the exponent field carries
 * into the sign bit exactly when the exponent is all ones (NaN or +-inf). */
#define LA_DEFINE_NONFINITE(U, EXPONENT, LOWEST)                                                                      \
    static int nonfinite_##U(const unsigned char *p, int64_t count)                                                   \
    {                                                                                                                 \
        U acc = 0;                                                                                                    \
        for (int64_t i = 0; i < count; i++) {                                                                         \
            U u;                                                                                                      \
            memcpy(&u, p + i * (int64_t)sizeof(U), sizeof(U));                                                       \
            acc |= (U)((u & (EXPONENT)) + (LOWEST));                                                                  \
        }                                                                                                             \
        return (acc >> (sizeof(U) * 8 - 1)) != 0;                                                                    \
    }

LA_DEFINE_NONFINITE(uint64_t, 0x7ff0000000000000ull, 0x0010000000000000ull)
LA_DEFINE_NONFINITE(uint32_t, 0x7f800000u, 0x00800000u)

/* 1 if any of count contiguous reals of real_size (4 or 8) bytes is NaN or +-inf. */
static int la_nonfinite(const void *x, int64_t count, size_t real_size)
{
    return real_size == 8 ? nonfinite_uint64_t(x, count) : nonfinite_uint32_t(x, count);
}

/* Column blocks of about 128 KiB (a multiple of the transpose's 16-row blocks), so each is checked from L2. */
#define LA_CHECK_BLOCK_BYTES (128 * 1024)

int la_gather_finite(void *dst, int64_t ld, const char *src, int64_t m, int64_t n, int64_t rs, int64_t cs, size_t es,
                     size_t real_size)
{
    if (m <= 0 || n <= 0)
        return 0;
    int64_t block = LA_CHECK_BLOCK_BYTES / (m * (int64_t)es) / 16 * 16;
    if (block < 16)
        block = 16;
    const int64_t reals = m * (int64_t)(es / real_size);
    for (int64_t j0 = 0; j0 < n; j0 += block) {
        const int64_t nb = la_min64(block, n - j0);
        char *d = (char *)dst + j0 * ld * (int64_t)es;
        la_gather(d, ld, src + j0 * cs, m, nb, rs, cs, es);
        for (int64_t j = 0; j < nb; j++)
            if (la_nonfinite(d + j * ld * (int64_t)es, reals, real_size))
                return 1;
    }
    return 0;
}

void la_scatter(char *dst, int64_t m, int64_t n, int64_t rs, int64_t cs, const void *src, int64_t ld, size_t es)
{
    if (m <= 0 || n <= 0)
        return;
    if (fast_transpose(es, rs, cs, m, n)) {
        /* destination row r = i (step rs), column c = j; LAPACK item (i, j) at (i + j*ld)*es */
        transpose(dst, rs, src, ld * (int64_t)es, m, n, es);
        return;
    }
    switch (es) {
    case 1: scatter_uint8_t(dst, m, n, rs, cs, src, ld); break;
    case 2: scatter_uint16_t(dst, m, n, rs, cs, src, ld); break;
    case 4: scatter_uint32_t(dst, m, n, rs, cs, src, ld); break;
    case 8: scatter_uint64_t(dst, m, n, rs, cs, src, ld); break;
    default: scatter_la_e16(dst, m, n, rs, cs, src, ld); break;
    }
}

void la_fill(char *dst, int64_t m, int64_t n, int64_t rs, int64_t cs, const void *elem, size_t es)
{
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++)
            memcpy(dst + i * rs + j * cs, elem, es);
}
