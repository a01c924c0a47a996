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
}
