using System.Runtime.InteropServices;

namespace Numerics.Native.Interop.Loading;

/// <summary>What a loaded backend says about itself: version string, threading layer, core type.</summary>
internal static unsafe class BackendFacts
{
    internal static (string Version, string Threading, string CoreType) Read(string name, nint cblas, string blasPath)
    {
        if (TryString(cblas, "openblas_get_config", out string config))
        {
            TryString(cblas, "openblas_get_corename", out string core);
            string threading = "serial";
            if (NativeLibrary.TryGetExport(cblas, "openblas_get_parallel", out nint par))
            {
                threading = ((delegate* unmanaged<int>)par)() switch { 1 => "pthreads", 2 => "openmp", _ => "serial" };
            }
            return (config.Trim(), threading, core);
        }
        if (NativeLibrary.TryGetExport(cblas, "MKL_Get_Version_String", out _))
        {
            return ("MKL", "openmp", "");
        }
        if (name == "blis" || blasPath.Contains("blis", StringComparison.Ordinal))
        {
            return ("BLIS (Debian libblis4-pthread) " + blasPath, "pthreads", "");
        }
        return ("reference BLAS/LAPACK (netlib) " + blasPath, "serial", "");
    }

    private static bool TryString(nint lib, string symbol, out string value)
    {
        value = "";
        if (!NativeLibrary.TryGetExport(lib, symbol, out nint fn)) return false;
        nint s = ((delegate* unmanaged<nint>)fn)();
        value = s == 0 ? "" : Marshal.PtrToStringUTF8(s) ?? "";
        return true;
    }
}
