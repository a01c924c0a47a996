using Numerics.Native.Tests.Infrastructure;

namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>The linear-algebra fixture suite under the reference BLAS/LAPACK (netlib), in a child process: the
/// backend is fixed per process (DESIGN §6.2).</summary>
[TestFixture]
public class LinalgBackendTests
{
    [Test]
    public void FixtureSuitePassesOnTheReferenceBackend()
    {
        var r = ChildProcess.Run("linalg-fixtures", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = "reference" }, 600_000);
        Assert.That(r.TryGetProperty("exception", out var ex) ? ex.GetString() : null, Is.Null,
            r.TryGetProperty("message", out var msg) ? msg.GetString() : "");
        Assert.That(r.GetProperty("name").GetString(), Is.EqualTo("reference"));
        Assert.That(r.GetProperty("lapack").GetString(), Does.Contain("/lapack/"), "LAPACK must be netlib's, not OpenBLAS's");
        int total = r.GetProperty("total").GetInt32(), failed = r.GetProperty("failed").GetInt32();
        Assert.That(total, Is.GreaterThan(4000));
        Assert.That(failed, Is.Zero, string.Join("\n", r.GetProperty("failures").EnumerateArray().Select(f => f.GetString())));
    }
}
