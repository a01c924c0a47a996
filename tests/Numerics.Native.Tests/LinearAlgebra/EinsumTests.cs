namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// np.einsum behaviour the NumPy fixtures (LinalgFixtureTests, "einsum/…") do not show: hand-derived values,
/// views, the plan cache, and the overloads. Expected values are worked out by hand in the comments.
/// </summary>
[TestFixture]
public class EinsumTests
{
    [Test]
    public void MatrixProductTraceAndDiagonalByHand()
    {
        using var scope = np.scope();
        var a = np.array<long>([[1, 2], [3, 4]]);
        var b = np.array<long>([[5, 6], [7, 8]]);
        // [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]] = [[19, 22], [43, 50]], exact in int64.
        var c = np.einsum("ij,jk->ik", a, b);
        Assert.That(c.dtype, Is.EqualTo(np.int64));
        Assert.That(c.ToArray<long>(), Is.EqualTo(new long[] { 19, 22, 43, 50 }));
        Assert.That((long)np.einsum("ii", a).item()!, Is.EqualTo(5));             // 1 + 4
        Assert.That(np.einsum("ii->i", a).ToArray<long>(), Is.EqualTo(new long[] { 1, 4 }));
        Assert.That((long)np.einsum("ij,ij->", a, b).item()!, Is.EqualTo(70));     // 5 + 12 + 21 + 32
        // Implicit output: "ba" sorts to "ab", a transpose.
        Assert.That(np.einsum("ba", a).ToArray<long>(), Is.EqualTo(new long[] { 1, 3, 2, 4 }));
    }

    [Test]
    public void DiagonalAndTransposeAreViewsAsInNumPy()
    {
        using var scope = np.scope();
        var a = np.array<double>([[1, 2], [3, 4]]);
        var d = np.einsum("ii->i", a);
        var t = np.einsum("ij->ji", a);
        Assert.That(np.shares_memory(d, a), Is.True);
        Assert.That(np.shares_memory(t, a), Is.True);
        var same = np.einsum("ij->ij", a);
        Assert.That(ReferenceEquals(same, a), Is.False, "a new array object, never the caller's");
        Assert.That(np.shares_memory(same, a), Is.True);
    }

    [Test]
    public void PlanCacheKeepsShapesApart()
    {
        using var scope = np.scope();
        // The same subscripts on other shapes must not reuse a plan: (1x3)(3x1) = 1·4+2·5+3·6 = 32, then a 2x2 product.
        var r1 = np.einsum("ij,jk->ik", np.array<long>([[1, 2, 3]]), np.array<long>([[4], [5], [6]]));
        Assert.That(r1.ToArray<long>(), Is.EqualTo(new long[] { 32 }));
        var r2 = np.einsum("ij,jk->ik", np.array<long>([[1, 0], [0, 2]]), np.array<long>([[3, 4], [5, 6]]));
        Assert.That(r2.ToArray<long>(), Is.EqualTo(new long[] { 3, 4, 10, 12 }));
        // Errors are raised on every call, not only the first.
        for (int i = 0; i < 2; i++)
        {
            var e = Assert.Throws<ValueError>(() => np.einsum("ij,jk->ik", np.ones((2, 3)), np.ones((2, 3))));
            Assert.That(e!.Message, Is.EqualTo("Size of label 'j' for operand 1 (3) does not match previous terms (2)."));
        }
    }

    [Test]
    public void ChainFollowsTheGreedyPathAndOutIsWritten()
    {
        using var scope = np.scope();
        var a = np.ones((10, 3));
        var b = np.ones((3, 12));
        var c = np.ones((12, 2));
        var (path, report) = np.einsum_path("ij,jk,kl->il", [a, b, c]);
        Assert.That(path[0], Is.EqualTo("einsum_path"));
        // Contracting b,c first (3x12 @ 12x2) is cheapest: NumPy's greedy path is [(1, 2), (0, 1)].
        Assert.That((int[])path[1], Is.EqualTo(new[] { 1, 2 }));
        Assert.That((int[])path[2], Is.EqualTo(new[] { 0, 1 }));
        Assert.That(report, Does.StartWith("  Complete contraction:  ij,jk,kl->il\n"));
        var o = np.zeros((10, 2));
        var r = np.einsum("ij,jk,kl->il", [a, b, c], optimize: "greedy", @out: o);
        Assert.That(ReferenceEquals(r, o), Is.True);
        Assert.That(o.ToArray<double>(), Is.All.EqualTo(36.0));                    // 3 · 12 ones
        Assert.Throws<KeyError>(() => np.einsum("ij,jk,kl->il", [a, b, c], optimize: "fastest"));
    }
}
