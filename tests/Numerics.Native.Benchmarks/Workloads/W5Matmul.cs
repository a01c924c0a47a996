using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// W5: <c>A @ B</c> and <c>A @ x</c> through the facade's <c>np.matmul</c>, as NumPy's statements: a new result per
/// call, disposed at once (NumPy frees its result when the statement's value is dropped). The raw C call of the same
/// product is measured separately by the compare tool (build/tools/Numerics.Native.Compare, "pairs").
/// </summary>
public class W5Matmul : WorkloadFamily
{
    private NDArray? _a64, _b64, _a256, _b256, _a1000, _b1000, _a2000, _b2000, _a32, _b32, _a4000, _x4000;

    [Benchmark, Workload(Flops = 2.0 * 64 * 64 * 64)]
    public void W5_matmul_64() => Matmul(_a64 ??= Array<double>("A", 64, 64), _b64 ??= Array<double>("B", 64, 64));

    [Benchmark, Workload(Flops = 2.0 * 256 * 256 * 256)]
    public void W5_matmul_256() => Matmul(_a256 ??= Array<double>("A", 256, 256), _b256 ??= Array<double>("B", 256, 256));

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public void W5_matmul_1000() => Matmul(_a1000 ??= Array<double>("A", 1000, 1000), _b1000 ??= Array<double>("B", 1000, 1000));

    [Benchmark, Workload(Flops = 2.0 * 2000 * 2000 * 2000)]
    public void W5_matmul_2000() => Matmul(_a2000 ??= Array<double>("A", 2000, 2000), _b2000 ??= Array<double>("B", 2000, 2000));

    // NumPy draws float64 and casts (astype(np.float32)); make_inputs.py saves the cast arrays as A32/B32.
    [Benchmark, Workload(Flops = 2.0 * 2000 * 2000 * 2000)]
    public void W5_matmul_f32_2000() => Matmul(_a32 ??= Array<float>("A32", 2000, 2000), _b32 ??= Array<float>("B32", 2000, 2000));

    [Benchmark, Workload(Flops = 2.0 * 4000 * 4000, Bytes = 8.0 * 4000 * 4000)]
    public void W5_matvec_4000() => Matmul(_a4000 ??= Array<double>("A", 4000, 4000), _x4000 ??= Array<double>("x", 4000));

    private static void Matmul(NDArray a, NDArray b)
    {
        using var c = np.matmul(a, b);
    }
}
