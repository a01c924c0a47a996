using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>W14_transpose_copy_4000: <c>np.ascontiguousarray(M.T)</c>, 4000×4000 float64 (the blocked transpose of nk_copy).</summary>
public class W14Transpose : WorkloadFamily
{
    private NDArray? _m;

    [Benchmark, Workload(Bytes = 16.0 * 4000 * 4000)]
    public void W14_transpose_copy_4000()
    {
        _m ??= Array<double>("M", 4000, 4000);
        using var r = np.ascontiguousarray(_m.T);
    }
}
