using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Numerics.Native.Interop.Level3;

/// <summary>
/// The per-call choice between OpenBLAS and BLIS, and the thread count a BLIS call runs on. Reached from managed
/// code (<see cref="Gemm"/>) and from the kernel library (the <c>nk_blas_table</c> gemm entries point at the
/// <c>[UnmanagedCallersOnly]</c> functions below whenever BLIS may serve a call).
/// </summary>
internal static unsafe class Level3Dispatch
{
    private const int RowMajor = 101, ColMajor = 102, NoTrans = 111, Trans = 112, ConjTrans = 113;

    /// <summary>BLIS trans_t: BLIS_TRANS_BIT (0x08) and BLIS_CONJ_BIT (0x10), bli_type_defs.h.</summary>
    private const int BlisTransBit = 0x08, BlisConjBit = 0x10;

    /// <summary>
    /// OpenBLAS runs gemm on one thread while m·n·k ≤ 65536 × GEMM_MULTITHREAD_THRESHOLD (4 in Debian's build,
    /// interface/gemm.c), i.e. 64³. Above it, it wakes its pool.
    /// </summary>
    internal const long OpenBlasSerialMax = 65536L * 4;

    /// <summary>
    /// Floating-point work per BLIS thread before another thread pays off. BLIS 0.9.0 creates and joins its threads
    /// on every call: measured here (Zen 3, 1 vs 2 threads, minimum of 15) a 2-thread dgemm costs ~33 µs more at
    /// n = 64 and first wins at n ≈ 256 (548 vs 779 µs), i.e. 2·256³ flops for 2 threads.
    /// </summary>
    internal const long FlopsPerBlisThread = 1L << 24;

    private static delegate* unmanaged[SuppressGCTransition]<int, int> s_acquire;
    private static delegate* unmanaged[SuppressGCTransition]<int, void> s_release;
    private static delegate* unmanaged[SuppressGCTransition]<int> s_threads;

    /// <summary>Takes the kernel library's budget functions (nk_threads_acquire/release, nk_get_num_threads).</summary>
    internal static void BindBudget(nint acquire, nint release, nint threads)
    {
        s_acquire = (delegate* unmanaged[SuppressGCTransition]<int, int>)acquire;
        s_release = (delegate* unmanaged[SuppressGCTransition]<int, void>)release;
        s_threads = (delegate* unmanaged[SuppressGCTransition]<int>)threads;
    }

    private static int Threads() => s_threads != null ? s_threads() : NativeBackend.NumThreads;

    private static int Acquire(int want) => want <= 1 ? 1 : s_acquire != null ? s_acquire(want) : want;

    private static void Release(int granted)
    {
        if (granted > 1 && s_release != null) s_release(granted);
    }

    // ---- entry points for the kernel library (nk_blas_table) ----

    [UnmanagedCallersOnly]
    internal static void NativeSgemm(int order, int ta, int tb, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc) =>
        Guarded(Routine.S, order, ta, tb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc);

    [UnmanagedCallersOnly]
    internal static void NativeDgemm(int order, int ta, int tb, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc) =>
        Guarded(Routine.D, order, ta, tb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc);

