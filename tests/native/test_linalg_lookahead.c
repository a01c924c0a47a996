/* test_linalg_lookahead.c — the look-ahead LU, inverse and QR (native/src/linalg/nk_la_lu.c, nk_la_qr.c) through
 * nk_linalg at two threads, with OpenBLAS (dlopened by full path) and LAPACKE in the kernel table, as the resolver
 * hands them over. Checks the answers by their definitions (A·X = B, A·inv = I, Q·R = A, QᵀQ = I, det against the
 * 1-thread getrf of the same backend) and, built with ASan/UBSan, every buffer the look-ahead code indexes.
 *
 *   test_linalg_lookahead /path/to/openblas-pthread/libopenblas.so.0 /path/to/liblapacke.so.3
 * Exits 77 (skipped) when either library does not load. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>

#include "nk_test.h"
#include "numerics_kernels.h"

typedef int (*getrf_fn)(int, int, int, double *, int, int *);
typedef void (*set_threads_fn)(int);

static void *g_blas, *g_lapacke;

static void *sym(void *lib, const char *name)
{
    void *p = dlsym(lib, name);
    CHECK(p != NULL, "missing %s", name);
    return p;
}

static nk_blas_table g_table;

static int setup(const char *blas_path, const char *lapacke_path)
{
    /* RTLD_GLOBAL: LAPACKE's LAPACK calls then reach OpenBLAS's LAPACK, as the resolver arranges. */
    g_blas = dlopen(blas_path, RTLD_NOW | RTLD_GLOBAL);
    g_lapacke = g_blas != NULL ? dlopen(lapacke_path, RTLD_NOW | RTLD_GLOBAL) : NULL;
    if (g_blas == NULL || g_lapacke == NULL)
        return 0;
    nk_blas_table *t = &g_table;
    t->size = sizeof *t;
    t->threading = 1;
    t->lapack_int_bytes = 4;
    t->cblas_sgemm = sym(g_blas, "cblas_sgemm");
    t->cblas_dgemm = sym(g_blas, "cblas_dgemm");
    t->cblas_strsm = sym(g_blas, "cblas_strsm");
    t->cblas_dtrsm = sym(g_blas, "cblas_dtrsm");
    t->set_num_threads = sym(g_blas, "openblas_set_num_threads");
    t->lapacke_dgesv_work = sym(g_lapacke, "LAPACKE_dgesv_work");
    t->lapacke_dgetrf_work = sym(g_lapacke, "LAPACKE_dgetrf_work");
    t->lapacke_dgetrs_work = sym(g_lapacke, "LAPACKE_dgetrs_work");
    t->lapacke_dlaswp_work = sym(g_lapacke, "LAPACKE_dlaswp_work");
    t->lapacke_dgeqrf_work = sym(g_lapacke, "LAPACKE_dgeqrf_work");
    t->lapacke_dorgqr_work = sym(g_lapacke, "LAPACKE_dorgqr_work");
    t->lapacke_dgeqr2_work = sym(g_lapacke, "LAPACKE_dgeqr2_work");
    t->lapacke_dlarft_work = sym(g_lapacke, "LAPACKE_dlarft_work");
    t->lapacke_dlarfb_work = sym(g_lapacke, "LAPACKE_dlarfb_work");
    nk_init_params p = {.num_threads = 2, .simd_cap = -1, .blas = t};
    nk_status st;
    CHECK(nk_init(&p, &st) == NK_OK, "nk_init: %s", nk_last_error());
    return 1;
}

/* A row-major m x n matrix of uniform values in [-1, 1), plus shift on the diagonal. */
static double *matrix(int64_t m, int64_t n, unsigned seed, double shift)
{
    double *a = malloc(sizeof(double) * (size_t)(m * n));
    srand(seed);
    for (int64_t i = 0; i < m * n; i++)
        a[i] = rand() / (double)RAND_MAX * 2 - 1;
    for (int64_t i = 0; i < (m < n ? m : n); i++)
        a[i * n + i] += shift;
    return a;
}

static nk_mat rowmajor(double *data, int64_t n)
{
    nk_mat o;
    memset(&o, 0, sizeof o);
    o.data = (char *)data;
    o.rs = n * (int64_t)sizeof(double);
    o.cs = sizeof(double);
    o.dtype = NK_FLOAT64;
    return o;
}

