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
    /* Linear algebra (native/src/linalg): more CBLAS, and the column-major LAPACKE_?xxx_work drivers, taken from
     * the LAPACKE handle so that LAPACKE reaches the backend's LAPACK (DESIGN.md §6.2). */
    void *cblas_sgemv;
    void *cblas_cgemv;
    void *cblas_zgemv;
    void *cblas_sdot;
    void *cblas_ddot;
    void *cblas_cdotc_sub;
    void *cblas_zdotc_sub;
    void *cblas_cdotu_sub;
    void *cblas_zdotu_sub;
    void *lapacke_sgesv_work;
    void *lapacke_dgesv_work;
    void *lapacke_cgesv_work;
    void *lapacke_zgesv_work;
    void *lapacke_sgetrf_work;
    void *lapacke_dgetrf_work;
    void *lapacke_cgetrf_work;
    void *lapacke_zgetrf_work;
    void *lapacke_spotrf_work;
    void *lapacke_dpotrf_work;
    void *lapacke_cpotrf_work;
    void *lapacke_zpotrf_work;
    void *lapacke_ssyevd_work;
    void *lapacke_dsyevd_work;
    void *lapacke_cheevd_work;
    void *lapacke_zheevd_work;
    void *lapacke_sgeev_work;
    void *lapacke_dgeev_work;
    void *lapacke_cgeev_work;
    void *lapacke_zgeev_work;
    void *lapacke_sgesdd_work;
    void *lapacke_dgesdd_work;
    void *lapacke_cgesdd_work;
    void *lapacke_zgesdd_work;
    void *lapacke_sgeqrf_work;
    void *lapacke_dgeqrf_work;
    void *lapacke_cgeqrf_work;
    void *lapacke_zgeqrf_work;
    void *lapacke_sorgqr_work;
    void *lapacke_dorgqr_work;
    void *lapacke_cungqr_work;
    void *lapacke_zungqr_work;
    void *lapacke_sgelsd_work;
    void *lapacke_dgelsd_work;
    void *lapacke_cgelsd_work;
    void *lapacke_zgelsd_work;
    /* The pieces of the look-ahead LU (native/src/linalg/nk_la_lu.c); NULL leaves getrf/gesv to the backend. */
    void *cblas_strsm;
    void *lapacke_sgetrs_work;
    void *lapacke_dgetrs_work;
    void *lapacke_slaswp_work;
    void *lapacke_dlaswp_work;
    /* The pieces of the look-ahead QR (native/src/linalg/nk_la_qr.c); NULL leaves geqrf/orgqr to the backend. */
    void *lapacke_sgeqr2_work;
    void *lapacke_dgeqr2_work;
    void *lapacke_slarft_work;
    void *lapacke_dlarft_work;
    void *lapacke_slarfb_work;
    void *lapacke_dlarfb_work;
    /* The backend LAPACK's own iparmq_ (Fortran), to which native/src/linalg/nk_la_iparmq.c forwards; may be NULL. */
    void *iparmq;
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
/* The backend thread gate (native/src/core/nk_blas_gate.c): a BLAS/LAPACK call costing `work` multiply-adds sits
 * between nk_blas_enter(work) and nk_blas_leave(token). Below NK_BLAS_SOLO_MAX_WORK the backend runs on the calling
 * thread alone, concurrently with other such calls; above it the call runs alone with every thread. Returns the
 * token for nk_blas_leave; may block (sleeping) while a large call runs. */
NK_API int32_t nk_blas_enter(double work);
/* Below this order a general eigenproblem (geev) enters the gate as single-threaded work whatever its n³: most of
 * dgeev's time is the Hessenberg QR sweep, level-2 bound, and OpenBLAS 0.3.21's dgeev gains nothing from a second
 * thread at small orders (medians of 9, Zen 5: n = 200 12.7 ms on 1 thread, 12.9 on 2; n = 300 31.5 vs 30.0;
 * n = 400 56.5 vs 52.9; n = 600 183 vs 161. Zen 3, best of 8: n = 300 50.8 vs 50.7; n = 800 717 vs 626). */
#define NK_BLAS_GEEV_SERIAL_MAX_ORDER 256
NK_API void nk_blas_leave(int32_t token);
/* For the calling thread's next LAPACK calls: on != 0 asks ?hseqr (inside ?geev) for two thirds of LAPACK's shift
 * count at orders 150–589, 7–10% faster here but converging in another order (native/src/linalg/nk_la_iparmq.c);
 * 0 restores LAPACK's choice. Returns the previous setting. */
