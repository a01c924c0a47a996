using System.Text.Json;
using Numerics.Native.ChildHost;
using Numerics.Native.Interop;
using Numerics.Native.Tests.Infrastructure;

namespace Numerics.Native.Tests.Interop;

/// <summary>The resolver: each backend really serves BLAS and LAPACK, and failures explain themselves.</summary>
[TestFixture]
public class BackendTests
{
    [Test]
    public void DefaultBackend_BindingChecksPassInProcess()
    {
        foreach (var (name, error) in BindingChecks.RunAll())
        {
            Assert.That(error, Is.Null, name);
        }
        Assert.That(NativeBackend.Name, Is.EqualTo("openblas"));
        Assert.That(NativeBackend.LapackPath, Does.Contain("openblas-pthread"));
    }

    // Netlib's xerbla_ STOPs and its cblas_xerbla exits: a bad argument, or an inf that LAPACK turns into a NaN
    // scale factor inside dgesdd, ended the process. The interop's handlers print and return on every backend.
    [TestCase("openblas")]
    [TestCase("reference")]
    [TestCase("blis")]
    public void Backend_ErrorHandlersReturnInsteadOfEndingTheProcess(string backend)
    {
        JsonElement r = ChildProcess.Run("xerbla", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = backend });
        Assert.That(r.TryGetProperty("exception", out var ex), Is.False, ex.ToString() + " " + (r.TryGetProperty("message", out var m) ? m.ToString() : ""));
        Assert.That(r.GetProperty("name").GetString(), Is.EqualTo(backend));
        Assert.That(r.GetProperty("alive").GetBoolean(), Is.True);
        Assert.That(r.GetProperty("dlascl_nan_info").GetInt32(), Is.EqualTo(-5), "LAPACKE reports DLASCL's INFO = -4 as its own parameter 5");
        Assert.That(r.GetProperty("dgemm_bad_lda_c").GetString(), Is.EqualTo("7,7,7,7"), "an illegal call must not touch C");
        Assert.That(r.GetProperty("cblas_bad_order_c").GetString(), Is.EqualTo("7,7,7,7"));
        Assert.That(r.GetProperty("svdvals_inf").GetString(), Is.Not.Empty);
    }

    // HessenbergShifts: the backend's LAPACK asks our iparmq_, which answers as the backend's own except for ?hseqr's
    // shift count and window at orders 150–589 on a thread that asked for fewer. Expected counts by hand from
    // LAPACK's rule n / round(log2 n), made even: 200 → 24, 300 → 36, 450 → 50, 589 → 64 (≥ 590: 64, < 150: 10);
    // two thirds of it, made even, at least 16: 16, 24, 32, 42.
    [TestCase("openblas")]
    [TestCase("reference")]
    [TestCase("blis")]
    public void Backend_FewerHessenbergShiftsReachTheBackendsLapackOnTheCallingThreadOnly(string backend)
    {
        JsonElement r = ChildProcess.Run("shifts", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = backend });
        Assert.That(r.TryGetProperty("exception", out var ex), Is.False, ex.ToString() + " " + (r.TryGetProperty("message", out var m) ? m.ToString() : ""));
        Assert.That(r.GetProperty("name").GetString(), Is.EqualTo(backend));
        Assert.That(r.GetProperty("off_mismatches").GetString(), Is.Empty);
        static string Counts(JsonElement e) => string.Join(",", e.EnumerateObject().Select(p => $"{p.Name}:{p.Value.GetInt32()}"));
        Assert.That(Counts(r.GetProperty("off_ns")), Is.EqualTo("100:10,150:20,200:24,300:36,450:50,589:64,590:64,1000:64"));
        Assert.That(Counts(r.GetProperty("on_ns")), Is.EqualTo("100:10,150:16,200:16,300:24,450:32,589:42,590:64,1000:64"));
        Assert.That(Counts(r.GetProperty("on_nw")), Is.EqualTo("100:10,150:16,200:16,300:24,450:32,589:42,590:96,1000:96"));
        Assert.That(r.GetProperty("other_thread_ns_300").GetInt32(), Is.EqualTo(36), "another thread keeps LAPACK's choice");
        Assert.That(r.GetProperty("after_ns_300").GetInt32(), Is.EqualTo(36), "disposing the scope restores it");
    }

    // Which file serves dgesv_ (dladdr of LAPACKE's own lookup) proves LAPACK switched with the backend.
    [TestCase("openblas", "/openblas-pthread/", "/openblas-pthread/")]
    [TestCase("openblas-pthread", "/openblas-pthread/", "/openblas-pthread/")]
    [TestCase("openblas-openmp", "/openblas-openmp/", "/openblas-openmp/")]
    [TestCase("reference", "/blas/libblas.so.3", "/lapack/liblapack.so.3")]
    [TestCase("blis", "/blis-pthread/", "/lapack/liblapack.so.3")]
    public void Backend_ServesBlasAndLapackFromItsOwnFiles(string backend, string blasPart, string lapackPart)
    {
        JsonElement r = ChildProcess.Run("backend", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = backend });
        Assert.That(r.TryGetProperty("exception", out var ex), Is.False, ex.ToString() + " " + (r.TryGetProperty("message", out var m) ? m.ToString() : ""));
        foreach (JsonProperty check in r.GetProperty("checks").EnumerateObject())
        {
            Assert.That(check.Value.ValueKind, Is.EqualTo(JsonValueKind.Null), $"{backend} {check.Name}: {check.Value}");
        }
        Assert.That(r.GetProperty("blas").GetString(), Does.Contain(blasPart));
        Assert.That(r.GetProperty("lapack").GetString(), Does.Contain(lapackPart));
    }

    [Test]
    public void MissingLibrary_OneExceptionListsAttemptsAndFix()
    {
        JsonElement r = ChildProcess.Run("backend", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = "/nonexistent/libnoblas.so" });
        Assert.That(r.GetProperty("exception").GetString(), Is.EqualTo(typeof(NativeLibraryLoadException).FullName));
        string message = r.GetProperty("message").GetString()!;
        Assert.That(message, Does.Contain("NUMERICS_NATIVE_BLAS=/nonexistent/libnoblas.so"));
        Assert.That(message, Does.Contain("/nonexistent/libnoblas.so:"));
        Assert.That(message, Does.Contain("build/setup.sh"));
        Assert.That(message, Does.Contain("libopenblas0-pthread"));
    }

    [Test]
    public void UnknownBackendName_IsRefusedWithTheAcceptedValues()
    {
        JsonElement r = ChildProcess.Run("backend", new Dictionary<string, string?> { ["NUMERICS_NATIVE_BLAS"] = "atlas" });
        string message = r.GetProperty("message").GetString()!;
        Assert.That(message, Does.Contain("not a backend name"));
        Assert.That(message, Does.Contain("reference"));
    }

    [Test]
    public void NumThreads_DefaultsToOmpNumThreads_AndSetsOpenBlasToo()
    {
        JsonElement r = ChildProcess.Run("threads", new Dictionary<string, string?> { ["OMP_NUM_THREADS"] = "3", ["NUMERICS_NATIVE_BLAS"] = null });
        Assert.That(r.TryGetProperty("exception", out _), Is.False, r.ToString());
        Assert.That(r.GetProperty("initial").GetInt32(), Is.EqualTo(3));
        Assert.That(r.GetProperty("after_set_1").GetInt32(), Is.EqualTo(1));
        Assert.That(r.GetProperty("openblas_after_set_1").GetInt32(), Is.EqualTo(1));
        Assert.That(r.GetProperty("after_set_2").GetInt32(), Is.EqualTo(2));
        Assert.That(r.GetProperty("openblas_after_set_2").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void NumThreads_RejectsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => np.config.num_threads = 0);
    }

    [Test]
    public void ShowConfig_ReportsBackendThreadsAndSimd()
    {
        var info = np.show_config("dicts")!;
        var backend = (IReadOnlyDictionary<string, object>)info["Backend"];
        var kernels = (IReadOnlyDictionary<string, object>)info["Kernels"];
        Assert.That(backend["name"], Is.EqualTo("openblas"));
        Assert.That((string)backend["version"], Does.StartWith("OpenBLAS 0.3"));
        Assert.That(backend["threading layer"], Is.EqualTo("pthreads"));
        Assert.That((string)backend["core type"], Is.Not.Empty);
        Assert.That(kernels["simd level"], Is.AnyOf("AVX512", "AVX2", "baseline"));
        Assert.That(((IReadOnlyDictionary<string, object>)info["Threads"])["num_threads"], Is.EqualTo(np.config.num_threads));
    }
}
