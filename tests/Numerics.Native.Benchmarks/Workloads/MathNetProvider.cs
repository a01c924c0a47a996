// Math.NET Numerics with Numerics.Native's provider, with its managed provider, and the same LAPACK/BLAS calls made
// directly: the before/after table (README "Math.NET provider"). Only peers (no workload of ours, no NumPy
// id), so build/compare.sh never runs them. Run:
//   dotnet run -c Release --project tests/Numerics.Native.Benchmarks -- --filter '*MathNetProvider*'
using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Numerics.Native.Benchmarks.Infrastructure;
using Numerics.Native.Benchmarks.Peers;
using Numerics.Native.Interop;
using Numerics.Native.MathNet;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>The inputs all three sides share: seeded, column-major, built once per process.</summary>
internal static class MathNetProviderInputs
{
    public const int MultiplyN = 1000, SolveN = 1000, SvdN = 500, EvdN = 300;

    private static Matrix<double>? _a, _b, _solve, _svd, _sym, _general;
    private static Vector<double>? _rhs;

    public static Matrix<double> A => _a ??= Random(MultiplyN, 1);
    public static Matrix<double> B => _b ??= Random(MultiplyN, 2);
    public static Matrix<double> Solve => _solve ??= Random(SolveN, 3) + Matrix<double>.Build.DenseIdentity(SolveN) * SolveN;
    public static Vector<double> Rhs => _rhs ??= Vector<double>.Build.Dense(SolveN, i => Math.Sin(i));
    public static Matrix<double> Svd => _svd ??= Random(SvdN, 4);
    public static Matrix<double> Symmetric => _sym ??= Symmetrized(Random(EvdN, 5));
    public static Matrix<double> General => _general ??= Random(EvdN, 6);

    private static Matrix<double> Random(int n, int seed)
    {
        var rng = new Random(seed);
        return Matrix<double>.Build.Dense(n, n, (_, _) => 2 * rng.NextDouble() - 1);
    }

    private static Matrix<double> Symmetrized(Matrix<double> m) => (m + m.Transpose()) * 0.5;
}

/// <summary>What a Math.NET user gets after <c>NumericsNativeProvider.Use()</c>.</summary>
[Peer("MathNet+NumericsNative")]
public class MathNetProviderNumericsNative : IPairSide
{
    [GlobalSetup]
    public void Setup() => UseProvider();

    /// <summary>The provider is Math.NET's global setting: a managed-vs-ours pair switches it before each call.</summary>
    public void Activate() => UseProvider();

    protected virtual void UseProvider()
    {
        NumericsNativeProvider.Use();
        _ = MathNetProviderInputs.A; // inputs are built outside the measurement
        _ = MathNetProviderInputs.B;
        _ = MathNetProviderInputs.Solve;
        _ = MathNetProviderInputs.Svd;
        _ = MathNetProviderInputs.Symmetric;
        _ = MathNetProviderInputs.General;
    }

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public Matrix<double> W5_mathnet_multiply_1000() => MathNetProviderInputs.A * MathNetProviderInputs.B;

    [Benchmark]
    public Vector<double> W6_mathnet_solve_1000() => MathNetProviderInputs.Solve.Solve(MathNetProviderInputs.Rhs);

    [Benchmark]
    public object W7_mathnet_svd_500() => MathNetProviderInputs.Svd.Svd(computeVectors: true);

    [Benchmark]
    public object W7_mathnet_evd_sym_300() => MathNetProviderInputs.Symmetric.Evd();

    [Benchmark]
    public object W7_mathnet_evd_300() => MathNetProviderInputs.General.Evd();
}

/// <summary>The same calls on Math.NET's managed provider, with its threads set as <see cref="MathNetPeer"/> sets them.</summary>
[Peer("MathNet(managed)")]
public class MathNetProviderManaged : MathNetProviderNumericsNative
{
    protected override void UseProvider()
    {
        base.UseProvider();
        MathNetPeer.UseManaged();
    }
}

/// <summary>
/// The floor: the BLAS/LAPACKE calls the provider makes, on plain arrays, with only the copies and outputs the
/// routines need (each call still allocates its results, as Math.NET's do).
/// </summary>
[Peer("OpenBLAS/LAPACKE direct")]
public unsafe class MathNetProviderDirect
{
    private const int Col = 102, NoTrans = 111;
    private double[] _a = [], _b = [], _solve = [], _rhs = [], _svd = [], _sym = [], _general = [];

