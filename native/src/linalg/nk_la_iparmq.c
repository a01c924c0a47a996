/* nk_la_iparmq.c — fewer shifts per Hessenberg-QR sweep for callers that ask for them (Math.NET's general Evd).
 *
 * ?geev spends ~80% of its time at n = 300 in ?hseqr → ?laqr0, whose shift count NS and deflation window NW come
 * from LAPACK's iparmq: n / round(log2 n) for 150 ≤ n < 590 (36 at 300). On this Zen 3 machine about two thirds of
 * that is 7–10% faster for the whole dgeev (tests/native/experiments/hqr_shifts.c: medians of interleaved pairs,
 * n = 200 / 300 / 450 with NS = 16 / 24 / 32 against 24 / 36 / 50). Fewer shifts change the order in which
 * eigenvalues converge, and so the order ?geev returns them in; np.linalg.eig keeps LAPACK's choice so that its
 * order stays NumPy's, while the Math.NET provider (whose managed provider orders them differently anyway) opts in
 * per call on its own thread through nk_hqr_shifts.
 *
 * The backend's LAPACK asks iparmq_ through its PLT, and the interop loads this library RTLD_GLOBAL before the
 * backend (as for nk_xerbla.c), so this definition answers. Every other question goes to the backend's own
 * iparmq_, which the interop hands over in nk_blas_table.iparmq; with none (a backend that does not export it)
 * LAPACK 3.12's rules answer, which is what such a backend would not ask us anyway.
 */
#include "nk_internal.h"

#include <math.h>
#include <stddef.h>

#define NK_EXPORT __attribute__((visibility("default")))

/* iparmq's questions (LAPACK's ISPEC values). */
enum { NMIN = 12, NW = 13, NIBBLE = 14, NS = 15, KACC22 = 16, RCOST = 17 };

typedef int (*iparmq_fn)(const int *ispec, const char *name, const char *opts, const int *n, const int *ilo,
                         const int *ihi, const int *lwork, size_t name_len, size_t opts_len);

/* 0: LAPACK's choice; 1: the reduced shift count below. Per thread, so one caller's choice never reaches another. */
static _Thread_local int32_t t_fewer_shifts;

int32_t nk_hqr_fewer_shifts(int32_t on)
{
    int32_t old = t_fewer_shifts;
    t_fewer_shifts = on != 0;
    return old;
}

/* LAPACK's shift count for an active block of order nh. */
static int lapack_shifts(int nh)
{
    int ns = 2;
    if (nh >= 30) ns = 4;
    if (nh >= 60) ns = 10;
    if (nh >= 150) {
        int d = (int)lround(log((double)nh) / log(2.0));
        ns = nh / d > 10 ? nh / d : 10;
    }
    if (nh >= 590) ns = 64;
    if (nh >= 3000) ns = 128;
    if (nh >= 6000) ns = 256;
    ns -= ns % 2;
    return ns < 2 ? 2 : ns;
}

static int upper_is(const char *name, size_t len, size_t at, const char *what)
{
    for (size_t i = 0; what[i] != '\0'; i++) {
        if (at + i >= len) return 0;
        char c = name[at + i];
        if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        if (c != what[i]) return 0;
    }
    return 1;
}

/* LAPACK 3.12's iparmq, for a process whose backend did not give us its own. */
static int lapack_iparmq(int ispec, const char *name, size_t name_len, int nh)
{
    const int ns = lapack_shifts(nh);
    switch (ispec) {
    case NMIN: return 75;
    case NW: return nh <= 500 ? ns : 3 * ns / 2;
    case NIBBLE: return 14;
    case NS: return ns;
    case KACC22:
        if (upper_is(name, name_len, 1, "GGHRD") || upper_is(name, name_len, 1, "GGHD3")) return nh >= 14 ? 2 : 1;
        if (upper_is(name, name_len, 3, "EXC")) return nh >= 14 ? 2 : 0;
        if (upper_is(name, name_len, 1, "HSEQR") || upper_is(name, name_len, 1, "LAQR")) return ns >= 14 ? 2 : 0;
        return 0;
    case RCOST: return 10;
    default: return -1;
    }
}

NK_EXPORT int iparmq_(const int *ispec, const char *name, const char *opts, const int *n, const int *ilo,
                      const int *ihi, const int *lwork, size_t name_len, size_t opts_len)
{
    const int nh = *ihi - *ilo + 1;
    /* Two thirds of LAPACK's count, at least 16: below 14 ?laqr5 stops accumulating its reflectors into GEMMs and
     * the sweep costs twice as much; KACC22 (asked separately) stays 2 either way. */
    if (t_fewer_shifts && (*ispec == NS || *ispec == NW) && nh >= 150 && nh < 590) {
        int ns = 2 * lapack_shifts(nh) / 3;
        ns -= ns % 2;
        return ns < 16 ? 16 : ns;
    }
    const nk_blas_table *blas = nk_blas();
    iparmq_fn own = blas != NULL ? (iparmq_fn)blas->iparmq : NULL;
    if (own != NULL && own != iparmq_) return own(ispec, name, opts, n, ilo, ihi, lwork, name_len, opts_len);
    return lapack_iparmq(*ispec, name, name_len, nh);
}
