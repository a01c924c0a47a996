using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Numerics.Native.Interop.Loading;

namespace Numerics.Native.Interop;

/// <summary>
/// The one resolver behind every <c>[LibraryImport]</c> of this assembly. It maps the logical names
/// <see cref="CblasLibrary"/>, <see cref="LapackeLibrary"/> and <see cref="KernelsLibrary"/> to the backend chosen by
/// <c>NUMERICS_NATIVE_BLAS</c> (<c>openblas</c> by default, else the reference BLAS/LAPACK), fixed for the life of
/// the process. NumPy equivalent: the BLAS/LAPACK that <c>numpy.show_config()</c> reports.
/// </summary>
public static class NativeBackend
{
    /// <summary>Logical library name of the CBLAS bindings.</summary>
    public const string CblasLibrary = "numerics_cblas";
    /// <summary>Logical library name of the LAPACKE bindings.</summary>
    public const string LapackeLibrary = "numerics_lapacke";
    /// <summary>Logical library name of the kernel library (libnumerics_kernels.so).</summary>
    public const string KernelsLibrary = "numerics_kernels";

    /// <summary>The kernel library ABI this assembly was built against (NK_ABI_VERSION).</summary>
    internal const int KernelsAbiVersion = 1;

    private static readonly Lock Gate = new();
    private static readonly StringBuilder Trace = new();
    private static volatile bool _backendLoaded;
    private static volatile bool _kernelsLoaded;
    private static nint _cblas, _lapacke, _kernels;
    private static int _numThreads;

    /// <summary>
    /// Optional host hook, consulted first: given a logical library name (<see cref="CblasLibrary"/>,
    /// <see cref="LapackeLibrary"/>, <see cref="KernelsLibrary"/>) return a handle from
    /// <see cref="NativeLibrary.Load(string)"/>, or 0 to let the resolver decide. Set it before the first native call.
    /// </summary>
    public static Func<string, nint>? ResolveLibrary { get; set; }

    /// <summary>The backend's name: <c>openblas</c>, <c>reference</c>, <c>blis</c>, <c>mkl</c>, a path, or <c>host</c>.</summary>
    public static string Name { get { EnsureLoaded(); return _name; } }
    private static string _name = "";

    /// <summary>The backend's version string (OpenBLAS: <c>openblas_get_config()</c>).</summary>
    public static string Version { get { EnsureLoaded(); return _version; } }
    private static string _version = "";

    /// <summary>The file that serves CBLAS.</summary>
    public static string BlasPath { get { EnsureLoaded(); return _blasPath; } }
    private static string _blasPath = "";

    /// <summary>The file that serves LAPACKE.</summary>
    public static string LapackePath { get { EnsureLoaded(); return _lapackePath; } }
    private static string _lapackePath = "";

    /// <summary>The file that serves LAPACK itself (<c>dgesv_</c> as LAPACKE's relocations see it, via dladdr).</summary>
    public static string LapackPath { get { EnsureLoaded(); return _lapackPath; } }
    private static string _lapackPath = "";

    /// <summary>The backend's threading layer: <c>pthreads</c>, <c>openmp</c> or <c>serial</c>.</summary>
    public static string ThreadingLayer { get { EnsureLoaded(); return _threading; } }
    private static string _threading = "";

    /// <summary>OpenBLAS's core type (<c>openblas_get_corename()</c>); empty for other backends.</summary>
    public static string CoreType { get { EnsureLoaded(); return _coreType; } }
    private static string _coreType = "";

    /// <summary>Every load attempt so far and its outcome.</summary>
    public static string LoadTrace { get { lock (Gate) return Trace.ToString(); } }

    /// <summary>The kernel library's file.</summary>
    public static string KernelsPath { get { EnsureKernels(); return _kernelsPath; } }
    private static string _kernelsPath = "";

