using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Numerics.Native.Interop;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// The modes build/tools/Numerics.Native.Compare drives. Each is one process whose environment (thread counts,
/// input folder) the compare tool set before start. Output: JSON on stdout or in a file.
/// </summary>
public static class CompareRun
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <c>--compare-run --json PATH [--filter REGEX] [--peers | --only-peers] [--warmups N] [--iterations N]
    /// [--iteration-ms N] [--artifacts DIR]</c>: a short in-process BenchmarkDotNet job over the selected workloads.
    /// </summary>
    public static int Run(string[] args)
    {
        string? json = Option(args, "--json");
        if (json is null)
        {
            Console.Error.WriteLine("--compare-run needs --json PATH");
            return 2;
        }
        var filter = new Regex(Option(args, "--filter") ?? "", RegexOptions.CultureInvariant);
        bool onlyPeers = args.Contains("--only-peers");
        bool peers = onlyPeers || args.Contains("--peers");
        int warmups = IntOption(args, "--warmups", 3);
        int iterations = IntOption(args, "--iterations", 12);
        int iterationMs = IntOption(args, "--iteration-ms", 50);
        string artifacts = Option(args, "--artifacts") ?? Path.Combine(Path.GetTempPath(), "numerics-native-bdn");

        List<WorkloadInfo> selected = WorkloadRegistry.All.Where(w => (w.Peer is null ? !onlyPeers : peers) && filter.IsMatch(w.Id)).ToList();
        int threads = NativeBackend.NumThreads;
        var chosen = selected.Select(w => (w.Family, w.Id)).ToHashSet();
        IConfig Config(int warm, int iters) => ManualConfig.CreateEmpty()
            .AddJob(Jobs.Compare(threads, warm, iters, iterationMs))
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddFilter(new SimpleFilter(b => chosen.Contains((b.Descriptor.Type, b.Descriptor.WorkloadMethod.Name))))
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);

        var rows = new JsonArray();
        // Peers are context, not gated, and the managed ones are slow (Math.NET's 1000x1000 matmul: ~1.5 s a call):
        // a smaller job keeps them from dominating the comparison's time.
        foreach ((bool peer, IConfig config) in new[] { (false, Config(warmups, iterations)), (true, Config(1, Math.Max(3, iterations / 2))) })
        {
            Type[] types = selected.Where(w => (w.Peer is not null) == peer).Select(w => w.Family).Distinct().ToArray();
            if (types.Length == 0) continue;
            foreach (BenchmarkReport report in BenchmarkRunner.Run(types, config).SelectMany(s => s.Reports))
            {
                WorkloadInfo w = selected.Single(x => x.Family == report.BenchmarkCase.Descriptor.Type &&
                                                      x.Id == report.BenchmarkCase.Descriptor.WorkloadMethod.Name);
                rows.Add(Row(w, report));
            }
        }
        var doc = new JsonObject
        {
            ["tool"] = "numerics-native-bdn",
            ["threads"] = threads,
            ["info"] = Info(),
            ["inputs"] = InputsNode(),
            ["job"] = new JsonObject { ["toolchain"] = "InProcessEmit", ["warmups"] = warmups, ["iterations"] = iterations, ["iteration_ms"] = iterationMs },
            ["results"] = rows,
        };
        File.WriteAllText(json, doc.ToJsonString(Indented));
        return rows.Count == selected.Count ? 0 : 1;
    }

    private static JsonObject Row(WorkloadInfo w, BenchmarkReport report)
    {
        var row = new JsonObject { ["id"] = w.Id, ["peer"] = w.Peer };
        if (report.ResultStatistics is not { } s)
        {
            row["error"] = "no result (the benchmark failed; see the log)";
            return row;
        }
        double[] values = report.GetResultRuns().Select(m => m.GetAverageTime().Nanoseconds).ToArray();
        row["median_ns"] = Math.Round(s.Median, 3);
        row["min_ns"] = Math.Round(s.Min, 3);
        row["samples"] = s.N;
        row["values_ns"] = new JsonArray(values.Select(v => (JsonNode)Math.Round(v, 3)).ToArray());
        if (w.Flops > 0)
        {
            row["flops"] = w.Flops;
            row["gflops"] = Math.Round(w.Flops / s.Median, 3);
        }
        if (w.Bytes > 0)
        {
            row["bytes"] = w.Bytes;
            row["gbps"] = Math.Round(w.Bytes / s.Median, 3);
        }
        return row;
    }

    /// <summary>
    /// <c>--raw ID [--peer NAME] [--calls K] [--min-ms M]</c>: one warm-up call, then at least K calls timed one by
    /// one, and more until M ms of timed calls have passed — the same rule as native_ref/cref.c, so that a 20 µs
    /// call is timed often enough (and long enough for tiered JIT to reach tier 1) for its best call to mean something.
    /// </summary>
    public static int Raw(string[] args)
    {
        string id = args.Length > 1 ? args[1] : throw new ArgumentException("--raw needs a workload id");
        int calls = IntOption(args, "--calls", 3);
        double minNs = IntOption(args, "--min-ms", 0) * 1e6;
        const int Cap = 100_000; // cref.c's cap
        WorkloadInfo w = WorkloadRegistry.Find(id, Option(args, "--peer"));
        object family = Activator.CreateInstance(w.Family)!;
        Invoke<GlobalSetupAttribute>(family, id);
        // A delegate, not MethodInfo.Invoke: reflection's per-call cost would show on the small workloads.
        Action call = w.Method.ReturnType == typeof(void) ? w.Method.CreateDelegate<Action>(family) : () => w.Method.Invoke(family, null);
        // A batched row (ArrayOverhead's per-part rows) reports per operation, and its untimed iteration setup and
        // cleanup run around every call, as BenchmarkDotNet runs them around its one invocation per iteration.
        int ops = w.Method.GetCustomAttribute<BenchmarkAttribute>()?.OperationsPerInvoke ?? 1;
        Action setup = Hooks<IterationSetupAttribute>(family, id), cleanup = Hooks<IterationCleanupAttribute>(family, id);
        // One call between its untimed hooks; returns the call's ns.
        double Timed()
        {
            setup();
            long t0 = Stopwatch.GetTimestamp();
            call();
            // Raw timestamps (1 ns on Linux), not a TimeSpan: its 100 ns ticks would round a 15 µs call by up to 0.7%.
            double ns = (Stopwatch.GetTimestamp() - t0) * (1e9 / Stopwatch.Frequency);
            cleanup();
            return ns;
        }
        Timed();
        if (Array.IndexOf(args, "--serve") >= 0)
        {
            Serve(Timed, ops);
            Invoke<GlobalCleanupAttribute>(family, id);
            return 0;
        }
        var times = new List<double>();
        for (double spent = 0; times.Count < Cap && (times.Count < calls || spent < minNs);)
        {
            double ns = Timed();
            times.Add(ns / ops);
            spent += ns;
        }
        Invoke<GlobalCleanupAttribute>(family, id);
        double[] sorted = [.. times.Order()];
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
        var doc = new JsonObject
        {
            ["side"] = "ours",
            ["id"] = id,
            ["threads"] = NativeBackend.NumThreads,
            ["calls"] = times.Count,
            ["calls_ns"] = new JsonArray(times.Select(t => (JsonNode)Math.Round(t)).ToArray()), // build/mathnet_bench.py reads them
            ["median_ns"] = median,
            ["min_ns"] = sorted[0],
        };
        Console.WriteLine(doc.ToJsonString());
        return 0;
    }

    /// <summary>
    /// <c>--raw ID --serve</c>: the lockstep server of build/lockstep.py. After the warm-up call it prints "ready", then
    /// for each line K on stdin times K calls and prints their times (ns per operation) on one line, until stdin closes.
    /// The tool alternates single turns of this process, NumPy's and C's, so all three see the same moments of a
    /// shared machine.
    /// </summary>
    private static void Serve(Func<double> timed, int ops)
    {
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            int k = int.Parse(line, CultureInfo.InvariantCulture);
            var ns = new string[k];
            for (int i = 0; i < k; i++) ns[i] = Math.Round(timed() / ops).ToString(CultureInfo.InvariantCulture);
            Console.WriteLine(string.Join(' ', ns));
        }
    }

    /// <summary>
    /// <c>--raw-pairs ID --a PEER --b PEER [--pairs K]</c>: two sides of one workload in one process (their setups
    /// must not conflict, e.g. a provider against direct calls), one warm-up call each, then K pairs of calls, the
    /// order alternating (ab, ba, …). A burst of other work on the machine lands on both calls of a pair, so the
    /// median of the per-pair ratios a / b holds still where the times themselves do not (build/mathnet_bench.py).
    /// </summary>
    public static int RawPairs(string[] args)
    {
        string id = args.Length > 1 ? args[1] : throw new ArgumentException("--raw-pairs needs a workload id");
        int pairs = IntOption(args, "--pairs", 10);
        var sides = new[] { Option(args, "--a"), Option(args, "--b") }.Select(peer =>
        {
            WorkloadInfo w = WorkloadRegistry.Find(id, peer);
            object family = Activator.CreateInstance(w.Family)!;
            Invoke<GlobalSetupAttribute>(family, id);
            w.Method.Invoke(family, null);
            return (w.Method, Family: family, Times: new double[pairs]);
        }).ToArray();
        for (int i = 0; i < pairs; i++)
        {
            foreach (int k in i % 2 == 0 ? [0, 1] : new[] { 1, 0 })
            {
                (sides[k].Family as IPairSide)?.Activate();
                long t0 = Stopwatch.GetTimestamp();
                sides[k].Method.Invoke(sides[k].Family, null);
                sides[k].Times[i] = Stopwatch.GetElapsedTime(t0).Ticks * 100.0;
            }
        }
        var doc = new JsonObject
        {
            ["id"] = id,
            ["threads"] = NativeBackend.NumThreads,
            ["a_ns"] = new JsonArray(sides[0].Times.Select(t => (JsonNode)Math.Round(t)).ToArray()),
            ["b_ns"] = new JsonArray(sides[1].Times.Select(t => (JsonNode)Math.Round(t)).ToArray()),
        };
        Console.WriteLine(doc.ToJsonString());
        return 0;
    }

    /// <summary><c>--info</c>: what this process loaded, as JSON on stdout.</summary>
    public static int PrintInfo()
    {
        Console.WriteLine(Info().ToJsonString(Indented));
        return 0;
    }

    /// <summary><c>--list [--peers]</c>: the workload ids this build has, one per line (peer rows as "id peer").</summary>
    public static int List(string[] args)
    {
        bool onlyPeers = args.Contains("--only-peers");
        bool peers = onlyPeers || args.Contains("--peers");
        foreach (WorkloadInfo w in WorkloadRegistry.All.Where(w => w.Peer is null || peers))
            Console.WriteLine(w.Peer is null ? w.Id : $"{w.Id} {w.Peer}");
        return 0;
    }

    private static JsonObject Info()
    {
        var env = new JsonObject();
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal))
        {
            if (key.StartsWith("OPENBLAS_", StringComparison.Ordinal) || key.StartsWith("OMP_", StringComparison.Ordinal) ||
                key.StartsWith("MKL_", StringComparison.Ordinal) || key.StartsWith("NUMERICS_NATIVE", StringComparison.Ordinal))
                env[key] = Environment.GetEnvironmentVariable(key);
        }
        return new JsonObject
        {
            ["numerics_native"] = np.__version__,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["benchmarkdotnet"] = Version(typeof(BenchmarkRunner)),
            ["backend"] = NativeBackend.Name,
            ["backend_version"] = NativeBackend.Version,
            ["core_type"] = NativeBackend.CoreType,
            ["threading"] = NativeBackend.ThreadingLayer,
            ["blas_path"] = NativeBackend.BlasPath,
            ["kernels_path"] = NativeBackend.KernelsPath,
            ["simd_level"] = NativeBackend.SimdLevel,
            ["num_threads"] = NativeBackend.NumThreads,
            ["mathnet"] = Version(typeof(global::MathNet.Numerics.Control)),
            ["system_numerics_tensors"] = Version(typeof(System.Numerics.Tensors.TensorPrimitives)),
            ["env"] = env,
        };
    }

    private static string? Version(Type t) =>
        t.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    private static JsonObject InputsNode() => new()
    {
        ["dir"] = Inputs.Directory,
        ["npy"] = new JsonArray(Inputs.NpyIds.Select(i => (JsonNode)i).ToArray()),
        ["generated"] = new JsonArray(Inputs.GeneratedIds.Select(i => (JsonNode)i).ToArray()),
    };

    private static void Invoke<TAttribute>(object family, string id) where TAttribute : Attribute =>
        Hooks<TAttribute>(family, id)();

    /// <summary>The family's [GlobalSetup]-style methods for workload <paramref name="id"/>, as one delegate (looked
    /// up once: reflection between timed calls would evict what the next call finds in cache).</summary>
    private static Action Hooks<TAttribute>(object family, string id) where TAttribute : Attribute
    {
        Action hooks = static () => { };
        foreach (MethodInfo m in family.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            // A [GlobalSetup(Target = …)] for another workload must not run.
            if (m.GetCustomAttribute<TAttribute>() is TargetedAttribute t && t.Targets is { Length: > 0 } targets && !targets.Contains(id)) continue;
            if (m.IsDefined(typeof(TAttribute))) hooks += m.CreateDelegate<Action>(family);
        }
        return hooks;
    }

    internal static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;
}
