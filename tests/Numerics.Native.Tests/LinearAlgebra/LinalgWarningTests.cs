namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// The DeprecationWarnings NumPy 2.2 (the contract) reports from linear algebra. The texts are NumPy's: qr's are what
/// NumPy 1.24 and 2.2 both warn (<c>numpy/linalg/_linalg.py</c>, checked against the 1.24 oracle); cross's is
/// NumPy 2.0's (<c>numpy/_core/numeric.py</c>), which the 1.24 oracle does not have.
/// </summary>
[TestFixture]
public class LinalgWarningTests
{
    private const string Full = "The 'full' option is deprecated in favor of 'reduced'.\nFor backward compatibility let mode default.";
    private const string Economic = "The 'economic' option is deprecated.";
    private const string Cross2 = "Arrays of 2-dimensional vectors are deprecated. Use arrays of 3-dimensional vectors instead. (deprecated in NumPy 2.0)";

    [Test]
    public void QrDeprecatedModesWarnAndStillWork()
    {
        using var a = np.arange(12.0).reshape(4, 3);
        using (np.warnings.catch_warnings(out var log))
        {
            np.warnings.simplefilter("always");
            var (q, r) = np.linalg.qr(a, "full");
            using (q) using (r)
            {
                Assert.That(q!.shape.ToArray(), Is.EqualTo(new long[] { 4, 3 }));
                Assert.That(r.shape.ToArray(), Is.EqualTo(new long[] { 3, 3 }));
            }
            var (none, h) = np.linalg.qr(a, "e");
            using (h)
            {
                Assert.That(none, Is.Null);
                Assert.That(h.shape.ToArray(), Is.EqualTo(new long[] { 4, 3 }));
            }
            Assert.That(log.Select(w => (w.category, w.Message)),
                Is.EqualTo(new[] { ("DeprecationWarning", Full), ("DeprecationWarning", Economic) }));
            Assert.That(log[0], Is.InstanceOf<DeprecationWarning>());
        }
    }

    [Test]
    public void CrossOfTwoVectorsWarnsAsNumPy2()
    {
        using var a = np.array(new[] { 1.0, 2.0 });
        using var b = np.array(new[] { 3.0, 4.0, 5.0 });
        using (np.warnings.catch_warnings(out var log))
        {
            np.warnings.simplefilter("always");
            using (np.cross(b, b)) { }
            Assert.That(log, Is.Empty);
            using (np.cross(a, b)) { }
            Assert.That(log.Select(w => (w.category, w.Message)), Is.EqualTo(new[] { ("DeprecationWarning", Cross2) }));
        }
    }

    private static NDArray Filled(long[] shape, double value, DType? dtype = null) => np.full(shape, value, dtype);

