/* nk_test.h — the few helpers the native tests share: checks that count instead of aborting, guard-page buffers. */
#ifndef NK_TEST_H
#define NK_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int nk_test_failures;

/* Keep going after a failure so one run shows every broken case, but stop printing after a screenful. */
#define CHECK(cond, ...)                                                                                              \
    do {                                                                                                              \
        if (!(cond)) {                                                                                                \
            if (++nk_test_failures <= 50) {                                                                           \
                fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond);                              \
                fprintf(stderr, __VA_ARGS__);                                                                         \
                fputc('\n', stderr);                                                                                  \
            }                                                                                                         \
        }                                                                                                             \
    } while (0)

static inline int nk_test_finish(const char *name)
{
    if (nk_test_failures != 0) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, nk_test_failures);
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}

/* A buffer whose last byte sits right before a PROT_NONE page, with another PROT_NONE page in front, so a kernel
 * that reads or writes one element past either end faults instead of passing quietly. */
typedef struct guarded {
    char *map;
    size_t map_len;
    char *data; /* `bytes` usable bytes ending at the rear guard page */
    size_t bytes;
} guarded;

static inline guarded guarded_alloc(size_t bytes)
{
    guarded g = {0};
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    const size_t body = (bytes + page - 1) / page * page;
    g.map_len = body + 2 * page;
    void *m = mmap(NULL, g.map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    g.map = m;
    if (mprotect(g.map, page, PROT_NONE) != 0 || mprotect(g.map + page + body, page, PROT_NONE) != 0) {
        perror("mprotect");
        exit(2);
    }
    g.data = g.map + page + body - bytes;
    g.bytes = bytes;
    return g;
}

static inline void guarded_free(guarded *g)
{
    if (g->map != NULL)
        munmap(g->map, g->map_len);
    memset(g, 0, sizeof *g);
}

/* xorshift64*: reproducible data without libc's rand state. */
static uint64_t nk_test_rng = 0x9E3779B97F4A7C15ull;
static inline uint64_t rng_next(void)
{
    nk_test_rng ^= nk_test_rng >> 12;
    nk_test_rng ^= nk_test_rng << 25;
    nk_test_rng ^= nk_test_rng >> 27;
    return nk_test_rng * 0x2545F4914F6CDD1Dull;
}
static inline double rng_uniform(double lo, double hi)
{
    return lo + (hi - lo) * (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

#endif /* NK_TEST_H */
