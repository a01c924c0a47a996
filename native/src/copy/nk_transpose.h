/* nk_transpose.h — the in-register transpose behind nk_copy's fast 2-d case (ascontiguousarray(M.T)).
 *
 * The case: a same-dtype 2-d copy dst[i][j] = src[i][j] of 4- or 8-byte elements whose destination rows and source
 * columns are both contiguous (ds1 == ss0 == itemsize). nk_transpose.c is compiled once per SIMD level
 * (cmake/NkSimd.cmake); nk_copy picks the level's function through nk_transpose_rows_for().
 */
#ifndef NK_TRANSPOSE_H
#define NK_TRANSPOSE_H

#include <stdint.h>

#include "nk_thresholds.h"

typedef struct nk_transpose_job {
    char *dst;
    const char *src;
    int64_t rows, cols;
    int64_t isz; /* 4 or 8 */
    int64_t ds0; /* destination row step, bytes (any sign) */
    int64_t ss1; /* source column step, bytes (any sign) */
    int stream;  /* the caller asks for non-temporal stores (destination far beyond cache); used where aligned */
} nk_transpose_job;

/* The job for a whole matrix, dst[r*ds0 + c*isz] = src[r*isz + c*ss1]: streaming stores once the copy is far
 * beyond the private caches (an 8 MB matrix went in 0.5 instead of 1.7 ms). */
static inline nk_transpose_job nk_transpose_job_of(char *dst, int64_t ds0, const char *src, int64_t ss1, int64_t rows,
                                                   int64_t cols, int64_t isz)
{
    const nk_transpose_job job = {dst, src, rows, cols, isz, ds0, ss1, rows * cols * isz >= NK_STREAM_MIN};
    return job;
}

/* Rows of one block: 64 bytes of source column, so every block reads and writes whole cache lines. */
#define NK_TRANSPOSE_BLOCK_ROWS(isz) (64 / (isz))

/* Copies destination rows [r0, r1): whole blocks in registers, the ragged right and bottom edges element by
 * element. r0 must be a multiple of NK_TRANSPOSE_BLOCK_ROWS(isz) so that threads never share a block. */
typedef void (*nk_transpose_rows_fn)(const nk_transpose_job *job, int64_t r0, int64_t r1);

/* The copy of the SIMD level nk_init chose (nk_copy.c); nk_copy and the linear-algebra workspace copies use it. */
nk_transpose_rows_fn nk_transpose_rows_for(void);

void nk_transpose_rows_baseline(const nk_transpose_job *job, int64_t r0, int64_t r1);
void nk_transpose_rows_avx2(const nk_transpose_job *job, int64_t r0, int64_t r1);
void nk_transpose_rows_avx512(const nk_transpose_job *job, int64_t r0, int64_t r1);

#endif /* NK_TRANSPOSE_H */