    /// <summary>
    /// The float flags NumPy's matmul and multiply ufuncs report (underflow ignored, its default errstate), and the
    /// products NumPy does not check (dot, inner, vdot, tensordot, einsum, multi_dot). Every expected list is what
    /// NumPy 1.24 recorded under <c>warnings.simplefilter('always')</c> for the same call.
    /// </summary>
    [Test]
    public void ProductsReportNumPysFloatingPointWarnings()
    {
        using var scope = np.scope();
        var a = Filled([3, 3], 1e300);
        const string OverMatmul = "overflow encountered in matmul", OverMultiply = "overflow encountered in multiply";
        var cases = new (string name, Func<NDArray> call, string[] expected)[]
        {
            ("matmul", () => np.matmul(a, a), [OverMatmul]),
            ("dot", () => np.dot(a, a), []),
            ("matvec", () => np.matmul(a, a[0]), [OverMatmul]),
            ("outer", () => np.outer(a[0], a[0]), [OverMultiply]),
            ("kron", () => np.kron(a, a), [OverMultiply]),
            ("kron0", () => np.kron(np.array(1e300), a), [OverMultiply]),
            ("inner", () => np.inner(a, a), []),
            ("vdot", () => np.vdot(a, a), []),
            ("tensordot", () => np.tensordot(a, a), []),
            ("einsum", () => np.einsum("ij,jk", a, a), []),
            ("multi_dot", () => np.linalg.multi_dot(a, a, a), []),
            ("matrix_power 2", () => np.linalg.matrix_power(a, 2), [OverMatmul]),
            ("matrix_power 5", () => np.linalg.matrix_power(a, 5), [OverMatmul]),
            ("small", () => np.matmul(Filled([2, 2], 1e300), Filled([2, 2], 1e300)), [OverMatmul]),
            ("stack", () => np.matmul(Filled([4, 2, 2], 1e300), Filled([2, 2], 1e300)), [OverMatmul]),
            ("invalid", () => np.matmul(Filled([2, 2], double.PositiveInfinity), np.zeros((2, 2))), ["invalid value encountered in matmul"]),
            ("float32", () => np.matmul(Filled([2, 2], 1e30, np.float32), Filled([2, 2], 1e30, np.float32)), [OverMatmul]),
            ("float16", () => np.matmul(Filled([2, 2], 300, np.float16), Filled([2, 2], 300, np.float16)), [OverMatmul]),
            ("float16 outer", () => np.outer(Filled([2], 300, np.float16), Filled([2], 300, np.float16)), [OverMultiply]),
            ("underflow", () => np.matmul(Filled([2, 2], 1e-300), Filled([2, 2], 1e-300)), []),
            ("int64", () => np.matmul(np.full(new long[] { 2, 2 }, 1L << 62), np.full(new long[] { 2, 2 }, 1L << 62)), []),
            ("blas 300", () => np.matmul(Filled([300, 300], 1e300), Filled([300, 300], 1e300)), [OverMatmul]),
            ("finite", () => np.matmul(Filled([2, 2], 2.0), Filled([2, 2], 3.0)), []),
        };
        foreach (var (name, call, expected) in cases)
        {
            using (np.warnings.catch_warnings(out var log))
            {
                np.warnings.simplefilter("always");
                call();
                Assert.That(log.Select(w => (w.category, w.Message)), Is.EqualTo(expected.Select(m => ("RuntimeWarning", m))), name);
            }
        }
    }

    /// <summary>
    /// np.cross is NumPy's sequence of multiply and subtract calls: float16 rounds every product and difference to
    /// half, and each call reports its own float flags in order. Values and RuntimeWarnings are NumPy 1.24's for the
    /// same inputs (<c>warnings.simplefilter('always')</c>; the 2-vector cases also give NumPy 2's DeprecationWarning).
    /// </summary>
    [Test]
    public void CrossGivesNumPysValuesAndWarningsCallByCall()
    {
        using var scope = np.scope();
        const string M = "overflow encountered in multiply", S = "invalid value encountered in subtract";
        double inf = double.PositiveInfinity, nan = double.NaN;
        NDArray F16(params double[] v) => np.array(v).astype(np.float16);
        var cases = new (string name, NDArray a, NDArray b, double[] expected, string[] warnings)[]
        {
            ("3x3 overflow", Filled([3], 1e300), Filled([3], 5e299), [nan, nan, nan], [M, M, S, M, M, S, M, M, S]),
            ("float16 a", F16(300, 1, 2), F16(3, 300, 1), [-599.0, -294.0, inf], [M]),
            ("float16 b", F16(1.001, 3.7, 2.2), F16(3.3, 1.9, 7.1), [22.09375, 0.1484375, -10.3125], []),
            ("float16 c", F16(300, 300, 2), F16(300, 300, 1), [-300.0, 300.0, nan], [M, M, S]),
            ("2x2", np.array(new[] { 1e300, 1.0 }), np.array(new[] { 1.0, 1e300 }), [inf], [M]),
            ("2x3", np.array(new[] { 1e300, 2.0 }), np.array(new[] { 1.0, 3.0, 1e300 }), [2e300, -inf, 3e300], [M]),
            ("3x2", np.array(new[] { 1.0, 2.0, 1e300 }), np.array(new[] { 1e300, 3.0 }), [-3e300, inf, -2e300], [M]),
            ("inf", np.array(new[] { inf, 1, 0 }), np.array(new[] { 1.0, 1, 0 }), [0.0, nan, inf], ["invalid value encountered in multiply"]),
            ("batch", np.array(new double[][] { [1e300, 1, 2], [1, 2, 3] }), np.array(new[] { 3.0, 1e300, 1 }),
                [-2e300, -1e300, inf, -3e300, 8.0, 1e300], [M]),
        };
        foreach (var (name, a, b, expected, warnings) in cases)
        {
            using (np.warnings.catch_warnings(out var log))
            {
                np.warnings.simplefilter("always");
                var r = np.cross(a, b);
                Assert.That(r.Dtype, Is.EqualTo(a.Dtype), name);
                Assert.That(r.astype(np.float64).ToArray<double>(), Is.EqualTo(expected), name);
                Assert.That(log.OfType<RuntimeWarning>().Select(w => w.Message), Is.EqualTo(warnings), name);
            }
        }
        using (np.warnings.catch_warnings(out var log))
        {
            np.warnings.simplefilter("always");
            var c = np.cross(np.array(new long[] { 1L << 62, 3, 1 }), np.array(new long[] { 4, 1L << 62, 5 }));
            Assert.That(c.ToArray<long>(), Is.EqualTo(new[] { -4611686018427387889L, -4611686018427387900L, -12L }));
            Assert.That(log, Is.Empty, "integers wrap silently");
        }
    }

