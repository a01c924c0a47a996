/* nk_internal.h — what the library's translation units share and nobody outside sees. */
#ifndef NK_INTERNAL_H
#define NK_INTERNAL_H

#include "numerics_kernels.h"

#include <stddef.h>
#include <stdint.h>

/* One registered loop. The op id lives beside the public nk_loop so that the struct handed to C# stays as the
 * header defines it; nk_loop_find returns &entry->loop, which is static and therefore valid forever. */
typedef struct nk_loop_entry {
    int32_t op; /* nk_op; 0 terminates a table */
    nk_loop loop;
} nk_loop_entry;

/* Per-level loop tables, one per loop family; defined in the sources that NkSimd.cmake compiles per level. */
#define NK_DECLARE_LOOP_TABLE(family)                                                                                 \
    extern const nk_loop_entry family##_baseline[];                                                                   \
    extern const nk_loop_entry family##_avx2[];                                                                       \
    extern const nk_loop_entry family##_avx512[];

NK_DECLARE_LOOP_TABLE(nk_binary_loops)

/* Printf-style text for nk_last_error(); truncated to the thread-local buffer. Returns code so that error paths
 * read as `return nk_fail(st, NK_E_BAD_DESC, "...")`. */
int32_t nk_fail(nk_status *st, int32_t code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static inline int32_t nk_ok(nk_status *st)
{
    st->code = NK_OK;
    st->fpe = 0;
    st->arg[0] = st->arg[1] = st->arg[2] = 0;
    return NK_OK;
}

/* fenv.h's exception flags as nk_fpe bits. */
#include <fenv.h>
static inline int32_t nk_fpe_from_fenv(int f)
{
    return ((f & FE_DIVBYZERO) ? NK_FPE_DIVIDEBYZERO : 0) | ((f & FE_OVERFLOW) ? NK_FPE_OVERFLOW : 0) |
           ((f & FE_UNDERFLOW) ? NK_FPE_UNDERFLOW : 0) | ((f & FE_INVALID) ? NK_FPE_INVALID : 0);
}

/* The floating-point exception flags that BLAS/LAPACK work raised, as NumPy's ufuncs read them
 * (npy_clear_floatstatus before, npy_get_floatstatus after), per thread. On x86-64 that arithmetic is SSE/AVX, so
 * MXCSR holds the flags: reading it costs a few nanoseconds (microcoded: about 1.5 on Zen 3, 4-5 on Zen 5), and it
 * is rewritten only when an exception NumPy reports is set (the inexact flag almost always is). glibc's feclearexcept/fetestexcept also save and reload
 * the x87 environment: 95 ns per call, a third of a 4x4 matmul. Code that raises through the x87 unit (libgcc's
 * software float16 rounding) must signal with nk_fpe_signal_overflow instead. */
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define NK_MXCSR_REPORTED 0x1Du /* invalid, divide-by-zero, overflow, underflow */
static inline void nk_fpe_clear(void)
{
    const unsigned csr = _mm_getcsr();
    if (csr & NK_MXCSR_REPORTED)
        _mm_setcsr(csr & ~0x3Fu);
}
static inline int32_t nk_fpe_raised(void)
{
    const unsigned csr = _mm_getcsr();
    return ((csr & 0x01u) ? NK_FPE_INVALID : 0) | ((csr & 0x04u) ? NK_FPE_DIVIDEBYZERO : 0) |
           ((csr & 0x08u) ? NK_FPE_OVERFLOW : 0) | ((csr & 0x10u) ? NK_FPE_UNDERFLOW : 0);
}
#else
static inline void nk_fpe_clear(void)
{
    feclearexcept(FE_ALL_EXCEPT);
}
static inline int32_t nk_fpe_raised(void)
{
    return nk_fpe_from_fenv(fetestexcept(FE_ALL_EXCEPT));
}
#endif

/* Raises the overflow flag where nk_fpe_raised reads it (an SSE multiply that overflows). */
static inline void nk_fpe_signal_overflow(void)
{
    volatile double big = 1e300;
    big = big * big;
}

/* The dispatch level fixed by nk_init, or -1 before it. An acquire load: once it is >= 0, every init-time table
 * (thresholds, BLAS table, loop tables) is visible to the caller. */
int32_t nk_level(void);

/* Threads for a memory-bound kernel over `elems` elements: one below the memory class's threshold or inside an
 * outer parallel region, else the configured count (capped by max_threads when it is above 0) as far as tokens
 * are free. Release a result above 1 with nk_threads_release. */
int32_t nk_threads_for_memory(int64_t elems, int32_t max_threads);

/* The BLAS/LAPACK table handed to nk_init; every pointer NULL when none was given. */
const nk_blas_table *nk_blas(void);

/* The loop tables of the chosen level, NULL-terminated; NULL before nk_init. */
const nk_loop_entry *const *nk_loop_tables(void);

size_t nk_dtype_size(int32_t dtype);

/* Tokens of the backend thread gate (nk_blas_enter/nk_blas_leave, public). Every call into BLAS/LAPACK from the
 * kernel library passes it; the cost is the problem's multiply-add count (m·n·k, or m·n·min(m, n) for a
 * factorisation) — of one problem, since each problem of a batch runs on one thread. */
enum { NK_BLAS_UNGATED = 0, NK_BLAS_SOLO = 1, NK_BLAS_WIDE = 2 };
/* Whether the calling thread holds the wide token: it alone is inside the backend, with every thread. */
int nk_blas_wide_held(void);
/* While holding the wide token: the backend's thread count, for a call that runs the backend on threads of its own
 * (one backend thread each) and then restores nk_get_num_threads(). No-op for any other caller. */
void nk_blas_wide_set_threads(int n);

#endif /* NK_INTERNAL_H */
