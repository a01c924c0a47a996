/* test_elementwise.c — the strided N-d driver and the binary float loops (DESIGN.md §4.2, §8).
 *
 * Results are compared bit for bit with the same expression evaluated here one element at a time: an elementwise
 * IEEE operation has one correct answer, whatever the SIMD level or the thread split. The suite runs again under
 * NUMERICS_NATIVE_SIMD=baseline/avx2 and with a lowered parallel threshold (see CMakeLists.txt).
 */
#define _GNU_SOURCE
#include "numerics_kernels.h"
#include "nk_test.h"

#include <math.h>
#include <pthread.h>
#include <time.h>

static const int32_t k_ops[4] = {NK_OP_ADD, NK_OP_SUBTRACT, NK_OP_MULTIPLY, NK_OP_DIVIDE};
static const int32_t k_dtypes[2] = {NK_FLOAT32, NK_FLOAT64};
static int64_t g_par_min = 131072;

static size_t dsize(int32_t dt) { return dt == NK_FLOAT64 ? 8 : dt == NK_BOOL ? 1 : 4; }

/* The threaded N-d cases are large; flips but no wide steps keep their parent buffers near the view size. */
static int g_narrow_steps;

static const nk_loop *find(int32_t op, int32_t dt)
{
    const int8_t sig[3] = {(int8_t)dt, (int8_t)dt, (int8_t)dt};
    const nk_loop *loop = NULL;
    nk_status st;
    int32_t rc = nk_loop_find(op, sig, 3, &loop, &st);
    if (rc != NK_OK || loop == NULL) {
        fprintf(stderr, "no loop for op %d dtype %d\n", op, dt);
        exit(2);
    }
    return loop;
}

static void reference(int32_t op, int32_t dt, const char *pa, const char *pb, char *po)
{
    if (dt == NK_FLOAT64) {
        double a, b, r = 0;
        memcpy(&a, pa, 8);
        memcpy(&b, pb, 8);
        switch (op) {
        case NK_OP_ADD: r = a + b; break;
        case NK_OP_SUBTRACT: r = a - b; break;
        case NK_OP_MULTIPLY: r = a * b; break;
        case NK_OP_DIVIDE: r = a / b; break;
        }
        memcpy(po, &r, 8);
    } else {
        float a, b, r = 0;
        memcpy(&a, pa, 4);
        memcpy(&b, pb, 4);
        switch (op) {
        case NK_OP_ADD: r = a + b; break;
        case NK_OP_SUBTRACT: r = a - b; break;
        case NK_OP_MULTIPLY: r = a * b; break;
        case NK_OP_DIVIDE: r = a / b; break;
        }
        memcpy(po, &r, 4);
    }
}

static void store(int32_t dt, char *p, double v)
{
    if (dt == NK_FLOAT64) {
        memcpy(p, &v, 8);
    } else {
        float f = (float)v;
        memcpy(p, &f, 4);
    }
}

/* Mostly ordinary numbers, with the values whose handling differs between scalar and vector code mixed in. */
static double random_value(void)
{
    static const double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 5e-324, 1e-310, 1e308, -1e38, 3e38};
    uint64_t r = rng_next();
    if (r % 10 == 0)
        return specials[(r >> 8) % (sizeof specials / sizeof specials[0])];
    return rng_uniform(-100.0, 100.0);
}

static void fill_random(int32_t dt, char *p, size_t count)
{
    if (dt == NK_BOOL) {
        for (size_t i = 0; i < count; i++)
            p[i] = (rng_next() % 3) != 0;
        return;
    }
    for (size_t i = 0; i < count; i++)
        store(dt, p + i * dsize(dt), random_value());
}

/* ------------------------------------------------------------------------------------------------------------ */
/* 1-d: every length 0..256 for every stride pattern, buffers against guard pages. */

typedef struct pattern {
    const char *name;
    int s1, s2, so; /* element strides; 0 = broadcast */
    int inplace;    /* 0 separate, 1 out = in1, 2 out = in2, 3 out = in1 = in2 */
} pattern;

static const pattern k_patterns[] = {
    {"contig", 1, 1, 1, 0},      {"scalar2", 1, 0, 1, 0},     {"scalar1", 0, 1, 1, 0},
    {"scalars", 0, 0, 1, 0},     {"strided", 2, 3, 1, 0},     {"out-strided", 1, 1, 2, 0},
    {"neg1", -1, 1, 1, 0},       {"neg-all", -1, -1, -1, 0},  {"neg-scalar", -2, 0, -1, 0},
    {"inplace1", 1, 1, 1, 1},    {"inplace2", 1, 1, 1, 2},    {"inplace-all", 1, 1, 1, 3},
    {"inplace-scalar", 1, 0, 1, 1}, {"inplace-neg", -1, 1, -1, 1},
};

