using MathNet.Numerics;
using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.Interop;
using Numerics.Native.MathNet.Internal;
using Complex = System.Numerics.Complex;

namespace Numerics.Native.MathNet;

/// <summary>
/// Math.NET Numerics 5's linear algebra provider on OpenBLAS/LAPACKE (or whichever backend
/// <see cref="NativeBackend"/> resolved): every member for double, float, Complex and Complex32, column-major as
/// Math.NET stores matrices, with Math.NET's exceptions for singular and non-convergent input. Switch it on with
/// <see cref="NumericsNativeProvider.Use"/>.
/// </summary>
/// <remarks>
/// <para>The <see cref="ILinearAlgebraProvider{T}"/> members are implemented explicitly (call them through
/// <see cref="ILinearAlgebraProvider"/> or <see cref="ILinearAlgebraProvider{T}"/>, as Math.NET does), each written
/// once for all four element types. What they run: BLAS AXPY, SCAL, DOT/DOTU, GEMM, TRSM; LAPACK LANGE, GETRF,
/// GETRI, GETRS, POTRF, POTRS, GEQRF, ORGQR/UNGQR, ORMQR/UNMQR, GESDD (GESVD where it does not converge),
/// SYEVD/HEEVD and GEEV.</para>
/// <para>Exceptions as Math.NET's managed provider: argument checks throw <see cref="ArgumentNullException"/>,
/// <see cref="ArgumentOutOfRangeException"/> and <see cref="ArgumentException"/> (with length checks tightened
/// wherever a native call would otherwise read out of bounds); Cholesky of a matrix that is not positive definite
/// throws <see cref="ArgumentException"/> ("Matrix must be positive definite."); an SVD or eigen decomposition that
/// does not converge, or whose input holds NaN or infinity, throws <see cref="NonConvergenceException"/>; LU of a
/// singular matrix is a result, not an error, and its inverse or solve gives infinities or NaNs as the managed
/// provider's does.</para>
/// <para>Thread-safe: the provider keeps no state, and every call allocates its own workspace. BLAS threads follow
/// <see cref="NativeBackend.NumThreads"/>, not Math.NET's <c>Control.MaxDegreeOfParallelism</c>.</para>
/// </remarks>
public sealed class NumericsNativeLinearAlgebraProvider : ILinearAlgebraProvider,
    IProviderMembers<double, DoubleOps>, IProviderMembers<float, SingleOps>,
    IProviderMembers<Complex, ComplexOps>, IProviderMembers<Complex32, Complex32Ops>
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
