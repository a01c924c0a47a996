using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Numerics.Native.Interop;

namespace Numerics.Native;

/// <summary>
/// The two native entry points of linear algebra, <c>nk_matmul</c> and <c>nk_linalg</c> (DESIGN §4.3): builds their
/// descriptors from <see cref="LaOperand"/>s (batch axes of extent 1 dropped and adjacent ones merged, as the
/// elementwise iterator does), holds the buffers for the call, and maps the status to NumPy's exceptions.
/// </summary>
internal static unsafe class LinalgNative
{
    private const int MaxOps = NumericsKernels.NK_LA_MAXOPS;

    /// <summary>c = a @ b per batch item (a m x k, b k x n, c m x n, all of <paramref name="dtype"/>); with
    /// <paramref name="multiply"/> (k = 1) c = a * b elementwise over the m x n core.</summary>
    [SkipLocalsInit]
    internal static void Matmul(DTypeCode dtype, bool conjA, bool multiply, long m, long n, long k, long[]? batchShape,
        in LaOperand a, in LaOperand b, in LaOperand c, string? fpeName = null)
    {
        Unsafe.SkipInit(out nk_matmul_desc d);
        d.dtype = (int)dtype;
        d.flags = (conjA ? (int)nk_matmul_flags.NK_MM_CONJ_A : 0) | (multiply ? (int)nk_matmul_flags.NK_MM_MULTIPLY : 0);
        d.max_threads = 0;
        d.m = m;
        d.n = n;
        d.k = k;
        Span<long> shape = stackalloc long[NumericsKernels.NK_MAXDIMS];
        Span<long> strides = stackalloc long[3 * NumericsKernels.NK_MAXDIMS];
        int nb = SimplifyBatch(batchShape, [a.BatchStrides, b.BatchStrides, c.BatchStrides], shape, strides, 3);
        if (nb < 0) return; // an empty batch
        d.batch_ndim = nb;
        for (int i = 0; i < nb; i++)
        {
            d.batch_shape[i] = shape[i];
            d.a.bstrides[i] = strides[i];
            d.b.bstrides[i] = strides[NumericsKernels.NK_MAXDIMS + i];
            d.c.bstrides[i] = strides[2 * NumericsKernels.NK_MAXDIMS + i];
        }
        Fill(ref d.a, a, dtype);
        Fill(ref d.b, b, dtype);
        Fill(ref d.c, c, dtype);
        bool ea = Enter(a), eb = Enter(b), ec = Enter(c);
        nk_status st;
        int code;
        try
        {
            code = NumericsKernels.nk_matmul(&d, &st);
        }
        finally
        {
            Exit(c, ec);
            Exit(b, eb);
            Exit(a, ea);
        }
        if (code != 0) throw Failure(code, st, "nk_matmul");
        if (fpeName is not null && st.fpe != 0) ReportFpe(st.fpe, fpeName);
    }

    /// <summary>
    /// One <c>nk_linalg</c> call; returns the routine's success value (<c>st.arg[0]</c>: eig's "any complex"
    /// flag, lstsq's rank). Failures become NumPy's <see cref="LinAlgError"/> texts.
    /// </summary>
    internal static long Linalg(nk_la_routine routine, DTypeCode dtype, nk_la_flags flags, long m, long n, long k, double p0,
        long[]? batchShape, ReadOnlySpan<LaOperand> ops, string? fpeName = null)
    {
        long result = Linalg(routine, dtype, flags, m, n, k, p0, batchShape, ops, out int fpe);
        if (fpeName is not null && fpe != 0) ReportFpe(fpe, fpeName);
        return result;
    }

    /// <summary>As the other overload; <paramref name="fpe"/> gets <c>st.fpe</c> (nk_fpe bits, or cross's step
    /// flags) for the caller to report.</summary>
    [SkipLocalsInit]
    internal static long Linalg(nk_la_routine routine, DTypeCode dtype, nk_la_flags flags, long m, long n, long k, double p0,
        long[]? batchShape, ReadOnlySpan<LaOperand> ops, out int fpe)
    {
        fpe = 0;
        if (ops.Length > MaxOps) throw new InvalidOperationException("internal error: too many nk_linalg operands");
        Unsafe.SkipInit(out nk_linalg_desc d);
        d.routine = (int)routine;
        d.dtype = (int)dtype;
        d.flags = (int)flags;
        d.max_threads = 0;
        d.nops = ops.Length;
        d.m = m;
        d.n = n;
        d.k = k;
        d.param[0] = p0;
        d.param[1] = 0;
        Span<long> shape = stackalloc long[NumericsKernels.NK_MAXDIMS];
        Span<long> strides = stackalloc long[MaxOps * NumericsKernels.NK_MAXDIMS];
        var all = new long[]?[ops.Length];
        for (int i = 0; i < ops.Length; i++) all[i] = ops[i].BatchStrides;
        int nb = SimplifyBatch(batchShape, all, shape, strides, ops.Length);
        if (nb < 0) return 0;
        d.batch_ndim = nb;
        for (int i = 0; i < nb; i++) d.batch_shape[i] = shape[i];
        for (int o = 0; o < ops.Length; o++)
        {
            ref nk_mat mat = ref d.op[o];
            if (!ops[o].IsPresent)
            {
                mat.data = null;
                mat.rs = mat.cs = 0;
                mat.dtype = (int)dtype;
                mat.flags = 0;
                continue;
            }
            Fill(ref mat, ops[o], ops[o].Array!.Dtype.Code);
            for (int i = 0; i < nb; i++) mat.bstrides[i] = strides[o * NumericsKernels.NK_MAXDIMS + i];
        }
        Span<bool> entered = stackalloc bool[MaxOps];
        for (int o = 0; o < ops.Length; o++) entered[o] = Enter(ops[o]);
        nk_status st;
        int code;
        try
        {
            code = NumericsKernels.nk_linalg(&d, &st);
        }
        finally
        {
            for (int o = ops.Length - 1; o >= 0; o--) Exit(ops[o], entered[o]);
        }
        if (code != 0) throw Failure(code, st, "nk_linalg");
        fpe = st.fpe;
        return st.arg[0];
    }

