using Numerics.Native.Tests.Infrastructure;

namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// What a .NET service does: many threads solving and decomposing at once on shared read-only inputs. Results must
/// be identical to a serial run, and 16 callers must not cost more CPU than one caller doing the same total work
/// (no oversubscription: N callers must not become N × cores spinning threads).
/// </summary>
[TestFixture]
[NonParallelizable]
public class LinalgConcurrencyTests
{
    private const int Callers = 16, PerCaller = 1000;

    private static NDArray[] _square = [], _rect = [], _rhs = [];

    [OneTimeSetUp]
    public void Inputs()
    {
        var rng = new Random(20240611);
        int[] sizes = [6, 12, 20, 33, 48];
        _square = sizes.Select(n => Matrix(rng, n, n, shift: n)).ToArray();
        _rect = sizes.Select(n => Matrix(rng, n + 7, n, shift: 0)).ToArray();
        _rhs = sizes.Select(n => Matrix(rng, n, 3, shift: 0)).ToArray();
        foreach (var a in _square.Concat(_rect).Concat(_rhs)) a.setflags(write: false);
    }

    [OneTimeTearDown]
    public void Free()
    {
        foreach (var a in _square.Concat(_rect).Concat(_rhs)) a.Dispose();
    }

    private static NDArray Matrix(Random rng, int m, int n, int shift)
    {
        var a = np.empty(new long[] { m, n });
        var s = a.AsSpan<double>();
        for (int i = 0; i < s.Length; i++) s[i] = rng.NextDouble() * 2 - 1;
        for (int i = 0; i < Math.Min(m, n); i++) a.At<double>(i, i) += shift;
        return a;
    }

    /// <summary>Operation i of caller c: solve, svd, inv, det, lstsq, eigh in turn over the shared inputs.</summary>
    private static double[] Op(int c, int i)
    {
        int k = (c * 7 + i) % _square.Length;
        var la = np.linalg;
        switch ((c + i) % 6)
        {
            case 0:
            {
                using var x = la.solve(_square[k], _rhs[k]);
                return x.ToArray<double>();
            }
            case 1:
            {
                var (u, s, vh) = la.svd(_rect[k], full_matrices: false);
                using (u) using (vh) using (s) return s.ToArray<double>();
            }
            case 2:
            {
                using var x = la.inv(_square[k]);
                return x.ToArray<double>();
            }
            case 3:
            {
                using var d = la.det(_square[k]);
                return [(double)d];
            }
            case 4:
            {
                var (x, res, rank, s) = la.lstsq(_rect[k], _rect[k][.., 0]);
                using (x) using (res) using (s) return [.. x.ToArray<double>(), rank];
            }
            default:
            {
                using var sym = np.matmul(_square[k], _square[k].T);
                var (w, v) = la.eigh(sym);
                using (w) using (v) return w.ToArray<double>();
            }
        }
    }

    [Test]
    public void SixteenCallersMatchSerialWithoutOversubscription()
    {
        // Warm-up: the backend, the pool and the JIT, outside both measurements.
        for (int i = 0; i < 60; i++) Op(0, i);
        SerialVsConcurrent.Check(Callers, PerCaller, Op);
    }
}
