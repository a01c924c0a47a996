using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.Interop;

namespace Numerics.Native.MathNet;

/// <summary>
/// Math.NET Numerics 5's linear algebra provider on OpenBLAS/LAPACKE (or whichever backend
/// <see cref="NativeBackend"/> resolved): every member for double, float, Complex and Complex32, column-major as
/// Math.NET stores matrices, with Math.NET's exceptions for singular and non-convergent input. Switch it on with
/// <see cref="NumericsNativeProvider.Use"/>.
/// </summary>
/// <remarks>
/// Thread-safe: the provider keeps no state, and every call allocates its own workspace. BLAS threads follow
/// <see cref="NativeBackend.NumThreads"/>, not Math.NET's <c>Control.MaxDegreeOfParallelism</c>.
/// </remarks>
public sealed partial class NumericsNativeLinearAlgebraProvider : ILinearAlgebraProvider
{
    /// <summary>The one instance; the provider has no state.</summary>
    public static NumericsNativeLinearAlgebraProvider Instance { get; } = new();

    private NumericsNativeLinearAlgebraProvider()
    {
    }

    /// <summary>Loads the backend and runs one BLAS and one LAPACK call; false if either fails.</summary>
    /// <returns>Whether the native backend works in this process.</returns>
    public bool IsAvailable() => NumericsNativeProvider.IsAvailable();

    /// <summary>Loads the backend and checks it with one BLAS and one LAPACK call. Math.NET calls this when the
    /// provider is assigned to <see cref="LinearAlgebraControl.Provider"/>.</summary>
    /// <exception cref="NativeLibraryLoadException">No backend loads, or its probe calls fail; the message holds
    /// the resolver's load trace.</exception>
    public void InitializeVerify() => NumericsNativeProvider.Verify();

    /// <summary>Nothing to free: workspaces live for one call only.</summary>
    public void FreeResources()
    {
    }

    /// <summary>"Numerics.Native" with the backend's name and LAPACK file, as Math.NET's <c>Control.Describe()</c> shows it.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        NumericsNativeProvider.IsAvailable()
            ? $"Numerics.Native ({NativeBackend.Name}; LAPACK {NativeBackend.LapackPath})"
            : "Numerics.Native (unavailable)";
}
