namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// The look-ahead QR (native/src/linalg/nk_la_qr.c: geqrf and orgqr) that qr uses for real matrices with min(m, n)
/// of 256–1600 (geqrf) and 256–2000 (orgqr) on two threads: every mode gives the same Q and R as the backend's
/// routines (1 thread, where it does not apply) to rounding, Q·R = A with orthonormal Q, the same bits on every
/// run, and live NumPy's R.
/// </summary>
[TestFixture]
[NonParallelizable]
public class LookaheadQrTests : TwoThreadLinalgFixture
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

    private static NDArray Matrix(int m, int n, int seed) => Uniform(m, n, seed);

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
        using var scope = np.scope();
        var a = Matrix(600, 450, 17);
        WithNumPy(new Dictionary<string, NDArray> { ["a"] = a },
            "q, r = np.linalg.qr(np.load(f'{d}/a.npy'))\nnp.save(f'{d}/q.npy', q)\nnp.save(f'{d}/r.npy', r)\n",
            dir =>
            {
                var (q, r) = np.linalg.qr(a);
                Assert.That(MaxAbsDiff(r, np.load(Path.Combine(dir, "r.npy"))), Is.LessThan(1e-11));
                Assert.That(MaxAbsDiff(q!, np.load(Path.Combine(dir, "q.npy"))), Is.LessThan(1e-11));
            });
    }
}
