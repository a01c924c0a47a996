/* nk_binary.c — the one template for two-input, one-output loops; compiled once per SIMD level (NkSimd.cmake).
 *
 * NumPy's BINARY_LOOP_FAST: the body is one expression, and each branch below exists only so the compiler sees a
 * loop shape it can vectorise at this level's -march. No intrinsics: the auto-vectoriser's epilogue is scalar, so
 * no lane ever computes on padding and the FP flags are exactly those of the real elements.
 */
#include "nk_internal.h"
#include "nk_loop_types.h"
#include "nk_simd.h"

/* Declares the vectoriser's alias worry void: the branch that uses it has ruled out partial overlap, and a
 * zero-distance overlap (in place) is harmless lane by lane. */
#define NK_IVDEP _Pragma("GCC ivdep")

#define NK_BINARY_LOOP(T, EXPR)                                                                                       \
    const int64_t n = *dims;                                                                                          \
    char *ip1 = args[0], *ip2 = args[1], *op1 = args[2];                                                              \
    const int64_t is1 = steps[0], is2 = steps[1], os1 = steps[2];                                                     \
    const int64_t sz = (int64_t)sizeof(T);                                                                            \
    (void)ctx;                                                                                                        \
    if (os1 == sz && n > 0) {                                                                                         \
        const int64_t bytes = n * sz;                                                                                 \
        T *o = (T *)op1;                                                                                              \
        if (is1 == sz && is2 == sz && nk_same_or_disjoint(ip1, op1, bytes) &&                                         \
            nk_same_or_disjoint(ip2, op1, bytes)) {                                                                   \
            const T *x = (const T *)ip1, *y = (const T *)ip2;                                                         \
            NK_IVDEP                                                                                                  \
            for (int64_t i = 0; i < n; i++) {                                                                         \
                const T a = x[i], b = y[i];                                                                           \
                o[i] = (EXPR);                                                                                        \
            }                                                                                                         \
            return;                                                                                                   \
        }                                                                                                             \
        if (is1 == sz && is2 == 0 && nk_same_or_disjoint(ip1, op1, bytes)) {                                          \
            const T *x = (const T *)ip1;                                                                              \
            const T b = *(const T *)ip2;                                                                              \
            NK_IVDEP                                                                                                  \
            for (int64_t i = 0; i < n; i++) {                                                                         \
                const T a = x[i];                                                                                     \
                o[i] = (EXPR);                                                                                        \
            }                                                                                                         \
            return;                                                                                                   \
        }                                                                                                             \
        if (is1 == 0 && is2 == sz && nk_same_or_disjoint(ip2, op1, bytes)) {                                          \
            const T *y = (const T *)ip2;                                                                              \
            const T a = *(const T *)ip1;                                                                              \
            NK_IVDEP                                                                                                  \
            for (int64_t i = 0; i < n; i++) {                                                                         \
                const T b = y[i];                                                                                     \
                o[i] = (EXPR);                                                                                        \
            }                                                                                                         \
            return;                                                                                                   \
        }                                                                                                             \
    }                                                                                                                 \
    for (int64_t i = 0; i < n; i++, ip1 += is1, ip2 += is2, op1 += os1) {                                             \
        const T a = *(const T *)ip1, b = *(const T *)ip2;                                                             \
        *(T *)op1 = (EXPR);                                                                                           \
    }

#define NK_GEN_BINARY_FN(T, DT, SFX, name, id, cls, ...)                                                              \
    static void nk_##name##_##SFX(char **args, const int64_t *dims, const int64_t *steps, void *ctx)                  \
    {                                                                                                                 \
        NK_BINARY_LOOP(T, (__VA_ARGS__))                                                                              \
    }

#define NK_GEN_BINARY_ENTRY(T, DT, SFX, name, id, cls, ...)                                                           \
    {id, {nk_##name##_##SFX, {DT, DT, DT}, 2, 1, cls, NK_LOOP_REORDERABLE, NULL}},

#define NK_BINARY(name, id, cls, set, ...) NK_TYPESET_##set(NK_GEN_BINARY_FN, name, id, cls, __VA_ARGS__)
#include "nk_ops.def"
#undef NK_BINARY

const nk_loop_entry NK_SIMD_NAME(nk_binary_loops)[] = {
#define NK_BINARY(name, id, cls, set, ...) NK_TYPESET_##set(NK_GEN_BINARY_ENTRY, name, id, cls, __VA_ARGS__)
#include "nk_ops.def"
#undef NK_BINARY
    {0, {NULL, {0}, 0, 0, 0, 0, NULL}},
};
