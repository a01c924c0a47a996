/* numerics_kernels.h — the only public header of libnumerics_kernels.
 *
 * The C ABI between the C# facade and the kernels (DESIGN.md §4–§5). Input to Bindgen, so keep it plain C:
 * fixed-width integers, pointers, structs of those; no macros in signatures.
 *
 * Every entry point but the trivial getters returns an nk_code and fills an nk_status. All strides are in bytes,
 * may be negative, and 0 means broadcast. Axis ndim-1 is the innermost.
 */
#ifndef NUMERICS_KERNELS_H
#define NUMERICS_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(NK_BUILDING_LIBRARY)
#define NK_API __attribute__((visibility("default")))
#else
#define NK_API
#endif

/* Bumped on every incompatible change of a struct or signature below; Interop refuses a stale library. */
#define NK_ABI_VERSION 1

#define NK_MAXDIMS 32
#define NK_MAXOPS 8

typedef enum nk_dtype {
    NK_BOOL = 0,
    NK_INT8 = 1,
    NK_UINT8 = 2,
    NK_INT16 = 3,
    NK_UINT16 = 4,
    NK_INT32 = 5,
    NK_UINT32 = 6,
    NK_INT64 = 7,
    NK_UINT64 = 8,
    NK_FLOAT16 = 9,
    NK_FLOAT32 = 10,
    NK_FLOAT64 = 11,
    NK_COMPLEX64 = 12,
    NK_COMPLEX128 = 13,
    NK_NTYPES = 14
} nk_dtype;

typedef enum nk_code {
    NK_OK = 0,
    NK_E_INDEX = 1,      /* arg = index, axis, size */
    NK_E_VALUE = 2,      /* arg[0] = sub-code */
    NK_E_NO_LOOP = 3,    /* no loop for (op, signature) */
    NK_E_LINALG = 4,     /* arg = reason, batch item, LAPACK info */
    NK_E_NOMEM = 5,      /* arg[0] = bytes asked for */
    NK_E_BAD_DESC = 6,   /* a descriptor broke the ABI rules: our bug; see nk_last_error() */
    NK_E_INTERNAL = 7,   /* our bug; see nk_last_error() */
    NK_E_NOT_INIT = 8    /* nk_init has not run */
} nk_code;

typedef enum nk_fpe {
    NK_FPE_DIVIDEBYZERO = 1,
    NK_FPE_OVERFLOW = 2,
    NK_FPE_UNDERFLOW = 4,
    NK_FPE_INVALID = 8
} nk_fpe;

typedef enum nk_simd {
    NK_SIMD_BASELINE = 0, /* x86-64 (SSE2) */
    NK_SIMD_AVX2 = 1,     /* x86-64-v3: AVX2, FMA, F16C */
    NK_SIMD_AVX512 = 2    /* x86-64-v4: AVX-512 F/BW/DQ/VL */
} nk_simd;

/* Operand flags (nk_operand.flags). */
typedef enum nk_op_flags {
    NK_OP_IN = 1,
    NK_OP_OUT = 2,
    NK_OP_SWAPPED = 4,
    NK_OP_MAY_OVERLAP = 8
} nk_op_flags;

/* Iterator flags (nk_iter.flags). */
typedef enum nk_iter_flags {
    NK_IT_WHERE = 1,  /* the last operand is a bool mask */
    NK_IT_CONTIG = 2  /* ndim == 1 and every stride equals its operand's itemsize */
} nk_iter_flags;

/* Loop classes: they pick the element count above which a call is split across threads. */
typedef enum nk_op_class {
    NK_CLASS_MEMORY = 0,
    NK_CLASS_ARITH = 1,
    NK_CLASS_TRANSCENDENTAL = 2,
    NK_CLASS_HEAVY = 3,
    NK_NCLASSES = 4
} nk_op_class;

typedef enum nk_loop_flags {
    NK_LOOP_NO_FPE = 1,
    NK_LOOP_REORDERABLE = 2
} nk_loop_flags;

/* Elementwise operation ids; one row each in native/ops/nk_ops.def. */
typedef enum nk_op {
    NK_OP_ADD = 1,
    NK_OP_SUBTRACT = 2,
    NK_OP_MULTIPLY = 3,
    NK_OP_DIVIDE = 4
} nk_op;

