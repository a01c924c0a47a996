using System.Diagnostics;

namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// The look-ahead QR (native/src/linalg/nk_la_qr.c: geqrf and orgqr) that qr uses for real matrices with min(m, n)
/// of 256–1600 (geqrf) and 256–2000 (orgqr) on two threads: every mode gives the same Q and R as the backend's
/// routines (1 thread, where it does not apply) to rounding, Q·R = A with orthonormal Q, the same bits on every
/// run, and live NumPy's R.
/// </summary>
[TestFixture]
[NonParallelizable]
public class LookaheadQrTests
{
    // Square at the window's lower edge and inside it (48-column panels: 517 ends in a narrow one), tall, wide, and
    // a tall matrix in "complete" mode (Q is m × m, so orgqr generates more columns than there are reflectors).
    private static readonly object[] Cases =
    [
        new object[] { 256, 256, "reduced" },
        new object[] { 517, 517, "reduced" },
        new object[] { 900, 400, "reduced" },
        new object[] { 300, 700, "reduced" },
        new object[] { 700, 300, "complete" },
        new object[] { 517, 517, "r" },
        new object[] { 600, 350, "raw" },
    ];

    private int _saved;

    [SetUp]
    public void TwoThreads()
    {
        _saved = np.config.num_threads;
        np.config.num_threads = 2;
    }

    [TearDown]
    public void Restore() => np.config.num_threads = _saved;

    private static NDArray Matrix(int m, int n, int seed)
    {
        var rng = new Random(seed);
        var a = np.empty(new long[] { m, n });
        var s = a.AsSpan<double>();
        for (int i = 0; i < s.Length; i++) s[i] = rng.NextDouble() * 2 - 1;
        return a;
    }

    private static double MaxAbsDiff(NDArray x, NDArray y)
    {
        var a = x.astype(np.float64).ToArray<double>();
        var b = y.astype(np.float64).ToArray<double>();
        Assert.That(a.Length, Is.EqualTo(b.Length));
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }

    [TestCaseSource(nameof(Cases))]
    public void TwoThreadsAgreeWithTheBackendsRoutines(int m, int n, string mode)
    {
        using var scope = np.scope();
        var a = Matrix(m, n, m * 7 + n);
        var (q2, r2) = np.linalg.qr(a, mode);
        np.config.num_threads = 1;
        var (q1, r1) = np.linalg.qr(a, mode);
        Assert.That(r2.shape, Is.EqualTo(r1.shape));
        Assert.That(MaxAbsDiff(r2, r1), Is.LessThan(1e-12 * Math.Max(m, n)), "R (or raw h)");
        if (q1 is null)
        {
            Assert.That(q2, Is.Null);
            return;
        }
        Assert.That(q2!.shape, Is.EqualTo(q1.shape));
        Assert.That(MaxAbsDiff(q2, q1), Is.LessThan(1e-12 * Math.Max(m, n)), "Q (or raw tau)");
        if (mode == "raw") return;
        // Q·R = A (complete: Q's extra columns meet R's zero rows) and QᵀQ = I.
        Assert.That(MaxAbsDiff(np.matmul(q2, r2), a), Is.LessThan(1e-12 * Math.Max(m, n)));
        Assert.That(MaxAbsDiff(np.matmul(q2.T, q2), np.eye(q2.shape[1])), Is.LessThan(1e-12 * Math.Max(m, n)));
    }

    [Test]
    public void Float32TwoThreadsAgreeWithTheBackendsRoutines()
    {
        using var scope = np.scope();
        var a = Matrix(400, 300, 5).astype(np.float32);
        var (q2, r2) = np.linalg.qr(a);
        np.config.num_threads = 1;
        var (q1, r1) = np.linalg.qr(a);
        Assert.That(q2!.Dtype, Is.EqualTo(np.float32));
        Assert.That(MaxAbsDiff(r2, r1), Is.LessThan(1e-3));
        Assert.That(MaxAbsDiff(q2, q1!), Is.LessThan(1e-4));
    }

    [Test]
    public void TheSameBitsOnEveryRun()
    {
        using var scope = np.scope();
        var a = Matrix(517, 517, 3);
        var (q0, r0) = np.linalg.qr(a);
        var q = q0!.ToArray<double>();
        var r = r0.ToArray<double>();
        for (int i = 0; i < 3; i++)
        {
            var (qi, ri) = np.linalg.qr(a);
            Assert.That(qi!.ToArray<double>(), Is.EqualTo(q));
            Assert.That(ri.ToArray<double>(), Is.EqualTo(r));
        }
    }

    /// <summary>Live NumPy (/usr/bin/python3) on the same matrix: R's diagonal signs (LAPACK's reflectors) and values.</summary>
    [Test]
    public void MatchesLiveNumPy()
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Ignore("/usr/bin/python3 (NumPy) is not installed");
        using var scope = np.scope();
        string dir = Path.Combine(Path.GetTempPath(), $"lookahead-qr-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var a = Matrix(600, 450, 17);
            np.save(Path.Combine(dir, "a.npy"), a);
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(
                "import numpy as np, sys\n" +
                "d = sys.argv[1]\n" +
                "q, r = np.linalg.qr(np.load(f'{d}/a.npy'))\n" +
                "np.save(f'{d}/q.npy', q)\n" +
                "np.save(f'{d}/r.npy', r)\n");
            psi.ArgumentList.Add(dir);
            using (var p = Process.Start(psi)!)
            {
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.That(p.ExitCode, Is.Zero, err);
            }
            var (q, r) = np.linalg.qr(a);
            Assert.That(MaxAbsDiff(r, np.load(Path.Combine(dir, "r.npy"))), Is.LessThan(1e-11));
            Assert.That(MaxAbsDiff(q!, np.load(Path.Combine(dir, "q.npy"))), Is.LessThan(1e-11));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
