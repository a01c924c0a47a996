/* nk_core.c — initialisation, dispatch level, thread budget, status text (DESIGN.md §5, §6.4). */
#include "nk_internal.h"
#include "nk_thresholds.h"

#include <errno.h>
#include <omp.h>
#include <pthread.h>
#include <sleef.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Init-time state: written once under g_init_lock, then published by the release store of g_level. */
static pthread_mutex_t g_init_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int g_level = -1;
static int64_t g_par_min[NK_NCLASSES] = {NK_PAR_MIN_MEMORY, NK_PAR_MIN_ARITH, NK_PAR_MIN_TRANSCENDENTAL,
                                         NK_PAR_MIN_HEAVY};
static nk_blas_table g_blas;

/* The thread budget. g_free_workers may dip below zero while tokens taken under a larger setting are still out
 * after nk_set_num_threads lowered it; acquire then simply grants nothing extra until they come back. */
static atomic_int g_num_threads = 1;
static atomic_int g_free_workers = 0;

static _Thread_local char t_last_error[512];

#define NK_MAX_THREADS 65536

static const nk_loop_entry *const k_tables[3][2] = {
    {nk_binary_loops_baseline, NULL},
    {nk_binary_loops_avx2, NULL},
    {nk_binary_loops_avx512, NULL},
};

int32_t nk_fail(nk_status *st, int32_t code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t_last_error, sizeof t_last_error, fmt, ap);
    va_end(ap);
    st->code = code;
    st->fpe = 0;
    st->arg[0] = st->arg[1] = st->arg[2] = 0;
    return code;
}

size_t nk_dtype_size(int32_t dtype)
{
    static const unsigned char sizes[NK_NTYPES] = {1, 1, 1, 2, 2, 4, 4, 8, 8, 2, 4, 8, 8, 16};
    return (dtype >= 0 && dtype < NK_NTYPES) ? sizes[dtype] : 0;
}

int32_t nk_level(void) { return atomic_load_explicit(&g_level, memory_order_acquire); }

const nk_blas_table *nk_blas(void) { return &g_blas; }

const nk_loop_entry *const *nk_loop_tables(void)
{
    int32_t level = nk_level();
    return level < 0 ? NULL : k_tables[level];
}

int64_t nk_par_min(int32_t op_class)
{
    return (op_class >= 0 && op_class < NK_NCLASSES) ? g_par_min[op_class] : NK_PAR_MIN_MEMORY;
}

/* The highest level this CPU runs. GCC's x86-64-v3/v4 names test exactly what -march=x86-64-v3/v4 lets the
 * compiler emit (BMI, LZCNT, MOVBE, ... included), which a list of single features would have to repeat. */
static int32_t cpu_level(void)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4"))
        return NK_SIMD_AVX512;
    if (__builtin_cpu_supports("x86-64-v3"))
        return NK_SIMD_AVX2;
    return NK_SIMD_BASELINE;
}

static int32_t env_simd_cap(void)
{
    const char *v = getenv("NUMERICS_NATIVE_SIMD");
    if (v == NULL)
        return NK_SIMD_AVX512;
    if (strcmp(v, "baseline") == 0)
        return NK_SIMD_BASELINE;
    if (strcmp(v, "avx2") == 0)
        return NK_SIMD_AVX2;
    /* Unknown text caps nothing: a typo must not silently slow every kernel down. */
    return NK_SIMD_AVX512;
}

static void env_par_min(const char *name, int64_t *slot)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0')
        return;
    char *end = NULL;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno == 0 && *end == '\0' && x >= 1)
        *slot = (int64_t)x;
}

int32_t nk_abi_version(void) { return NK_ABI_VERSION; }

int32_t nk_simd_level(void) { return nk_level(); }