typedef struct vec {
    guarded g;
    char *data; /* element 0 of the view */
    int64_t stride;
} vec;

static vec vec_alloc(int32_t dt, int64_t n, int step)
{
    vec v;
    const int64_t sz = (int64_t)dsize(dt);
    const int64_t span = (n == 0) ? 0 : (step == 0 ? 1 : (n - 1) * (step < 0 ? -step : step) + 1);
    v.g = guarded_alloc((size_t)(span * sz));
    v.stride = step * sz;
    v.data = v.g.data + (step < 0 && n > 0 ? (n - 1) * (-step) * sz : 0);
    return v;
}

static void run_1d(int32_t op, int32_t dt, const pattern *pt, int64_t n, int use_mask)
{
    const int64_t sz = (int64_t)dsize(dt);
    vec a = vec_alloc(dt, n, pt->s1), b = vec_alloc(dt, n, pt->s2), o = {0};
    fill_random(dt, a.g.data, a.g.bytes / (size_t)sz);
    fill_random(dt, b.g.data, b.g.bytes / (size_t)sz);
    vec *out = &o;
    if (pt->inplace == 1 || pt->inplace == 3)
        out = &a;
    else if (pt->inplace == 2)
        out = &b;
    else {
        o = vec_alloc(dt, n, pt->so);
        memset(o.g.data, 0xA5, o.g.bytes);
    }
    if (pt->inplace == 3)
        b = (vec){{0}, a.data, a.stride};
    guarded m = {0};
    if (use_mask) {
        m = guarded_alloc((size_t)n);
        for (int64_t i = 0; i < n; i++)
            m.data[i] = (rng_next() & 3) != 0;
    }

    /* Expected values from copies taken before the call, since in-place calls overwrite their inputs. */
    char *want = malloc((size_t)(n * sz + 1));
    for (int64_t i = 0; i < n; i++) {
        if (use_mask && !m.data[i])
            memcpy(want + i * sz, out->data + i * out->stride, (size_t)sz);
        else
            reference(op, dt, a.data + i * a.stride, b.data + i * b.stride, want + i * sz);
    }
    char *before = malloc(out->g.bytes + 1);
    memcpy(before, out->g.data, out->g.bytes);

    nk_iter it;
    memset(&it, 0, sizeof it);
    it.ndim = 1;
    it.nin = 2;
    it.nout = 1;
    it.shape[0] = n;
    it.op[0] = (nk_operand){a.data, {a.stride}, dt, NK_OP_IN};
    it.op[1] = (nk_operand){b.data, {b.stride}, dt, NK_OP_IN};
    it.op[2] = (nk_operand){out->data, {out->stride}, dt, NK_OP_OUT};
    if (a.stride == sz && b.stride == sz && out->stride == sz)
        it.flags |= NK_IT_CONTIG;
    if (use_mask) {
        it.flags |= NK_IT_WHERE;
        it.op[3] = (nk_operand){m.data, {1}, NK_BOOL, NK_OP_IN};
    }
    nk_status st;
    int32_t rc = nk_elementwise(&it, find(op, dt), &st);
    CHECK(rc == NK_OK && st.code == NK_OK, "%s op %d dt %d n %lld: rc %d (%s)", pt->name, op, dt, (long long)n, rc,
          nk_last_error());
    int bad = 0;
    for (int64_t i = 0; i < n && bad < 3; i++) {
        if (memcmp(out->data + i * out->stride, want + i * sz, (size_t)sz) != 0) {
            CHECK(0, "%s%s op %d dt %d n %lld: element %lld differs", pt->name, use_mask ? "+where" : "", op, dt,
                  (long long)n, (long long)i);
            bad++;
        }
    }
    /* Bytes of the output buffer that are no element of the view (strided output) must be untouched. */
    if (out->stride != sz && out->stride != -sz && pt->inplace == 0) {
        int64_t step = out->stride < 0 ? -out->stride : out->stride;
        for (size_t byte = 0; byte < out->g.bytes; byte++) {
            int64_t rel = (int64_t)byte;
            if (rel % step < sz)
                continue;
            if (out->g.data[byte] != before[byte]) {
                CHECK(0, "%s op %d n %lld: byte %zu between elements written", pt->name, op, (long long)n, byte);
                break;
            }
        }
    }
    free(want);
    free(before);
    guarded_free(&a.g);
    if (pt->inplace != 3)
        guarded_free(&b.g);
    guarded_free(&o.g);
    guarded_free(&m);
}

