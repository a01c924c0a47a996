/* nk_la_qr.c — Householder QR (geqrf) and the generation of Q (orgqr) for qr where OpenBLAS 0.3.21's own routines
 * leave the second thread waiting on their panels (two threads, orders of nk_thresholds.h).
 *
 * The look-ahead of nk_la_lu.c: in geqrf one OpenMP task applies the last panel's block reflector to the next panel
 * and factors it (the backend's unblocked geqr2 and larft) while the other thread applies the reflector to the
 * remaining columns in blocks (larfb). orgqr runs LAPACK's blocked order backwards: one task turns a block's own
 * columns into Q's (the backend's orgqr on the block) while the other applies the block's reflector to the columns
 * on its right from a copy of the reflectors. The backend runs at one thread inside, under the gate's wide token.
 * Same reflectors, same R signs as LAPACK's; the updates group their sums differently, so results differ by
 * rounding only, and the task split depends on the sizes alone (the same bits on every run). */
#include "nk_la_common.h"

#include <omp.h>

#define QR_P s
#define QR_T float
#define QR_GEQR2 lapacke_sgeqr2_work
#define QR_LARFT lapacke_slarft_work
#define QR_LARFB lapacke_slarfb_work
#define QR_ORGQR lapacke_sorgqr_work
#include "nk_la_qr.h"
#undef QR_P
#undef QR_T
#undef QR_GEQR2
#undef QR_LARFT
#undef QR_LARFB
#undef QR_ORGQR

#define QR_P d
#define QR_T double
#define QR_GEQR2 lapacke_dgeqr2_work
#define QR_LARFT lapacke_dlarft_work
#define QR_LARFB lapacke_dlarfb_work
#define QR_ORGQR lapacke_dorgqr_work
#include "nk_la_qr.h"
