namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// The look-ahead LU (native/src/linalg/nk_la_lu.c) that det, slogdet, solve and inv use for real matrices of
/// order 200–1000 on two threads: the same answers as the backend's getrf (1 thread, where it does not apply) and as
/// live NumPy, to rounding; the same bits on every run; NumPy's singular-matrix behaviour when the zero pivot is
/// found in a later panel.
/// </summary>
[TestFixture]
[NonParallelizable]
public class LookaheadLuTests : TwoThreadLinalgFixture
{
    // The window's edges, one order inside, and orders that end in a narrow last panel (48-column panels).
    private static readonly int[] Orders = [200, 300, 517, 1000];

    // A modest diagonal shift keeps the condition number near 10–100 while pivoting still swaps rows.
    private static NDArray Matrix(int n, int seed, DType? dtype = null)
    {
        var a = Uniform(n, n, seed, shift: 2);
        if (dtype is null) return a;
        using (a) return a.astype(dtype);
    }

    private static (double sign, double logdet, NDArray x, NDArray inv) All(NDArray a, NDArray b)
    {
        var (sign, logdet) = np.linalg.slogdet(a);
        return (sign.item<double>(), logdet.item<double>(), np.linalg.solve(a, b), np.linalg.inv(a));
    }

    [TestCaseSource(nameof(Orders))]
    public void TwoThreadsAgreeWithTheBackendsGetrf(int n)
    {
        using var scope = np.scope();
        var a = Matrix(n, n);
        var b = Matrix(n, n + 1)[.., 0];
        var two = All(a, b);
        np.config.num_threads = 1;
        var one = All(a, b);
        Assert.That(two.sign, Is.EqualTo(one.sign), "sign (the pivots' parity)");
        Assert.That(two.logdet, Is.EqualTo(one.logdet).Within(1e-12 * Math.Abs(one.logdet) + 1e-12));
        Assert.That(MaxAbsDiff(two.x, one.x), Is.LessThan(1e-11 * MaxAbs(one.x)));
        Assert.That(MaxAbsDiff(two.inv, one.inv), Is.LessThan(1e-11 * MaxAbs(one.inv)));
        // And they are solutions: A x = b, A inv = I.
        Assert.That(MaxAbsDiff(np.matmul(a, two.x), b), Is.LessThan(1e-11 * n));
        Assert.That(MaxAbsDiff(np.matmul(a, two.inv), np.eye(n)), Is.LessThan(1e-11 * n));
    }

    /// <summary>No diagonal shift: partial pivoting swaps rows in nearly every column (the shifted matrices above
    /// keep most pivots on the diagonal), so the inverse's column interchanges are all exercised.</summary>
    [TestCase(300)]
    [TestCase(517)]
    public void HeavyPivotingAgreesWithTheBackendsGetrf(int n)
    {
        using var scope = np.scope();
        var a = Uniform(n, n, 900 + n);
        var (s2, l2) = np.linalg.slogdet(a);
        var inv2 = np.linalg.inv(a);
        var x2 = np.linalg.solve(a, np.ones(n));
        np.config.num_threads = 1;
        var (s1, l1) = np.linalg.slogdet(a);
        var inv1 = np.linalg.inv(a);
        var x1 = np.linalg.solve(a, np.ones(n));
        Assert.That(s2.item<double>(), Is.EqualTo(s1.item<double>()));
        Assert.That(l2.item<double>(), Is.EqualTo(l1.item<double>()).Within(1e-10 * Math.Abs(l1.item<double>())));
        Assert.That(MaxAbsDiff(inv2, inv1), Is.LessThan(1e-9 * MaxAbs(inv1)));
        Assert.That(MaxAbsDiff(x2, x1), Is.LessThan(1e-9 * MaxAbs(x1)));
        Assert.That(MaxAbsDiff(np.matmul(a, inv2), np.eye(n)), Is.LessThan(1e-9));
    }

    [Test]
    public void Float32TwoThreadsAgreeWithTheBackendsGetrf()
    {
        using var scope = np.scope();
        var a = Matrix(400, 7, np.float32);
        var two = np.linalg.inv(a);
        np.config.num_threads = 1;
        var one = np.linalg.inv(a);
        Assert.That(two.Dtype, Is.EqualTo(np.float32));
        Assert.That(MaxAbsDiff(two, one), Is.LessThan(1e-3 * MaxAbs(one)));
    }