static int32_t run(int32_t routine, int64_t m, int64_t n, int64_t k, nk_mat *ops, int32_t nops, int32_t flags)
{
    nk_linalg_desc d;
    memset(&d, 0, sizeof d);
    d.routine = routine;
    d.dtype = NK_FLOAT64;
    d.flags = flags;
    d.nops = nops;
    d.m = m;
    d.n = n;
    d.k = k;
    for (int32_t i = 0; i < nops; i++)
        d.op[i] = ops[i];
    nk_status st;
    return nk_linalg(&d, &st);
}

/* max |A·B - C| for A m x k with element strides (ars, acs) — (k, 1) row-major, (1, m) a row-major k x m read
 * transposed — and row-major B (k x n), C (m x n); C NULL means the identity. */
static double product_error(const double *A, int64_t ars, int64_t acs, const double *B, const double *C, int64_t m,
                            int64_t k, int64_t n)
{
    double worst = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            double s = 0;
            for (int64_t p = 0; p < k; p++)
                s += A[i * ars + p * acs] * B[p * n + j];
            double want = C != NULL ? C[i * n + j] : (i == j ? 1.0 : 0.0);
            worst = fmax(worst, fabs(s - want));
        }
    return worst;
}

static void check_lu(int64_t n)
{
    double *A = matrix(n, n, (unsigned)n, 0), *B = matrix(n, 3, (unsigned)n + 1, 0);
    double *X = malloc(sizeof(double) * (size_t)(n * 3)), *Ainv = malloc(sizeof(double) * (size_t)(n * n));
    double sl[2] = {0, 0};
    nk_mat solve_ops[3] = {rowmajor(A, n), rowmajor(B, 3), rowmajor(X, 3)};
    CHECK(run(NK_LA_SOLVE, n, n, 3, solve_ops, 3, 0) == NK_OK, "solve %lld", (long long)n);
    CHECK(product_error(A, n, 1, X, B, n, n, 3) < 1e-8, "solve %lld: A·X != B", (long long)n);
    nk_mat inv_ops[2] = {rowmajor(A, n), rowmajor(Ainv, n)};
    CHECK(run(NK_LA_INV, n, n, 0, inv_ops, 2, 0) == NK_OK, "inv %lld", (long long)n);
    CHECK(product_error(A, n, 1, Ainv, NULL, n, n, n) < 1e-8, "inv %lld: A·inv != I", (long long)n);
    /* slogdet, not det: the determinant of a random 1001 x 1001 matrix overflows. */
    nk_mat det_ops[3] = {rowmajor(A, n), rowmajor(&sl[0], 1), rowmajor(&sl[1], 1)};
    det_ops[1].rs = det_ops[1].cs = det_ops[2].rs = det_ops[2].cs = 0;
    CHECK(run(NK_LA_SLOGDET, n, n, 0, det_ops, 3, 0) == NK_OK, "slogdet %lld", (long long)n);
    /* The same from the backend's own getrf at one thread (on the column-major copy, Aᵀ: the same determinant). */
    double *F = malloc(sizeof(double) * (size_t)(n * n));
    int *ipiv = malloc(sizeof(int) * (size_t)n);
    memcpy(F, A, sizeof(double) * (size_t)(n * n));
    ((set_threads_fn)g_table.set_num_threads)(1);
    CHECK(((getrf_fn)g_table.lapacke_dgetrf_work)(102, (int)n, (int)n, F, (int)n, ipiv) == 0, "getrf");
    ((set_threads_fn)g_table.set_num_threads)(2);
    double sign = 1, logdet = 0;
    for (int64_t i = 0; i < n; i++) {
        sign *= (ipiv[i] != i + 1 ? -1 : 1) * (F[i * n + i] < 0 ? -1 : 1);
        logdet += log(fabs(F[i * n + i]));
    }
    CHECK(sl[0] == sign && fabs(sl[1] - logdet) <= 1e-10 * fabs(logdet), "slogdet %lld: (%g, %.17g) against getrf's "
          "(%g, %.17g)", (long long)n, sl[0], sl[1], sign, logdet);
    /* A zero column in a late panel: exactly singular, as getrf reports it. */
    for (int64_t i = 0; i < n; i++)
        A[i * n + n - 2] = 0;
    CHECK(run(NK_LA_SOLVE, n, n, 3, solve_ops, 3, 0) == NK_E_LINALG, "solve %lld of a singular matrix", (long long)n);
    CHECK(run(NK_LA_INV, n, n, 0, inv_ops, 2, 0) == NK_E_LINALG, "inv %lld of a singular matrix", (long long)n);
    CHECK(run(NK_LA_SLOGDET, n, n, 0, det_ops, 3, 0) == NK_OK && sl[0] == 0 && isinf(sl[1]) && sl[1] < 0,
          "slogdet %lld of a singular matrix", (long long)n);
    free(A), free(B), free(X), free(Ainv), free(F), free(ipiv);
}

