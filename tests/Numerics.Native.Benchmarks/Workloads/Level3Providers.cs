using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;
using Numerics.Native.Interop;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// Level-3 providers (docs/level3.md): each gemm twice in the same process, through <see cref="Gemm"/> (the provider
/// Level3Providers chose for this process, size and CPU) and, as <c>…_openblas</c>, through the raw CBLAS binding
/// (OpenBLAS). The provider is fixed per process, so compare settings by running the benchmark under each:
/// <c>NUMERICS_NATIVE_GEMM=auto|openblas|blis</c>, and <c>BLIS_ARCH_TYPE=&lt;arch_t index&gt;</c> for one BLIS
/// sub-configuration (show_config's "Level 3" section prints the index of the one chosen). No NumPy counterpart:
/// these ids run on our side only. Each call writes a fresh output buffer, as W5Matmul's do.
/// </summary>
public unsafe class Level3Providers : WorkloadFamily
{
    private const int RowMajor = (int)CBLAS_ORDER.CblasRowMajor, NoTrans = (int)CBLAS_TRANSPOSE.CblasNoTrans;

    private readonly Dictionary<string, (nint A, nint B)> _inputs = [];

    [Benchmark, Workload(Flops = 2.0 * 64 * 64 * 64)]
    public void W5_gemm_d_64() => D(64, raw: false);

    [Benchmark, Workload(Flops = 2.0 * 64 * 64 * 64)]
    public void W5_gemm_d_64_openblas() => D(64, raw: true);

    [Benchmark, Workload(Flops = 2.0 * 256 * 256 * 256)]
    public void W5_gemm_d_256() => D(256, raw: false);

    [Benchmark, Workload(Flops = 2.0 * 256 * 256 * 256)]
    public void W5_gemm_d_256_openblas() => D(256, raw: true);

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public void W5_gemm_d_1000() => D(1000, raw: false);

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public void W5_gemm_d_1000_openblas() => D(1000, raw: true);

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public void W5_gemm_s_1000() => S(1000, raw: false);

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public void W5_gemm_s_1000_openblas() => S(1000, raw: true);

    [Benchmark, Workload(Flops = 8.0 * 256 * 256 * 256)]
    public void W5_gemm_c_256() => C(256, complex64: true, raw: false);

    [Benchmark, Workload(Flops = 8.0 * 256 * 256 * 256)]
    public void W5_gemm_c_256_openblas() => C(256, complex64: true, raw: true);

    [Benchmark, Workload(Flops = 8.0 * 256 * 256 * 256)]
    public void W5_gemm_z_256() => C(256, complex64: false, raw: false);

    [Benchmark, Workload(Flops = 8.0 * 256 * 256 * 256)]
    public void W5_gemm_z_256_openblas() => C(256, complex64: false, raw: true);

    /// <summary>One pair of n x n inputs per (kind, n), shared by the dispatched and the raw variant.</summary>
    private (nint A, nint B) Inputs<T>(string kind, int n) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        string key = $"{kind}{n}";
        if (!_inputs.TryGetValue(key, out var ab))
        {
            // Complex inputs are n x 2n real arrays read as interleaved (re, im).
            int cols = kind is "c" or "z" ? 2 * n : n;
            NativeArray<T> a = Input<T>("A", n, cols, key), b = Input<T>("B", n, cols, key);
            ab = ((nint)a.Data, (nint)b.Data);
            _inputs[key] = ab;
        }
        return ab;
    }

    private void D(int n, bool raw)
    {
        var (a, b) = Inputs<double>("d", n);
        double* c = (double*)NativeMemory.AlignedAlloc((nuint)n * (nuint)n * sizeof(double), 64);
        if (raw) Cblas.cblas_dgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1.0, (double*)a, n, (double*)b, n, 0.0, c, n);
        else Gemm.dgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1.0, (double*)a, n, (double*)b, n, 0.0, c, n);
        NativeMemory.AlignedFree(c);
    }

    private void S(int n, bool raw)
    {
        var (a, b) = Inputs<float>("s", n);
        float* c = (float*)NativeMemory.AlignedAlloc((nuint)n * (nuint)n * sizeof(float), 64);
        if (raw) Cblas.cblas_sgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1.0f, (float*)a, n, (float*)b, n, 0.0f, c, n);
        else Gemm.sgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1.0f, (float*)a, n, (float*)b, n, 0.0f, c, n);
        NativeMemory.AlignedFree(c);
    }

    private void C(int n, bool complex64, bool raw)
    {
        var (a, b) = complex64 ? Inputs<float>("c", n) : Inputs<double>("z", n);
        int es = complex64 ? 8 : 16;
        void* c = NativeMemory.AlignedAlloc((nuint)n * (nuint)n * (nuint)es, 64);
        double* one = stackalloc double[2] { 1, 0 }, zero = stackalloc double[2] { 0, 0 };
        float* onef = stackalloc float[2] { 1, 0 }, zerof = stackalloc float[2] { 0, 0 };
        void* alpha = complex64 ? onef : one, beta = complex64 ? zerof : zero;
        if (complex64)
        {
            if (raw) Cblas.cblas_cgemm(RowMajor, NoTrans, NoTrans, n, n, n, alpha, (void*)a, n, (void*)b, n, beta, c, n);
            else Gemm.cgemm(RowMajor, NoTrans, NoTrans, n, n, n, alpha, (void*)a, n, (void*)b, n, beta, c, n);
        }
        else
        {
            if (raw) Cblas.cblas_zgemm(RowMajor, NoTrans, NoTrans, n, n, n, alpha, (void*)a, n, (void*)b, n, beta, c, n);
            else Gemm.zgemm(RowMajor, NoTrans, NoTrans, n, n, n, alpha, (void*)a, n, (void*)b, n, beta, c, n);
        }
        NativeMemory.AlignedFree(c);
    }
}
