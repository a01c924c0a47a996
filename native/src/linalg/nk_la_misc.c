/* nk_la_misc.c — trace and cross product over stacks, for every dtype NumPy computes them in. */
#include "nk_la_common.h"

/* NumPy's complex pairwise sum (loops_utils.h.src) over n complex values: four accumulators per part. */
#define LA_DEFINE_CPAIRWISE(NAME, R)                                                                                 \
    static void NAME(R *rr, R *ri, const R *a, int64_t n)                                                            \
    {                                                                                                                \
        /* n counts complex values here; NumPy's loop counts reals (2n) with the same blocking. */                   \
        const int64_t nn = 2 * n;                                                                                    \
        if (nn < 8) {                                                                                                \
            *rr = -0.0;                                                                                              \
            *ri = -0.0;                                                                                              \
            for (int64_t i = 0; i < nn; i += 2) {                                                                    \
                *rr += a[i];                                                                                         \
                *ri += a[i + 1];                                                                                     \
            }                                                                                                        \
            return;                                                                                                  \
        }                                                                                                            \
        if (nn <= 128) {                                                                                             \
            R r[8];                                                                                                  \
            for (int j = 0; j < 8; j++)                                                                              \
                r[j] = a[j];                                                                                         \
            int64_t i;                                                                                               \
            for (i = 8; i < nn - (nn % 8); i += 8)                                                                   \
                for (int j = 0; j < 8; j++)                                                                          \
                    r[j] += a[i + j];                                                                                \
            *rr = ((r[0] + r[2]) + (r[4] + r[6]));                                                                   \
            *ri = ((r[1] + r[3]) + (r[5] + r[7]));                                                                   \
            for (; i < nn; i += 2) {                                                                                 \
                *rr += a[i];                                                                                         \
                *ri += a[i + 1];                                                                                     \
            }                                                                                                        \
            return;                                                                                                  \
        }                                                                                                            \
        int64_t n2 = nn / 2;                                                                                         \
        n2 -= n2 % 8;                                                                                                \
        R r1, i1, r2, i2;                                                                                            \
        NAME(&r1, &i1, a, n2 / 2);                                                                                   \
        NAME(&r2, &i2, a + n2, n - n2 / 2);                                                                          \
        *rr = r1 + r2;                                                                                               \
        *ri = i1 + i2;                                                                                               \
    }

LA_DEFINE_CPAIRWISE(cpairwise_d, double)
LA_DEFINE_CPAIRWISE(cpairwise_f, float)

#define LA_CHUNK 8192

/* Sums a strided vector: copied chunk by chunk into a contiguous buffer (the reduction's buffer) and summed
 * pairwise, chunks in order. */
#define LA_DEFINE_TRACE_FLOAT(NAME, R, PW)                                                                           \
    static R NAME(const char *x, int64_t n, int64_t stride, R *tmp)                                                  \
    {                                                                                                                \
        if (n == 0)                                                                                                  \
            return 0;                                                                                                \
        R s = 0;                                                                                                     \
        for (int64_t c0 = 0; c0 < n; c0 += LA_CHUNK) {                                                               \
            const int64_t c1 = la_min64(n, c0 + LA_CHUNK);                                                           \
            for (int64_t i = c0; i < c1; i++)                                                                        \
                memcpy(&tmp[i - c0], x + i * stride, sizeof(R));                                                     \
            const R part = PW(tmp, c1 - c0);                                                                         \
            s = c0 == 0 ? part : s + part;                                                                           \
        }                                                                                                            \
        return s;                                                                                                    \
    }

LA_DEFINE_TRACE_FLOAT(trace_d, double, la_pairwise_d)
LA_DEFINE_TRACE_FLOAT(trace_f, float, la_pairwise_f)

#define LA_DEFINE_TRACE_COMPLEX(NAME, R, CPW)                                                                        \
    static void NAME(const char *x, int64_t n, int64_t stride, R *tmp, R *out)                                       \
    {                                                                                                                \
        R sr = 0, si = 0;                                                                                            \
        for (int64_t c0 = 0; c0 < n; c0 += LA_CHUNK) {                                                               \
            const int64_t c1 = la_min64(n, c0 + LA_CHUNK);                                                           \
            for (int64_t i = c0; i < c1; i++)                                                                        \
                memcpy(&tmp[2 * (i - c0)], x + i * stride, 2 * sizeof(R));                                           \
            R pr, pi;                                                                                                \
            CPW(&pr, &pi, tmp, c1 - c0);                                                                             \
            sr = c0 == 0 ? pr : sr + pr;                                                                             \
            si = c0 == 0 ? pi : si + pi;                                                                             \
        }                                                                                                            \
        out[0] = sr;                                                                                                 \
        out[1] = si;                                                                                                 \
    }

