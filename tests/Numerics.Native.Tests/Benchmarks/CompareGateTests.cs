using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Numerics.Native.Tests.Benchmarks;

/// <summary>
/// The regression gate of build/compare.sh (docs/benchmarks.md), run in <c>--from-json</c> mode so no benchmark
/// runs: the committed baseline gated against itself passes; the same file against a doctored baseline (one
/// workload made faster there, i.e. an injected slowdown now) fails and names the workload.
/// </summary>
[TestFixture]
public sealed class CompareGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5); // only reached when the tool must be built

    private string _repoRoot = "";
    private string _tool = "";
    private string _scratch = "";
    private string _baseline = "";

    [OneTimeSetUp]
    public void FindToolAndBaseline()
    {
        _repoRoot = FindRepoRoot(TestContext.CurrentContext.TestDirectory)
                    ?? throw new InvalidOperationException($"no Numerics.Native.sln above {TestContext.CurrentContext.TestDirectory}");
        string baselines = Path.Combine(_repoRoot, "build", "baselines");
        _baseline = Directory.Exists(baselines) ? Directory.GetFiles(baselines, "*.json").Order(StringComparer.Ordinal).FirstOrDefault() ?? "" : "";
        Assert.That(_baseline, Is.Not.Empty, $"no committed baseline in {baselines}");
        _tool = EnsureTool();
        _scratch = Directory.CreateTempSubdirectory("numerics-compare-gate-").FullName;
    }

    [OneTimeTearDown]
    public void DeleteScratch()
    {
        if (_scratch.Length > 0 && Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
    }

    [Test]
    public void EveryCommittedBaselineMatchesTheSchema()
    {
        foreach (string file in Directory.GetFiles(Path.GetDirectoryName(_baseline)!, "*.json"))
        {
            Run run = RunTool("--validate", file);
            Assert.That(run.ExitCode, Is.Zero, $"{file}:\n{run}");
        }
    }

    [Test]
    public void TheCommittedBaselinePassesAgainstItself()
    {
        Run run = RunTool("--from-json", _baseline, "--baseline", _baseline, "--max-regression", "25%");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stderr, Does.Contain("gate passed"), run.ToString());
            Assert.That(run.Stdout, Does.Contain("| id | threads | ours median"), "the Markdown table is printed");
        }
    }

    [Test]
    public void AnInjectedSlowdownFailsTheGateAndNamesTheWorkload()
    {
        (string id, int threads) = Victim("ratio_numpy");
        string doctored = Doctor(id, threads, "ratio_numpy", 1 / 1.5);
        Run run = RunTool("--from-json", _baseline, "--baseline", doctored, "--max-regression", "25%");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain($"REGRESSION {id} ({(threads == 1 ? "1 thread" : $"{threads} threads")})"), run.ToString());
            Assert.That(run.Stderr.Split('\n').Count(l => l.StartsWith("REGRESSION", StringComparison.Ordinal)), Is.EqualTo(1), "only the doctored row fails");
            Assert.That(run.Stdout, Does.Contain("**REGRESSION**"), "the Markdown gate table marks the row");
        }
    }

    [Test]
    public void ASlowdownWithinTheThresholdPassesAndFailsATighterOne()
    {
        (string id, int threads) = Victim("ratio_numpy");
        string doctored = Doctor(id, threads, "ratio_numpy", 1 / 1.2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RunTool("--from-json", _baseline, "--baseline", doctored, "--max-regression", "25%").ExitCode, Is.Zero);
            Run tight = RunTool("--from-json", _baseline, "--baseline", doctored, "--max-regression", "10%");
            Assert.That(tight.ExitCode, Is.EqualTo(1), tight.ToString());
            Assert.That(tight.Stderr, Does.Contain($"REGRESSION {id}"), tight.ToString());
        }
    }

    [Test]
    public void MoreInstructionsPerNativeCallFailTheGate()
    {
        (string id, int threads) = Victim("instructions_per_call");
        string doctored = Doctor(id, threads, "instructions_per_call", 0.5);
        Run run = RunTool("--from-json", _baseline, "--baseline", doctored);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain($"REGRESSION {id}"), run.ToString());
    }

    [Test]
    public void AResultThatBreaksTheSchemaIsRejected()
    {
        JsonObject doc = JsonNode.Parse(File.ReadAllText(_baseline))!.AsObject();
        doc.Remove("results");
        doc["machine"]!["cores"] = 0;
        string broken = Path.Combine(_scratch, "broken.json");
        File.WriteAllText(broken, doc.ToJsonString());
        Run run = RunTool("--from-json", broken, "--baseline", _baseline);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Stderr, Does.Contain("missing \"results\""), run.ToString());
            Assert.That(run.Stderr, Does.Contain("$.machine.cores"), run.ToString());
        }
    }

    [Test]
    public void OursVsCPairsOfEveryWorkloadValidateAndPrintTheirTable()
    {
        // A file with pairs for a LAPACK workload and the fields added with them (what, pairs_ids, pair_min_ms); the
        // committed baseline, which predates those fields, is checked by EveryCommittedBaselineMatchesTheSchema.
        JsonObject doc = JsonNode.Parse(File.ReadAllText(_baseline))!.AsObject();
        doc["method"]!["pairs"] = 3;
        doc["method"]!["pairs_ids"] = "";
        doc["method"]!["pair_min_ms"] = 200;
        doc["bindings_vs_c"] = new JsonArray(new JsonObject
        {
            ["id"] = "W6_solve_1000", ["threads"] = 2, ["what"] = "LAPACKE_dgesv_work", ["pairs"] = 3, ["calls_per_side"] = 3,
            ["ours_median_ns"] = 20_400_000, ["c_median_ns"] = 20_000_000, ["percent_of_c"] = 98.04, ["pair_percent"] = new JsonArray(97.1, 98.04, 99.5),
        });
        string file = Path.Combine(_scratch, "pairs.json");
        File.WriteAllText(file, doc.ToJsonString());
        Run run = RunTool("--from-json", file);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("### Ours vs the same call from C"), run.ToString());
            Assert.That(run.Stdout, Does.Contain("| W6_solve_1000 | 2 | `LAPACKE_dgesv_work` | 20.4 ms | 20.0 ms | **98.0%** |"), run.ToString());
        }
    }

    /// <summary>The first committed row gated on <paramref name="metric"/>, preferring a 1-thread W5 row.</summary>
    private (string Id, int Threads) Victim(string metric)
    {
        JsonArray rows = JsonNode.Parse(File.ReadAllText(_baseline))!["results"]!.AsArray();
        JsonNode? row = rows.Where(r => (string?)r!["gate_metric"] == metric)
            .OrderBy(r => (int)r!["threads"]! == 1 ? 0 : 1).ThenBy(r => ((string)r!["id"]!).StartsWith("W5_", StringComparison.Ordinal) ? 0 : 1)
            .FirstOrDefault();
        Assume.That(row, Is.Not.Null, $"the committed baseline has no row gated on {metric}");
        return ((string)row!["id"]!, (int)row["threads"]!);
    }

    /// <summary>A copy of the baseline with one row's gate metric scaled: below 1 the baseline looks faster than now.</summary>
    private string Doctor(string id, int threads, string metric, double factor)
    {
        JsonObject doc = JsonNode.Parse(File.ReadAllText(_baseline))!.AsObject();
        JsonNode row = doc["results"]!.AsArray().Single(r => (string?)r!["id"] == id && (int)r!["threads"]! == threads)!;
        row[metric] = (double)row[metric]! * factor;
        string path = Path.Combine(_scratch, $"doctored-{id}-{threads}-{metric}-{factor:0.###}.json");
        File.WriteAllText(path, doc.ToJsonString());
        return path;
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit code {ExitCode}\nstderr:\n{Stderr}\nstdout:\n{Stdout}";
    }

    private Run RunTool(params string[] args) => Exec("dotnet", [_tool, .. args], _repoRoot);

    private static Run Exec(string file, IEnumerable<string> args, string workDir)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDir };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', psi.ArgumentList)} timed out");
        }
        return new Run(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// The compare tool as the solution build left it; built here only when missing or older than its sources
    /// (e.g. `dotnet test` of this project alone), so the gate under test is never a stale one.
    /// </summary>
    private string EnsureTool()
    {
        string config = typeof(CompareGateTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string project = Path.Combine(_repoRoot, "build", "tools", "Numerics.Native.Compare");
        string dll = Path.Combine(project, "bin", config, "net10.0", "Numerics.Native.Compare.dll");
        DateTime newestSource = Directory.EnumerateFiles(project, "*", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Max(File.GetLastWriteTimeUtc);
        if (!File.Exists(dll) || File.GetLastWriteTimeUtc(dll) < newestSource)
        {
            Run build = Exec("dotnet", ["build", Path.Combine(project, "Numerics.Native.Compare.csproj"), "-c", config, "-nologo", "-v", "q"], _repoRoot);
            Assert.That(build.ExitCode, Is.Zero, $"building the compare tool failed:\n{build}");
        }
        return dll;
    }

    private static string? FindRepoRoot(string start)
    {
        for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Numerics.Native.sln"))) return d.FullName;
        return null;
    }
}