typedef struct nk_status {
    int32_t code;   /* nk_code */
    int32_t fpe;    /* nk_fpe bits raised by the call */
    int64_t arg[3]; /* numbers for the C# message */
} nk_status;

typedef struct nk_operand {
    char *data;                    /* element (0,...,0) of the simplified iteration */
    int64_t strides[NK_MAXDIMS];   /* bytes, same axis order as nk_iter.shape */
    int32_t dtype;                 /* nk_dtype as stored in memory */
    int32_t flags;                 /* nk_op_flags */
} nk_operand;

typedef struct nk_iter {
    int32_t ndim;        /* 0..NK_MAXDIMS; 0 = one element */
    int32_t nin;
    int32_t nout;
    int32_t flags;       /* nk_iter_flags */
    int32_t max_threads; /* 0 = process setting, 1 = serial, n = at most n */
    int32_t reserved;
    int64_t shape[NK_MAXDIMS];
    nk_operand op[NK_MAXOPS];
} nk_iter;

/* NumPy's strided inner loop: args[i] = operand i's pointer, *n = count, steps[i] = operand i's byte step. */
typedef void (*nk_inner_fn)(char **args, const int64_t *n, const int64_t *steps, void *ctx);

typedef struct nk_loop {
    nk_inner_fn fn;
    int8_t sig[NK_MAXOPS]; /* dtypes: inputs then outputs */
    int32_t nin;
    int32_t nout;
    int32_t op_class;      /* nk_op_class */
    uint32_t flags;        /* nk_loop_flags */
    void *ctx;
} nk_loop;

/* BLAS/LAPACK entry points handed over by the resolver; the kernel library never links BLAS itself.
 * Any pointer may be NULL when the backend lacks it. */
typedef struct nk_blas_table {
    int64_t size;               /* sizeof(nk_blas_table), for ABI checks */
    int32_t threading;          /* 0 serial, 1 pthread, 2 OpenMP, 3 MKL */
    int32_t lapack_int_bytes;   /* 4 = LP64, 8 = ILP64 */
    void *cblas_sgemm;
    void *cblas_dgemm;
    void *cblas_cgemm;
    void *cblas_zgemm;
    void *cblas_dgemv;
    void *cblas_dtrsm;
    void *set_num_threads;       /* void (*)(int): process-wide thread count of the backend */
    void *set_num_threads_local; /* int (*)(int): per-calling-thread count, OpenBLAS >= 0.3.27 / MKL */
} nk_blas_table;

typedef struct nk_init_params {
    int32_t num_threads; /* >= 1 */
    int32_t simd_cap;    /* nk_simd: the highest level allowed; -1 = whatever the CPU has */
    const nk_blas_table *blas; /* may be NULL */
} nk_init_params;

/* ---- core ---- */
NK_API int32_t nk_abi_version(void);
/* Idempotent; later calls only update the thread count. */
NK_API int32_t nk_init(const nk_init_params *params, nk_status *st);
/* The chosen dispatch level (nk_simd); -1 before nk_init. */
NK_API int32_t nk_simd_level(void);
/* Process-wide thread budget for the kernels. */
NK_API int32_t nk_set_num_threads(int32_t n, nk_status *st);
NK_API int32_t nk_get_num_threads(void);
/* Budget tokens: returns how many threads (>= 1, including the caller) the call may use; never blocks. */
NK_API int32_t nk_threads_acquire(int32_t want);
NK_API void nk_threads_release(int32_t granted);
/* Thread-local text for NK_E_INTERNAL / NK_E_BAD_DESC; never NULL. */
NK_API const char *nk_last_error(void);
/* SLEEF's version as major*10000 + minor*100 + patch. */
NK_API int32_t nk_sleef_version(void);
/* Does nothing: measures the cost of a call across the boundary. */
NK_API void nk_noop(void);