/* qr: Q m x kq, R kq x n (kq = min(m, n), or m for "complete"). */
static void check_qr(int64_t m, int64_t n, int complete)
{
    const int64_t mn = m < n ? m : n, kq = complete && m > n ? m : mn;
    double *A = matrix(m, n, (unsigned)(m * 3 + n), 0);
    double *Q = malloc(sizeof(double) * (size_t)(m * kq)), *R = malloc(sizeof(double) * (size_t)(kq * n));
    nk_mat ops[5] = {rowmajor(A, n), rowmajor(Q, kq), rowmajor(R, n), {0}, {0}};
    ops[3].dtype = ops[4].dtype = NK_FLOAT64;
    CHECK(run(NK_LA_QR, m, n, kq, ops, 5, 0) == NK_OK, "qr %lld x %lld", (long long)m, (long long)n);
    CHECK(product_error(Q, kq, 1, R, A, m, kq, n) < 1e-10 * (double)m, "qr %lld x %lld: Q·R != A", (long long)m,
          (long long)n);
    const double worst = product_error(Q, 1, kq, Q, NULL, kq, m, kq); /* QᵀQ - I */
    CHECK(worst < 1e-10 * (double)m, "qr %lld x %lld: QᵀQ != I (%g)", (long long)m, (long long)n, worst);
    free(A), free(Q), free(R);
}

/* With the thread tokens held elsewhere (another kernel running) the look-ahead runs on fewer threads, never
 * falls back to the backend's routine: the same bits either way, as the gate promises. */
static void check_bits_under_contention(int64_t n)
{
    double *A = matrix(n, n, 77, 0);
    double *X1 = malloc(sizeof(double) * (size_t)(n * n)), *X2 = malloc(sizeof(double) * (size_t)(n * n));
    double *Q1 = malloc(sizeof(double) * (size_t)(n * n)), *Q2 = malloc(sizeof(double) * (size_t)(n * n));
    double *R1 = malloc(sizeof(double) * (size_t)(n * n)), *R2 = malloc(sizeof(double) * (size_t)(n * n));
    nk_mat inv1[2] = {rowmajor(A, n), rowmajor(X1, n)}, inv2[2] = {rowmajor(A, n), rowmajor(X2, n)};
    nk_mat qr1[5] = {rowmajor(A, n), rowmajor(Q1, n), rowmajor(R1, n), {0}, {0}};
    nk_mat qr2[5] = {rowmajor(A, n), rowmajor(Q2, n), rowmajor(R2, n), {0}, {0}};
    qr1[3].dtype = qr1[4].dtype = qr2[3].dtype = qr2[4].dtype = NK_FLOAT64;
    CHECK(run(NK_LA_INV, n, n, 0, inv1, 2, 0) == NK_OK, "inv");
    CHECK(run(NK_LA_QR, n, n, n, qr1, 5, 0) == NK_OK, "qr");
    const int32_t held = nk_threads_acquire(2);
    CHECK(run(NK_LA_INV, n, n, 0, inv2, 2, 0) == NK_OK, "inv, tokens held");
    CHECK(run(NK_LA_QR, n, n, n, qr2, 5, 0) == NK_OK, "qr, tokens held");
    nk_threads_release(held);
    const size_t bytes = sizeof(double) * (size_t)(n * n);
    CHECK(memcmp(X1, X2, bytes) == 0, "inv %lld: other bits with the tokens held (%d)", (long long)n, held);
    CHECK(memcmp(Q1, Q2, bytes) == 0 && memcmp(R1, R2, bytes) == 0, "qr %lld: other bits with the tokens held",
          (long long)n);
    free(A), free(X1), free(X2), free(Q1), free(Q2), free(R1), free(R2);
}

int main(int argc, char **argv)
{
    if (argc < 3 || !setup(argv[1], argv[2])) {
        fprintf(stderr, "test_linalg_lookahead: OpenBLAS or LAPACKE did not load; skipped\n");
        return 77;
    }
    /* Orders at the windows' edges, one ending in a narrow panel, and the first order past the LU's window. */
    const int64_t orders[] = {200, 256, 517, 1001};
    for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++)
        check_lu(orders[i]);
    check_qr(300, 300, 0);
    check_qr(517, 517, 0);
    check_qr(600, 300, 0);
    check_qr(300, 600, 0);
    check_qr(600, 300, 1);
    check_bits_under_contention(300);
    return nk_test_finish("test_linalg_lookahead");
}
