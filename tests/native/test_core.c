/* test_core.c — nk_init, dispatch level, thread budget, status text. Runs its pre-init checks first, so it must
 * stay its own process. */
#define _GNU_SOURCE
#include "numerics_kernels.h"
#include "nk_test.h"

#include <pthread.h>
#include <stdatomic.h>

static const nk_init_params k_params = {2, -1, NULL};

static void *init_from_thread(void *arg)
{
    nk_status st;
    *(int32_t *)arg = nk_init(&k_params, &st);
    return NULL;
}

static void check_before_init(void)
{
    nk_status st;
    CHECK(nk_simd_level() == -1, "level before init %d", nk_simd_level());
    const nk_loop *loop = (const nk_loop *)1;
    const int8_t sig[3] = {NK_FLOAT64, NK_FLOAT64, NK_FLOAT64};
    CHECK(nk_loop_find(NK_OP_ADD, sig, 3, &loop, &st) == NK_E_NOT_INIT, "find before init");
    CHECK(st.code == NK_E_NOT_INIT, "status code %d", st.code);
    nk_iter it;
    memset(&it, 0, sizeof it);
    CHECK(nk_elementwise(&it, NULL, &st) == NK_E_NOT_INIT, "elementwise before init");

    /* Rejected parameters must leave the library uninitialised. */
    nk_init_params bad = {0, -1, NULL};
    CHECK(nk_init(&bad, &st) == NK_E_BAD_DESC && st.code == NK_E_BAD_DESC, "num_threads 0 accepted");
    CHECK(strstr(nk_last_error(), "num_threads") != NULL, "text: %s", nk_last_error());
    bad.num_threads = 1;
    bad.simd_cap = 7;
    CHECK(nk_init(&bad, &st) == NK_E_BAD_DESC, "simd_cap 7 accepted");
    nk_blas_table tiny;
    memset(&tiny, 0, sizeof tiny);
    tiny.size = 4;
    bad.simd_cap = -1;
    bad.blas = &tiny;
    CHECK(nk_init(&bad, &st) == NK_E_BAD_DESC, "blas size 4 accepted");
    CHECK(nk_simd_level() == -1, "a rejected nk_init initialised the library");
}

static void check_init(void)
{
    /* Racing first calls: all succeed and agree. */
    pthread_t th[8];
    int32_t rc[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&th[i], NULL, init_from_thread, &rc[i]);
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        CHECK(rc[i] == NK_OK, "thread %d nk_init = %d", i, rc[i]);
    }
    const int32_t level = nk_simd_level();
    CHECK(level >= NK_SIMD_BASELINE && level <= NK_SIMD_AVX512, "level %d", level);
    CHECK(nk_get_num_threads() == 2, "threads %d", nk_get_num_threads());

    /* Idempotent: a later call with another cap keeps the level and only updates the thread count. */
    nk_status st;
    nk_init_params again = {3, NK_SIMD_BASELINE, NULL};
    CHECK(nk_init(&again, &st) == NK_OK && st.code == NK_OK, "second init");
    CHECK(nk_simd_level() == level, "level changed %d -> %d", level, nk_simd_level());
    CHECK(nk_get_num_threads() == 3, "threads %d", nk_get_num_threads());
    CHECK(nk_init(NULL, &st) == NK_OK, "nk_init(NULL)");
    CHECK(nk_init(&k_params, NULL) == NK_OK, "NULL status");
    CHECK(nk_simd_level() == level, "level changed");

    const char *cap = getenv("NUMERICS_NATIVE_SIMD");
    __builtin_cpu_init();
    int32_t cpu = __builtin_cpu_supports("x86-64-v4") ? 2 : __builtin_cpu_supports("x86-64-v3") ? 1 : 0;
    int32_t expect = cpu;
    if (cap != NULL && strcmp(cap, "baseline") == 0)
        expect = 0;
    else if (cap != NULL && strcmp(cap, "avx2") == 0 && cpu > 1)
        expect = 1;
    CHECK(level == expect, "level %d, expected %d (cpu %d, NUMERICS_NATIVE_SIMD=%s)", level, expect, cpu,
          cap ? cap : "(unset)");
    printf("simd level %d (cpu %d, NUMERICS_NATIVE_SIMD=%s)\n", level, cpu, cap ? cap : "(unset)");
}