/* ---- elementwise ---- */
/* Finds the loop for op with signature sig[0..nsig) (inputs then outputs). The pointer is valid forever. */
NK_API int32_t nk_loop_find(int32_t op, const int8_t *sig, int32_t nsig, const nk_loop **out, nk_status *st);
NK_API int32_t nk_elementwise(const nk_iter *it, const nk_loop *loop, nk_status *st);

/* ---- copies, gathers/scatters, masks (src/copy; DESIGN.md §4.3) ---- */
/* Strided N-d copy with an optional cast: op[0] is the source (nin = 1), op[1] the destination (nout = 1), each
 * with its dtype; the facade has simplified the axes already. Contiguous runs are one memcpy; a 2-d copy whose
 * destination is contiguous along the inner axis while the source jumps runs as a cache-blocked transpose (OpenMP
 * over tiles). Casts give NumPy 1.24's x86-64 results (src/copy/nk_cast.h); st->fpe gets NK_FPE_INVALID when a
 * float -> int conversion was NaN or out of range. */
NK_API int32_t nk_copy(const nk_iter *it, nk_status *st);

typedef enum nk_index_dir {
    NK_GATHER = 0,  /* packed[b, s] = base[idx(b)][s]: advanced-index read, take */
    NK_SCATTER = 1  /* base[idx(b)][s] = packed[b, s]: advanced-index write, put; the last write wins */
} nk_index_dir;

typedef enum nk_index_mode {
    NK_MODE_RAISE = 0, /* NK_E_INDEX with arg = index, axis, size; nothing is written */
    NK_MODE_WRAP = 1,
    NK_MODE_CLIP = 2   /* negative indices clip to 0, as NumPy's clip mode */
} nk_index_mode;

/* One gather or scatter: the broadcast index space B (int64 index arrays with byte strides over B, 0 = broadcast)
 * selects, along nidx axes of the indexed array, the place of a sub-space S that is copied to or from the packed
 * side (shape B + S). Same dtype on both sides. */
typedef struct nk_index_desc {
    int32_t direction;                         /* nk_index_dir */
    int32_t mode;                              /* nk_index_mode */
    int32_t nidx;                              /* 1..NK_MAXDIMS index arrays (indexed axes) */
    int32_t itemsize;                          /* 1..16 */
    int32_t bndim;                             /* 0..NK_MAXDIMS */
    int32_t sndim;                             /* 0..NK_MAXDIMS */
    int64_t bshape[NK_MAXDIMS];
    int64_t sshape[NK_MAXDIMS];
    int64_t axis_len[NK_MAXDIMS];              /* extent of each indexed axis */
    int64_t axis_stride[NK_MAXDIMS];           /* byte stride of each indexed axis */
    int64_t report_axis[NK_MAXDIMS];           /* axis number for NK_E_INDEX */
    int64_t base_sstrides[NK_MAXDIMS];         /* the indexed array's byte strides over S */
    int64_t packed_strides[2 * NK_MAXDIMS];    /* the packed side's byte strides over B, then S */
    int64_t idx_strides[NK_MAXDIMS * NK_MAXDIMS]; /* [j * NK_MAXDIMS + d]: index array j's byte stride on B dim d */
    const int64_t *idx[NK_MAXDIMS];            /* the index arrays' element (0, ..., 0) */
    char *base;                                /* the indexed array's element (0, ..., 0) */
    char *packed;                              /* the packed side's element (0, ..., 0) */
} nk_index_desc;

/* Gather (threads over B above the memory threshold) or scatter (serial, in index order). Mode raise checks every
 * index before writing anything. */
NK_API int32_t nk_index(const nk_index_desc *d, nk_status *st);
/* The number of nonzero bytes of the bool operand op[0] (nin = 1, nout = 0). */
NK_API int32_t nk_mask_count(const nk_iter *it, int64_t *count, nk_status *st);
/* The C-order multi-indices of the nonzero elements of a bool array: out[d][k] for axis d, each of the count from
 * nk_mask_count (caller-allocated). Shape and strides as the array has them (C order matters here). */
NK_API int32_t nk_mask_nonzero(int32_t ndim, const int64_t *shape, const int64_t *strides, const char *data,
                               int64_t *const *out, nk_status *st);

#ifdef __cplusplus
}
#endif

#endif /* NUMERICS_KERNELS_H */
