using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>W11_take_1e6: <c>a.take(idx)</c>, a gather of 10⁶ float64 by 10⁶ random int64 indices (native nk_index).</summary>
public class W11Take : WorkloadFamily
{
    private NDArray? _a, _idx;

    [Benchmark, Workload(Bytes = 24.0 * 1_000_000)]
    public void W11_take_1e6()
    {
        _a ??= Array<double>("a", 1_000_000);
        _idx ??= Array<long>("idx", 1_000_000);
        using var r = _a.take(_idx);
    }
}