NK_API int32_t nk_hqr_fewer_shifts(int32_t on);
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

/* ---- linear algebra (native/src/linalg; DESIGN.md §4.3) ---- */

/* One matrix operand of a batched call: its core matrix at batch item 0 (element (0, 0) at data, row stride rs,
 * column stride cs) and one stride per batch axis, 0 where the operand broadcasts. Strides are in bytes and may be
 * negative. A 1 x n "matrix" is a vector (only cs is used), a 1 x 1 one a scalar per batch item. */
typedef struct nk_mat {
    char *data;                    /* NULL: an optional operand that is absent */
    int64_t rs;
    int64_t cs;
    int64_t bstrides[NK_MAXDIMS];
    int32_t dtype;                 /* nk_dtype; each routine says which it accepts */
    int32_t flags;                 /* reserved, 0 */
} nk_mat;

typedef enum nk_matmul_flags {
    NK_MM_CONJ_A = 1,              /* use conj(a): vdot, vecdot (m = n = 1) */
    NK_MM_MULTIPLY = 2             /* k = 1: c = a * b elementwise over the m x n core, a and b addressed as m x n
                                    * with their own strides (0 where they broadcast); NumPy multiply's rounding
                                    * and signed zeros (outer, kron, multiply) */
} nk_matmul_flags;

/* c = a @ b for every batch item: a is m x k, b is k x n, c is m x n, all of dtype. c must not overlap a or b.
 * float32/64 and complex64/128 go to CBLAS (gemm, gemv, dot) with transpose flags and leading dimensions when the
 * layout allows, through packed copies otherwise, and to a direct kernel for tiny products; bool, the integers and
 * float16 use NumPy's own loops (no BLAS; integers wrap). */
typedef struct nk_matmul_desc {
    int32_t dtype;
    int32_t flags;                 /* nk_matmul_flags */
    int32_t max_threads;           /* 0 = process setting, 1 = serial, n = at most n */
    int32_t batch_ndim;            /* 0..NK_MAXDIMS */
    int64_t m;
    int64_t n;
    int64_t k;
    int64_t batch_shape[NK_MAXDIMS];
    nk_mat a;
    nk_mat b;
    nk_mat c;
} nk_matmul_desc;

/* nk_linalg routines. Operands (op[i]) and core sizes (m, n, k) per routine; "R" is the real dtype of the compute
 * dtype, "[opt]" an operand whose data may be NULL.
 *   SOLVE     A n x n, B n x k, X n x k                        m = n = order, k = right-hand sides
 *   INV       A n x n, Ainv n x n
 *   DET       A n x n, det 1 x 1
 *   SLOGDET   A n x n, sign 1 x 1, logabsdet 1 x 1 (R)
 *   CHOLESKY  A n x n, L n x n                                 NK_LA_UPPER: U with A = U^H U
 *   EIGH      A n x n, w 1 x n (R), V n x n [opt]              NK_LA_UPPER: read the upper triangle
 *   EIG       A n x n, w 1 x n (complex), V n x n (complex) [opt]; on success st->arg[0] = 1 if any eigenvalue
 *             has a nonzero imaginary part (real input)       NK_LA_CHECK_FINITE: refuse NaN/inf first
 *   SVD       A m x n, U m x (m or k) [opt], s 1 x k (R), Vh (n or k) x n [opt], k = min(m, n)
 *             NK_LA_FULL: full U and Vh; NK_LA_HERMITIAN: through eigh (square A)
 *   QR        A m x n, Q m x k [opt], R k x n [opt], H m x n [opt] (the factored A, as geqrf leaves it),
 *             tau 1 x min(m, n) [opt]                          k = columns of Q = rows of R
 *   LSTSQ     A m x n, B m x k, X n x k, residuals 1 x k (R), s 1 x min(m, n) (R); param[0] = rcond;
 *             on success st->arg[0] = rank of the last item; residuals are NaN unless m > n and rank == n
 *   PINV      A m x n, P n x m, rcond 1 x 1 (float64)          NK_LA_HERMITIAN
 *   RANK      A m x n, rank 1 x 1 (int64), tol 1 x 1 (float64) [opt]; without tol, tol = smax * param[0];
 *             NK_LA_RTOL: op 2 is rtol (tol = smax * rtol)     NK_LA_HERMITIAN
 *   NORM      A m x n, out 1 x 1 (R); k = nk_la_norm kind; param[0] = p (vector) or the matrix ord; st->fpe gets
 *             which of NumPy's calls overflowed into an infinite norm: 1 elementwise, 2 the sum, 4 the final power,
 *             8 an invalid value in the elementwise complex multiply
 *   COND      A m x n, out 1 x 1 (R); k = nk_la_norm kind, param[0] = p; NaN results become inf unless A has NaN
 *   TRACE     d 1 x n, out 1 x 1 (same dtype: int64, uint64, float32/64, complex64/128); NumPy's pairwise sum
 *   CROSS     a 1 x m, b 1 x n, out 1 x (3, or 1 when m = n = 2); m, n in {2, 3}; any numeric dtype; st->fpe gets,
 *             for the float types, 2 bits per ufunc call of NumPy's cross (overflow, invalid), in its order
 * Errors: NK_E_LINALG with arg[0] = nk_la_reason, arg[1] = batch item (lowest failing one), arg[2] = LAPACK info.
 * NK_LA_NO_RAISE: INV fills a failing item with NaN instead (cond). */
