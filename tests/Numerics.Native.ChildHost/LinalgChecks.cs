using System.Reflection;
using Numerics.Native.Interop;

namespace Numerics.Native.ChildHost;

/// <summary>
/// Mode "linalg-fixtures": runs the whole NumPy fixture suite of linear algebra (tests/fixtures/data/linalg) in
/// this process, under whatever backend its environment selects (the test starts it with
/// NUMERICS_NATIVE_BLAS=reference). The checker lives in the test assembly next to this program; it is reached by
/// reflection because the tests reference this host, not the other way round.
/// </summary>
internal static class LinalgChecks
{
    internal static void Run(string mode, Dictionary<string, object?> result)
    {
        NativeBackend.EnsureKernels();
        result["name"] = NativeBackend.Name;
        result["lapack"] = NativeBackend.LapackPath;
        result["blas"] = NativeBackend.BlasPath;
        if (mode != "linalg-fixtures")
        {
            result["error"] = $"unknown mode {mode}";
            return;
        }
        var asm = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Numerics.Native.Tests.dll"));
        var type = asm.GetType("Numerics.Native.Tests.LinearAlgebra.LinalgFixtureTests", throwOnError: true)!;
        var run = type.GetMethod("RunAll", BindingFlags.Public | BindingFlags.Static)!;
        var args = new object?[] { 0 };
        var failures = (string[])run.Invoke(null, args)!;
        result["total"] = (int)args[0]!;
        result["failed"] = failures.Length;
        result["failures"] = failures.Take(25).ToArray();
    }
}
