using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// W6 (solvers) and W7 (decompositions) through the facade, as NumPy's statements: inputs become NDArrays once on
/// the first (untimed) call; each call allocates its results and disposes them, as NumPy's would be freed.
/// </summary>
public class W6W7Linalg : WorkloadFamily
{
    private NDArray? _solveA, _solveB, _invA, _detA, _cholS, _lstX, _lstY, _svdR, _eighS, _eigR, _qrR;

    [Benchmark]
    public void W6_solve_1000()
    {
        _solveA ??= Array<double>("A", 1000, 1000);
        _solveB ??= Array<double>("b", 1000);
        using var x = np.linalg.solve(_solveA, _solveB);
    }

    [Benchmark]
    public void W6_inv_500()
    {
        _invA ??= Array<double>("A", 500, 500);
        using var r = np.linalg.inv(_invA);
    }

    [Benchmark]
    public void W6_det_500()
    {
        _detA ??= Array<double>("A", 500, 500);
        using var r = np.linalg.det(_detA);
    }

    [Benchmark]
    public void W6_cholesky_1000()
    {
        _cholS ??= Array<double>("S", 1000, 1000);
        using var r = np.linalg.cholesky(_cholS);
    }

    [Benchmark]
    public void W6_lstsq_2000x200()
    {
        _lstX ??= Array<double>("X", 2000, 200);
        _lstY ??= Array<double>("y", 2000);
        var (x, res, _, s) = np.linalg.lstsq(_lstX, _lstY);
        x.Dispose();
        res.Dispose();
        s.Dispose();
    }

    [Benchmark]
    public void W7_svd_500()
    {
        _svdR ??= Array<double>("R", 500, 500);
        var (u, s, vh) = np.linalg.svd(_svdR);
        u?.Dispose();
        s.Dispose();
        vh?.Dispose();
    }

    [Benchmark]
    public void W7_eigh_500()
    {
        _eighS ??= Array<double>("S", 500, 500);
        var (w, v) = np.linalg.eigh(_eighS);
        w.Dispose();
        v.Dispose();
    }

    [Benchmark]
    public void W7_eig_300()
    {
        _eigR ??= Array<double>("R", 300, 300);
        var (w, v) = np.linalg.eig(_eigR);
        w.Dispose();
        v.Dispose();
    }

    [Benchmark]
    public void W7_qr_1000()
    {
        _qrR ??= Array<double>("R", 1000, 1000);
        var (q, r) = np.linalg.qr(_qrR);
        q?.Dispose();
        r.Dispose();
    }
}
