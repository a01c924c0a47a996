using System.Text.Json;
using Numerics.Native.Interop;
using Numerics.Native.MathNet;
using Numerics.Native.Tests.Infrastructure;

namespace Numerics.Native.Tests.MathNet;

/// <summary>
/// <see cref="NumericsNativeProvider.IsAvailable"/> and <see cref="NumericsNativeProvider.Use"/> where no usable
/// backend loads, each in a child process (the backend is fixed per process): IsAvailable says false instead of
/// crashing, Use throws <see cref="NativeLibraryLoadException"/> with the load trace and the fix, Math.NET keeps its
/// managed provider and keeps computing correctly. The default backend is the control: there the same child
/// switches our provider on.
/// </summary>
[TestFixture]
public class ProviderAvailabilityTests
{
    private const string ManagedName = "Managed";

    // A missing file (the loader's reason is in the message), and a real CBLAS with no LAPACKE beside it (netlib's
    // libblas.so.3).
    [TestCase("/nonexistent/libnoblas.so", "cannot open shared object file")]
    [TestCase("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", "does not export LAPACKE_dgesv")]
    public void NoUsableBackend_IsAvailableIsFalse_UseThrowsWithTheFix_MathNetStaysManaged(string setting, string reason)
    {
        JsonElement r = ChildProcess.Run("mathnet", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = setting });
        Assert.That(r.TryGetProperty("exception", out JsonElement crash), Is.False, $"the child threw: {crash}: {r}");

        Assert.That(r.GetProperty("available").GetBoolean(), Is.False);
        Assert.That(r.GetProperty("available_again").GetBoolean(), Is.False);

        Assert.That(r.GetProperty("use_exception").GetString(), Is.EqualTo(typeof(NativeLibraryLoadException).FullName));
        string message = r.GetProperty("use_message").GetString()!;
        Assert.That(message, Does.Contain($"NUMERICS_NATIVE_BLAS={setting}"), "names the setting");
        Assert.That(message, Does.Contain(reason), "says why the attempt failed");
        Assert.That(message.Split(reason).Length - 1, Is.EqualTo(1), "lists the attempt once, though IsAvailable() tried twice before");
        Assert.That(message, Does.Contain("build/setup.sh").And.Contain("libopenblas0-pthread"), "says how to fix it");

        Assert.That(r.GetProperty("provider_before").GetString(), Does.StartWith(ManagedName));
        Assert.That(r.GetProperty("provider_after").GetString(), Does.StartWith(ManagedName), "Use() left Math.NET's provider as it was");
        Assert.That(r.GetProperty("provider_is_ours").GetBoolean(), Is.False);
        Assert.That(r.GetProperty("ours_describes_itself_as").GetString(), Is.EqualTo("Numerics.Native (unavailable)"));
        AssertMathNetComputes(r);
    }

    [Test]
    public void DefaultBackend_TheSameChildSwitchesOurProviderOn()
    {
        JsonElement r = ChildProcess.Run("mathnet", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = null });
        Assert.That(r.TryGetProperty("exception", out JsonElement crash), Is.False, $"the child threw: {crash}: {r}");
        Assert.That(r.GetProperty("available").GetBoolean(), Is.True);
        Assert.That(r.TryGetProperty("use_exception", out JsonElement e), Is.False, $"Use() threw {e}: {r}");
        Assert.That(r.GetProperty("provider_is_ours").GetBoolean(), Is.True);
        Assert.That(r.GetProperty("provider_after").GetString(), Does.StartWith("Numerics.Native (openblas"));
        AssertMathNetComputes(r);
    }

    private static void AssertMathNetComputes(JsonElement r)
    {
        Assert.That(r.GetProperty("solve_error").GetDouble(), Is.LessThan(1e-12), "Solve");
        Assert.That(r.GetProperty("svd_error").GetDouble(), Is.LessThan(1e-12), "Svd");
        Assert.That(r.GetProperty("evd_error").GetDouble(), Is.LessThan(1e-12), "symmetric Evd");
        Assert.That(r.GetProperty("complex32_inverse_error").GetDouble(), Is.LessThan(1e-3), "Complex32 Inverse");
    }
}