LA_DEFINE_TRACE_COMPLEX(trace_z, double, cpairwise_d)
LA_DEFINE_TRACE_COMPLEX(trace_c, float, cpairwise_f)

void la_trace(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    const int64_t n = d->n;
    const nk_mat *x = &d->op[0], *o = &d->op[1];
    double *tmp = la_alloc(LA_CHUNK * 2 * sizeof(double));
    if (tmp == NULL) {
        la_err_set(err, NK_E_NOMEM, 0, lo, 0);
        return;
    }
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        switch (d->dtype) {
        case NK_INT64:
        case NK_UINT64: {
            /* Integer sums wrap (NumPy's add loop); unsigned arithmetic gives the same bits without UB. */
            uint64_t s = 0;
            for (int64_t i = 0; i < n; i++) {
                uint64_t v;
                memcpy(&v, p[0] + i * x->cs, sizeof v);
                s += v;
            }
            memcpy(p[1], &s, sizeof s);
            break;
        }
        case NK_FLOAT32: {
            float s = trace_f(p[0], n, x->cs, (float *)tmp);
            memcpy(p[1], &s, sizeof s);
            break;
        }
        case NK_FLOAT64: {
            double s = trace_d(p[0], n, x->cs, tmp);
            memcpy(p[1], &s, sizeof s);
            break;
        }
        case NK_COMPLEX64: {
            float s[2];
            trace_c(p[0], n, x->cs, (float *)tmp, s);
            memcpy(p[1], s, sizeof s);
            break;
        }
        default: {
            double s[2];
            trace_z(p[0], n, x->cs, tmp, s);
            memcpy(p[1], s, sizeof s);
            break;
        }
        }
        (void)o;
    }
    free(tmp);
}

/* NumPy's cross (numeric.py) as its sequence of ufunc calls: products rounded to the dtype first, then differences
 * (float16 rounds each product and each difference to half, as its multiply and subtract loops do). Integers wrap:
 * computed modulo 2^bits in an unsigned type, truncated once.
 * For the floating types each item also records, per ufunc call of that sequence, whether the call raises
 * overflow (bit 2s) or invalid (bit 2s+1) by the IEEE rules (a finite pair giving inf, a non-NaN pair giving NaN),
 * so the caller can give NumPy's warnings call by call ("overflow encountered in multiply", "invalid value
 * encountered in subtract"). Steps: 3x3 a1b2, a2b1, -, a2b0, a0b2, -, a0b1, a1b0, -; 2x2 a0b1, a1b0, -;
 * 2x3 a1b2, a0b2, a0b1, a1b0, -; 3x2 a2b1, a2b0, a0b1, a1b0, - (negative raises nothing). */
#define LA_XFLAGS(r, x, y)                                                                                           \
    ((__builtin_isinf((double)(r)) && __builtin_isfinite((double)(x)) && __builtin_isfinite((double)(y)) ? 1u : 0u) | \
     (__builtin_isnan((double)(r)) && !__builtin_isnan((double)(x)) && !__builtin_isnan((double)(y)) ? 2u : 0u))

