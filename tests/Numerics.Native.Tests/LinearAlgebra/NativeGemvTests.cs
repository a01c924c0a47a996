namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// matmul's float64 matrix-vector products (A @ x and x @ A with A's rows contiguous) run in the kernel library's own
/// loops (nk_gemv.c), threaded for large A. Checked against the definition (each y[i] the sum of
/// A[i, j] x[j], summed here with compensation) on ragged shapes, a row-strided view, two threads,
/// NaN/inf propagation, and against live NumPy.
/// </summary>
public class NativeGemvTests : TwoThreadLinalgFixture
{
    /// <summary>The exact-enough reference: Neumaier-compensated sums, within a few ulps of the true dot product.</summary>
    private static double[] Reference(double[] a, int rows, int cols, int ld, double[] x)
    {
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double s = 0, comp = 0;
            for (int j = 0; j < cols; j++)
            {
                double p = a[i * ld + j] * x[j], t = s + p;
                comp += Math.Abs(s) >= Math.Abs(p) ? (s - t) + p : (p - t) + s;
                s = t;
            }
            y[i] = s + comp;
        }
        return y;
    }

    private static double Tol(int cols) => 4.0 * cols * cols * 2.220446049250313e-16;

    [TestCase(1, 8, 1)]
    [TestCase(3, 9, 1)]
    [TestCase(5, 17, 2)]
    [TestCase(64, 63, 1)]
    [TestCase(1001, 1003, 2)]   // threaded: r·c above the memory class's threshold
    [TestCase(2003, 1500, 1)]
    public void MatrixVectorProductsMatchTheDefinition(int rows, int cols, int threads)
    {
        np.config.num_threads = threads;
        using var scope = np.scope();
        var a = Uniform(rows, cols, rows * 7 + cols);
        var x = Uniform(cols, 1, cols)[.., 0].copy();
        var y = np.matmul(a, x).ToArray<double>();
        var want = Reference(a.ToArray<double>(), rows, cols, cols, x.ToArray<double>());
        for (int i = 0; i < rows; i++)
        {
            // A length-c float sum errs by at most about c·eps·Σ|a_ij x_j| ≤ c²·eps (values in [-1, 1)).
            if (Math.Abs(y[i] - want[i]) > Tol(cols)) Assert.Fail($"row {i}: {y[i]} vs {want[i]}");
        }
        // A view whose rows are further apart than their length (lda > cols) takes the same loop.
        var wide = Uniform(rows, cols + 5, rows + 3);
        var view = wide[.., ..cols];
        var yv = np.matmul(view, x).ToArray<double>();
        var wv = Reference(wide.ToArray<double>(), rows, cols, cols + 5, x.ToArray<double>());
        for (int i = 0; i < rows; i++)
            if (Math.Abs(yv[i] - wv[i]) > Tol(cols)) Assert.Fail($"view row {i}: {yv[i]} vs {wv[i]}");
    }

    [TestCase(8, 1, 1)]
    [TestCase(9, 3, 1)]
    [TestCase(17, 5, 2)]
    [TestCase(63, 64, 1)]
    [TestCase(1003, 1001, 2)]   // threaded
    [TestCase(2500, 1030, 1)]   // more than one column block of y
    public void VectorMatrixProductsMatchTheDefinition(int cols, int rows, int threads)
    {
        np.config.num_threads = threads;
        using var scope = np.scope();
        var a = Uniform(rows, cols, rows * 5 + cols);
        var x = Uniform(rows, 1, rows + 1)[.., 0].copy();
        var y = np.matmul(x, a).ToArray<double>();
        // The definition is A's transpose times x: the reference on Aᵀ laid out as rows.
        var at = np.ascontiguousarray(a.T).ToArray<double>();
        var want = Reference(at, cols, rows, rows, x.ToArray<double>());
        for (int j = 0; j < cols; j++)
            if (Math.Abs(y[j] - want[j]) > Tol(rows)) Assert.Fail($"column {j}: {y[j]} vs {want[j]}");
        var wide = Uniform(rows, cols + 3, rows + 7);
        var yv = np.matmul(x, wide[.., ..cols]).ToArray<double>();
        var wt = np.ascontiguousarray(wide[.., ..cols].T).ToArray<double>();
        var wv = Reference(wt, cols, rows, rows, x.ToArray<double>());
        for (int j = 0; j < cols; j++)
            if (Math.Abs(yv[j] - wv[j]) > Tol(rows)) Assert.Fail($"view column {j}: {yv[j]} vs {wv[j]}");
    }

    [Test]
    public void NaNAndInfinityPropagateByRow()
    {
        using var scope = np.scope();
        var a = Uniform(9, 16, 5);
        var s = a.AsSpan<double>();
        s[2 * 16 + 3] = double.NaN;
        s[6 * 16 + 15] = double.PositiveInfinity;
        var x = Uniform(16, 1, 6)[.., 0].copy();
        var y = np.matmul(a, x).ToArray<double>();
        for (int i = 0; i < 9; i++)
        {
            if (i == 2) Assert.That(double.IsNaN(y[i]), $"row {i}: {y[i]}");
            else if (i == 6) Assert.That(double.IsInfinity(y[i]), $"row {i}: {y[i]}");
            else Assert.That(double.IsFinite(y[i]), $"row {i}: {y[i]}");
        }
    }

    [Test]
    public void MatchesNumPy()
    {
        using var scope = np.scope();
        var inputs = new Dictionary<string, NDArray>
        {
            ["a"] = Uniform(777, 1234, 41), ["x"] = Uniform(1234, 1, 42)[.., 0].copy(), ["v"] = Uniform(777, 1, 43)[.., 0].copy(),
        };
        WithNumPy(inputs,
            "a = np.load(f'{d}/a.npy')\n" +
            "np.save(f'{d}/y.npy', a @ np.load(f'{d}/x.npy'))\n" +
            "np.save(f'{d}/yt.npy', np.load(f'{d}/v.npy') @ a)\n", dir =>
        {
            var theirs = np.load(Path.Combine(dir, "y.npy"));
            var ours = np.matmul(inputs["a"], inputs["x"]);
            Assert.That(ours.shape, Is.EqualTo(theirs.shape));
            Assert.That(MaxAbsDiff(ours, theirs), Is.LessThanOrEqualTo(1e-12 * MaxAbs(theirs)));
            var theirsT = np.load(Path.Combine(dir, "yt.npy"));
            var oursT = np.matmul(inputs["v"], inputs["a"]);
            Assert.That(oursT.shape, Is.EqualTo(theirsT.shape));
            Assert.That(MaxAbsDiff(oursT, theirsT), Is.LessThanOrEqualTo(1e-12 * MaxAbs(theirsT)));
        });
    }
}