    [UnmanagedCallersOnly]
    internal static void NativeCgemm(int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc) =>
        Guarded(Routine.C, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    [UnmanagedCallersOnly]
    internal static void NativeZgemm(int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc) =>
        Guarded(Routine.Z, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>An exception must not unwind into C: the only managed work that can throw is the one-off activation,
    /// and if it does the call still gets its answer from OpenBLAS.</summary>
    private static void Guarded(int t, int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc)
    {
        try
        {
            Call(t, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
#pragma warning disable CA1031 // nothing may cross the native boundary; the failure is recorded for show_config
        catch (Exception e)
#pragma warning restore CA1031
        {
            Level3Runtime.RecordFailure(e);
            CallOpenBlas(t, Level3Runtime.OpenBlasEntry(t), order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    // ---- the dispatch ----

    /// <summary>One gemm call (CBLAS signature; alpha and beta by pointer for every type).</summary>
    internal static void Call(int t, int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc)
    {
        RoutinePlan r = Level3Runtime.Plan(t);
        if (r.Blis == 0)
        {
            CallOpenBlas(t, r.OpenBlas, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        int blisThreads = Route(r, order, ta, tb, m, n, k, lda, ldb, ldc, alpha, out int tokens);
        if (blisThreads > 0)
        {
            CallBlis(t, r.Blis, blisThreads, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        else
        {
            CallOpenBlas(t, r.OpenBlas, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        Release(tokens);
    }

    /// <summary>
    /// The BLIS thread count for this call (0 = OpenBLAS serves it) and the budget tokens taken (release them after
    /// the call). Degenerate and invalid calls always go to OpenBLAS, which gives them BLAS's exact semantics
    /// (quick return, C = beta·C, xerbla for bad arguments).
    /// </summary>
    private static int Route(RoutinePlan r, int order, int ta, int tb, int m, int n, int k, int lda, int ldb, int ldc, void* alpha, out int tokens)
    {
        tokens = 1;
        if (m <= 0 || n <= 0 || k <= 0 || IsZero(r.Routine, alpha) || !Valid(order, ta, tb, m, n, k, lda, ldb, ldc)) return 0;
        long work = (long)m * n * k;
        int threads = Threads();
        if (r.Always || (work >= r.BlisFrom && work < r.BlisBelow && (threads == 1 || work <= OpenBlasSerialMax || BlisWants(r, work, threads) > 1)))
        {
            tokens = Acquire(BlisWants(r, work, threads));
            return tokens;
        }
        if (threads > 1 && work > OpenBlasSerialMax)
        {
            // OpenBLAS is about to wake its pool. Take the cores from the process budget first; if another caller
            // holds them (a BLIS call, the kernels' OpenMP loop), run BLIS on what was granted instead, so that two
            // pools never spin at once and concurrent callers never multiply threads.
            tokens = Acquire(threads);
            if (tokens < threads) return tokens;
        }
        return 0;
    }

    /// <summary>How many threads a BLIS call of this size wants: enough work per thread to repay its creation.</summary>
    private static int BlisWants(RoutinePlan r, long work, int threads)
    {
        long flops = work * Routine.FlopsPerMnk[r.Routine];
        long want = flops / FlopsPerBlisThread;
        return (int)Math.Clamp(want, 1, Math.Max(threads, 1));
    }

    /// <summary>The one-thread-view choice, for tests and show_config (ignores the budget).</summary>
    internal static bool UsesBlis(RoutinePlan r, int m, int n, int k, int threads)
    {
        if (r.Blis == 0 || m <= 0 || n <= 0 || k <= 0) return false;
        long work = (long)m * n * k;
        return r.Always || (work >= r.BlisFrom && work < r.BlisBelow && (threads == 1 || work <= OpenBlasSerialMax || BlisWants(r, work, threads) > 1));
    }

    private static bool IsZero(int t, void* alpha) => t switch
    {
        Routine.S => *(float*)alpha == 0f,
        Routine.D => *(double*)alpha == 0d,
        Routine.C => ((float*)alpha)[0] == 0f && ((float*)alpha)[1] == 0f,
        _ => ((double*)alpha)[0] == 0d && ((double*)alpha)[1] == 0d,
    };

    /// <summary>The argument rules of reference CBLAS (cblas_dgemm.c / dgemm.f).</summary>
    private static bool Valid(int order, int ta, int tb, int m, int n, int k, int lda, int ldb, int ldc)
    {
        if (ta is not (NoTrans or Trans or ConjTrans) || tb is not (NoTrans or Trans or ConjTrans)) return false;
        bool nta = ta == NoTrans, ntb = tb == NoTrans;
        return order switch
        {
            ColMajor => lda >= Math.Max(1, nta ? m : k) && ldb >= Math.Max(1, ntb ? k : n) && ldc >= Math.Max(1, m),
            RowMajor => lda >= Math.Max(1, nta ? k : m) && ldb >= Math.Max(1, ntb ? n : k) && ldc >= Math.Max(1, n),
            _ => false,
        };
    }

    internal static void CallOpenBlas(int t, nint f, int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc)
    {
        switch (t)
        {
            case Routine.S:
                ((delegate* unmanaged<int, int, int, int, int, int, float, void*, int, void*, int, float, void*, int, void>)f)(
                    order, ta, tb, m, n, k, *(float*)alpha, a, lda, b, ldb, *(float*)beta, c, ldc);
                break;
            case Routine.D:
                ((delegate* unmanaged<int, int, int, int, int, int, double, void*, int, void*, int, double, void*, int, void>)f)(
                    order, ta, tb, m, n, k, *(double*)alpha, a, lda, b, ldb, *(double*)beta, c, ldc);
                break;
            default:
                ((delegate* unmanaged<int, int, int, int, int, int, void*, void*, int, void*, int, void*, void*, int, void>)f)(
                    order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
        }
    }

    /// <summary>
    /// BLIS's typed expert API (<c>bli_?gemm_ex</c>) with a per-call rntm_t: general strides describe row- or
    /// column-major storage directly, and the thread count is this call's alone.
    /// </summary>
    internal static void CallBlis(int t, nint f, int threads, int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc)
    {
        Fault fault = Level3Runtime.InjectedFault;
        if (fault.Routine == t && fault.Kind != FaultKind.None)
        {
            CallFaulty(fault.Kind, t, f, threads, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        CallBlisUnchecked(t, f, threads, order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static void CallBlisUnchecked(int t, nint f, int threads, int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc)
    {
        byte* rntm = stackalloc byte[BlisLibrary.RntmSize];
        Level3Runtime.RntmTemplate.CopyTo(new Span<byte>(rntm, BlisLibrary.RntmSize));
        *(long*)(rntm + 8) = threads;
        bool col = order == ColMajor;
        bool complex = Routine.IsComplex(t);
        ((delegate* unmanaged<int, int, long, long, long, void*, void*, long, long, void*, long, long, void*, void*, long, long, void*, void*, void>)f)(
            BlisTrans(ta, complex), BlisTrans(tb, complex), m, n, k,
            alpha, a, col ? 1 : lda, col ? lda : 1,
            b, col ? 1 : ldb, col ? ldb : 1,
            beta, c, col ? 1 : ldc, col ? ldc : 1,
            null, rntm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BlisTrans(int cblas, bool complex) => cblas switch
    {
        Trans => BlisTransBit,
        ConjTrans => complex ? BlisTransBit | BlisConjBit : BlisTransBit,
        _ => 0,
    };

    // ---- the self-check's test hook: a deliberately wrong "BLIS" ----

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CallFaulty(FaultKind kind, int t, nint f, int threads, int order, int ta, int tb, int m, int n, int k, void* alpha, void* a, int lda, void* b, int ldb, void* beta, void* c, int ldc)
    {
        byte* zero = stackalloc byte[16];
        byte* one = stackalloc byte[16];
        new Span<byte>(zero, 16).Clear();
        new Span<byte>(one, 16).Clear();
        switch (t)
        {
            case Routine.S or Routine.C: *(float*)one = 1f; break;
            default: *(double*)one = 1d; break;
        }
        bool betaZero = IsZero(t, beta);
        void* useBeta = kind switch
        {
            FaultKind.IgnoreBeta => zero,
            FaultKind.NanLeak when betaZero => one,
            _ => beta,
        };
        int useTa = ta;
        if (kind == FaultKind.Transpose && m == k) useTa = ta == NoTrans ? Trans : NoTrans;
        if (kind == FaultKind.Conjugate && ta == ConjTrans) useTa = Trans;
        CallBlisUnchecked(t, f, threads, order, useTa, tb, m, n, k, alpha, a, lda, b, ldb, useBeta, c, ldc);
        if (kind == FaultKind.OffByOne)
        {
            long idx = order == ColMajor ? (m - 1) + (long)(n - 1) * ldc : (long)(m - 1) * ldc + (n - 1);
            byte* p = (byte*)c + idx * Routine.ElementSize[t];
            if (t is Routine.S or Routine.C) *(float*)p += 1e-3f * (MathF.Abs(*(float*)p) + 1f);
            else *(double*)p += 1e-3 * (Math.Abs(*(double*)p) + 1d);
        }
    }
}

/// <summary>What the injected wrong kernel gets wrong.</summary>
internal enum FaultKind
{
    None,
    /// <summary>One element of C off by 0.1 %.</summary>
    OffByOne,
    /// <summary>beta treated as 0.</summary>
    IgnoreBeta,
    /// <summary>beta = 0 reads C (NaN already in C leaks, as BLAS forbids).</summary>
    NanLeak,
    /// <summary>op(A) transposed the wrong way (square op(A) only, so the call stays valid).</summary>
    Transpose,
    /// <summary>Conjugate-transpose of A done as a plain transpose.</summary>
    Conjugate,
}

/// <summary>The fault injected into one routine's BLIS calls (test hook NUMERICS_NATIVE_LEVEL3_FAULT).</summary>
internal readonly record struct Fault(int Routine, FaultKind Kind);