int32_t nk_init(const nk_init_params *params, nk_status *st)
{
    nk_status scratch;
    if (st == NULL)
        st = &scratch;
    int32_t num_threads = params != NULL ? params->num_threads : omp_get_num_procs();
    int32_t cap = params != NULL ? params->simd_cap : -1;
    if (num_threads < 1 || num_threads > NK_MAX_THREADS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_init: num_threads %d outside 1..%d", num_threads, NK_MAX_THREADS);
    if (cap < -1 || cap > NK_SIMD_AVX512)
        return nk_fail(st, NK_E_BAD_DESC, "nk_init: simd_cap %d outside -1..%d", cap, NK_SIMD_AVX512);
    const nk_blas_table *blas = params != NULL ? params->blas : NULL;
    const int64_t blas_head = (int64_t)offsetof(nk_blas_table, cblas_sgemm);
    if (blas != NULL && (blas->size < blas_head || blas->size > (int64_t)1 << 20))
        return nk_fail(st, NK_E_BAD_DESC, "nk_init: nk_blas_table.size %lld is not a table size",
                       (long long)blas->size);

    if (pthread_mutex_lock(&g_init_lock) != 0)
        return nk_fail(st, NK_E_INTERNAL, "nk_init: cannot take the init lock");
    if (atomic_load_explicit(&g_level, memory_order_relaxed) < 0) {
        int32_t level = cpu_level();
        int32_t env_cap = env_simd_cap();
        if (level > env_cap)
            level = env_cap;
        if (cap >= 0 && level > cap)
            level = cap;
        env_par_min("NUMERICS_NATIVE_PAR_MIN_MEMORY", &g_par_min[NK_CLASS_MEMORY]);
        env_par_min("NUMERICS_NATIVE_PAR_MIN_ARITH", &g_par_min[NK_CLASS_ARITH]);
        env_par_min("NUMERICS_NATIVE_PAR_MIN_TRANSCENDENTAL", &g_par_min[NK_CLASS_TRANSCENDENTAL]);
        env_par_min("NUMERICS_NATIVE_PAR_MIN_HEAVY", &g_par_min[NK_CLASS_HEAVY]);
        memset(&g_blas, 0, sizeof g_blas);
        if (blas != NULL) {
            /* An older caller may hand a shorter table; the fields it lacks stay NULL. */
            size_t n = (size_t)blas->size < sizeof g_blas ? (size_t)blas->size : sizeof g_blas;
            memcpy(&g_blas, blas, n);
        }
        g_blas.size = (int64_t)sizeof g_blas;
        atomic_store_explicit(&g_level, level, memory_order_release);
    }
    pthread_mutex_unlock(&g_init_lock);
    return nk_set_num_threads(num_threads, st);
}

int32_t nk_set_num_threads(int32_t n, nk_status *st)
{
    nk_status scratch;
    if (st == NULL)
        st = &scratch;
    if (n < 1 || n > NK_MAX_THREADS)
        return nk_fail(st, NK_E_BAD_DESC, "nk_set_num_threads: %d outside 1..%d", n, NK_MAX_THREADS);
    int old = atomic_exchange_explicit(&g_num_threads, n, memory_order_acq_rel);
    atomic_fetch_add_explicit(&g_free_workers, n - old, memory_order_acq_rel);
    return nk_ok(st);
}

int32_t nk_get_num_threads(void) { return atomic_load_explicit(&g_num_threads, memory_order_relaxed); }

int32_t nk_threads_acquire(int32_t want)
{
    if (want <= 1)
        return 1;
    int need = want - 1;
    int cur = atomic_load_explicit(&g_free_workers, memory_order_relaxed);
    while (cur > 0) {
        int take = cur < need ? cur : need;
        if (atomic_compare_exchange_weak_explicit(&g_free_workers, &cur, cur - take, memory_order_acq_rel,
                                                  memory_order_relaxed))
            return 1 + take;
    }
    return 1;
}

int32_t nk_threads_for_memory(int64_t elems, int32_t max_threads)
{
    if (max_threads == 1 || elems < nk_par_min(NK_CLASS_MEMORY) || omp_in_parallel())
        return 1;
    int32_t want = nk_get_num_threads();
    if (max_threads > 0 && want > max_threads)
        want = max_threads;
    return nk_threads_acquire(want);
}

void nk_threads_release(int32_t granted)
{
    if (granted > 1)
        atomic_fetch_add_explicit(&g_free_workers, granted - 1, memory_order_acq_rel);
}

const char *nk_last_error(void) { return t_last_error; }

int32_t nk_sleef_version(void)
{
    return SLEEF_VERSION_MAJOR * 10000 + SLEEF_VERSION_MINOR * 100 + SLEEF_VERSION_PATCHLEVEL;
}

void nk_noop(void) {}
