/* experiment_clock.h — the two helpers every timing experiment in this folder needs (header-only, so each
 * experiment still builds with one gcc line). */
#ifndef EXPERIMENT_CLOCK_H
#define EXPERIMENT_CLOCK_H

#include <time.h>

/* Monotonic seconds. */
static inline double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* qsort comparator for doubles, ascending. */
static inline int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#endif