    private static void Check(int info)
    {
        if (info != 0)
            throw new InvalidOperationException($"LAPACK info {info}");
    }

    [GlobalSetup]
    public void Load()
    {
        NativeBackend.EnsureLoaded();
        _a = MathNetProviderInputs.A.ToColumnMajorArray();
        _b = MathNetProviderInputs.B.ToColumnMajorArray();
        _solve = MathNetProviderInputs.Solve.ToColumnMajorArray();
        _rhs = MathNetProviderInputs.Rhs.ToArray();
        _svd = MathNetProviderInputs.Svd.ToColumnMajorArray();
        _sym = MathNetProviderInputs.Symmetric.ToColumnMajorArray();
        _general = MathNetProviderInputs.General.ToColumnMajorArray();
    }

    [Benchmark, Workload(Flops = 2.0 * 1000 * 1000 * 1000)]
    public double[] W5_mathnet_multiply_1000()
    {
        const int n = MathNetProviderInputs.MultiplyN;
        var c = new double[n * n];
        fixed (double* a = _a, b = _b, pc = c)
            Cblas.cblas_dgemm(Col, NoTrans, NoTrans, n, n, n, 1.0, a, n, b, n, 0.0, pc, n);
        return c;
    }

    [Benchmark]
    public double[] W6_mathnet_solve_1000()
    {
        const int n = MathNetProviderInputs.SolveN;
        double[] lu = (double[])_solve.Clone(), x = (double[])_rhs.Clone();
        var ipiv = new int[n];
        fixed (double* a = lu, b = x)
        fixed (int* p = ipiv)
            Check(Lapacke.LAPACKE_dgesv_work(Col, n, 1, a, n, p, b, n));
        return x;
    }

    [Benchmark]
    public double[] W7_mathnet_svd_500()
    {
        const int n = MathNetProviderInputs.SvdN;
        double[] a = (double[])_svd.Clone(), s = new double[n], u = new double[n * n], vt = new double[n * n];
        var iwork = new int[8 * n];
        double query;
        fixed (double* pa = a, ps = s, pu = u, pv = vt)
        fixed (int* pi = iwork)
        {
            Check(Lapacke.LAPACKE_dgesdd_work(Col, (byte)'A', n, n, pa, n, ps, pu, n, pv, n, &query, -1, pi));
            var work = new double[(int)query];
            fixed (double* pw = work)
                Check(Lapacke.LAPACKE_dgesdd_work(Col, (byte)'A', n, n, pa, n, ps, pu, n, pv, n, pw, work.Length, pi));
        }
        return s;
    }

    [Benchmark]
    public double[] W7_mathnet_evd_sym_300()
    {
        const int n = MathNetProviderInputs.EvdN;
        double[] a = (double[])_sym.Clone(), w = new double[n];
        double query;
        int iquery;
        fixed (double* pa = a, pw = w)
        {
            Check(Lapacke.LAPACKE_dsyevd_work(Col, (byte)'V', (byte)'L', n, pa, n, pw, &query, -1, &iquery, -1));
            var work = new double[(int)query];
            var iwork = new int[iquery];
            fixed (double* pk = work)
            fixed (int* pi = iwork)
                Check(Lapacke.LAPACKE_dsyevd_work(Col, (byte)'V', (byte)'L', n, pa, n, pw, pk, work.Length, pi, iwork.Length));
        }
        return w;
    }

    [Benchmark]
    public double[] W7_mathnet_evd_300()
    {
        const int n = MathNetProviderInputs.EvdN;
        double[] a = (double[])_general.Clone(), wr = new double[n], wi = new double[n], vr = new double[n * n];
        double query;
        fixed (double* pa = a, pr = wr, pi = wi, pv = vr)
        {
            Check(Lapacke.LAPACKE_dgeev_work(Col, (byte)'N', (byte)'V', n, pa, n, pr, pi, null, 1, pv, n, &query, -1));
            var work = new double[(int)query];
            fixed (double* pk = work)
                Check(Lapacke.LAPACKE_dgeev_work(Col, (byte)'N', (byte)'V', n, pa, n, pr, pi, null, 1, pv, n, pk, work.Length));
        }
        return wr;
    }
}