    /// <summary>
    /// The overflow warnings of NumPy's norm calls when a norm of large values comes out infinite: its elementwise
    /// call (multiply for squares, power for |x|^p; the complex square's imaginary part also goes invalid), add.reduce,
    /// and the final power (square for 1/p = 2, scalar power on a 0-d sum). Its fast path (dot, axis=None) and the
    /// SVD orders warn nothing. Expected lists are NumPy 1.24's under <c>warnings.simplefilter('always')</c>.
    /// </summary>
    [Test]
    public void NormsReportNumPysOverflowWarnings()
    {
        using var scope = np.scope();
        const string Mul = "overflow encountered in multiply", Red = "overflow encountered in reduce", Pow = "overflow encountered in power";
        var big = Filled([3, 3], 1e300);
        var cases = new (string name, Func<NDArray> call, string[] expected)[]
        {
            ("axis None", () => np.linalg.norm(big), []),
            ("axis 0", () => np.linalg.norm(big, axis: 0), [Mul]),
            ("axis 0, 1e200", () => np.linalg.norm(Filled([3, 3], 1e200), axis: 0), [Mul]),
            ("sum", () => np.linalg.norm(Filled([3], 1e154), axis: 0), [Red]),
            ("ord 1 axis 0", () => np.linalg.norm(Filled([3, 3], 1e308), 1, axis: 0), [Red]),
            ("ord 3 axis 0", () => np.linalg.norm(Filled([3, 3], 1e200), 3, axis: 0), [Pow]),
            ("ord inf axis 0", () => np.linalg.norm(big, double.PositiveInfinity, axis: 0), []),
            ("fro axes", () => np.linalg.norm(big, "fro", axis: new[] { 0, 1 }), [Mul]),
            ("fro", () => np.linalg.norm(big, "fro"), []),
            ("matrix 1", () => np.linalg.norm(Filled([3, 3], 1e308), 1), [Red]),
            ("matrix inf", () => np.linalg.norm(Filled([3, 3], 1e308), double.PositiveInfinity), [Red]),
            ("matrix -1", () => np.linalg.norm(Filled([3, 3], 1e308), -1), [Red]),
            ("nuc", () => np.linalg.norm(big, "nuc"), []),
            ("1-d ord 3", () => np.linalg.norm(Filled([3], 1e200), 3), [Pow]),
            ("1-d ord 1", () => np.linalg.norm(Filled([3], 1e308), 1), [Red]),
            ("root 0-d", () => np.linalg.norm(Filled([3], 1e308), 0.5), ["overflow encountered in scalar power"]),
            ("root square", () => np.linalg.norm(Filled([3, 2], 1e308), 0.5, axis: 0), ["overflow encountered in square"]),
            ("vector_norm", () => np.linalg.vector_norm(big), [Mul]),
            ("with an inf", () => np.linalg.norm(np.array(new[] { double.PositiveInfinity, 1e300 }), axis: 0), [Mul]),
            ("float32", () => np.linalg.norm(Filled([3], 1e20, np.float32), axis: 0), [Mul]),
            ("complex128", () => np.linalg.norm(np.array(Enumerable.Repeat(new System.Numerics.Complex(1e200, 1e200), 3).ToArray()), axis: 0),
                [Mul, "invalid value encountered in multiply"]),
        };
        foreach (var (name, call, expected) in cases)
        {
            using (np.warnings.catch_warnings(out var log))
            {
                np.warnings.simplefilter("always");
                var r = call();
                Assert.That(r.astype(np.float64).ToArray<double>().All(double.IsPositiveInfinity) || expected.Length == 0, name);
                Assert.That(log.Select(w => (w.category, w.Message)), Is.EqualTo(expected.Select(m => ("RuntimeWarning", m))), name);
            }
        }
    }