static atomic_int g_over;

static void *budget_hammer(void *arg)
{
    uint64_t s = (uint64_t)(uintptr_t)arg * 0x9E3779B97F4A7C15ull + 1;
    for (int i = 0; i < 200000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        int32_t want = (int32_t)(s % 6);
        int32_t got = nk_threads_acquire(want);
        if (got < 1 || got > (want > 1 ? want : 1))
            atomic_fetch_add(&g_over, 1);
        nk_threads_release(got);
    }
    return NULL;
}

static void check_budget(void)
{
    nk_status st;
    CHECK(nk_set_num_threads(4, &st) == NK_OK, "set 4");
    CHECK(nk_threads_acquire(0) == 1 && nk_threads_acquire(1) == 1, "want <= 1 must give 1");
    int32_t a = nk_threads_acquire(10);
    CHECK(a == 4, "first caller gets every thread: %d", a);
    CHECK(nk_threads_acquire(3) == 1, "an exhausted budget gives the caller alone");
    nk_threads_release(a);
    int32_t b = nk_threads_acquire(3), c = nk_threads_acquire(3);
    CHECK(b == 3 && c == 2, "split %d %d", b, c);
    /* Shrinking while tokens are out: nothing extra until they return, then the new size. */
    CHECK(nk_set_num_threads(2, &st) == NK_OK, "set 2");
    CHECK(nk_threads_acquire(8) == 1, "tokens still out");
    nk_threads_release(b);
    nk_threads_release(c);
    int32_t d = nk_threads_acquire(8);
    CHECK(d == 2, "after shrink %d", d);
    nk_threads_release(d);

    CHECK(nk_set_num_threads(0, &st) == NK_E_BAD_DESC, "0 threads accepted");
    CHECK(nk_set_num_threads(-5, NULL) == NK_E_BAD_DESC, "-5 threads accepted");
    CHECK(nk_get_num_threads() == 2, "a rejected set changed the count");

    CHECK(nk_set_num_threads(5, &st) == NK_OK, "set 5");
    pthread_t th[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&th[i], NULL, budget_hammer, (void *)(uintptr_t)(i + 1));
    for (int i = 0; i < 8; i++)
        pthread_join(th[i], NULL);
    CHECK(atomic_load(&g_over) == 0, "%d grants outside 1..want", atomic_load(&g_over));
    int32_t all = nk_threads_acquire(100);
    CHECK(all == 5, "budget leaked: %d of 5 after the hammer", all);
    nk_threads_release(all);
}

static void *error_in_thread(void *arg)
{
    (void)arg;
    nk_status st;
    nk_set_num_threads(-1, &st);
    return (void *)(uintptr_t)(nk_last_error()[0] != '\0');
}

static void check_misc(void)
{
    CHECK(nk_abi_version() == NK_ABI_VERSION, "abi %d", nk_abi_version());
    CHECK(nk_sleef_version() >= 30000, "sleef %d", nk_sleef_version());
    nk_noop();
    /* Text is thread-local: another thread's error does not show here. */
    nk_status st;
    nk_set_num_threads(2, &st);
    const nk_loop *loop;
    const int8_t sig[3] = {NK_FLOAT64, NK_FLOAT64, NK_FLOAT64};
    nk_loop_find(NK_OP_ADD, sig, 3, &loop, &st);
    char before[512];
    snprintf(before, sizeof before, "%s", nk_last_error());
    pthread_t th;
    void *seen = NULL;
    pthread_create(&th, NULL, error_in_thread, NULL);
    pthread_join(th, &seen);
    CHECK(seen != NULL, "the other thread saw no text");
    CHECK(strcmp(before, nk_last_error()) == 0, "text leaked across threads: %s", nk_last_error());
    CHECK(nk_last_error() != NULL, "NULL text");
}

int main(void)
{
    check_before_init();
    check_init();
    check_budget();
    check_misc();
    return nk_test_finish("test_core");
}
