using System.Runtime.InteropServices;
using System.Text.Json;
using Numerics.Native.Interop;
using Numerics.Native.Tests.Infrastructure;

namespace Numerics.Native.Tests.Level3;

/// <summary>
/// Level-3 providers (interop/Numerics.Native.Interop/Level3, docs/level3.md): OpenBLAS or BLIS per routine, the
/// BLIS sub-configuration chosen from CPUID, the self-check, the override variable, threads under one budget. The
/// choice is fixed per process, so each setting runs in a child (tests/Numerics.Native.ChildHost/Level3Checks.cs).
/// </summary>
[TestFixture]
public class Level3ProviderTests
{
    private const string Blis = "/usr/lib/x86_64-linux-gnu/blis-pthread/libblis.so.4";
    private static readonly string[] Routines = ["sgemm", "dgemm", "cgemm", "zgemm"];

    private static JsonElement Child(string mode, Dictionary<string, string?> env, int timeoutMs = 600_000)
    {
        // Children never see a calibration cached by an earlier run or by the user, unless a test says so.
        string scratch = Path.Combine(Path.GetTempPath(), "nn-level3-none-" + Guid.NewGuid().ToString("N"));
        env.TryAdd("NUMERICS_NATIVE_CACHE_DIR", scratch);
        env.TryAdd("BLIS_ARCH_TYPE", null);
        env.TryAdd("NUMERICS_NATIVE_LEVEL3_FAULT", null);
        env.TryAdd("NUMERICS_NATIVE_LEVEL3_HIDE_CPU", null);
        env.TryAdd("NUMERICS_NATIVE_GEMM_CALIBRATE", null);
        env.TryAdd("NUMERICS_NATIVE_BLAS", null);
        JsonElement r = ChildProcess.Run(mode, env, timeoutMs);
        // A CPU without a measured-table row calibrates in each child; drop what it cached.
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        Assert.That(r.TryGetProperty("exception", out JsonElement ex), Is.False,
            $"{ex} {(r.TryGetProperty("message", out JsonElement m) ? m.ToString() : "")}");
        return r;
    }

    private static string Describe(JsonElement r, string key) => r.GetProperty("describe").GetProperty(key).GetString()!;

    private static void RequireBlis()
    {
        if (!File.Exists(Blis)) Assert.Ignore("libblis4-pthread is not installed (build/setup.sh installs it)");
    }

