using Numerics.Native.Interop;

namespace Numerics.Native;

public static partial class np
{
    /// <summary>Process-wide configuration: threads, backend facts, native memory. NumPy: <c>np.show_config()</c>,
    /// <c>threadpoolctl</c>.</summary>
    public static readonly ConfigModule config = new();

    /// <summary>
    /// Prints (mode "stdout") or returns (mode "dicts") the backend report: backend name, version string, BLAS,
    /// LAPACKE and LAPACK library paths, threading layer, OpenBLAS core type, thread count, and the kernel
    /// library's path and SIMD level. NumPy: <c>np.show_config(mode='stdout')</c>.
    /// </summary>
    /// <exception cref="ValueError"><paramref name="mode"/> is not "stdout" or "dicts".</exception>
    /// <exception cref="NativeLibraryLoadException">The backend or the kernel library cannot be loaded.</exception>
    public static IReadOnlyDictionary<string, object>? show_config(string mode = "stdout")
    {
        if (mode != "stdout" && mode != "dicts")
        {
            throw new ValueError($"Invalid `mode`, use one of: stdout, dicts");
        }
        var info = ConfigReport.Collect();
        if (mode == "dicts") return info;
        Console.Write(ConfigReport.Format(info));
        return null;
    }
}
