/* nk_cast.c — the conversion rules of nk_cast.h. */
#include "nk_cast.h"
#include "nk_internal.h"

#include <math.h>
#include <string.h>

/* ---- float16 (ports of NumPy's npy_halfbits_to_doublebits / npy_doublebits_to_halfbits) ---- */

double nk_half_to_double(uint16_t h)
{
    uint16_t h_exp = h & 0x7c00u, h_sig;
    uint64_t d_sgn = ((uint64_t)h & 0x8000u) << 48, d_exp, d_sig, bits;
    switch (h_exp) {
    case 0x0000u: /* zero or subnormal */
        h_sig = h & 0x03ffu;
        if (h_sig == 0) {
            bits = d_sgn;
            break;
        }
        h_sig <<= 1;
        while ((h_sig & 0x0400u) == 0) {
            h_sig <<= 1;
            h_exp++;
        }
        d_exp = ((uint64_t)(1023 - 15 - h_exp)) << 52;
        d_sig = ((uint64_t)(h_sig & 0x03ffu)) << 42;
        bits = d_sgn + d_exp + d_sig;
        break;
    case 0x7c00u: /* inf or NaN */
        bits = d_sgn + 0x7ff0000000000000ULL + (((uint64_t)(h & 0x03ffu)) << 42);
        break;
    default:
        bits = d_sgn + (((uint64_t)(h & 0x7fffu) + 0xfc000u) << 42);
        break;
    }
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

uint16_t nk_double_to_half(double value)
{
    uint64_t d;
    memcpy(&d, &value, sizeof d);
    uint64_t d_exp = d & 0x7ff0000000000000ULL, d_sig;
    uint16_t h_sgn = (uint16_t)((d & 0x8000000000000000ULL) >> 48), h_sig, h_exp;
    if (d_exp >= 0x40f0000000000000ULL) { /* overflow, inf or NaN */
        if (d_exp == 0x7ff0000000000000ULL) {
            d_sig = d & 0x000fffffffffffffULL;
            if (d_sig != 0) { /* NaN: keep a quiet NaN with the top payload bits */
                uint16_t ret = (uint16_t)(0x7c00u + (d_sig >> 42));
                if (ret == 0x7c00u) ret++;
                return h_sgn + ret;
            }
            return (uint16_t)(h_sgn + 0x7c00u);
        }
        return (uint16_t)(h_sgn + 0x7c00u);
    }
    if (d_exp <= 0x3f00000000000000ULL) { /* underflow to subnormal or zero */
        if (d_exp < 0x3e60000000000000ULL) return h_sgn; /* below half the smallest subnormal: signed zero */
        d_exp >>= 52;
        d_sig = 0x0010000000000000ULL + (d & 0x000fffffffffffffULL);
        /* doubles have room to shift the subnormal significand left without losing bits (smallest d_exp: 998) */
        d_sig <<= (d_exp - 998);
        if ((d_sig & 0x003fffffffffffffULL) != 0x0010000000000000ULL) d_sig += 0x0010000000000000ULL;
        h_sig = (uint16_t)(d_sig >> 53);
        return (uint16_t)(h_sgn + h_sig);
    }
    h_exp = (uint16_t)((d_exp - 0x3f00000000000000ULL) >> 42);
    d_sig = d & 0x000fffffffffffffULL;
    if ((d_sig & 0x000007ffffffffffULL) != 0x0000020000000000ULL) d_sig += 0x0000020000000000ULL;
    h_sig = (uint16_t)(d_sig >> 42);
    /* a carry out of the significand bumps the exponent, possibly to inf: the right result */
    return (uint16_t)(h_sgn + h_exp + h_sig);
}

/* ---- x86 conversion semantics ---- */

static inline int32_t cvtt32(double d, int32_t *fpe)
{
    if (d > -2147483649.0 && d < 2147483648.0) return (int32_t)d;
    *fpe |= NK_FPE_INVALID;
    return INT32_MIN;
}

static inline int64_t cvtt64(double d, int32_t *fpe)
{
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) return (int64_t)d;
    *fpe |= NK_FPE_INVALID;
    return INT64_MIN;
}

static inline uint64_t cvtu64(double d, int32_t *fpe)
{
    if (d >= 9223372036854775808.0) return (uint64_t)cvtt64(d - 9223372036854775808.0, fpe) ^ 0x8000000000000000ULL;
    return (uint64_t)cvtt64(d, fpe);
}

static inline uint32_t cvtu32(double d, int vec, int32_t *fpe)
{
    if (!vec) return (uint32_t)(uint64_t)cvtt64(d, fpe);
    if (d >= 2147483648.0) return (uint32_t)cvtt32(d - 2147483648.0, fpe) ^ 0x80000000u;
    return (uint32_t)cvtt32(d, fpe);
}