typedef enum nk_la_routine {
    NK_LA_SOLVE = 1,
    NK_LA_INV = 2,
    NK_LA_DET = 3,
    NK_LA_SLOGDET = 4,
    NK_LA_CHOLESKY = 5,
    NK_LA_EIGH = 6,
    NK_LA_EIG = 7,
    NK_LA_SVD = 8,
    NK_LA_QR = 9,
    NK_LA_LSTSQ = 10,
    NK_LA_PINV = 11,
    NK_LA_RANK = 12,
    NK_LA_NORM = 13,
    NK_LA_COND = 14,
    NK_LA_TRACE = 15,
    NK_LA_CROSS = 16
} nk_la_routine;

typedef enum nk_la_flags {
    NK_LA_UPPER = 1,
    NK_LA_FULL = 2,
    NK_LA_HERMITIAN = 4,
    NK_LA_NO_RAISE = 8,
    NK_LA_CHECK_FINITE = 16,
    NK_LA_RTOL = 32
} nk_la_flags;

typedef enum nk_la_norm {
    NK_LA_NORM_VECTOR = 0, /* over the n entries of a 1 x n operand; p = param[0] (inf, -inf, 0, 1, 2, any) */
    NK_LA_NORM_FRO = 1,
    NK_LA_NORM_NUC = 2,
    NK_LA_NORM_MATRIX = 3  /* param[0] in 1, -1, 2, -2, inf, -inf */
} nk_la_norm;

typedef enum nk_la_reason {
    NK_LA_SINGULAR = 1,           /* "Singular matrix" */
    NK_LA_NOT_POSDEF = 2,         /* "Matrix is not positive definite" */
    NK_LA_EIG_NOCONV = 3,         /* "Eigenvalues did not converge" */
    NK_LA_SVD_NOCONV = 4,         /* "SVD did not converge" */
    NK_LA_LSTSQ_NOCONV = 5,       /* "SVD did not converge in Linear Least Squares" */
    NK_LA_NONFINITE = 6,          /* "Array must not contain infs or NaNs" */
    NK_LA_QR_FAILED = 7           /* "Incorrect argument found while performing QR factorization" */
} nk_la_reason;

#define NK_LA_MAXOPS 6

typedef struct nk_linalg_desc {
    int32_t routine;               /* nk_la_routine */
    int32_t dtype;                 /* the compute dtype (float32/64, complex64/128; TRACE and CROSS: see above) */
    int32_t flags;                 /* nk_la_flags */
    int32_t max_threads;           /* 0 = process setting, 1 = serial, n = at most n */
    int32_t batch_ndim;            /* 0..NK_MAXDIMS */
    int32_t nops;                  /* operands the routine takes */
    int64_t m;
    int64_t n;
    int64_t k;
    double param[2];
    int64_t batch_shape[NK_MAXDIMS];
    nk_mat op[NK_LA_MAXOPS];
} nk_linalg_desc;

NK_API int32_t nk_matmul(const nk_matmul_desc *d, nk_status *st);
/* One call for one matrix or a stack: copies each item into a Fortran-order workspace, queries LAPACK's workspace
 * once per thread, runs an OpenMP loop over the batch for many small problems (order <= NK_LA_BATCH_MAX_N) and a
 * serial loop, with the backend's threads inside each problem, for large ones. */
NK_API int32_t nk_linalg(const nk_linalg_desc *d, nk_status *st);

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
