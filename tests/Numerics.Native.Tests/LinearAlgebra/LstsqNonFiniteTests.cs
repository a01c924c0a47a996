namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// lstsq checks its copy of A for NaN/inf block by block while gathering it (nk_la_copy.c la_gather_finite): a NaN
/// or ±inf anywhere, real or imaginary part, in any column block, is NumPy 2's LinAlgError "SVD did not converge in
/// Linear Least Squares"; the largest and the subnormal finite values are not. 2000 × 40 spans three column blocks
/// (16 columns of 2000 doubles each fill the 128 KiB block; float32 fills one and a half).
/// </summary>
[TestFixture]
public class LstsqNonFiniteTests
{
    private static readonly string[] Types = ["float32", "float64", "complex64", "complex128"];

    private static NDArray Extremes(string dtype)
    {
        // NumPy 1.24 solves this one (rank 2, all of x finite) in every one of the four types (in double precision).
        bool single = dtype is "float32" or "complex64";
        double big = single ? 3e38 : 1e300, tiny = single ? 1e-45 : 5e-324;
        var values = new long[2000 * 40];
        for (int k = 0; k < values.Length; k++) values[k] = k % 7 + 1;
        using var ints = np.array(values);
        using var square = ints.reshape(2000, 40);
        var a = square.astype(dtype);
        a[0, 0] = np.array(big).astype(dtype);
        a[1999, 39] = np.array(tiny).astype(dtype);
        a[5, 17] = np.array(-big).astype(dtype);
        return a;
    }

    [Test]
    public void TheExtremeFiniteValuesSolve()
    {
        using var scope = np.scope();
        foreach (var t in Types)
        {
            var (x, _, rank, _) = np.linalg.lstsq(Extremes(t), np.ones(2000, t));
            // NumPy's rank; float32/complex64 run in single precision here (numpy-differences.md §9), where the
            // default cut-off eps64 × 2000 keeps the rounding-noise singular values.
            if (t is "float64" or "complex128") Assert.That(rank, Is.EqualTo(2), t);
            Assert.That(x.astype("complex128").ToArray<System.Numerics.Complex>().All(z => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary)), Is.True, t);
        }
    }

    [Test]
    public void ANonFiniteElementAnywhereIsNumPysLinAlgError()
    {
        using var scope = np.scope();
        (int, int)[] places = [(0, 0), (1999, 39), (0, 16), (1999, 15), (1000, 32), (7, 31)];
        double[] bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var t in Types)
        {
            var b = np.ones(2000, t);
            foreach (var (i, j) in places)
            foreach (var v in bad)
            foreach (bool imaginary in t.StartsWith("complex") ? new[] { false, true } : [false])
            {
                var a = Extremes(t);
                a[i, j] = imaginary ? np.array(new System.Numerics.Complex(1, v)).astype(t) : np.array(v).astype(t);
                Assert.That(() => np.linalg.lstsq(a, b), Throws.InstanceOf<LinAlgError>()
                    .With.Message.EqualTo("SVD did not converge in Linear Least Squares"), $"{t} {v} at ({i}, {j}) imag={imaginary}");
                // The same through a transposed (F-ordered) view, which gathers by columns instead of transposing.
                var f = np.asfortranarray(a);
                Assert.That(() => np.linalg.lstsq(f, b), Throws.InstanceOf<LinAlgError>(), $"{t} F-order");
            }
        }
    }
}
