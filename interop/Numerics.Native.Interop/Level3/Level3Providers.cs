using Numerics.Native.Interop.Level3;

namespace Numerics.Native.Interop;

/// <summary>
/// Which library serves each level-3 routine in this process: OpenBLAS (the backend) or BLIS (Debian
/// <c>libblis4-pthread</c>, loaded beside it) with a sub-configuration chosen for this CPU. BLIS serves a routine
/// only after a self-check against OpenBLAS passed in this process, and, in <c>auto</c> mode, only from the problem
/// size where it was measured faster (a measured table, or a calibration cached per CPU model and library versions).
/// <c>NUMERICS_NATIVE_GEMM=auto|openblas|blis</c> overrides the choice; docs/level3.md has the details and numbers.
/// NumPy has no equivalent (it uses one BLAS); the closest is <c>numpy.show_config()</c>'s BLAS section.
/// </summary>
public static unsafe class Level3Providers
{
    /// <summary>The setting in force: <c>auto</c>, <c>openblas</c> or <c>blis</c>.</summary>
    /// <exception cref="NativeLibraryLoadException">The backend, the kernel library, or the setting is invalid.</exception>
    public static string Setting
    {
        get
        {
            Level3Runtime.EnsurePrepared();
            return Level3Runtime.Mode;
        }
    }

    /// <summary>The BLIS sub-configuration in use (e.g. <c>skx</c>, <c>zen3</c>), or empty when BLIS serves nothing.</summary>
    /// <exception cref="NativeLibraryLoadException">The backend, the kernel library, or the setting is invalid.</exception>
    public static string BlisSubconfiguration
    {
        get
        {
            Level3Runtime.State s = Level3Runtime.Active();
            return s.Routines.Any(r => r.Blis != 0) ? Level3Runtime.Subconfig : "";
        }
    }

    /// <summary>
    /// The provider (<c>openblas</c> or <c>blis</c>) that a call of <paramref name="routine"/> (<c>sgemm</c>,
    /// <c>dgemm</c>, <c>cgemm</c>, <c>zgemm</c>) with these sizes gets at the current thread count when no other
    /// caller holds the cores. (When others do, a call OpenBLAS would thread may go to BLIS on fewer threads.)
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="routine"/> is not one of the four names.</exception>
    /// <exception cref="NativeLibraryLoadException">The backend, the kernel library, or the setting is invalid.</exception>
    public static string ProviderFor(string routine, int m, int n, int k)
    {
        int t = Routine.Parse(routine);
        if (t < 0) throw new ArgumentException($"'{routine}' is not one of: {string.Join(", ", Routine.Names)}", nameof(routine));
        RoutinePlan r = Level3Runtime.Plan(t);
        return Level3Dispatch.UsesBlis(r, m, n, k, NativeBackend.NumThreads) ? "blis" : "openblas";
    }

    /// <summary>
    /// What <c>np.show_config()</c> prints under "Level 3": the setting, the CPU, the BLIS library and
    /// sub-configuration (and why), the self-check result, where the size split came from, and each routine's
    /// provider. Reading it initialises BLIS and runs the self-check if BLIS is in play and that has not happened yet.
    /// </summary>
    /// <exception cref="NativeLibraryLoadException">The backend, the kernel library, or the setting is invalid.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe() => Level3Runtime.Report();

    /// <summary>
    /// Called by the kernel-library bridge with the table it hands to nk_init: each gemm entry keeps OpenBLAS's own
    /// function when BLIS will never serve that routine here, else points at the dispatching function.
    /// </summary>
    internal static void InstallGemm(nk_blas_table* table, nint cblas)
    {
        bool[] dispatch = Level3Runtime.Prepare(s => System.Runtime.InteropServices.NativeLibrary.TryGetExport(cblas, s, out nint p) ? p : 0);
        if (dispatch[Routine.S]) table->cblas_sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)&Level3Dispatch.NativeSgemm;
        if (dispatch[Routine.D]) table->cblas_dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)&Level3Dispatch.NativeDgemm;
        if (dispatch[Routine.C]) table->cblas_cgemm = (delegate* unmanaged<int, int, int, int, int, int, void*, void*, int, void*, int, void*, void*, int, void>)&Level3Dispatch.NativeCgemm;
        if (dispatch[Routine.Z]) table->cblas_zgemm = (delegate* unmanaged<int, int, int, int, int, int, void*, void*, int, void*, int, void*, void*, int, void>)&Level3Dispatch.NativeZgemm;
    }

    /// <summary>np.config.num_threads changed: BLIS's own global count follows (calls pass their own count anyway).</summary>
    internal static void OnNumThreadsChanged(int n) => Level3Runtime.OnNumThreadsChanged(n);
}
