/* nk_loop_types.h — the type sets that nk_ops.def rows name, and the helpers every loop template shares. */
#ifndef NK_LOOP_TYPES_H
#define NK_LOOP_TYPES_H

#include <stdint.h>

/* Element access through these types is defined for any address: the facade may hand views at odd offsets
 * (np.frombuffer with an offset), and x86 loads them at full speed, so there is no need to refuse them or to
 * route them through a buffer. */
typedef float nk_f32 __attribute__((aligned(1)));
typedef double nk_f64 __attribute__((aligned(1)));

/* X(C type, nk_dtype, suffix, row arguments...) once per dtype of the set. */
#define NK_TYPESET_FLOAT(X, ...) X(nk_f32, NK_FLOAT32, f32, __VA_ARGS__) X(nk_f64, NK_FLOAT64, f64, __VA_ARGS__)

/* An output and an input that start at the same address, or do not meet at all, can be processed in any lane
 * order; only a partial overlap needs the element-by-element order of the scalar loop. */
static inline int nk_same_or_disjoint(const char *in, const char *out, int64_t bytes)
{
    uintptr_t i = (uintptr_t)in, o = (uintptr_t)out, b = (uintptr_t)bytes;
    return i == o || i + b <= o || o + b <= i;
}

#endif /* NK_LOOP_TYPES_H */