    [Test]
    public void TheSameBitsOnEveryRun()
    {
        using var scope = np.scope();
        var a = Matrix(517, 3);
        var first = np.linalg.inv(a).ToArray<double>();
        double det = np.linalg.slogdet(a).logabsdet.item<double>();
        for (int r = 0; r < 5; r++)
        {
            Assert.That(np.linalg.inv(a).ToArray<double>(), Is.EqualTo(first));
            Assert.That(np.linalg.slogdet(a).logabsdet.item<double>(), Is.EqualTo(det));
        }
    }

    /// <summary>Several .NET threads at once: the gate runs the wide calls one at a time, each with the look-ahead
    /// (the token is per thread), and every caller gets the serial run's bits.</summary>
    [Test]
    public void ConcurrentCallersGetTheSerialBits()
    {
        using var scope = np.scope();
        var inputs = Enumerable.Range(0, 4).Select(i => Matrix(300 + 37 * i, 50 + i)).ToArray();
        foreach (var a in inputs) a.setflags(write: false);
        var serial = inputs.Select(a => np.linalg.inv(a).ToArray<double>()).ToArray();
        var results = new double[inputs.Length * 3][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            using var inner = np.scope();
            results[i] = np.linalg.inv(inputs[i % inputs.Length]).ToArray<double>();
        });
        for (int i = 0; i < results.Length; i++)
            Assert.That(results[i], Is.EqualTo(serial[i % inputs.Length]), $"caller {i}");
    }

    /// <summary>A zero column past the first panels: U(j, j) is exactly zero (the updates only ever add products
    /// with zero), so getrf reports it wherever the factorisation runs — det 0, slogdet (0, -inf), and NumPy's
    /// "Singular matrix" from solve and inv.</summary>
    [TestCase(300, 0)]
    [TestCase(300, 211)]
    [TestCase(1000, 999)]
    public void ZeroColumnInALaterPanelIsSingular(int n, int column)
    {
        using var scope = np.scope();
        var a = Matrix(n, 11);
        a[.., column] = np.zeros(n);
        var (sign, logdet) = np.linalg.slogdet(a);
        Assert.That(sign.item<double>(), Is.EqualTo(0.0));
        Assert.That(logdet.item<double>(), Is.EqualTo(double.NegativeInfinity));
        Assert.That(np.linalg.det(a).item<double>(), Is.EqualTo(0.0));
        Assert.That(() => np.linalg.solve(a, np.ones(n)), Throws.TypeOf<LinAlgError>().With.Message.EqualTo("Singular matrix"));
        Assert.That(() => np.linalg.inv(a), Throws.TypeOf<LinAlgError>().With.Message.EqualTo("Singular matrix"));
    }

    /// <summary>Live NumPy (/usr/bin/python3) on the same matrices: slogdet, solve and inv within rounding.</summary>
    [Test]
    public void MatchesLiveNumPy()
    {
        using var scope = np.scope();
        int[] orders = [300, 517];
        var inputs = new Dictionary<string, NDArray>();
        foreach (int n in orders)
        {
            inputs[$"a{n}"] = Matrix(n, 100 + n);
            inputs[$"b{n}"] = Matrix(n, 200 + n)[.., 0];
        }
        WithNumPy(inputs,
            "for n in (300, 517):\n" +
            "    a = np.load(f'{d}/a{n}.npy'); b = np.load(f'{d}/b{n}.npy')\n" +
            "    s, l = np.linalg.slogdet(a)\n" +
            "    np.save(f'{d}/sl{n}.npy', np.array([s, l]))\n" +
            "    np.save(f'{d}/x{n}.npy', np.linalg.solve(a, b))\n" +
            "    np.save(f'{d}/inv{n}.npy', np.linalg.inv(a))\n",
            dir =>
            {
                foreach (int n in orders)
                {
                    var ours = All(inputs[$"a{n}"], inputs[$"b{n}"]);
                    var sl = np.load(Path.Combine(dir, $"sl{n}.npy")).ToArray<double>();
                    Assert.That(ours.sign, Is.EqualTo(sl[0]), $"n = {n}: sign");
                    Assert.That(ours.logdet, Is.EqualTo(sl[1]).Within(1e-12 * Math.Abs(sl[1]) + 1e-12), $"n = {n}: logdet");
                    var x = np.load(Path.Combine(dir, $"x{n}.npy"));
                    var inv = np.load(Path.Combine(dir, $"inv{n}.npy"));
                    Assert.That(MaxAbsDiff(ours.x, x), Is.LessThan(1e-11 * MaxAbs(x)), $"n = {n}: solve");
                    Assert.That(MaxAbsDiff(ours.inv, inv), Is.LessThan(1e-11 * MaxAbs(inv)), $"n = {n}: inv");
                }
            });
    }
}
