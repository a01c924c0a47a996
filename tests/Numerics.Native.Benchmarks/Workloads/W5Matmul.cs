using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;
using Numerics.Native.Interop;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// W5: <c>A @ B</c> and <c>A @ x</c> through the raw generated CBLAS bindings (the facade's matmul will get rows of
/// its own). Each call writes a new output buffer, as NumPy's does: NativeMemory.AlignedAlloc, the call, and
/// NativeMemory.AlignedFree — glibc malloc on both sides, so page-fault costs match NumPy's.
/// </summary>
public unsafe class W5Matmul : WorkloadFamily
{
    private const int RowMajor = (int)CBLAS_ORDER.CblasRowMajor, NoTrans = (int)CBLAS_TRANSPOSE.CblasNoTrans;

    private NativeArray<double>? _a64, _b64, _a256, _b256, _a1000, _b1000, _a2000, _b2000, _a4000, _x4000;
    private NativeArray<float>? _a32, _b32;

    [Benchmark, Workload(Flops = 2.0 * 64 * 64 * 64)]
    public void W5_matmul_64() => Dgemm(_a64 ??= Input<double>("A", 64, 64), _b64 ??= Input<double>("B", 64, 64));

    [Benchmark, Workload(Flops = 2.0 * 256 * 256 * 256)]
    public void W5_matmul_256() => Dgemm(_a256 ??= Input<double>("A", 256, 256), _b256 ??= Input<double>("B", 256, 256));

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public void W5_matmul_1000() => Dgemm(_a1000 ??= Input<double>("A", 1000, 1000), _b1000 ??= Input<double>("B", 1000, 1000));

    [Benchmark, Workload(Flops = 2.0 * 2000 * 2000 * 2000)]
    public void W5_matmul_2000() => Dgemm(_a2000 ??= Input<double>("A", 2000, 2000), _b2000 ??= Input<double>("B", 2000, 2000));

    [Benchmark, Workload(Flops = 2.0 * 2000 * 2000 * 2000)]
    public void W5_matmul_f32_2000()
    {
        // NumPy draws float64 and casts (astype(np.float32)); make_inputs.py saves the cast arrays as A32/B32.
        NativeArray<float> a = _a32 ??= Input<float>("A32", 2000, 2000), b = _b32 ??= Input<float>("B32", 2000, 2000);
        const int n = 2000;
        float* c = (float*)NativeMemory.AlignedAlloc((nuint)n * n * sizeof(float), 64);
        Cblas.cblas_sgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1.0f, a.Data, n, b.Data, n, 0.0f, c, n);
        NativeMemory.AlignedFree(c);
    }

    [Benchmark, Workload(Flops = 2.0 * 4000 * 4000, Bytes = 8.0 * 4000 * 4000)]
    public void W5_matvec_4000()
    {
        NativeArray<double> a = _a4000 ??= Input<double>("A", 4000, 4000), x = _x4000 ??= Input<double>("x", 4000);
        const int n = 4000;
        double* y = (double*)NativeMemory.AlignedAlloc((nuint)n * sizeof(double), 64);
        Cblas.cblas_dgemv(RowMajor, NoTrans, n, n, 1.0, a.Data, n, x.Data, 1, 0.0, y, 1);
        NativeMemory.AlignedFree(y);
    }

    private static void Dgemm(NativeArray<double> a, NativeArray<double> b)
    {
        int n = a.Shape[0];
        double* c = (double*)NativeMemory.AlignedAlloc((nuint)n * (nuint)n * sizeof(double), 64);
        Cblas.cblas_dgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1.0, a.Data, n, b.Data, n, 0.0, c, n);
        NativeMemory.AlignedFree(c);
    }
}
