using System.Numerics;

namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// lstsq and pinv of float32/complex64 input compute in double precision and round, as NumPy does
/// (numpy-differences.md §9): their default cut-offs (eps64 × max(M, N), 1e-15) lie below single precision's
/// rounding noise, so the s/c routines would count the noise as rank. Compared with live NumPy on matrices of exact
/// rank 2 (integer factors, so the float32 values are exact) and on full-rank ones.
/// </summary>
public class SinglePrecisionCutoffTests : TwoThreadLinalgFixture
{
    /// <summary>An m × n matrix of exact rank 2: small-integer factors U (m × 2) and V (2 × n), so every value is an
    /// exact float32 (complex64: integer real and imaginary parts).</summary>
    private static NDArray RankTwo(int m, int n, int seed, DType dtype)
    {
        var rng = new Random(seed);
        bool complex = dtype == np.complex64;
        Complex Draw() => new(rng.Next(-3, 4), complex ? rng.Next(-3, 4) : 0);
        var u = new Complex[m * 2];
        var v = new Complex[2 * n];
        for (int i = 0; i < u.Length; i++) u[i] = Draw();
        for (int i = 0; i < v.Length; i++) v[i] = Draw();
        var a = np.empty(new long[] { m, n }, complex ? np.complex128 : np.float64);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                var x = u[2 * i] * v[j] + u[2 * i + 1] * v[n + j];
                if (complex) a.AsSpan<Complex>()[i * n + j] = x;
                else a.AsSpan<double>()[i * n + j] = x.Real;
            }
        }
        return a.astype(dtype);
    }

    /// <summary>A full-rank m × n matrix: uniform real parts (and imaginary parts for complex64).</summary>
    private static NDArray FullRank(int m, int n, int seed, DType dtype)
    {
        if (dtype != np.complex64) return Uniform(m, n, seed).astype(dtype);
        var re = Uniform(m, n, seed).ToArray<double>();
        var im = Uniform(m, n, seed + 1000).ToArray<double>();
        var a = np.empty(new long[] { m, n }, np.complex128);
        var s = a.AsSpan<Complex>();
        for (int i = 0; i < s.Length; i++) s[i] = new Complex(re[i], im[i]);
        return a.astype(dtype);
    }

    [TestCase("float32")]
    [TestCase("complex64")]
    public void LstsqAndPinvMatchNumPy(string dtype)
    {
        using var scope = np.scope();
        var dt = np.dtype(dtype);
        var inputs = new Dictionary<string, NDArray>
        {
            ["a0"] = RankTwo(2000, 40, 1, dt),
            ["b0"] = FullRank(2000, 3, 2, dt),
            ["a1"] = FullRank(300, 20, 3, dt),
            ["b1"] = FullRank(300, 1, 5, dt)[.., 0],
            ["a2"] = RankTwo(30, 7, 6, dt).reshape(6, 5, 7),
        };
        WithNumPy(inputs,
            "for i in (0, 1):\n" +
            "    a = np.load(f'{d}/a{i}.npy'); b = np.load(f'{d}/b{i}.npy')\n" +
            "    x, res, rank, s = np.linalg.lstsq(a, b, rcond=None)\n" +
            "    for k, v in dict(x=x, res=res, rank=np.array(rank), s=s, p=np.linalg.pinv(a)).items():\n" +
            "        np.save(f'{d}/{k}{i}.npy', v)\n" +
            "np.save(f'{d}/p2.npy', np.linalg.pinv(np.load(f'{d}/a2.npy')))\n",
            dir =>
            {
                NDArray Load(string name) => np.load(Path.Combine(dir, name + ".npy"));
                for (int i = 0; i < 2; i++)
                {
                    var (x, res, rank, s) = np.linalg.lstsq(inputs[$"a{i}"], inputs[$"b{i}"]);
                    Assert.That(rank, Is.EqualTo(Load($"rank{i}").item<long>()), $"case {i}: rank");
                    foreach (var (name, ours) in new[] { ("x", x), ("res", res), ("s", s), ("p", np.linalg.pinv(inputs[$"a{i}"])) })
                    {
                        var theirs = Load($"{name}{i}");
                        Assert.That(ours.Dtype, Is.EqualTo(theirs.Dtype), $"case {i}: {name} dtype");
                        Assert.That(ours.shape, Is.EqualTo(theirs.shape), $"case {i}: {name} shape");
                        // Both round a double-precision result: a few float32 ulps of the largest value.
                        Assert.That(ComplexDiff(ours, theirs), Is.LessThanOrEqualTo(1e-6 * ComplexMax(theirs)), $"case {i}: {name}");
                    }
                }
                var p2 = np.linalg.pinv(inputs["a2"]);
                var n2 = Load("p2");
                Assert.That(p2.Dtype, Is.EqualTo(n2.Dtype));
                Assert.That(ComplexDiff(p2, n2), Is.LessThanOrEqualTo(1e-6 * ComplexMax(n2)), "stacked pinv");
            });
    }

    private static Complex[] Values(NDArray a) => a.astype(np.complex128).ToArray<Complex>();

    private static double ComplexMax(NDArray a) => Values(a).Select(Complex.Abs).DefaultIfEmpty(0).Max();

    private static double ComplexDiff(NDArray x, NDArray y)
    {
        Complex[] a = Values(x), b = Values(y);
        Assert.That(a.Length, Is.EqualTo(b.Length));
        return a.Zip(b, (p, q) => Complex.Abs(p - q)).DefaultIfEmpty(0).Max();
    }
}
