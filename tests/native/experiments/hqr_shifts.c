/* hqr_shifts.c — would a different shift count in LAPACK's Hessenberg QR make dgeev (Math.NET's general Evd)
 * faster at n = 300?
 *
 * dgeev spends about 80% of its instructions in dhseqr → dlaqr0 at n = 300 (callgrind: dlaqr5's sweeps 40%, dlaqr3's
 * aggressive early deflation 39%, of it dlahqr 21%). dlaqr0 takes its shift count NS and deflation window NW from
 * iparmq; LAPACK's choice for 150 ≤ n < 590 is NS = NW = n / round(log2 n) (36 at 300). OpenBLAS calls iparmq_
 * through its PLT, so this program's own iparmq_ (linked with -rdynamic) replaces it for a paired comparison inside
 * one process: call pairs of LAPACK's choice and NS (NW) from the command line, order alternating.
 *
 *   gcc -O2 -rdynamic hqr_shifts.c -o /tmp/hqr_shifts -llapacke -lopenblas -lm
 *   OPENBLAS_NUM_THREADS=1 /tmp/hqr_shifts 300 20 16 0      # n, pairs, NS, NW (0: NW = NS)
 *
 * Measured 2026-11-26 (2-core Zen 3 VM, OpenBLAS 0.3.21, 1 thread), tuned / LAPACK's choice, median over 20–30
 * pairs, one line per process: NS = 16: 0.84, 0.95, 0.91; NS = 20: 0.91, 0.89; NS = 24, NW = 18: 0.92.
 * Instructions (callgrind, whole dgeev, two random matrices): default 549M / 526M, NS = 24 487M / 482M,
 * NS = 20 469M / 489M, NS = 16 470M / 474M; NS < 14 doubles them (dlaqr5 stops accumulating its reflectors into
 * GEMMs). So 5–16% is on the table, at the price of eigenvalues in another order than NumPy's and LAPACK's dgeev.
 * Shipped for the Math.NET provider only (native/src/linalg/nk_la_iparmq.c, HessenbergShifts): once the kernel
 * library was loaded RTLD_GLOBAL for its error handlers, its own iparmq_ could answer the backend's LAPACK.
 * Measurements: docs/measurements/2026-11-26-1420-mathnet-fewer-shifts.md.
 */
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment_clock.h"

static int g_ns, g_nw; /* 0: LAPACK's choice */

/* LAPACK 3.11's iparmq for dlaqr0's questions, with NS and NW replaceable for n ≥ 150. */
int iparmq_(const int *ispec, const char *name, const char *opts, const int *n, const int *ilo, const int *ihi,
            const int *lwork, size_t name_len, size_t opts_len)
{
    (void)name, (void)opts, (void)n, (void)lwork, (void)name_len, (void)opts_len;
    const int nh = *ihi - *ilo + 1;
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
    if (ns < 2) ns = 2;
    if (g_ns && nh >= 150) ns = g_ns;
    switch (*ispec) {
    case 12: return 75;                                                     /* NMIN */
    case 13: return g_nw && nh >= 150 ? g_nw : nh <= 500 ? ns : 3 * ns / 2; /* NW */
    case 14: return 14;                                                     /* NIBBLE */
    case 15: return ns;                                                     /* NS */
    case 16: return ns >= 14 ? 2 : 0;                                       /* KACC22 */
    case 17: return 10;                                                     /* RCOST */
    default: return -1;
    }
}

int main(int argc, char **argv)
{
    if (argc < 5) return 2;
    const int n = atoi(argv[1]), pairs = atoi(argv[2]), ns = atoi(argv[3]), nw = atoi(argv[4]);
    if (n < 1 || n > 4000 || pairs < 2 || pairs > 1000) return 2;
    double *a0 = malloc(sizeof(double) * n * n), *a = malloc(sizeof(double) * n * n), *vr = malloc(sizeof(double) * n * n);
    double *wr = malloc(sizeof(double) * n), *wi = malloc(sizeof(double) * n), *r = malloc(sizeof(double) * pairs);
    srand(argc > 5 ? atoi(argv[5]) : 1);
    for (int i = 0; i < n * n; i++) a0[i] = rand() / (double)RAND_MAX - 0.5;
    for (int p = -1; p < pairs; p++) {
        double t[2];
        for (int s = 0; s < 2; s++) {
            const int tuned = (p & 1) ? 1 - s : s;
            g_ns = tuned ? ns : 0;
            g_nw = tuned ? nw : 0;
            memcpy(a, a0, sizeof(double) * n * n);
            double t0 = now();
            LAPACKE_dgeev(LAPACK_COL_MAJOR, 'N', 'V', n, a, n, wr, wi, NULL, n, vr, n);
            t[tuned] = now() - t0;
        }
        if (p >= 0) r[p] = t[1] / t[0];
    }
    qsort(r, pairs, sizeof(double), cmp);
    printf("n = %d, NS = %d, NW = %d: tuned / LAPACK's choice, median of %d pairs %.3f (IQR %.3f–%.3f)\n", n, ns,
           nw ? nw : ns, pairs, r[pairs / 2], r[pairs / 4], r[3 * pairs / 4]);
    return 0;
}