void nk_cast_read(const char *p, int32_t t, nk_val *v)
{
    switch (t) {
    case NK_BOOL: v->cat = NK_CAT_BOOL; v->i = *(const uint8_t *)p != 0; break;
    case NK_INT8: v->cat = NK_CAT_SIGNED; v->i = *(const int8_t *)p; break;
    case NK_UINT8: v->cat = NK_CAT_UNSIGNED; v->u = *(const uint8_t *)p; break;
    case NK_INT16: { int16_t x; memcpy(&x, p, 2); v->cat = NK_CAT_SIGNED; v->i = x; break; }
    case NK_UINT16: { uint16_t x; memcpy(&x, p, 2); v->cat = NK_CAT_UNSIGNED; v->u = x; break; }
    case NK_INT32: { int32_t x; memcpy(&x, p, 4); v->cat = NK_CAT_SIGNED; v->i = x; break; }
    case NK_UINT32: { uint32_t x; memcpy(&x, p, 4); v->cat = NK_CAT_UNSIGNED; v->u = x; break; }
    case NK_INT64: { int64_t x; memcpy(&x, p, 8); v->cat = NK_CAT_SIGNED; v->i = x; break; }
    case NK_UINT64: { uint64_t x; memcpy(&x, p, 8); v->cat = NK_CAT_UNSIGNED; v->u = x; break; }
    case NK_FLOAT16: { uint16_t x; memcpy(&x, p, 2); v->cat = NK_CAT_HALF; v->re = nk_half_to_double(x); break; }
    case NK_FLOAT32: { float x; memcpy(&x, p, 4); v->cat = NK_CAT_FLOAT; v->re = x; break; }
    case NK_FLOAT64: { double x; memcpy(&x, p, 8); v->cat = NK_CAT_FLOAT; v->re = x; break; }
    case NK_COMPLEX64: { float x[2]; memcpy(x, p, 8); v->cat = NK_CAT_COMPLEX; v->re = x[0]; v->im = x[1]; break; }
    default: { double x[2]; memcpy(x, p, 16); v->cat = NK_CAT_COMPLEX; v->re = x[0]; v->im = x[1]; break; }
    }
}

static inline int is_floatlike(int cat) { return cat == NK_CAT_HALF || cat == NK_CAT_FLOAT || cat == NK_CAT_COMPLEX; }

static inline int64_t as_i64(const nk_val *v) { return v->cat == NK_CAT_UNSIGNED ? (int64_t)v->u : v->i; }

static inline double as_double(const nk_val *v)
{
    switch (v->cat) {
    case NK_CAT_UNSIGNED: return (double)v->u;
    case NK_CAT_BOOL:
    case NK_CAT_SIGNED: return (double)v->i;
    default: return v->re;
    }
}

static inline float as_float(const nk_val *v)
{
    /* integers convert to float32 directly (one rounding), as C's (float)int64 */
    switch (v->cat) {
    case NK_CAT_UNSIGNED: return (float)v->u;
    case NK_CAT_BOOL:
    case NK_CAT_SIGNED: return (float)v->i;
    default: return (float)v->re;
    }
}

int32_t nk_cast_write(char *p, int32_t t, const nk_val *v, int vec)
{
    int32_t fpe = 0;
    const int fl = is_floatlike(v->cat);
    switch (t) {
    case NK_BOOL: {
        uint8_t b;
        switch (v->cat) {
        case NK_CAT_UNSIGNED: b = v->u != 0; break;
        case NK_CAT_BOOL:
        case NK_CAT_SIGNED: b = v->i != 0; break;
        case NK_CAT_COMPLEX: b = v->re != 0 || v->im != 0; break;
        default: b = v->re != 0; break;
        }
        *(uint8_t *)p = b;
        break;
    }
    case NK_INT8: *(int8_t *)p = (int8_t)(fl ? cvtt32(v->re, &fpe) : as_i64(v)); break;
    case NK_UINT8: *(uint8_t *)p = (uint8_t)(fl ? cvtt32(v->re, &fpe) : as_i64(v)); break;
    case NK_INT16: { int16_t x = (int16_t)(fl ? cvtt32(v->re, &fpe) : as_i64(v)); memcpy(p, &x, 2); break; }
    case NK_UINT16: { uint16_t x = (uint16_t)(fl ? cvtt32(v->re, &fpe) : as_i64(v)); memcpy(p, &x, 2); break; }
    case NK_INT32: { int32_t x = fl ? cvtt32(v->re, &fpe) : (int32_t)as_i64(v); memcpy(p, &x, 4); break; }
    case NK_UINT32: {
        uint32_t x = fl ? cvtu32(v->re, vec && v->cat != NK_CAT_HALF, &fpe) : (uint32_t)as_i64(v);
        memcpy(p, &x, 4);
        break;
    }
    case NK_INT64: { int64_t x = fl ? cvtt64(v->re, &fpe) : as_i64(v); memcpy(p, &x, 8); break; }
    case NK_UINT64: { uint64_t x = fl ? cvtu64(v->re, &fpe) : (uint64_t)as_i64(v); memcpy(p, &x, 8); break; }
    case NK_FLOAT16: {
        /* every integer that is finite in float16 is exact in float32, so ints go through float32 */
        uint16_t h = fl ? nk_double_to_half(v->re) : nk_double_to_half((double)as_float(v));
        if ((h & 0x7fffu) == 0x7c00u && (!fl || isfinite(v->re))) fpe |= NK_FPE_OVERFLOW;
        memcpy(p, &h, 2);
        break;
    }
    case NK_FLOAT32: {
        float x = as_float(v);
        if (isinf(x) && (!fl || isfinite(v->re))) fpe |= NK_FPE_OVERFLOW;
        memcpy(p, &x, 4);
        break;
    }
    case NK_FLOAT64: { double x = as_double(v); memcpy(p, &x, 8); break; }
    case NK_COMPLEX64: {
        float x[2] = {as_float(v), v->cat == NK_CAT_COMPLEX ? (float)v->im : 0.0f};
        if ((isinf(x[0]) && (!fl || isfinite(v->re))) || (isinf(x[1]) && isfinite(v->im))) fpe |= NK_FPE_OVERFLOW;
        memcpy(p, x, 8);
        break;
    }
    default: {
        double x[2] = {as_double(v), v->cat == NK_CAT_COMPLEX ? v->im : 0.0};
        memcpy(p, x, 16);
        break;
    }
    }
    return fpe;
}
