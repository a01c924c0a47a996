using System.Text.Json;
using Numerics.Native;
using Numerics.Native.ChildHost;
using Numerics.Native.Interop;

// Started by the tests with another environment (NUMERICS_NATIVE_BLAS, OMP_NUM_THREADS, …); prints one JSON object.
//   backend   load the backend, run the binding checks, report where BLAS and LAPACK came from
//   threads   report the thread count seen at start, then set and read it back
//   mathnet   NumericsNativeProvider.IsAvailable() and Use(), then Math.NET on whichever provider it holds
//   xerbla    calls that make BLAS/LAPACK call their error handler; the process must live to print its line
//   shifts    the backend LAPACK's Hessenberg-QR shift counts with and without HessenbergShifts.Fewer()
var result = new Dictionary<string, object?>();
string mode = args.Length > 0 ? args[0] : "backend";
try
{
    switch (mode)
    {
        case "mathnet": MathNetChecks.Run(result); break;
        case "xerbla": ErrorHandlerChecks.Run(result); break;
        case "shifts": ShiftChecks.Run(result); break;
        case "backend":
            NativeBackend.EnsureKernels();
            result["name"] = NativeBackend.Name;
            result["blas"] = NativeBackend.BlasPath;
            result["lapacke"] = NativeBackend.LapackePath;
            result["lapack"] = NativeBackend.LapackPath;
            result["threading"] = NativeBackend.ThreadingLayer;
            result["version"] = NativeBackend.Version;
            result["simd"] = NativeBackend.SimdLevel;
            result["checks"] = BindingChecks.RunAll();
            break;
        case "threads":
            result["initial"] = np.config.num_threads;
            np.config.num_threads = 1;
            result["after_set_1"] = np.config.num_threads;
            result["openblas_after_set_1"] = OpenBlasThreads();
            np.config.num_threads = 2;
            result["after_set_2"] = np.config.num_threads;
            result["openblas_after_set_2"] = OpenBlasThreads();
            break;
        case var m when m.StartsWith("level3", StringComparison.Ordinal): Level3Checks.Run(m, result); break;
        case var m when m.StartsWith("linalg", StringComparison.Ordinal): LinalgChecks.Run(m, result); break;
        default:
            result["error"] = $"unknown mode {mode}";
            break;
    }
}
catch (Exception e)
{
    result["exception"] = e.GetType().FullName;
    result["message"] = e.Message;
}
Console.WriteLine(JsonSerializer.Serialize(result));

static unsafe int OpenBlasThreads()
{
    nint f = NativeBackend.GetExport(NativeBackend.CblasLibrary, "openblas_get_num_threads");
    return f == 0 ? -1 : ((delegate* unmanaged<int>)f)();
}