    /// <summary>
    /// Threads for the backend and the kernels together, process-wide. The default is <c>OMP_NUM_THREADS</c>,
    /// else the number of cores. NumPy equivalent: <c>threadpoolctl.threadpool_limits</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int NumThreads
    {
        get => Volatile.Read(ref _numThreads) is var n and > 0 ? n : EnvironmentSetup.DefaultThreads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (Gate)
            {
                _numThreads = value;
                if (_backendLoaded) ApplyBackendThreads(value);
                if (_kernelsLoaded) KernelsBridge.SetThreads(value);
                Level3Providers.OnNumThreadsChanged(value);
            }
        }
    }

    /// <summary>The kernel library's SIMD dispatch level: <c>AVX512</c>, <c>AVX2</c> or <c>baseline</c>.</summary>
    public static string SimdLevel
    {
        get
        {
            EnsureKernels();
            return KernelsBridge.SimdLevel() switch { 2 => "AVX512", 1 => "AVX2", 0 => "baseline", var x => $"unknown ({x})" };
        }
    }

    /// <summary>SLEEF's version as the kernel library reports it (major*10000 + minor*100 + patch).</summary>
    public static int SleefVersion { get { EnsureKernels(); return KernelsBridge.SleefVersion(); } }

    /// <summary>The kernel library's ABI version (checked at load against this assembly's).</summary>
    public static int KernelsAbi { get { EnsureKernels(); return KernelsAbiVersion; } }

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before any [LibraryImport] of this assembly runs, and the C environment must be set before libgomp/OpenBLAS load.")]
    internal static void Initialize()
    {
        EnvironmentSetup.Apply();
        NativeLibrary.SetDllImportResolver(typeof(NativeBackend).Assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        switch (name)
        {
            case CblasLibrary: EnsureLoaded(); return _cblas;
            case LapackeLibrary: EnsureLoaded(); return _lapacke;
            case KernelsLibrary:
                // nk_init runs through this resolver while the kernels are half-initialised: hand out the handle.
                if (_kernels != 0) return _kernels;
                EnsureKernels();
                return _kernels;
            default: return 0;
        }
    }

    /// <summary>Loads the BLAS/LAPACK backend now (it is otherwise loaded on the first call).</summary>
    /// <exception cref="NativeLibraryLoadException">No backend could be loaded; the message lists every attempt.</exception>
    public static void EnsureLoaded()
    {
        if (_backendLoaded) return;
        lock (Gate)
        {
            if (_backendLoaded) return;
            LoadBackend();
            _backendLoaded = true;
            ApplyBackendThreads(NumThreads);
        }
    }

    /// <summary>Loads the kernel library (and the backend it is given function pointers of).</summary>
    /// <exception cref="NativeLibraryLoadException">The kernel library is missing or stale.</exception>
    public static void EnsureKernels()
    {
        if (_kernelsLoaded) return;
        EnsureLoaded();
        lock (Gate)
        {
            if (_kernelsLoaded) return;
            _kernels = LoadKernels(out _kernelsPath);
            KernelsBridge.Initialize(_kernels, _cblas, _threading, NumThreads);
            _kernelsLoaded = true;
        }
    }

    /// <summary>The address of <paramref name="symbol"/> in the library behind a logical name, or 0 if absent.</summary>
    public static nint GetExport(string library, string symbol)
    {
        nint handle = Resolve(library, typeof(NativeBackend).Assembly, null);
        return handle != 0 && NativeLibrary.TryGetExport(handle, symbol, out nint address) ? address : 0;
    }

    private static void LoadBackend()
    {
        nint hostCblas = ResolveLibrary?.Invoke(CblasLibrary) ?? 0;
        nint hostLapacke = ResolveLibrary?.Invoke(LapackeLibrary) ?? 0;
        if (hostCblas != 0 && hostLapacke != 0)
        {
            Trace.AppendLine("host: ResolveLibrary supplied CBLAS and LAPACKE handles");
            Accept("host", hostCblas, hostLapacke, "(host handle)", "(host handle)");
            return;
        }

        // A failed load is retried on the next call (IsAvailable, then Use, …): the trace tells of this attempt only.
        Trace.Clear();
        PreloadErrorHandlers();
        string? setting = Libc.GetEnv("NUMERICS_NATIVE_BLAS");
        IReadOnlyList<BackendPlan> plans = BackendPlan.For(setting);
        if (plans.Count == 0)
        {
            Trace.AppendLine($"NUMERICS_NATIVE_BLAS={setting}: not a backend name, file or folder");
        }
        foreach (BackendPlan plan in plans)
        {
            if (TryLoad(plan, out nint cblas, out nint lapacke))
            {
                Accept(plan.Name, cblas, lapacke, plan.Cblas, plan.Lapacke);
                return;
            }
        }
        throw new NativeLibraryLoadException(
            "Numerics.Native could not load a BLAS/LAPACK backend" +
            (string.IsNullOrEmpty(setting) ? "" : $" for NUMERICS_NATIVE_BLAS={setting}") + ".\n" +
            "Tried:\n" + Trace +
            "To fix: run build/setup.sh, or install the Debian packages libopenblas0-pthread liblapacke libblas3 liblapack3 " +
            $"(apt-get install), or set NUMERICS_NATIVE_BLAS to one of: {BackendPlan.Accepted}.");
    }

    private static bool TryLoad(BackendPlan plan, out nint cblas, out nint lapacke)
    {
        cblas = lapacke = 0;
        string prefix = $"{plan.Name}" + (plan.Note is null ? "" : $" ({plan.Note})");
        foreach (string file in plan.Preload)
        {
            if (!TryLoadFile(prefix, file, out _)) return false;
        }
        if (!TryLoadFile(prefix, plan.Cblas, out cblas)) return false;
        if (!NativeLibrary.TryGetExport(cblas, "cblas_dgemm", out _))
        {
            Trace.AppendLine($"  {prefix}: {plan.Cblas} does not export cblas_dgemm");
            return false;
        }
        if (!TryLoadFile(prefix, plan.Lapacke, out lapacke)) return false;
        if (!NativeLibrary.TryGetExport(lapacke, "LAPACKE_dgesv", out _))
        {
            Trace.AppendLine($"  {prefix}: {plan.Lapacke} does not export LAPACKE_dgesv");
            return false;
        }
        Trace.AppendLine($"  {prefix}: loaded");
        return true;
    }

    private static bool TryLoadFile(string prefix, string file, out nint handle)
    {
        try
        {
            handle = NativeLibrary.Load(file);
            return true;
        }
        catch (DllNotFoundException e)
        {
            string reason = LoaderReason(e.Message); // dlerror's text starts with the file it could not open
            Trace.AppendLine(reason.StartsWith(file, StringComparison.Ordinal) ? $"  {prefix}: {reason}" : $"  {prefix}: {file}: {reason}");
            handle = 0;
            return false;
        }
    }

    /// <summary>The loader's own words (dlerror: "cannot open shared object file: No such file or directory"),
    /// which .NET puts after its first line of general advice; that first line where nothing follows it.</summary>
    private static string LoaderReason(string message)
    {
        string[] lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length switch
        {
            0 => message,
            1 => lines[0],
            _ => string.Join("; ", lines[1..]),
        };
    }

    private static void Accept(string name, nint cblas, nint lapacke, string cblasFile, string lapackeFile)
    {
        _cblas = cblas;
        _lapacke = lapacke;
        _name = name;
        _blasPath = Libc.FileOf(ExportOrZero(cblas, "cblas_dgemm")) ?? cblasFile;
        _lapackePath = Libc.FileOf(ExportOrZero(lapacke, "LAPACKE_dgesv")) ?? lapackeFile;
        // dlsym on LAPACKE's handle searches LAPACKE's own dependency scope: the library its calls really reach.
        _lapackPath = Libc.FileOf(Libc.dlsym(lapacke, "dgesv_")) ?? "";
        (_version, _threading, _coreType) = BackendFacts.Read(name, cblas, _blasPath);
    }

    private static nint ExportOrZero(nint handle, string symbol) =>
        NativeLibrary.TryGetExport(handle, symbol, out nint p) ? p : 0;

    private static unsafe void ApplyBackendThreads(int n)
    {
        if (_cblas != 0 && NativeLibrary.TryGetExport(_cblas, "openblas_set_num_threads", out nint set))
        {
            ((delegate* unmanaged<int, void>)set)(n);
        }
        else if (_cblas != 0 && NativeLibrary.TryGetExport(_cblas, "MKL_Set_Num_Threads", out nint mkl))
        {
            ((delegate* unmanaged<int, void>)mkl)(n);
        }
    }

    private const string KernelsFile = "libnumerics_kernels.so";

    /// <summary>Where the kernel library is looked for, in order (then the default search path).</summary>
    private static string[] KernelCandidates() =>
    [
        Path.Combine(AppContext.BaseDirectory, KernelsFile),
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", KernelsFile),
    ];

    /// <summary>
    /// Puts the kernel library's <c>xerbla_</c> and <c>cblas_xerbla</c> (native/src/core/nk_xerbla.c: print and
    /// return) in the global symbol scope before any backend library loads, so the backend binds its error handler
    /// calls to them: netlib's own handlers end the process (STOP, exit) on an illegal argument, which LAPACK
    /// raises itself for some inputs (dlascl on a NaN norm inside dgesdd). Without the file nothing changes here;
    /// <see cref="LoadKernels"/> reports it later.
    /// </summary>
    private static void PreloadErrorHandlers()
    {
        foreach (string candidate in KernelCandidates())
        {
            if (File.Exists(candidate) && Libc.dlopen(candidate, Libc.RtldNow | Libc.RtldGlobal) != 0) return;
        }
    }

    private static nint LoadKernels(out string path)
    {
        nint host = ResolveLibrary?.Invoke(KernelsLibrary) ?? 0;
        if (host != 0)
        {
            path = "(host handle)";
            return host;
        }
        const string file = KernelsFile;
        string[] candidates = KernelCandidates();
        var tried = new StringBuilder();
        foreach (string candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                tried.AppendLine($"  {candidate}: not found");
                continue;
            }
            if (NativeLibrary.TryLoad(candidate, out nint h))
            {
                path = candidate;
                return h;
            }
            tried.AppendLine($"  {candidate}: could not be loaded");
        }
        if (NativeLibrary.TryLoad(file, typeof(NativeBackend).Assembly, DllImportSearchPath.SafeDirectories, out nint found))
        {
            path = file;
            return found;
        }
        tried.AppendLine($"  {file} on the default search path: not found");
        lock (Gate) Trace.Append(tried);
        throw new NativeLibraryLoadException(
            "Numerics.Native could not load its kernel library libnumerics_kernels.so.\nTried:\n" + tried +
            "To fix: build the solution (dotnet build runs CMake over native/ and copies the library next to the assemblies) " +
            "after running build/setup.sh.");
    }
}
