using System.Runtime.CompilerServices;
using Numerics.Native.Interop;

namespace Numerics.Native;

/// <summary>
/// The entry points of native/src/copy in libnumerics_kernels (nk_copy, nk_index, nk_mask_count, nk_mask_nonzero),
/// taken from the library Interop loaded and initialised, so they share its thread budget. When the library cannot be
/// loaded, or NUMERICS_NATIVE_MANAGED_COPY=1, <see cref="NativeOps"/> runs its managed loops instead.
/// </summary>
internal static unsafe class NativeKernels
{
    private static int s_state; // 0 = not tried, 1 = native, 2 = managed
    private static delegate* unmanaged<nk_iter*, nk_status*, int> s_copy;
    private static delegate* unmanaged<NkIndexDesc*, nk_status*, int> s_index;
    private static delegate* unmanaged<nk_iter*, long*, nk_status*, int> s_maskCount;
    private static delegate* unmanaged<int, long*, long*, byte*, long**, nk_status*, int> s_maskNonzero;
    private static delegate* unmanaged<byte*> s_lastError;

    /// <summary>Whether the native kernels are in use (false: the managed fallback loops).</summary>
    internal static bool Available
    {
        get
        {
            int s = Volatile.Read(ref s_state);
            if (s == 0) s = Init();
            return s == 1;
        }
    }

    private static int Init()
    {
        int state = 2;
        try
        {
            if (Environment.GetEnvironmentVariable("NUMERICS_NATIVE_MANAGED_COPY") != "1")
            {
                NativeBackend.EnsureKernels();
                string lib = NativeBackend.KernelsLibrary;
                nint copy = NativeBackend.GetExport(lib, "nk_copy"), index = NativeBackend.GetExport(lib, "nk_index");
                nint count = NativeBackend.GetExport(lib, "nk_mask_count"), nz = NativeBackend.GetExport(lib, "nk_mask_nonzero");
                nint err = NativeBackend.GetExport(lib, "nk_last_error");
                if (copy != 0 && index != 0 && count != 0 && nz != 0 && err != 0)
                {
                    s_copy = (delegate* unmanaged<nk_iter*, nk_status*, int>)copy;
                    s_index = (delegate* unmanaged<NkIndexDesc*, nk_status*, int>)index;
                    s_maskCount = (delegate* unmanaged<nk_iter*, long*, nk_status*, int>)count;
                    s_maskNonzero = (delegate* unmanaged<int, long*, long*, byte*, long**, nk_status*, int>)nz;
                    s_lastError = (delegate* unmanaged<byte*>)err;
                    state = 1;
                }
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException or TypeInitializationException or IOException)
        {
            state = 2;   // no usable kernel library: the managed loops keep everything working
        }
        Interlocked.CompareExchange(ref s_state, state, 0);
        return Volatile.Read(ref s_state);
    }

    private static void Check(int code, in nk_status st, string fn)
    {
        if (code == 0) return;
        if (code == 1) throw Err.IndexOutOfBounds(st.arg[0], (int)st.arg[1], st.arg[2]);
        string text = new((sbyte*)s_lastError());
        throw new InvalidOperationException($"internal error in {fn}: {text}");
    }

    /// <summary>nk_copy over a simplified 2-operand space (operand 0 = destination, operand 1 = source, as <see cref="StridedIter"/>).</summary>
    [SkipLocalsInit]
    internal static int Copy(in StridedIter s, DTypeCode dst, DTypeCode src, int dstSize, int srcSize)
    {
        Unsafe.SkipInit(out nk_iter it);
        it.ndim = s.NDim;
        it.nin = 1;
        it.nout = 1;
        it.max_threads = 0;
        it.reserved = 0;
        bool contig = s.NDim == 1 && s.S0[0] == dstSize && s.S1[0] == srcSize;
        it.flags = contig ? (int)nk_iter_flags.NK_IT_CONTIG : 0;
        ref nk_operand input = ref it.op[0];
        ref nk_operand output = ref it.op[1];
        input.data = s.P1;
        input.dtype = (int)src;
        input.flags = (int)nk_op_flags.NK_OP_IN;
        output.data = s.P0;
        output.dtype = (int)dst;
        output.flags = (int)nk_op_flags.NK_OP_OUT;
        for (int d = 0; d < s.NDim; d++)
        {
            it.shape[d] = s.Shape[d];
            input.strides[d] = s.S1[d];
            output.strides[d] = s.S0[d];
        }
        nk_status st;
        int code = s_copy(&it, &st);
        Check(code, st, "nk_copy");
        return st.fpe;
    }

    internal static void Index(NkIndexDesc* desc)
    {
        nk_status st;
        int code = s_index(desc, &st);
        Check(code, st, "nk_index");
    }

    [SkipLocalsInit]
    internal static long MaskCount(in StridedIter s)
    {
        Unsafe.SkipInit(out nk_iter it);
        it.ndim = s.NDim;
        it.nin = 1;
        it.nout = 0;
        it.flags = 0;
        it.max_threads = 0;
        it.reserved = 0;
        ref nk_operand m = ref it.op[0];
        m.data = s.P0;
        m.dtype = (int)DTypeCode.Bool;
        m.flags = (int)nk_op_flags.NK_OP_IN;
        for (int d = 0; d < s.NDim; d++)
        {
            it.shape[d] = s.Shape[d];
            m.strides[d] = s.S0[d];
        }
        long count;
        nk_status st;
        int code = s_maskCount(&it, &count, &st);
        Check(code, st, "nk_mask_count");
        return count;
    }

    internal static void MaskNonzero(int ndim, long* shape, long* strides, byte* data, long** outs)
    {
        nk_status st;
        int code = s_maskNonzero(ndim, shape, strides, data, outs, &st);
        Check(code, st, "nk_mask_nonzero");
    }
}
