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

/* NumPy's cross (numeric.py): each component a product difference with both products rounded first. Integers wrap:
 * computed modulo 2^bits in an unsigned type, truncated once. */
#define LA_DEFINE_CROSS(NAME, T, U)                                                                                  \
    static void NAME(const nk_linalg_desc *d, const char *pa, const char *pb, char *pc)                             \
    {                                                                                                                \
        T a[3] = {0, 0, 0}, b[3] = {0, 0, 0};                                                                        \
        for (int64_t i = 0; i < d->m; i++)                                                                           \
            memcpy(&a[i], pa + i * d->op[0].cs, sizeof(T));                                                          \
        for (int64_t i = 0; i < d->n; i++)                                                                           \
            memcpy(&b[i], pb + i * d->op[1].cs, sizeof(T));                                                          \
        const U a0 = (U)a[0], a1 = (U)a[1], a2 = (U)a[2], b0 = (U)b[0], b1 = (U)b[1], b2 = (U)b[2];                  \
        T c[3];                                                                                                      \
        c[2] = (T)((T)(a0 * b1) - (T)(a1 * b0));                                                                     \
        if (d->m == 3 && d->n == 3) {                                                                                \
            c[0] = (T)((T)(a1 * b2) - (T)(a2 * b1));                                                                 \
            c[1] = (T)((T)(a2 * b0) - (T)(a0 * b2));                                                                 \
        } else if (d->m == 2 && d->n == 3) {                                                                         \
            c[0] = (T)(a1 * b2);                                                                                     \
            c[1] = (T)(-(T)(a0 * b2));                                                                               \
        } else if (d->m == 3 && d->n == 2) {                                                                         \
            c[0] = (T)(-(T)(a2 * b1));                                                                               \
            c[1] = (T)(a2 * b0);                                                                                     \
        } else {                                                                                                     \
            memcpy(pc, &c[2], sizeof(T));                                                                            \
            return;                                                                                                  \
        }                                                                                                            \
        for (int i = 0; i < 3; i++)                                                                                  \
            memcpy(pc + i * d->op[2].cs, &c[i], sizeof(T));                                                          \
    }

LA_DEFINE_CROSS(cross_u8, uint8_t, uint32_t)
LA_DEFINE_CROSS(cross_u16, uint16_t, uint32_t)
LA_DEFINE_CROSS(cross_u32, uint32_t, uint32_t)
LA_DEFINE_CROSS(cross_u64, uint64_t, uint64_t)
LA_DEFINE_CROSS(cross_f32, float, float)
LA_DEFINE_CROSS(cross_f64, double, double)

/* Complex products as NumPy's multiply loop forms them: (ar*br - ai*bi) + (ar*bi + ai*br) i. */
#define LA_DEFINE_CROSS_COMPLEX(NAME, R)                                                                             \
    typedef struct { R re, im; } NAME##_c;                                                                           \
    static NAME##_c NAME##_mul(NAME##_c x, NAME##_c y)                                                               \
    {                                                                                                                \
        NAME##_c r = {(x.re * y.re) - (x.im * y.im), (x.re * y.im) + (x.im * y.re)};                                 \
        return r;                                                                                                    \
    }                                                                                                                \
    static NAME##_c NAME##_sub(NAME##_c x, NAME##_c y)                                                               \
    {                                                                                                                \
        NAME##_c r = {x.re - y.re, x.im - y.im};                                                                     \
        return r;                                                                                                    \
    }                                                                                                                \
    static void NAME(const nk_linalg_desc *d, const char *pa, const char *pb, char *pc)                             \
    {                                                                                                                \
        NAME##_c a[3] = {{0, 0}, {0, 0}, {0, 0}}, b[3] = {{0, 0}, {0, 0}, {0, 0}}, c[3];                             \
        for (int64_t i = 0; i < d->m; i++)                                                                           \
            memcpy(&a[i], pa + i * d->op[0].cs, sizeof a[0]);                                                        \
        for (int64_t i = 0; i < d->n; i++)                                                                           \
            memcpy(&b[i], pb + i * d->op[1].cs, sizeof b[0]);                                                        \
        c[2] = NAME##_sub(NAME##_mul(a[0], b[1]), NAME##_mul(a[1], b[0]));                                           \
        if (d->m == 3 && d->n == 3) {                                                                                \
            c[0] = NAME##_sub(NAME##_mul(a[1], b[2]), NAME##_mul(a[2], b[1]));                                       \
            c[1] = NAME##_sub(NAME##_mul(a[2], b[0]), NAME##_mul(a[0], b[2]));                                       \
        } else if (d->m == 2 && d->n == 3) {                                                                         \
            c[0] = NAME##_mul(a[1], b[2]);                                                                           \
            c[1] = NAME##_mul(a[0], b[2]);                                                                           \
            c[1].re = -c[1].re;                                                                                      \
            c[1].im = -c[1].im;                                                                                      \
        } else if (d->m == 3 && d->n == 2) {                                                                         \
            c[0] = NAME##_mul(a[2], b[1]);                                                                           \
            c[0].re = -c[0].re;                                                                                      \
            c[0].im = -c[0].im;                                                                                      \
            c[1] = NAME##_mul(a[2], b[0]);                                                                           \
        } else {                                                                                                     \
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
    void (*fn)(const nk_linalg_desc *, const char *, const char *, char *);
    switch (d->dtype) {
    case NK_INT8: case NK_UINT8: fn = cross_u8; break;
    case NK_INT16: case NK_UINT16: fn = cross_u16; break;
    case NK_INT32: case NK_UINT32: fn = cross_u32; break;
    case NK_INT64: case NK_UINT64: fn = cross_u64; break;
    case NK_FLOAT32: fn = cross_f32; break;
    case NK_FLOAT64: fn = cross_f64; break;
    case NK_COMPLEX64: fn = cross_c64; break;
    case NK_COMPLEX128: fn = cross_c128; break;
    default: la_err_set(err, NK_E_INTERNAL, 0, lo, 0); return;
    }
    char *p[NK_LA_MAXOPS];
    for (int64_t t = lo; t < hi; t++) {
        la_item_ptrs(d, t, p);
        fn(d, p[0], p[1], p[2]);
    }
}
