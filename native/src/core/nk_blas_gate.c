/* nk_blas_gate.c — one owner for the backend's process-wide thread count (DESIGN.md §6.4).
 *
 * OpenBLAS's pthread build has one worker pool and one process-wide thread count. When several .NET threads call
 * it at once, each threaded call queues on the pool behind a spinning lock (exec_blas_async, sched_yield), and
 * 0.3.21 threads even a 48×48 dgesv: 16 service threads doing small solves ran 60× slower than one thread doing
 * them all, burning both cores. MKL and BLIS behave alike with their own pools.
 *
 * So every backend call made by the kernel library (and by Interop's BlasGate users: the Math.NET provider) enters
 * this gate with its size:
 *  - small problems (cost below NK_BLAS_SOLO_MAX_WORK) run on the calling thread alone, backend count 1, any
 *    number at once — N callers use N cores and nobody spins;
 *  - large problems run one at a time with the backend's full count, which already uses every core.
 * The count a call runs with depends on its size only, never on what else is running, so results are the same
 * bit for bit whether a service calls from one thread or sixteen (thread counts change OpenBLAS's blocking).
 * Waiting is on a condition variable (sleeping); large calls waiting block new small ones so they cannot starve.
 * The backend's setter is called only while no gated call is inside the backend. */
#include "nk_internal.h"
#include "nk_thresholds.h"

#include <pthread.h>

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_change = PTHREAD_COND_INITIALIZER;
static int g_solo_active;   /* small calls inside the backend */
static int g_wide_active;   /* 0 or 1 large call inside the backend */
static int g_wide_waiting;  /* large calls waiting for the backend */

/* The token this thread holds (a wide call may split its work over OpenMP threads of its own: nk_blas_wide_*). */
static _Thread_local int32_t t_held;

typedef void (*set_threads_fn)(int);

/* Set on every change of mode, not cached: np.config.num_threads and the level-3 calibration also call the setter,
 * and for OpenBLAS (a count within its pool) it only stores an int. */
static void apply(int n) { ((set_threads_fn)nk_blas()->set_num_threads)(n); }

int32_t nk_blas_enter(double work)
{
    /* No setter, no pool to share (the reference BLAS is serial). */
    if (nk_blas()->set_num_threads == NULL)
        return NK_BLAS_UNGATED;
    const int wide = work >= NK_BLAS_SOLO_MAX_WORK && nk_get_num_threads() > 1;
    pthread_mutex_lock(&g_lock);
    if (wide) {
        g_wide_waiting++;
        while (g_solo_active > 0 || g_wide_active > 0)
            pthread_cond_wait(&g_change, &g_lock);
        g_wide_waiting--;
        g_wide_active = 1;
        apply(nk_get_num_threads());
    } else {
        while (g_wide_active > 0 || g_wide_waiting > 0)
            pthread_cond_wait(&g_change, &g_lock);
        if (g_solo_active == 0)
            apply(1);
        g_solo_active++;
    }
    pthread_mutex_unlock(&g_lock);
    t_held = wide ? NK_BLAS_WIDE : NK_BLAS_SOLO;
    return t_held;
}

void nk_blas_leave(int32_t token)
{
    /* A token this gate did not hand out (the call is public) must not unbalance the counts. */
    if (token != NK_BLAS_SOLO && token != NK_BLAS_WIDE)
        return;
    t_held = NK_BLAS_UNGATED;
    pthread_mutex_lock(&g_lock);
    if (token == NK_BLAS_WIDE)
        g_wide_active = 0;
    else
        g_solo_active--;
    if (g_solo_active == 0 && g_wide_active == 0)
        pthread_cond_broadcast(&g_change);
    pthread_mutex_unlock(&g_lock);
}

int nk_blas_wide_held(void) { return t_held == NK_BLAS_WIDE; }

void nk_blas_wide_set_threads(int n)
{
    /* The wide holder is alone inside the backend, so the setter cannot change a running call's count. */
    if (t_held == NK_BLAS_WIDE)
        apply(n);
}
