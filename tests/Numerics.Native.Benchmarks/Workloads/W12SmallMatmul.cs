using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>W12_small_matmul_4: the per-call latency of <c>A @ B</c> for 4×4 float64 through the facade (result
/// allocated and disposed per call, as NumPy's is).</summary>
public class W12SmallMatmul : WorkloadFamily
{
    private NDArray? _a, _b;

    [Benchmark]
    public void W12_small_matmul_4()
    {
        _a ??= Array<double>("A", 4, 4);
        _b ??= Array<double>("B", 4, 4);
        using var c = np.matmul(_a, _b);
    }
}