#define LA_DEFINE_CROSS(NAME, T, U, FLT)                                                                             \
    static T NAME##_mul(T x, T y, uint32_t *f, int *step)                                                            \
    {                                                                                                                \
        const T r = (T)((U)x * (U)y);                                                                                \
        if (FLT)                                                                                                     \
            *f |= LA_XFLAGS(r, x, y) << (2 * *step);                                                                 \
        ++*step;                                                                                                     \
        return r;                                                                                                    \
    }                                                                                                                \
    static T NAME##_sub(T x, T y, uint32_t *f, int *step)                                                            \
    {                                                                                                                \
        const T r = (T)(x - y);                                                                                      \
        if (FLT)                                                                                                     \
            *f |= LA_XFLAGS(r, x, y) << (2 * *step);                                                                 \
        ++*step;                                                                                                     \
        return r;                                                                                                    \
    }                                                                                                                \
    static void NAME(const nk_linalg_desc *d, const char *pa, const char *pb, char *pc, uint32_t *flags)             \
    {                                                                                                                \
        T a[3] = {0, 0, 0}, b[3] = {0, 0, 0}, c[3];                                                                  \
        for (int64_t i = 0; i < d->m; i++)                                                                           \
            memcpy(&a[i], pa + i * d->op[0].cs, sizeof(T));                                                          \
        for (int64_t i = 0; i < d->n; i++)                                                                           \
            memcpy(&b[i], pb + i * d->op[1].cs, sizeof(T));                                                          \
        uint32_t f = 0;                                                                                              \
        int s = 0;                                                                                                   \
        if (d->m == 3 && d->n == 3) {                                                                                \
            const T p0 = NAME##_mul(a[1], b[2], &f, &s), q0 = NAME##_mul(a[2], b[1], &f, &s);                       \
            c[0] = NAME##_sub(p0, q0, &f, &s);                                                                       \
            const T p1 = NAME##_mul(a[2], b[0], &f, &s), q1 = NAME##_mul(a[0], b[2], &f, &s);                       \
            c[1] = NAME##_sub(p1, q1, &f, &s);                                                                       \
        } else if (d->m == 2 && d->n == 3) {                                                                         \
            c[0] = NAME##_mul(a[1], b[2], &f, &s);                                                                   \
            c[1] = (T)(-NAME##_mul(a[0], b[2], &f, &s));                                                             \
        } else if (d->m == 3 && d->n == 2) {                                                                         \
            c[0] = (T)(-NAME##_mul(a[2], b[1], &f, &s));                                                             \
            c[1] = NAME##_mul(a[2], b[0], &f, &s);                                                                   \
        }                                                                                                            \
        const T p2 = NAME##_mul(a[0], b[1], &f, &s), q2 = NAME##_mul(a[1], b[0], &f, &s);                           \
        c[2] = NAME##_sub(p2, q2, &f, &s);                                                                           \
        *flags |= f;                                                                                                 \
        if (d->m == 2 && d->n == 2) {                                                                                \
            memcpy(pc, &c[2], sizeof(T));                                                                            \
            return;                                                                                                  \
        }                                                                                                            \
        for (int i = 0; i < 3; i++)                                                                                  \
            memcpy(pc + i * d->op[2].cs, &c[i], sizeof(T));                                                          \
    }

LA_DEFINE_CROSS(cross_u8, uint8_t, uint32_t, 0)
LA_DEFINE_CROSS(cross_u16, uint16_t, uint32_t, 0)
LA_DEFINE_CROSS(cross_u32, uint32_t, uint32_t, 0)
LA_DEFINE_CROSS(cross_u64, uint64_t, uint64_t, 0)
LA_DEFINE_CROSS(cross_f16, _Float16, float, 1)
LA_DEFINE_CROSS(cross_f32, float, float, 1)
LA_DEFINE_CROSS(cross_f64, double, double, 1)

/* Complex products as NumPy's multiply loop forms them, (ar*br - ai*bi) + (ar*bi + ai*br) i; a call's flags are
 * those of its six real operations. Same steps as the real cross. */
#define LA_DEFINE_CROSS_COMPLEX(NAME, R)                                                                             \
    typedef struct { R re, im; } NAME##_c;                                                                           \
    static NAME##_c NAME##_mul(NAME##_c x, NAME##_c y, uint32_t *f, int *step)                                       \
    {                                                                                                                \
        const R p1 = x.re * y.re, p2 = x.im * y.im, p3 = x.re * y.im, p4 = x.im * y.re;                              \
        NAME##_c r = {p1 - p2, p3 + p4};                                                                             \
        *f |= (LA_XFLAGS(p1, x.re, y.re) | LA_XFLAGS(p2, x.im, y.im) | LA_XFLAGS(p3, x.re, y.im) |                    \
               LA_XFLAGS(p4, x.im, y.re) | LA_XFLAGS(r.re, p1, p2) | LA_XFLAGS(r.im, p3, p4))                         \
              << (2 * *step);                                                                                        \
        ++*step;                                                                                                     \
        return r;                                                                                                    \
    }                                                                                                                \
    static NAME##_c NAME##_sub(NAME##_c x, NAME##_c y, uint32_t *f, int *step)                                       \
    {                                                                                                                \
        NAME##_c r = {x.re - y.re, x.im - y.im};                                                                     \
        *f |= (LA_XFLAGS(r.re, x.re, y.re) | LA_XFLAGS(r.im, x.im, y.im)) << (2 * *step);                             \
        ++*step;                                                                                                     \
        return r;                                                                                                    \
    }                                                                                                                \
    static NAME##_c NAME##_neg(NAME##_c x)                                                                           \
    {                                                                                                                \
        NAME##_c r = {-x.re, -x.im};                                                                                 \
        return r;                                                                                                    \
    }                                                                                                                \
    static void NAME(const nk_linalg_desc *d, const char *pa, const char *pb, char *pc, uint32_t *flags)             \
    {                                                                                                                \
        NAME##_c a[3] = {{0, 0}, {0, 0}, {0, 0}}, b[3] = {{0, 0}, {0, 0}, {0, 0}}, c[3];                             \
        for (int64_t i = 0; i < d->m; i++)                                                                           \
            memcpy(&a[i], pa + i * d->op[0].cs, sizeof a[0]);                                                        \
        for (int64_t i = 0; i < d->n; i++)                                                                           \
            memcpy(&b[i], pb + i * d->op[1].cs, sizeof b[0]);                                                        \
        uint32_t f = 0;                                                                                              \
        int s = 0;                                                                                                   \
        if (d->m == 3 && d->n == 3) {                                                                                \
            const NAME##_c p0 = NAME##_mul(a[1], b[2], &f, &s), q0 = NAME##_mul(a[2], b[1], &f, &s);                \
            c[0] = NAME##_sub(p0, q0, &f, &s);                                                                       \
            const NAME##_c p1 = NAME##_mul(a[2], b[0], &f, &s), q1 = NAME##_mul(a[0], b[2], &f, &s);                \
            c[1] = NAME##_sub(p1, q1, &f, &s);                                                                       \
        } else if (d->m == 2 && d->n == 3) {                                                                         \
            c[0] = NAME##_mul(a[1], b[2], &f, &s);                                                                   \
            c[1] = NAME##_neg(NAME##_mul(a[0], b[2], &f, &s));                                                       \
        } else if (d->m == 3 && d->n == 2) {                                                                         \
            c[0] = NAME##_neg(NAME##_mul(a[2], b[1], &f, &s));                                                       \
            c[1] = NAME##_mul(a[2], b[0], &f, &s);                                                                   \
        }                                                                                                            \
        const NAME##_c p2 = NAME##_mul(a[0], b[1], &f, &s), q2 = NAME##_mul(a[1], b[0], &f, &s);                    \
        c[2] = NAME##_sub(p2, q2, &f, &s);                                                                           \
        *flags |= f;                                                                                                 \
        if (d->m == 2 && d->n == 2) {                                                                                \
            memcpy(pc, &c[2], sizeof c[2]);                                                                          \
            return;                                                                                                  \
        }                                                                                                            \
        for (int i = 0; i < 3; i++)                                                                                  \
            memcpy(pc + i * d->op[2].cs, &c[i], sizeof c[i]);                                                        \
    }

LA_DEFINE_CROSS_COMPLEX(cross_c64, float)
LA_DEFINE_CROSS_COMPLEX(cross_c128, double)

void la_cross(const nk_linalg_desc *d, int64_t lo, int64_t hi, la_err *err)
{
    void (*fn)(const nk_linalg_desc *, const char *, const char *, char *, uint32_t *);
    switch (d->dtype) {
    case NK_INT8: case NK_UINT8: fn = cross_u8; break;
    case NK_INT16: case NK_UINT16: fn = cross_u16; break;
    case NK_INT32: case NK_UINT32: fn = cross_u32; break;
    case NK_INT64: case NK_UINT64: fn = cross_u64; break;
    case NK_FLOAT16: fn = cross_f16; break;
    case NK_FLOAT32: fn = cross_f32; break;
    case NK_FLOAT64: fn = cross_f64; break;
    case NK_COMPLEX64: fn = cross_c64; break;
    case NK_COMPLEX128: fn = cross_c128; break;
    default: la_err_set(err, NK_E_INTERNAL, 0, lo, 0); return;
    }
    char *p[NK_LA_MAXOPS];
    uint32_t steps = 0;
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        fn(d, p[0], p[1], p[2], &steps);
    }
    err->fpe |= (int32_t)steps; /* the step flags, not nk_fpe bits: the caller knows the routine */
}
