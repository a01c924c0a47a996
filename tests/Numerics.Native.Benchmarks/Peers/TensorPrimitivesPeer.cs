using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Peers;

/// <summary>
/// System.Numerics.Tensors' TensorPrimitives on spans: single-threaded by design, whatever the thread setting.
/// It has no matrix product; A @ x is the natural TensorPrimitives spelling, one Dot per row.
/// </summary>
[Peer("TensorPrimitives")]
public class TensorPrimitivesPeer : WorkloadFamily
{
    private NativeArray<double>? _a4000, _x4000;

    public override void LoadNative()
    {
    }

    [Benchmark]
    public double[] W5_matvec_4000()
    {
        const int n = 4000;
        NativeArray<double> a = _a4000 ??= Input<double>("A", n, n), x = _x4000 ??= Input<double>("x", n);
        ReadOnlySpan<double> all = a.AsSpan(), xs = x.AsSpan();
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = TensorPrimitives.Dot(all.Slice(i * n, n), xs);
        return y;
    }
}