static void test_1d(void)
{
    for (size_t p = 0; p < sizeof k_patterns / sizeof k_patterns[0]; p++)
        for (int d = 0; d < 2; d++)
            for (int o = 0; o < 4; o++)
                for (int64_t n = 0; n <= 256; n++)
                    run_1d(k_ops[o], k_dtypes[d], &k_patterns[p], n, 0);
    /* where=: every length once per dtype, and every pattern at a few lengths. */
    for (int d = 0; d < 2; d++)
        for (int64_t n = 0; n <= 256; n++)
            run_1d(NK_OP_ADD, k_dtypes[d], &k_patterns[0], n, 1);
    for (size_t p = 0; p < sizeof k_patterns / sizeof k_patterns[0]; p++)
        for (int64_t n = 1; n <= 70; n += 23)
            run_1d(NK_OP_DIVIDE, NK_FLOAT64, &k_patterns[p], n, 1);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* N-d: views of guarded parent buffers with any steps, flips, transpositions, broadcasts and padding. */

typedef struct view {
    guarded g;
    char *data;
    int64_t strides[NK_MAXDIMS];
} view;

/* A view of `shape` taking every step[a]-th element along axis a (0 = broadcast, < 0 = flipped) of a C-ordered
 * parent whose axes are laid out in the order perm[0] (outermost) .. perm[ndim-1], each padded by pad[a]. */
static view make_view(int32_t dt, int ndim, const int64_t *shape, const int *step, const int *perm, const int *pad)
{
    view v;
    memset(&v, 0, sizeof v);
    int64_t pd[NK_MAXDIMS], pstride[NK_MAXDIMS];
    int64_t count = 1;
    for (int a = 0; a < ndim; a++) {
        if (shape[a] == 0)
            count = 0;
        int64_t s = step[a] < 0 ? -step[a] : step[a];
        pd[a] = (step[a] == 0 || shape[a] == 0) ? 1 : (shape[a] - 1) * s + 1 + pad[a];
    }
    int64_t acc = (int64_t)dsize(dt);
    for (int i = ndim - 1; i >= 0; i--) {
        pstride[perm[i]] = acc;
        acc *= pd[perm[i]];
    }
    v.g = guarded_alloc(count == 0 ? 0 : (size_t)acc);
    fill_random(dt, v.g.data, v.g.bytes / dsize(dt));
    v.data = v.g.data;
    for (int a = 0; a < ndim; a++) {
        v.strides[a] = step[a] * pstride[a];
        if (step[a] < 0 && count > 0)
            v.data += (shape[a] - 1) * (-step[a]) * pstride[a];
    }
    return v;
}

static void random_layout(int ndim, int *step, int *perm, int *pad, int allow_broadcast)
{
    static const int steps[] = {1, 1, 1, 2, 3, -1, -2, 0}, narrow[] = {1, 1, -1, 0};
    for (int a = 0; a < ndim; a++) {
        if (g_narrow_steps)
            step[a] = narrow[rng_next() % (allow_broadcast ? 4 : 3)];
        else
            step[a] = steps[rng_next() % (allow_broadcast ? 8 : 7)];
        pad[a] = (int)(rng_next() % 3);
        perm[a] = a;
    }
    if (rng_next() % 3 == 0)
        for (int i = ndim - 1; i > 0; i--) {
            int j = (int)(rng_next() % (uint64_t)(i + 1)), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
}

static int64_t offset_of(int ndim, const int64_t *idx, const int64_t *strides)
{
    int64_t off = 0;
    for (int a = 0; a < ndim; a++)
        off += idx[a] * strides[a];
    return off;
}

static void run_nd(int32_t op, int32_t dt, int ndim, const int64_t *shape, int use_mask, int max_threads,
                   const char *label)
{
    int step[3][NK_MAXDIMS], perm[3][NK_MAXDIMS], pad[3][NK_MAXDIMS];
    view v[4];
    for (int k = 0; k < 3; k++) {
        random_layout(ndim, step[k], perm[k], pad[k], k < 2);
        v[k] = make_view(dt, ndim, shape, step[k], perm[k], pad[k]);
    }
    if (use_mask) {
        int mstep[NK_MAXDIMS], mperm[NK_MAXDIMS], mpad[NK_MAXDIMS];
        random_layout(ndim, mstep, mperm, mpad, 1);
        v[3] = make_view(NK_BOOL, ndim, shape, mstep, mperm, mpad);
    }

    char *before = malloc(v[2].g.bytes + 1);
    memcpy(before, v[2].g.data, v[2].g.bytes);

    nk_iter it;
    memset(&it, 0, sizeof it);
    it.ndim = ndim;
    it.nin = 2;
    it.nout = 1;
    it.max_threads = max_threads;
    for (int a = 0; a < ndim; a++)
        it.shape[a] = shape[a];
    for (int k = 0; k < 3 + use_mask; k++) {
        it.op[k].data = v[k].data;
        it.op[k].dtype = k < 3 ? dt : NK_BOOL;
        it.op[k].flags = k == 2 ? NK_OP_OUT : NK_OP_IN;
        memcpy(it.op[k].strides, v[k].strides, sizeof v[k].strides);
    }
    if (use_mask)
        it.flags |= NK_IT_WHERE;
    nk_status st;
    int32_t rc = nk_elementwise(&it, find(op, dt), &st);
    CHECK(rc == NK_OK, "%s: rc %d (%s)", label, rc, nk_last_error());

    int64_t total = 1;
    for (int a = 0; a < ndim; a++)
        total *= shape[a];
    const int64_t sz = (int64_t)dsize(dt);
    int64_t idx[NK_MAXDIMS] = {0};
    int bad = 0;
    for (int64_t e = 0; e < total && bad < 3; e++) {
        int64_t rem = e;
        for (int a = ndim - 1; a >= 0; a--) {
            idx[a] = rem % shape[a];
            rem /= shape[a];
        }
        char want[8];
        const char *pa = v[0].data + offset_of(ndim, idx, v[0].strides);
        const char *pb = v[1].data + offset_of(ndim, idx, v[1].strides);
        const char *po = v[2].data + offset_of(ndim, idx, v[2].strides);
        if (use_mask && !v[3].data[offset_of(ndim, idx, v[3].strides)])
            memcpy(want, before + (po - v[2].g.data), (size_t)sz);
        else
            reference(op, dt, pa, pb, want);
        if (memcmp(po, want, (size_t)sz) != 0) {
            CHECK(0, "%s: op %d dt %d ndim %d element %lld differs", label, op, dt, ndim, (long long)e);
            bad++;
        }
    }
    free(before);
    for (int k = 0; k < 3 + use_mask; k++)
        guarded_free(&v[k].g);
}

static void test_nd(void)
{
    char label[64];
    /* Fixed shapes first: a transposed 2-d input beside a broadcast row, and a 3-d slice that cannot coalesce. */
    const int64_t s2[2] = {7, 13}, s3[3] = {4, 5, 6}, s0[1] = {1};
    for (int rep = 0; rep < 40; rep++)
        for (int d = 0; d < 2; d++) {
            snprintf(label, sizeof label, "2-d rep %d", rep);
            run_nd(k_ops[rep % 4], k_dtypes[d], 2, s2, 0, 0, label);
            snprintf(label, sizeof label, "3-d rep %d", rep);
            run_nd(k_ops[rep % 4], k_dtypes[d], 3, s3, rep % 2, 0, label);
        }
    /* 0-d: one element, no shape. */
    for (int d = 0; d < 2; d++)
        run_nd(NK_OP_MULTIPLY, k_dtypes[d], 0, s0, 0, 0, "0-d");

    /* Random shapes, up to NK_MAXDIMS axes (mostly length 1 past the sixth, to keep the element count sane). */
    for (int c = 0; c < 600; c++) {
        int ndim = 1 + (int)(rng_next() % 5);
        if (c % 50 == 0)
            ndim = NK_MAXDIMS;
        int64_t shape[NK_MAXDIMS], total = 1;
        for (int a = 0; a < ndim; a++) {
            shape[a] = (a >= 6) ? 1 + (int64_t)(rng_next() % 16 == 0) : (int64_t)(rng_next() % 7);
            if (rng_next() % 12 == 0)
                shape[a] = 0;
            total *= shape[a];
        }
        if (total > 20000)
            continue;
        snprintf(label, sizeof label, "random case %d", c);
        run_nd(k_ops[c % 4], k_dtypes[(c / 4) % 2], ndim, shape, (c % 5) == 0, 0, label);
    }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Threads: a recording loop shows how the driver split the work; the real loops show the results are right. */

typedef struct chunk_log {
    pthread_mutex_t lock;
    int count;
    char *out[64];
    int64_t n[64];
    pthread_t who[64];
} chunk_log;

static void record_add_f64(char **args, const int64_t *n, const int64_t *steps, void *ctx)
{
    chunk_log *log = ctx;
    for (int64_t i = 0; i < *n; i++) {
        double a, b;
        memcpy(&a, args[0] + i * steps[0], 8);
        memcpy(&b, args[1] + i * steps[1], 8);
        a += b;
        memcpy(args[2] + i * steps[2], &a, 8);
    }
    pthread_mutex_lock(&log->lock);
    if (log->count < 64) {
        log->out[log->count] = args[2];
        log->n[log->count] = *n;
        log->who[log->count] = pthread_self();
    }
    log->count++;
    pthread_mutex_unlock(&log->lock);
}

static int split_of(int64_t n, int32_t max_threads, int hold_budget, chunk_log *log, int *distinct_threads)
{
    double *a = malloc((size_t)n * 8), *b = malloc((size_t)n * 8), *o = malloc((size_t)n * 8 + 128);
    for (int64_t i = 0; i < n; i++) {
        a[i] = (double)i;
        b[i] = 0.5;
    }
    memset(log->out, 0, sizeof log->out);
    log->count = 0;
    nk_loop loop = {record_add_f64, {NK_FLOAT64, NK_FLOAT64, NK_FLOAT64}, 2, 1, NK_CLASS_MEMORY, 0, log};
    nk_iter it;
    memset(&it, 0, sizeof it);
    it.ndim = 1;
    it.nin = 2;
    it.nout = 1;
    it.flags = NK_IT_CONTIG;
    it.max_threads = max_threads;
    it.shape[0] = n;
    /* Output deliberately off a 64-byte boundary, so the alignment of the split points is visible. */
    double *out = (double *)((char *)o + (64 - ((uintptr_t)o & 63)) % 64 + 24);
    it.op[0] = (nk_operand){(char *)a, {8}, NK_FLOAT64, NK_OP_IN};
    it.op[1] = (nk_operand){(char *)b, {8}, NK_FLOAT64, NK_OP_IN};
    it.op[2] = (nk_operand){(char *)out, {8}, NK_FLOAT64, NK_OP_OUT};
    int32_t held = hold_budget ? nk_threads_acquire(1 << 20) : 1;
    nk_status st;
    CHECK(nk_elementwise(&it, &loop, &st) == NK_OK, "threaded call: %s", nk_last_error());
    nk_threads_release(held);

    int64_t covered = 0;
    for (int c = 0; c < log->count && c < 64; c++) {
        covered += log->n[c];
        if ((char *)log->out[c] != (char *)out)
            CHECK(((uintptr_t)log->out[c] & 63) == 0, "chunk %d starts off a 64-byte line", c);
    }
    CHECK(covered == n, "chunks cover %lld of %lld", (long long)covered, (long long)n);
    int bad = 0;
    for (int64_t i = 0; i < n; i++)
        bad += out[i] != (double)i + 0.5;
    CHECK(bad == 0, "%d wrong results from the threaded split", bad);
    *distinct_threads = 0;
    for (int c = 0; c < log->count && c < 64; c++) {
        int seen = 0;
        for (int d = 0; d < c; d++)
            seen |= pthread_equal(log->who[c], log->who[d]);
        *distinct_threads += !seen;
    }
    free(a);
    free(b);
    free(o);
    return log->count;
}

static void test_threads(void)
{
    chunk_log log;
    pthread_mutex_init(&log.lock, NULL);
    nk_status st;
    nk_set_num_threads(4, &st);
    const int64_t big = 16 * (g_par_min > 4096 ? g_par_min : 4096) + 12345;
    int distinct = 0;
    int calls = split_of(big, 0, 0, &log, &distinct);
    CHECK(calls == 4, "4 threads asked, %d chunks", calls);
    CHECK(distinct == 4, "4 chunks ran on %d threads", distinct);
    calls = split_of(big, 2, 0, &log, &distinct);
    CHECK(calls == 2, "max_threads 2 gave %d chunks", calls);
    calls = split_of(big, 1, 0, &log, &distinct);
    CHECK(calls == 1, "max_threads 1 gave %d chunks", calls);
    calls = split_of(big, 0, 1, &log, &distinct);
    CHECK(calls == 1, "exhausted budget gave %d chunks", calls);
    calls = split_of(g_par_min - 1 > 0 ? g_par_min - 1 : 1, 0, 0, &log, &distinct);
    CHECK(calls == 1, "below the threshold gave %d chunks", calls);
    int32_t all = nk_threads_acquire(100);
    CHECK(all == 4, "the driver leaked budget: %d of 4 free", all);
    nk_threads_release(all);
    pthread_mutex_destroy(&log.lock);

    /* Real loops over the threaded split, 1-d and N-d with a split inside rows. */
    static const pattern contig = {"threaded", 1, 1, 1, 0}, neg = {"threaded-neg", -1, 0, 2, 0};
    for (int d = 0; d < 2; d++) {
        run_1d(NK_OP_DIVIDE, k_dtypes[d], &contig, big, 0);
        run_1d(NK_OP_SUBTRACT, k_dtypes[d], &neg, big + 3, 0);
        run_1d(NK_OP_ADD, k_dtypes[d], &contig, big, 1);
        const int64_t rows[2] = {3, big / 3 + 1}, cube[3] = {5, 7, big / 35 + 11};
        g_narrow_steps = 1;
        run_nd(NK_OP_MULTIPLY, k_dtypes[d], 2, rows, 0, 0, "threaded 2-d");
        run_nd(NK_OP_ADD, k_dtypes[d], 3, cube, 1, 3, "threaded 3-d");
        g_narrow_steps = 0;
    }
    nk_set_num_threads(2, &st);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* FP flags: one special element at every position of every short length, so vector bodies and scalar tails both
 * report it, and ordinary elements (chosen exact) never add a flag. */

typedef struct fpe_case {
    int32_t op;
    double a, b;
    int32_t fpe;
} fpe_case;

static void test_fpe(void)
{
    const fpe_case cases[] = {
        {NK_OP_DIVIDE, 1.0, 0.0, NK_FPE_DIVIDEBYZERO}, {NK_OP_DIVIDE, 0.0, 0.0, NK_FPE_INVALID},
        {NK_OP_MULTIPLY, 1e300, 1e300, NK_FPE_OVERFLOW}, {NK_OP_MULTIPLY, 1e-300, 1e-300, NK_FPE_UNDERFLOW},
        {NK_OP_SUBTRACT, INFINITY, INFINITY, NK_FPE_INVALID}, {NK_OP_ADD, 1.0, 2.0, 0},
        {NK_OP_ADD, INFINITY, -INFINITY, NK_FPE_INVALID},
    };
    for (int d = 0; d < 2; d++) {
        const int32_t dt = k_dtypes[d];
        const int64_t sz = (int64_t)dsize(dt);
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            int32_t want = cases[c].fpe;
            /* float32 needs float32-sized extremes to overflow/underflow. */
            double ca = cases[c].a, cb = cases[c].b;
            if (dt == NK_FLOAT32 && want == NK_FPE_OVERFLOW)
                ca = cb = 1e30;
            if (dt == NK_FLOAT32 && want == NK_FPE_UNDERFLOW)
                ca = cb = 1e-30;
            for (int64_t n = 1; n <= 40; n++)
                for (int64_t pos = 0; pos < n; pos++) {
                    guarded a = guarded_alloc((size_t)(n * sz)), b = guarded_alloc((size_t)(n * sz)),
                            o = guarded_alloc((size_t)(n * sz));
                    for (int64_t i = 0; i < n; i++) {
                        store(dt, a.data + i * sz, i == pos ? ca : 1.5);
                        store(dt, b.data + i * sz, i == pos ? cb : 2.0);
                    }
                    nk_iter it;
                    memset(&it, 0, sizeof it);
                    it.ndim = 1;
                    it.nin = 2;
                    it.nout = 1;
                    it.flags = NK_IT_CONTIG;
                    it.shape[0] = n;
                    it.op[0] = (nk_operand){a.data, {sz}, dt, NK_OP_IN};
                    it.op[1] = (nk_operand){b.data, {sz}, dt, NK_OP_IN};
                    it.op[2] = (nk_operand){o.data, {sz}, dt, NK_OP_OUT};
                    nk_status st;
                    CHECK(nk_elementwise(&it, find(cases[c].op, dt), &st) == NK_OK, "fpe call");
                    CHECK(st.fpe == want, "dt %d case %zu n %lld pos %lld: fpe %d, want %d", dt, c, (long long)n,
                          (long long)pos, st.fpe, want);
                    /* The same special through a broadcast scalar: every lane raises it. */
                    if (pos == 0) {
                        it.flags = 0;
                        it.op[1].strides[0] = 0;
                        CHECK(nk_elementwise(&it, find(cases[c].op, dt), &st) == NK_OK, "fpe call");
                        if (want != 0)
                            CHECK((st.fpe & want) == want, "dt %d case %zu n %lld scalar: fpe %d, want %d", dt, c,
                                  (long long)n, st.fpe, want);
                    }
                    guarded_free(&a);
                    guarded_free(&b);
                    guarded_free(&o);
                }
        }
    }

    /* Threaded: the flag raised in the last chunk reaches the status; a clean call after it reports nothing. */
    nk_status st;
    nk_set_num_threads(4, &st);
    const int64_t n = 16 * (g_par_min > 4096 ? g_par_min : 4096);
    double *a = malloc((size_t)n * 8), *b = malloc((size_t)n * 8), *o = malloc((size_t)n * 8);
    for (int64_t i = 0; i < n; i++) {
        a[i] = 1.5;
        b[i] = 2.0;
    }
    b[n - 7] = 0.0;
    nk_iter it;
    memset(&it, 0, sizeof it);
    it.ndim = 1;
    it.nin = 2;
    it.nout = 1;
    it.flags = NK_IT_CONTIG;
    it.shape[0] = n;
    it.op[0] = (nk_operand){(char *)a, {8}, NK_FLOAT64, NK_OP_IN};
    it.op[1] = (nk_operand){(char *)b, {8}, NK_FLOAT64, NK_OP_IN};
    it.op[2] = (nk_operand){(char *)o, {8}, NK_FLOAT64, NK_OP_OUT};
    CHECK(nk_elementwise(&it, find(NK_OP_DIVIDE, NK_FLOAT64), &st) == NK_OK, "threaded fpe");
    CHECK(st.fpe == NK_FPE_DIVIDEBYZERO, "threaded: fpe %d", st.fpe);
    b[n - 7] = 2.0;
    CHECK(nk_elementwise(&it, find(NK_OP_DIVIDE, NK_FLOAT64), &st) == NK_OK, "threaded clean");
    CHECK(st.fpe == 0, "flags leaked into a clean call: %d", st.fpe);
    free(a);
    free(b);
    free(o);
    nk_set_num_threads(2, &st);
}

/* ------------------------------------------------------------------------------------------------------------ */

static void test_loop_find(void)
{
    nk_status st;
    const nk_loop *loop;
    for (int o = 0; o < 4; o++)
        for (int d = 0; d < 2; d++) {
            const int8_t sig[3] = {(int8_t)k_dtypes[d], (int8_t)k_dtypes[d], (int8_t)k_dtypes[d]};
            CHECK(nk_loop_find(k_ops[o], sig, 3, &loop, &st) == NK_OK && loop != NULL, "op %d dt %d", k_ops[o],
                  k_dtypes[d]);
            CHECK(loop->nin == 2 && loop->nout == 1 && loop->sig[2] == k_dtypes[d], "loop fields");
            const nk_loop *again;
            nk_loop_find(k_ops[o], sig, 3, &again, &st);
            CHECK(again == loop, "the same lookup gave another pointer");
        }
    const int8_t mixed[3] = {NK_FLOAT32, NK_FLOAT64, NK_FLOAT64}, ints[3] = {NK_INT32, NK_INT32, NK_INT32};
    const int8_t f64[3] = {NK_FLOAT64, NK_FLOAT64, NK_FLOAT64};
    CHECK(nk_loop_find(NK_OP_ADD, mixed, 3, &loop, &st) == NK_E_NO_LOOP && loop == NULL, "mixed");
    CHECK(st.code == NK_E_NO_LOOP && st.arg[0] == NK_OP_ADD, "status of NO_LOOP");
    CHECK(nk_loop_find(NK_OP_ADD, ints, 3, &loop, &st) == NK_E_NO_LOOP, "int32 add");
    CHECK(nk_loop_find(999, f64, 3, &loop, &st) == NK_E_NO_LOOP, "op 999");
    CHECK(nk_loop_find(NK_OP_ADD, f64, 2, &loop, &st) == NK_E_NO_LOOP, "nsig 2");
    CHECK(nk_loop_find(NK_OP_ADD, f64, 0, &loop, &st) == NK_E_NO_LOOP, "nsig 0");
    CHECK(nk_loop_find(NK_OP_ADD, f64, 3, NULL, &st) == NK_E_BAD_DESC, "NULL out");
    CHECK(nk_loop_find(NK_OP_ADD, NULL, 3, &loop, &st) == NK_E_BAD_DESC, "NULL sig");
    CHECK(nk_loop_find(NK_OP_ADD, f64, 99, &loop, &st) == NK_E_BAD_DESC, "nsig 99");
    CHECK(nk_loop_find(NK_OP_ADD, f64, 3, &loop, NULL) == NK_OK, "NULL status");
}

static void test_bad_descriptors(void)
{
    double a[4] = {1, 2, 3, 4}, b[4] = {1, 1, 1, 1}, o[4];
    const nk_loop *loop = find(NK_OP_ADD, NK_FLOAT64);
    nk_iter good;
    memset(&good, 0, sizeof good);
    good.ndim = 1;
    good.nin = 2;
    good.nout = 1;
    good.flags = NK_IT_CONTIG;
    good.shape[0] = 4;
    good.op[0] = (nk_operand){(char *)a, {8}, NK_FLOAT64, NK_OP_IN};
    good.op[1] = (nk_operand){(char *)b, {8}, NK_FLOAT64, NK_OP_IN};
    good.op[2] = (nk_operand){(char *)o, {8}, NK_FLOAT64, NK_OP_OUT};
    nk_status st;
    CHECK(nk_elementwise(&good, loop, &st) == NK_OK && o[3] == 5.0, "the good descriptor");

    nk_iter it;
#define BAD(what, mutate)                                                                                             \
    do {                                                                                                              \
        it = good;                                                                                                    \
        mutate;                                                                                                       \
        st.code = -1;                                                                                                 \
        int32_t rc = nk_elementwise(&it, loop, &st);                                                                  \
        CHECK(rc == NK_E_BAD_DESC && st.code == NK_E_BAD_DESC, "%s: rc %d", what, rc);                                \
        CHECK(nk_last_error()[0] != '\0', "%s: no text", what);                                                       \
    } while (0)
    BAD("ndim -1", it.ndim = -1);
    BAD("ndim 33", it.ndim = NK_MAXDIMS + 1);
    BAD("nin 1", it.nin = 1);
    BAD("nout 2", it.nout = 2);
    BAD("nout 0", it.nout = 0);
    BAD("dtype", it.op[1].dtype = NK_FLOAT32);
    BAD("dtype out of range", it.op[0].dtype = 77);
    BAD("NULL data", it.op[2].data = NULL);
    BAD("shape -1", it.shape[0] = -1);
    BAD("CONTIG with a stride", it.op[1].strides[0] = 16);
    BAD("CONTIG with ndim 2", (it.ndim = 2, it.shape[1] = 1));
    BAD("unknown flags", it.flags |= 64);
    BAD("max_threads -1", it.max_threads = -1);
    BAD("overflowing shape", (it.flags = 0, it.ndim = 3, it.shape[0] = INT64_MAX / 2, it.shape[1] = 3,
                              it.shape[2] = 1));
    BAD("where-mask without data", (it.flags = NK_IT_WHERE, it.nin = 2));
    CHECK(nk_elementwise(NULL, loop, &st) == NK_E_BAD_DESC, "NULL iterator");
    CHECK(nk_elementwise(&good, NULL, &st) == NK_E_BAD_DESC, "NULL loop");
    nk_loop nofn = *loop;
    nofn.fn = NULL;
    CHECK(nk_elementwise(&good, &nofn, &st) == NK_E_BAD_DESC, "NULL fn");
    CHECK(nk_elementwise(NULL, NULL, NULL) == NK_E_BAD_DESC, "everything NULL");
    /* NULL data is fine when there is nothing to touch. */
    it = good;
    it.shape[0] = 0;
    it.op[0].data = it.op[1].data = it.op[2].data = NULL;
    CHECK(nk_elementwise(&it, loop, &st) == NK_OK, "empty with NULL data");
    /* Clean errors leave the previous status fields in a known state. */
    CHECK(nk_elementwise(&good, loop, &st) == NK_OK && st.code == NK_OK && st.fpe == 0, "status reset");
#undef BAD
}

int main(void)
{
    const char *env = getenv("NUMERICS_NATIVE_PAR_MIN_MEMORY");
    if (env != NULL && atoll(env) > 0)
        g_par_min = atoll(env);
    nk_status st;
    nk_init_params params = {2, -1, NULL};
    if (nk_init(&params, &st) != NK_OK) {
        fprintf(stderr, "nk_init: %s\n", nk_last_error());
        return 2;
    }
    printf("simd level %d, NUMERICS_NATIVE_SIMD=%s, par_min_memory %lld\n", nk_simd_level(),
           getenv("NUMERICS_NATIVE_SIMD") ? getenv("NUMERICS_NATIVE_SIMD") : "(unset)", (long long)g_par_min);
    static const struct {
        const char *name;
        void (*fn)(void);
    } sections[] = {{"loop_find", test_loop_find}, {"bad_descriptors", test_bad_descriptors}, {"1-d", test_1d},
                    {"N-d", test_nd}, {"threads", test_threads}, {"fpe", test_fpe}};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        sections[i].fn();
        clock_gettime(CLOCK_MONOTONIC, &t1);
        printf("  %-16s %.2f s\n", sections[i].name,
               (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    }
    return nk_test_finish("test_elementwise");
}
