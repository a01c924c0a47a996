/* nk_cast.h — element conversions between the 14 dtypes with NumPy 1.24's results on x86-64 (the test oracle).
 *
 * C leaves out-of-range float -> int conversions undefined; NumPy inherits what the x86 instructions give. Every rule
 * is therefore written out explicitly here (no UB, independent of how this file is compiled):
 *   - cvtt32(x): truncation if -2^31-1 < x < 2^31, else INT32_MIN (NaN too); int8/16 and uint8/16 take its low bits.
 *   - cvtt64(x): truncation if -2^63 <= x < 2^63, else INT64_MIN.
 *   - uint64: x >= 2^63 ? cvtt64(x - 2^63) ^ 2^63 : cvtt64(x)       (gcc's sequence).
 *   - uint32: NumPy's contiguous float/complex loop is vectorised 4 wide by gcc: in that body x >= 2^31 goes
 *     through cvtt32(x - 2^31) ^ 2^31 and the rest through cvtt32; the scalar tail, strided loops and float16
 *     sources take the low 32 bits of cvtt64. The caller says which element is in the vector body.
 *   - float16 is converted in software, rounding half to even (numpy/core/src/npymath/halffloat.c).
 * Any out-of-range or NaN float -> int conversion sets NK_FPE_INVALID ("invalid value encountered in cast"); a finite
 * value that becomes +-inf in float16, float32 or complex64 sets NK_FPE_OVERFLOW ("overflow encountered in cast"), as
 * NumPy's casts report the FPU's overflow flag (1.24 and 2.x).
 */
#ifndef NK_CAST_H
#define NK_CAST_H

#include <stdint.h>

/* The value of one element on its way from one dtype to another. */
typedef struct nk_val {
    int cat;      /* NK_CAT_* of the source */
    int64_t i;    /* bool / signed */
    uint64_t u;   /* unsigned */
    double re;    /* float / complex real part */
    double im;    /* complex imaginary part */
} nk_val;

enum { NK_CAT_BOOL, NK_CAT_SIGNED, NK_CAT_UNSIGNED, NK_CAT_HALF, NK_CAT_FLOAT, NK_CAT_COMPLEX };

double nk_half_to_double(uint16_t h);
uint16_t nk_double_to_half(double d);

/* Reads the element at p of dtype t. */
void nk_cast_read(const char *p, int32_t t, nk_val *v);
/* Writes v into p as dtype t; vec = the element sits in a 4-wide vector body (uint32 rule above). Returns fpe bits. */
int32_t nk_cast_write(char *p, int32_t t, const nk_val *v, int vec);

#endif /* NK_CAST_H */
