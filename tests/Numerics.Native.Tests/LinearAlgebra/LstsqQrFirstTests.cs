namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// lstsq of a tall real matrix (m ≥ int(1.6 n), where gelsd itself factors A = QR first) runs gelsd's steps one by
/// one (geqrf, Qᵀb blocked as ormqr, gelsd on R) so that only the QR uses the backend's threads. Compared with live
/// NumPy (which calls gelsd whole) on 1 and 2 threads: full rank, rank-deficient, several right-hand sides, a stack,
/// the 1.6 n boundary, and values so small or large that the path declines and leaves them to gelsd whole.
/// </summary>
public class LstsqQrFirstTests : TwoThreadLinalgFixture
{
    private static NDArray RankDeficient(int m, int n, int rank, int seed)
    {
        using var u = Uniform(m, rank, seed);
        using var v = Uniform(rank, n, seed + 1);
        return np.matmul(u, v);
    }

    private static NDArray Scaled(int m, int n, int seed, double factor)
    {
        var a = Uniform(m, n, seed);
        var span = a.AsSpan<double>();
        for (int i = 0; i < span.Length; i++) span[i] *= factor;
        return a;
    }

    [TestCase(1)]
    [TestCase(2)]
    public void TallLstsqMatchesNumPy(int threads)
    {
        np.config.num_threads = threads;
        using var scope = np.scope();
        var inputs = new Dictionary<string, NDArray>
        {
            ["a0"] = Uniform(2000, 200, 11),
            ["b0"] = Uniform(2000, 1, 12)[.., 0],
            ["a1"] = RankDeficient(900, 120, 37, 13),
            ["b1"] = Uniform(900, 4, 15),
            ["a2"] = Uniform(160, 100, 16),        // m = int(1.6 n): gelsd's QR-first path starts here
            ["b2"] = Uniform(160, 2, 17),
            ["a3"] = Uniform(159, 100, 18),        // one row short: gelsd whole
            ["b3"] = Uniform(159, 2, 19),
            ["a4"] = Scaled(500, 60, 20, 1e-200), // gelsd scales such values: the path declines
            ["b4"] = Uniform(500, 1, 21)[.., 0],
            ["a5"] = Scaled(500, 60, 22, 1e200),
            ["b5"] = Scaled(500, 1, 23, 1e250)[.., 0],
        };
        const int Cases = 6;
        WithNumPy(inputs,
            $"for i in range({Cases}):\n" +
            "    x, res, rank, s = np.linalg.lstsq(np.load(f'{d}/a{i}.npy'), np.load(f'{d}/b{i}.npy'), rcond=None)\n" +
            "    for k, v in dict(x=x, res=res, rank=np.array(rank), s=s).items():\n" +
            "        np.save(f'{d}/{k}{i}.npy', v)\n",
            dir =>
            {
                NDArray Load(string name) => np.load(Path.Combine(dir, name + ".npy"));
                for (int i = 0; i < Cases; i++)
                {
                    var (x, res, rank, s) = np.linalg.lstsq(inputs[$"a{i}"], inputs[$"b{i}"]);
                    Assert.That(rank, Is.EqualTo(Load($"rank{i}").item<long>()), $"case {i}: rank");
                    foreach (var (name, ours) in new[] { ("x", x), ("res", res), ("s", s) })
                    {
                        var theirs = Load($"{name}{i}");
                        Assert.That(ours.shape, Is.EqualTo(theirs.shape), $"case {i}: {name} shape");
                        if (theirs.size == 0) continue; // no residuals when the rank is short
                        // The same Householder steps, blocked alike: rounding differences only. The rank-deficient
                        // case's x depends on the cut-off's neighbourhood, so it gets a looser bound.
                        double tol = (i == 1 && name == "x" ? 1e-9 : 1e-11) * Math.Max(MaxAbs(theirs), double.Epsilon);
                        Assert.That(MaxAbsDiff(ours, theirs), Is.LessThanOrEqualTo(tol), $"case {i}: {name}");
                    }
                }
            });
    }
}
