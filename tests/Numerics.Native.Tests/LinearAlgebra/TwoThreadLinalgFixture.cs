using System.Diagnostics;

namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// What the look-ahead factorisation tests share: every test runs with <c>np.config.num_threads = 2</c> (where the
/// look-ahead applies) and may drop to 1 to get the backend's own routine; uniform random matrices; max-abs
/// differences; and a live NumPy run over .npy files in a scratch folder.
/// </summary>
public abstract class TwoThreadLinalgFixture
{
    private int _saved;

    [SetUp]
    public void TwoThreads()
    {
        _saved = np.config.num_threads;
        np.config.num_threads = 2;
    }

    [TearDown]
    public void Restore() => np.config.num_threads = _saved;

    /// <summary>An m × n float64 matrix of uniform values in [-1, 1), plus <paramref name="shift"/> on the diagonal.</summary>
    protected static NDArray Uniform(int m, int n, int seed, double shift = 0)
    {
        var rng = new Random(seed);
        var a = np.empty(new long[] { m, n });
        var s = a.AsSpan<double>();
        for (int i = 0; i < s.Length; i++) s[i] = rng.NextDouble() * 2 - 1;
        for (int i = 0; i < Math.Min(m, n); i++) s[i * n + i] += shift;
        return a;
    }

    protected static double MaxAbsDiff(NDArray x, NDArray y)
    {
        var a = x.astype(np.float64).ToArray<double>();
        var b = y.astype(np.float64).ToArray<double>();
        Assert.That(a.Length, Is.EqualTo(b.Length));
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }

    protected static double MaxAbs(NDArray x) => x.astype(np.float64).ToArray<double>().Max(Math.Abs);

    /// <summary>Saves <paramref name="inputs"/> as name.npy in a scratch folder, runs <paramref name="script"/>
    /// under /usr/bin/python3 with the folder as sys.argv[1], hands the folder to <paramref name="check"/> (which
    /// loads what the script saved), then deletes the folder. Ignored where NumPy is not installed.</summary>
    protected static void WithNumPy(IReadOnlyDictionary<string, NDArray> inputs, string script, Action<string> check)
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Ignore("/usr/bin/python3 (NumPy) is not installed");
        string dir = Path.Combine(Path.GetTempPath(), $"numpy-live-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var (name, a) in inputs) np.save(Path.Combine(dir, name + ".npy"), a);
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import numpy as np, sys\nd = sys.argv[1]\n" + script);
            psi.ArgumentList.Add(dir);
            using (var p = Process.Start(psi)!)
            {
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.That(p.ExitCode, Is.Zero, err);
            }
            check(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
