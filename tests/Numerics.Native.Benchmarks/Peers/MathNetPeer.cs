using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Peers;

/// <summary>
/// Math.NET Numerics 5 with its managed provider: what a .NET user gets without a native BLAS. Threads follow
/// OMP_NUM_THREADS (1: UseSingleThread; n: MaxDegreeOfParallelism = n). W5_matmul_2000 and _f32_2000 are left
/// out on purpose: about 4 s per call here, which alone would exceed the comparison's time budget.
/// </summary>
[Peer("MathNet")]
public class MathNetPeer : WorkloadFamily
{
    private Matrix<double>? _a64, _b64, _a256, _b256, _a1000, _b1000, _a4000;
    private Vector<double>? _x4000;

    public override void LoadNative() => UseManaged();

    /// <summary>Math.NET's managed provider on the thread count of the run (1: single-threaded).</summary>
    internal static void UseManaged()
    {
        Control.UseManaged();
        int threads = PeerThreads.FromEnvironment();
        if (threads == 1)
        {
            Control.UseSingleThread();
        }
        else
        {
            Control.UseMultiThreading();
            Control.MaxDegreeOfParallelism = threads;
        }
    }

    [Benchmark]
    public Matrix<double> W5_matmul_64() => (_a64 ??= Mat("A", 64, 64)) * (_b64 ??= Mat("B", 64, 64));

    [Benchmark]
    public Matrix<double> W5_matmul_256() => (_a256 ??= Mat("A", 256, 256)) * (_b256 ??= Mat("B", 256, 256));

    [Benchmark]
    public Matrix<double> W5_matmul_1000() => (_a1000 ??= Mat("A", 1000, 1000)) * (_b1000 ??= Mat("B", 1000, 1000));

    [Benchmark]
    public Vector<double> W5_matvec_4000() =>
        (_a4000 ??= Mat("A", 4000, 4000)) * (_x4000 ??= Vector<double>.Build.Dense(Input<double>("x", 4000).AsSpan().ToArray()));

    private Matrix<double> Mat(string name, int rows, int cols, [System.Runtime.CompilerServices.CallerMemberName] string id = "") =>
        Matrix<double>.Build.DenseOfRowMajor(rows, cols, Input<double>(name, rows, cols, id).AsSpan().ToArray());
}

/// <summary>The thread count a peer should use: what the compare tool or the BDN job put in OMP_NUM_THREADS.</summary>
internal static class PeerThreads
{
    public static int FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0 ? n : Environment.ProcessorCount;
}