    /// <summary>/proc/cpuinfo's flags, read here independently of Interop's CPUID code.</summary>
    private static HashSet<string> CpuFlags()
    {
        string line = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("flags", StringComparison.Ordinal));
        return [.. line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>BLIS's arch_t names, read straight from the library (bli_arch_string does not initialise BLIS).</summary>
    private static unsafe List<string> ArchNames()
    {
        nint h = NativeLibrary.Load(Blis);
        var f = (delegate* unmanaged<int, nint>)NativeLibrary.GetExport(h, "bli_arch_string");
        var names = new List<string>();
        for (int i = 0; i < 64; i++)
        {
            string name = Marshal.PtrToStringUTF8(f(i))!;
            names.Add(name);
            if (name == "generic") break;
        }
        return names;
    }

    private static bool CanRun(string subconfig, HashSet<string> flags)
    {
        string[] haswell = ["avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "abm", "movbe", "popcnt", "sse4_2"];
        string[] need = subconfig switch
        {
            "skx" => [.. haswell, "avx512f", "avx512cd", "avx512dq", "avx512bw", "avx512vl"],
            "knl" => [.. haswell, "avx512f", "avx512cd", "avx512er", "avx512pf"],
            "zen3" or "zen2" or "zen" => [.. haswell, "sse4a", "3dnowprefetch"],
            "haswell" => haswell,
            "sandybridge" => ["avx", "popcnt", "sse4_2"],
            "penryn" => ["ssse3", "sse4_1"],
            "excavator" or "steamroller" or "piledriver" => ["fma4", "xop", "avx", "fma"],
            "bulldozer" => ["fma4", "xop", "avx"],
            "generic" => [],
            _ => ["(unknown)"],
        };
        return need.All(flags.Contains);
    }

    [Test]
    public void InProcess_ShowConfigPrintsEveryRoutineAndTheSubconfiguration()
    {
        IReadOnlyDictionary<string, object> info = np.show_config("dicts")!;
        var level3 = (IReadOnlyDictionary<string, object>)info["Level 3"];
        foreach (string key in new[] { "setting", "cpu", "blis library", "blis sub-configuration", "self-check", "size split", "blis threads" })
        {
            Assert.That(level3.ContainsKey(key), key);
        }
        foreach (string r in Routines)
        {
            Assert.That((string)level3[r], Does.StartWith("openblas").Or.StartWith("blis"), r);
        }
        Assert.That(Level3Providers.ProviderFor("dgemm", 4, 4, 4), Is.EqualTo("openblas"), "4x4 never pays BLIS's per-call set-up");
        Assert.Throws<ArgumentException>(() => Level3Providers.ProviderFor("dgemv", 4, 4, 4));
    }

    [Test]
    public unsafe void InProcess_GemmEqualsCblas()
    {
        const int n = 70;
        var rng = new Random(3);
        double[] a = [.. Enumerable.Range(0, n * n).Select(_ => rng.NextDouble())], b = [.. a.Reverse()];
        double[] c1 = new double[n * n], c2 = new double[n * n];
        Array.Fill(c1, double.NaN);
        Array.Fill(c2, double.NaN);
        fixed (double* pa = a, pb = b, p1 = c1, p2 = c2)
        {
            Gemm.dgemm(101, 112, 111, n, n, n, 1.0, pa, n, pb, n, 0.0, p1, n);
            Cblas.cblas_dgemm(101, 112, 111, n, n, n, 1.0, pa, n, pb, n, 0.0, p2, n);
        }
        for (int i = 0; i < c1.Length; i++) Assert.That(c1[i], Is.EqualTo(c2[i]).Within(1e-12 * n));
    }

    // Every routine x transpose combination x size (1..17, 63, 64, 65, 255, 1001) x alpha/beta special values against
    // OpenBLAS, through Gemm.?gemm, in a child per provider setting. "full" includes 255 and 1001.
    [TestCase("blis", "full", "1")]
    [TestCase("blis", "quick", "2")]
    [TestCase("openblas", "quick", "2")]
    [TestCase("auto", "quick", "2")]
    public void Matrix_AgreesWithOpenBlas_UnderEachSetting(string setting, string scope, string threads)
    {
        if (setting == "blis") RequireBlis();
        JsonElement r = Child("level3-matrix", new()
        {
            ["NUMERICS_NATIVE_GEMM"] = setting,
            ["LEVEL3_MATRIX"] = scope,
            ["OMP_NUM_THREADS"] = threads,
        });
        JsonElement m = r.GetProperty("matrix");
        string[] failures = [.. m.GetProperty("failures").EnumerateArray().Select(f => f.GetString()!)];
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
        Assert.That(m.GetProperty("problems").GetInt32(), Is.GreaterThan(scope == "full" ? 3000 : 2000));
        Assert.That(r.GetProperty("setting").GetString(), Is.EqualTo(setting));
        var served = m.GetProperty("served").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        foreach (string routine in Routines)
        {
            if (setting == "blis")
            {
                // Every size went to BLIS (it passed its self-check), none to OpenBLAS.
                Assert.That(served.GetValueOrDefault($"{routine} blis"), Is.GreaterThan(0), $"{routine}: {Describe(r, routine)}");
                Assert.That(served.ContainsKey($"{routine} openblas"), Is.False, routine);
                Assert.That(Describe(r, routine), Does.StartWith("blis"));
            }
            if (setting == "openblas")
            {
                Assert.That(served.ContainsKey($"{routine} blis"), Is.False, routine);
                Assert.That(Describe(r, routine), Does.StartWith("openblas"));
            }
        }
        if (setting == "openblas") Assert.That(Describe(r, "blis library"), Does.StartWith("not loaded"));
    }

    // np.matmul reaches the provider through the kernel library's table, also from its OpenMP batch loop.
    [TestCase("blis")]
    [TestCase("auto")]
    public void NpMatmul_ThroughTheKernelTable_IsCorrectUnderEachSetting(string setting)
    {
        if (setting == "blis") RequireBlis();
        JsonElement r = Child("level3-matmul", new() { ["NUMERICS_NATIVE_GEMM"] = setting, ["OMP_NUM_THREADS"] = "2" });
        string[] failures = [.. r.GetProperty("matmul").EnumerateArray().Select(f => f.GetString()!)];
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
        Assert.That(r.TryGetProperty("describe", out JsonElement d) && d.TryGetProperty("failure", out _), Is.False, "a dispatch failure was recorded");
    }

    // The self-check must really reject a wrong kernel: each injected fault is one way a BLIS build could be wrong.
    [TestCase("dgemm", "offbyone")]
    [TestCase("sgemm", "ignorebeta")]
    [TestCase("zgemm", "nanleak")]
    [TestCase("dgemm", "transpose")]
    [TestCase("cgemm", "conjugate")]
    public void SelfCheck_RejectsAnInjectedWrongKernel_AndCallsStayCorrect(string routine, string fault)
    {
        RequireBlis();
        JsonElement r = Child("level3-matrix", new()
        {
            ["NUMERICS_NATIVE_GEMM"] = "blis",
            ["NUMERICS_NATIVE_LEVEL3_FAULT"] = $"{routine}:{fault}",
            ["LEVEL3_MATRIX"] = "quick",
            ["OMP_NUM_THREADS"] = "1",
        });
        Assert.That(Describe(r, routine), Does.StartWith("openblas (BLIS rejected by the self-check"), Describe(r, routine));
        Assert.That(Describe(r, "self-check"), Does.StartWith("FAILED").And.Contain($"{routine} rejected"));
        foreach (string other in Routines.Where(x => x != routine))
        {
            Assert.That(Describe(r, other), Does.StartWith("blis"), other);
        }
        string[] failures = [.. r.GetProperty("matrix").GetProperty("failures").EnumerateArray().Select(f => f.GetString()!)];
        Assert.That(failures, Is.Empty, "after the rejection OpenBLAS serves the routine:\n" + string.Join("\n", failures));
    }

    [Test]
    public void Subconfiguration_IsOneThisCpuRuns_AndItsIndexComesFromTheLibrary()
    {
        RequireBlis();
        JsonElement r = Child("level3-report", new() { ["NUMERICS_NATIVE_GEMM"] = "blis" });
        string sub = r.GetProperty("subconfig").GetString()!;
        HashSet<string> flags = CpuFlags();
        Assert.That(CanRun(sub, flags), $"'{sub}' needs ISA this CPU lacks");
        if (flags.Contains("avx512f") && flags.Contains("avx512vl") && flags.Contains("avx512bw") && flags.Contains("avx512dq"))
        {
            Assert.That(sub, Is.EqualTo("skx"));
        }
        else if (flags.Contains("avx2") && flags.Contains("fma"))
        {
            Assert.That(sub, Is.AnyOf("zen3", "zen2", "zen", "haswell"));
        }
        // The index written to BLIS_ARCH_TYPE is the library's own position of that name.
        int index = ArchNames().IndexOf(sub);
        Assert.That(Describe(r, "blis sub-configuration"), Does.Contain($"BLIS_ARCH_TYPE={index} "));
        Assert.That(Describe(r, "blis library"), Does.Contain($"running '{sub}'"));
        Assert.That(Describe(r, "self-check"), Does.StartWith("passed"));
    }

    /// <summary>
    /// Every sub-configuration this CPU can run, forced through BLIS_ARCH_TYPE: it is registered in the installed
    /// build (an unregistered one would abort the child), BLIS runs it, and it passes the self-check.
    /// </summary>
    [Test]
    public void EveryRunnableSubconfiguration_InitialisesAndPassesTheSelfCheck()
    {
        RequireBlis();
        HashSet<string> flags = CpuFlags();
        List<string> names = ArchNames();
        string[] runnable = [.. names.Where(n => CanRun(n, flags))];
        Assert.That(runnable, Does.Contain("generic"));
        foreach (string name in runnable)
        {
            JsonElement r = Child("level3-report", new()
            {
                ["NUMERICS_NATIVE_GEMM"] = "blis",
                ["BLIS_ARCH_TYPE"] = names.IndexOf(name).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["OMP_NUM_THREADS"] = "1",
            });
            Assert.That(r.GetProperty("subconfig").GetString(), Is.EqualTo(name), Describe(r, "blis library"));
            Assert.That(Describe(r, "self-check"), Does.StartWith("passed"), name);
            TestContext.Out.WriteLine($"{name}: {Describe(r, "self-check")}");
        }
    }

    [Test]
    public void UserArchType_NeedingAnIsaTheCpuLacks_IsRefusedNotRun()
    {
        RequireBlis();
        HashSet<string> flags = CpuFlags();
        var env = new Dictionary<string, string?>
        {
            ["NUMERICS_NATIVE_GEMM"] = "blis",
            ["BLIS_ARCH_TYPE"] = ArchNames().IndexOf("skx").ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // On an AVX-512 machine, hide AVX-512 from the choice to play the AVX2-only CPU.
        if (flags.Contains("avx512f")) env["NUMERICS_NATIVE_LEVEL3_HIDE_CPU"] = "avx512f,avx512cd,avx512dq,avx512bw,avx512vl";
        JsonElement r = Child("level3-matrix", env);
        Assert.That(Describe(r, "blis library"), Does.Contain("refused").And.Contain("'skx'"));
        foreach (string routine in Routines) Assert.That(Describe(r, routine), Does.StartWith("openblas"), routine);
        Assert.That(r.GetProperty("matrix").GetProperty("failures").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void HiddenAvx512_PicksAnAvx2Subconfiguration_HiddenAvx2_LeavesAutoOnOpenBlas()
    {
        RequireBlis();
        HashSet<string> flags = CpuFlags();
        if (!flags.Contains("avx2")) Assert.Ignore("CPU without AVX2");
        JsonElement r = Child("level3-report", new()
        {
            ["NUMERICS_NATIVE_GEMM"] = "blis",
            ["NUMERICS_NATIVE_LEVEL3_HIDE_CPU"] = "avx512f,avx512cd,avx512dq,avx512bw,avx512vl",
        });
        Assert.That(r.GetProperty("subconfig").GetString(), Is.AnyOf("zen3", "zen2", "zen", "haswell"));
        JsonElement noAvx2 = Child("level3-report", new()
        {
            ["NUMERICS_NATIVE_GEMM"] = "auto",
            ["NUMERICS_NATIVE_LEVEL3_HIDE_CPU"] = "avx2,avx512f",
        });
        foreach (string routine in Routines) Assert.That(Describe(noAvx2, routine), Does.StartWith("openblas (no tuned BLIS"));
        Assert.That(Describe(noAvx2, "cpu"), Does.Contain("hidden by"));
    }

    [Test]
    public void Calibration_IsCachedPerCpuAndLibraryVersions_AndReadBack()
    {
        RequireBlis();
        string dir = Path.Combine(Path.GetTempPath(), "nn-level3-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            JsonElement first = Child("level3-report", new()
            {
                ["NUMERICS_NATIVE_GEMM"] = "auto",
                ["NUMERICS_NATIVE_GEMM_CALIBRATE"] = "1",
                ["NUMERICS_NATIVE_CACHE_DIR"] = dir,
                ["OMP_NUM_THREADS"] = "2",
            });
            string split = Describe(first, "size split");
            TestContext.Out.WriteLine(split);
            string file = Directory.GetFiles(dir, "level3-*.json").Single();
            using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file)))
            {
                string key = doc.RootElement.GetProperty("key").GetString()!;
                Assert.That(key, Does.Contain("BLIS 0.9.0").And.Contain("OpenBLAS").And.Contain("family"));
                foreach (string routine in Routines)
                {
                    Assert.That(doc.RootElement.GetProperty("routines").GetProperty(routine).GetProperty("ratios").GetArrayLength(), Is.EqualTo(4));
                }
            }
            Assert.That(split, Does.StartWith("calibrated now").And.Contain(file));

            JsonElement second = Child("level3-report", new() { ["NUMERICS_NATIVE_GEMM"] = "auto", ["NUMERICS_NATIVE_CACHE_DIR"] = dir });
            Assert.That(Describe(second, "size split"), Does.StartWith("calibration cache").And.Contain(file));
            foreach (string routine in Routines)
            {
                // The same decision both times.
                Assert.That(Describe(second, routine).Split(" (")[0], Is.EqualTo(Describe(first, routine).Split(" (")[0]), routine);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void NumThreads_GovernsBlis()
    {
        RequireBlis();
        JsonElement r = Child("level3-threads", new() { ["NUMERICS_NATIVE_GEMM"] = "blis", ["OMP_NUM_THREADS"] = "2" });
        Assert.That(r.GetProperty("blis_initial").GetInt64(), Is.EqualTo(2));
        Assert.That(r.GetProperty("blis_after_1").GetInt64(), Is.EqualTo(1));
        Assert.That(r.GetProperty("blis_after_3").GetInt64(), Is.EqualTo(3));
    }

    /// <summary>
    /// 16 concurrent callers of a BLIS-served dgemm with num_threads = 4: BLIS creates its threads per call, so
    /// without the budget the process would reach callers × 3 extra threads; with it, at most 3 extra exist at once.
    /// </summary>
    [Test]
    public void ConcurrentCallers_ShareOneThreadBudget()
    {
        RequireBlis();
        JsonElement r = Child("level3-concurrency", new() { ["NUMERICS_NATIVE_GEMM"] = "blis", ["OMP_NUM_THREADS"] = "4" });
        int before = r.GetProperty("threads_before").GetInt32(), max = r.GetProperty("threads_max").GetInt32();
        int callers = r.GetProperty("callers").GetInt32();
        TestContext.Out.WriteLine($"threads before {before}, max {max}, {r.GetProperty("seconds").GetDouble():F2} s");
        Assert.That(r.GetProperty("provider_384").GetString(), Is.EqualTo("blis"));
        Assert.That(r.GetProperty("wrong_elements").GetInt32(), Is.Zero);
        // callers + the sampler + at most num_threads - 1 BLIS workers + a little runtime slack (thread pool, GC).
        Assert.That(max, Is.LessThanOrEqualTo(before + callers + 1 + 3 + 4));
    }

    [Test]
    public void InvalidSetting_IsRefusedWithTheAcceptedValues()
    {
        JsonElement r = ChildProcess.Run("level3-report", new Dictionary<string, string?> { ["NUMERICS_NATIVE_GEMM"] = "bliss" });
        Assert.That(r.GetProperty("exception").GetString(), Is.EqualTo(typeof(NativeLibraryLoadException).FullName));
        Assert.That(r.GetProperty("message").GetString(), Does.Contain("NUMERICS_NATIVE_GEMM=bliss").And.Contain("auto, openblas, blis"));
    }
}