    /// <summary>NumPy's floating-point warnings of a gufunc, in its order (divide, overflow, invalid); underflow is
    /// ignored by NumPy's default errstate.</summary>
    private static void ReportFpe(int fpe, string name)
    {
        if ((fpe & (int)nk_fpe.NK_FPE_DIVIDEBYZERO) != 0) FpeSink.Report($"divide by zero encountered in {name}");
        if ((fpe & (int)nk_fpe.NK_FPE_OVERFLOW) != 0) FpeSink.Report($"overflow encountered in {name}");
        if ((fpe & (int)nk_fpe.NK_FPE_INVALID) != 0) FpeSink.Report($"invalid value encountered in {name}");
    }

    private static void Fill(ref nk_mat mat, in LaOperand op, DTypeCode dtype)
    {
        var arr = op.Array!;
        if (arr.Buf is null) throw new InvalidOperationException("internal error: a weak scalar reached nk_linalg");
        mat.data = arr.Buf.Pointer + arr.Offset + op.ByteOffset;
        mat.rs = op.Rs;
        mat.cs = op.Cs;
        mat.dtype = (int)dtype;
        mat.flags = 0;
    }

    private static bool Enter(in LaOperand op) => op.Array?.Buf?.EnterCall() ?? false;

    private static void Exit(in LaOperand op, bool entered) => op.Array?.Buf?.ExitCall(entered);

    /// <summary>
    /// Drops batch axes of extent 1 and merges adjacent axes every operand walks contiguously. Returns the number of
    /// axes left (shape in <paramref name="shape"/>, operand o's strides at o * NK_MAXDIMS), or -1 for an empty batch.
    /// </summary>
    private static int SimplifyBatch(long[]? batchShape, ReadOnlySpan<long[]?> opStrides, Span<long> shape,
        Span<long> strides, int nops)
    {
        const int Max = NumericsKernels.NK_MAXDIMS;
        if (batchShape is null || batchShape.Length == 0) return 0;
        int n = 0;
        for (int i = 0; i < batchShape.Length; i++)
        {
            long e = batchShape[i];
            if (e == 0) return -1;
            if (e == 1) continue;
            if (n > 0)
            {
                bool merge = true;
                for (int o = 0; o < nops && merge; o++)
                {
                    long prev = strides[o * Max + n - 1], cur = StrideOf(opStrides[o], i);
                    merge = prev == cur * e;
                }
                if (merge)
                {
                    shape[n - 1] *= e;
                    for (int o = 0; o < nops; o++) strides[o * Max + n - 1] = StrideOf(opStrides[o], i);
                    continue;
                }
            }
            if (n == Max)
            {
                throw new ValueError($"too many batch dimensions for a linear-algebra call (at most {Max} after merging)");
            }
            shape[n] = e;
            for (int o = 0; o < nops; o++) strides[o * Max + n] = StrideOf(opStrides[o], i);
            n++;
        }
        return n;
    }

    private static long StrideOf(long[]? s, int i) => s is null ? 0 : s[i];

    private static Exception Failure(int code, in nk_status st, string entry)
    {
        switch (code)
        {
            case (int)nk_code.NK_E_LINALG:
                return new LinAlgError(LinalgText.Reason(st.arg[0]));
            case (int)nk_code.NK_E_NOMEM:
                return new MemoryError($"Unable to allocate the workspace of {entry}");
            default:
                nint s = (nint)NumericsKernels.nk_last_error();
                string text = s == 0 ? "" : Marshal.PtrToStringUTF8(s) ?? "";
                return new InvalidOperationException($"internal error in {entry}: {text}");
        }
    }
}