    /// <summary>
    /// float16 2-norms and Frobenius norms round at each of NumPy's calls (squares, sum, square root), so squares above
    /// 65504 are inf, with NumPy's warning on the axis paths and none on its dot fast path. Values are NumPy 1.24's.
    /// </summary>
    [Test]
    public void Float16TwoNormsRoundAsNumPysCalls()
    {
        using var scope = np.scope();
        var x = np.array(new double[][] { [300, 1.1], [2.3, 0.7] }).astype(np.float16);
        var z = (np.arange(1.0, 40.0).astype(np.float64)).reshape(3, 13);
        var zs = z.AsSpan<double>();
        for (int i = 0; i < zs.Length; i++) zs[i] *= 1.37;
        z = z.astype(np.float16);
        double inf = double.PositiveInfinity;
        const string Mul = "overflow encountered in multiply";
        var cases = new (string name, Func<NDArray> call, double[] expected, string[] warnings)[]
        {
            ("axis 0", () => np.linalg.norm(x, axis: 0), [inf, 1.3037109375], [Mul]),
            ("axis 1", () => np.linalg.norm(x, axis: 1), [inf, 2.404296875], [Mul]),
            ("flat", () => np.linalg.norm(x), [inf], []),
            ("fro axes", () => np.linalg.norm(x, "fro", axis: new[] { 0, 1 }), [inf], [Mul]),
            ("ord 1 axis 0", () => np.linalg.norm(x, 1, axis: 0), [302.25, 1.7998046875], []),
            ("matrix inf", () => np.linalg.norm(x, double.PositiveInfinity), [301.0], []),
            ("z axis 1", () => np.linalg.norm(z, axis: 1), [39.21875, 100.5, 164.0], []),
            ("z flat", () => np.linalg.norm(z), [196.375], []),
            ("z fro (1, 0)", () => np.linalg.norm(z, "fro", axis: new[] { 1, 0 }), [196.375], []),
            ("z keepdims", () => np.linalg.norm(z, axis: new[] { 0, 1 }, keepdims: true), [196.375], []),
        };
        foreach (var (name, call, expected, warnings) in cases)
        {
            using (np.warnings.catch_warnings(out var log))
            {
                np.warnings.simplefilter("always");
                var r = call();
                Assert.That(r.Dtype, Is.EqualTo(np.float16), name);
                Assert.That(r.astype(np.float64).ToArray<double>(), Is.EqualTo(expected), name);
                Assert.That(log.Select(w => w.Message), Is.EqualTo(warnings), name);
            }
        }
        Assert.That(np.linalg.norm(z, axis: 1, keepdims: true).shape, Is.EqualTo(new long[] { 3, 1 }));
        Assert.That(np.linalg.norm(z, keepdims: true).shape, Is.EqualTo(new long[] { 1, 1 }));
    }
}
