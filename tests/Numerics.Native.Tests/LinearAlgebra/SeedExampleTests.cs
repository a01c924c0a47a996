namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>The worked examples of the seed's NumPy guide, end to end through the public API.</summary>
[TestFixture]
public class SeedExampleTests
{
    [Test]
    public void SolvesTwoByTwoSystem()
    {
        // 3x + y = 9, x + 2y = 8  →  x = 2, y = 3
        using var scope = np.scope();
        var A = np.array<long>([[3, 1], [1, 2]]);
        var b = np.array<long>([9, 8]);
        var x = np.linalg.solve(A, b);
        Assert.That(x.dtype, Is.EqualTo(np.float64));
        Assert.That(x.ToArray<double>(), Is.EqualTo(new[] { 2.0, 3.0 }).Within(1e-15));
        using var check = np.dot(A, x);
        Assert.That(check.ToArray<double>(), Is.EqualTo(new[] { 9.0, 8.0 }).Within(1e-12));
    }

    [Test]
    public void PcaThroughEigOfCovariance()
    {
        using var scope = np.scope();
        // Points along the direction (2, 1) with a little spread across it.
        double[,] pts = { { 2, 1 }, { 4, 2.1 }, { 6, 2.9 }, { -2, -1 }, { -4, -2.05 }, { -6, -3 }, { 0.1, -0.1 }, { 1, 0.6 } };
        var X = np.array(pts);
        int n = pts.GetLength(0);
        // Centre by hand (reductions belong to another module): subtract the column means.
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += pts[i, 0]; my += pts[i, 1]; }
        mx /= n; my /= n;
        var c = new double[n, 2];
        for (int i = 0; i < n; i++) { c[i, 0] = pts[i, 0] - mx; c[i, 1] = pts[i, 1] - my; }
        var Xc = np.array(c);
        var cov = np.matmul(Xc.T, Xc);                      // ∝ covariance
        var (w, V) = np.linalg.eig(cov);
        Assert.That(w.dtype, Is.EqualTo(np.float64), "a symmetric matrix has real eigenvalues: real result (NumPy 2)");
        var wv = w.ToArray<double>();
        int top = wv[0] > wv[1] ? 0 : 1;
        double vx = V.item<double>(0, top), vy = V.item<double>(1, top);
        Assert.That(Math.Abs(vy / vx), Is.EqualTo(0.5).Within(0.02), "principal axis ≈ (2, 1)");
        // eig and eigh agree on a symmetric matrix (ascending from eigh).
        var (wh, _) = np.linalg.eigh(cov);
        var sorted = wv.OrderBy(v => v).ToArray();
        Assert.That(wh.ToArray<double>(), Is.EqualTo(sorted).Within(1e-9));
        _ = X;
    }

    [Test]
    public void LinearRegressionByNormalEquations()
    {
        using var scope = np.scope();
        // y = 1.5 + 2x exactly: the normal equations (XᵀX) β = Xᵀy give β = (1.5, 2).
        double[] xs = { 0, 1, 2, 3, 4, 5 };
        var design = new double[xs.Length, 2];
        var y = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++) { design[i, 0] = 1; design[i, 1] = xs[i]; y[i] = 1.5 + 2 * xs[i]; }
        var X = np.array(design);
        var Y = np.array(y);
        var beta = np.linalg.solve(np.matmul(X.T, X), np.matmul(X.T, Y));
        Assert.That(beta.ToArray<double>(), Is.EqualTo(new[] { 1.5, 2.0 }).Within(1e-12));
        var (bl, res, rank, s) = np.linalg.lstsq(X, Y);
        Assert.That(bl.ToArray<double>(), Is.EqualTo(new[] { 1.5, 2.0 }).Within(1e-12));
        Assert.That(rank, Is.EqualTo(2));
        Assert.That(s.shape, Is.EqualTo(new Shape(2)));
        Assert.That(res.ToArray<double>()[0], Is.EqualTo(0).Within(1e-20));
    }

    [Test]
    public void MatrixSquareRootThroughSvd()
    {
        using var scope = np.scope();
        // S symmetric positive definite: sqrt(S) = U diag(sqrt(s)) Vh, and sqrt(S) @ sqrt(S) = S.
        var S = np.array(new double[,] { { 4, 1, 0.5 }, { 1, 3, 0.2 }, { 0.5, 0.2, 2 } });
        var (U, s, Vh) = np.linalg.svd(S);
        var sv = s.ToArray<double>();
        var root = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double acc = 0;
                for (int k = 0; k < 3; k++) acc += U!.item<double>(i, k) * Math.Sqrt(sv[k]) * Vh!.item<double>(k, j);
                root[i, j] = acc;
            }
        var R = np.array(root);
        var back = np.matmul(R, R);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.That(back.item<double>(i, j), Is.EqualTo(S.item<double>(i, j)).Within(1e-12));
    }
}
