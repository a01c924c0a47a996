using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Numerics.Native.Compare;

internal sealed class Options
{
    public string Filter { get; set; } = "";
    public List<int> Threads { get; set; } = DefaultThreads();
    public int Rounds { get; set; } = 3;
    public string? Out { get; set; }
    public string? Baseline { get; set; }
    public double MaxRegression { get; set; } = 0.25;
    public bool Peers { get; set; }
    public int Pairs { get; set; } = 3;
    public int PairCalls { get; set; } = 3;
    public int PairMinMs { get; set; } = 200;
    public string PairsIds { get; set; } = "";
    public bool PairsOnly { get; set; }
    public bool Callgrind { get; set; } = true;
    public long[] CallgrindCalls { get; set; } = [1_000_000, 3_000_000];
    public string? FromJson { get; set; }
    public string? Validate { get; set; }
    public string? WriteBaseline { get; set; }
    public string RepoRoot { get; set; } = Directory.GetCurrentDirectory();
    public string? Bench { get; set; }
    public string? CRef { get; set; }
    public string Python { get; set; } = "/usr/bin/python3";
    public string Dotnet { get; set; } = "dotnet";
    public string? InputsDir { get; set; }
    public int BdnWarmups { get; set; } = 3;
    public int BdnIterations { get; set; } = 12;
    public int BdnIterationMs { get; set; } = 50;
    public double NumpyMinTime { get; set; } = 0.5;

    public static List<int> DefaultThreads() => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];
}

/// <summary>One measured round of one workload on one side.</summary>
internal sealed record RoundSample(int Round, double Median, double Min, int Samples, double? Flops, double? Bytes);

/// <summary>
/// Runs a comparison: our BenchmarkDotNet job and build/numpy_bench.py in the same rounds with the same thread
/// variables, the C reference for the binding overhead, callgrind for the instruction count; then aggregates.
/// </summary>
internal sealed class Runner(Options o)
{
    private const string NoopId = "Overhead_nk_noop";
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<(string Id, int Threads), List<RoundSample>> _ours = [];
    private readonly Dictionary<(string Id, int Threads), List<RoundSample>> _numpy = [];
    private readonly Dictionary<(string Id, int Threads, string Peer), List<RoundSample>> _peers = [];
    private readonly Dictionary<int, List<double>> _cNoop = [];
    private readonly HashSet<string> _npyIds = [], _generatedIds = [];
    private JsonObject? _numpyDoc;
    private string _out = "";

    private string Log(string name) => Path.Combine(_out, "logs", name + ".log");

    private void Progress(string what) =>
        Console.Error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {what}");

    public CompareDoc Run(string outDir)
    {
        _out = outDir;
        string bench = o.Bench ?? throw new ArgumentException("--bench DLL is required (build/compare.sh passes it)");
        string inputs = o.InputsDir ?? Path.Combine(o.RepoRoot, "artifacts", "bench-inputs");
        string makeInputs = Path.Combine(o.RepoRoot, "build", "tools", "Numerics.Native.Compare", "make_inputs.py");
        string numpyBench = Path.Combine(o.RepoRoot, "build", "numpy_bench.py");
        var filter = new Regex(o.Filter, RegexOptions.CultureInvariant);
        var none = new Dictionary<string, string>();

        // What exists on each side; a NumPy workload we have not built yet is simply not run.
        string[] listed = Proc.Check(o.Dotnet, ["exec", bench, "--list", "--peers"], none, Log("list"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        List<string> ours = listed.Where(l => !l.Contains(' ', StringComparison.Ordinal) && filter.IsMatch(l)).ToList();
        if (ours.Count == 0) throw new ArgumentException($"no workload of ours matches --filter '{o.Filter}'");
        var numpyIds = Proc.Check(o.Python, [makeInputs, "--list"], none, Log("list"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        // Without --filter, the ours-only rows (gemm per provider, Math.NET) stay out: they have no NumPy side to
        // gate on and would double the run; select them with --filter (e.g. 'W5_gemm_').
        if (o.Filter.Length == 0) ours = ours.Where(id => numpyIds.Contains(id) || id.StartsWith("Overhead_", StringComparison.Ordinal)).ToList();
        List<string> both = ours.Where(numpyIds.Contains).ToList();
        // Ours vs the same call from C: the selected ids that cref has a C version of, narrowed by --pairs-ids.
        var pairFilter = new Regex(o.PairsIds, RegexOptions.CultureInvariant);
        HashSet<string> crefIds = o.Pairs > 0 && o.CRef is { } crefExe
            ? Proc.Check(crefExe, ["--list"], none, Log("list")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : [];
        List<string> pairIds = ours.Where(id => crefIds.Contains(id) && pairFilter.IsMatch(id)).ToList();
        if (o.PairsOnly) both = both.Where(pairIds.Contains).ToList();
        Progress($"{ours.Count} workload(s) of ours selected, {both.Count} also in NumPy's list, {pairIds.Count} with a C version; threads {string.Join(",", o.Threads)}; " +
                 (o.PairsOnly ? "pairs only" : $"{o.Rounds} rounds"));

        if (both.Count > 0)
        {
            Progress("writing NumPy's inputs (cached in " + inputs + ")");
            Proc.Check(o.Python, [makeInputs, "--out", inputs, .. both], none, Log("make_inputs"));
        }

        var doc = new CompareDoc { Machine = MachineFacts.Read() };
        doc.Machine.LoadavgStart = MachineFacts.LoadAverage();
        JsonObject info = JsonNode.Parse(Proc.Check(o.Dotnet, ["exec", bench, "--info"], Env(o.Threads[^1], inputs), Log("info")))!.AsObject();
        FillVersions(doc, info);

        if (o.Callgrind && !o.PairsOnly && ours.Contains(NoopId)) doc.CallOverhead = Callgrind(bench, (string?)info["kernels_path"]);

        // Interleaved per workload: our run of a workload and NumPy's (or C's, for the empty call) are seconds
        // apart, so the bursts of other work on a shared machine hit both sides of a ratio alike.
        HashSet<string> withPeers = o.Peers ? listed.Where(l => l.Contains(' ', StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToHashSet() : [];
        for (int round = 1; round <= (o.PairsOnly ? 0 : o.Rounds); round++)
        {
            foreach (int t in o.Threads)
            {
                Dictionary<string, string> env = Env(t, inputs);
                var took = new Dictionary<string, double>();
                void Time(string side, Action act)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    act();
                    took[side] = took.GetValueOrDefault(side) + Stopwatch.GetElapsedTime(t0).TotalSeconds;
                }
                foreach (string id in ours)
                {
                    var steps = new List<(string Side, Action Act)> { ("ours", () => RunOurs(bench, round, t, id, env, peers: false)) };
                    if (both.Contains(id)) steps.Add(("NumPy", () => RunNumpy(numpyBench, round, t, id)));
                    if (id == NoopId && o.CRef is { } cref && info["kernels_path"] is { } kp)
                        steps.Add(("C", () => RunCNoop(cref, (string)kp!, round, t, env)));
                    // Alternate who goes first, so a drift of the machine does not favour one side.
                    if (round % 2 == 0) steps.Reverse();
                    foreach ((string side, Action act) in steps) Time(side, act);
                }
                foreach (string id in ours.Where(withPeers.Contains))
                    Time("peers", () => RunOurs(bench, round, t, id, env, peers: true));
                Progress($"round {round}/{o.Rounds}, {Fmt.Threads(t)}: {string.Join(", ", took.Select(kv => $"{kv.Key} {kv.Value:F1} s"))}");
            }
        }

        List<PairSummary>? pairs = pairIds.Count == 0 ? null
            : o.Threads.SelectMany(t => pairIds.Select(id => Pairs(bench, inputs, id, t, numpyIds.Contains(id) ? numpyBench : null))).ToList();

        doc.Machine.LoadavgEnd = MachineFacts.LoadAverage();
        doc.Date = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        doc.NumpyBlas = _numpyDoc?["blas"]?.DeepClone() as JsonArray;
        doc.Method = new Method
        {
            Rounds = o.Rounds,
            Threads = o.Threads,
            Filter = o.Filter,
            Interleave = o.PairsOnly
                ? "pairs only: no BenchmarkDotNet or NumPy rounds"
                : "per workload: in each round and thread count our BenchmarkDotNet job and numpy_bench.py (C for the empty call) ran back to back for each workload, ours first in odd rounds and the other side first in even ones; peers after both",
            BdnJob = new JsonObject { ["toolchain"] = "InProcessEmit", ["warmups"] = o.BdnWarmups, ["iterations"] = o.BdnIterations, ["iteration_ms"] = o.BdnIterationMs },
            NumpyMinTimeS = both.Count > 0 ? o.NumpyMinTime : null,
            Inputs = _npyIds.Count > 0 ? (_generatedIds.Except(_npyIds).Any() ? "mixed" : "numpy") : _generatedIds.Count > 0 ? "generated" : "none",
            Pairs = pairs is null ? 0 : o.Pairs,
            PairsIds = pairs is null ? null : o.PairsIds,
            PairMinMs = pairs is null ? null : o.PairMinMs,
            Callgrind = doc.CallOverhead is not null,
            Peers = o.Peers,
        };
        doc.Results = o.PairsOnly ? [] : Aggregate(ours, pairs, doc.CallOverhead);
        doc.BindingsVsC = pairs;
        if (doc.CallOverhead is { } co)
        {
            co.OursNs = doc.Results.FirstOrDefault(r => r.Id == NoopId && r.Threads == 1)?.MedianNs;
            co.CNs = _cNoop.TryGetValue(1, out var c1) ? Stats.RoundNs(Stats.Median(c1)) : null;
        }
        doc.Method.DurationS = Math.Round(_clock.Elapsed.TotalSeconds, 1);
        return doc;
    }

    /// <summary>The environment of every measuring process: the same thread variables for ours, NumPy and C.</summary>
    private static Dictionary<string, string> Env(int threads, string inputs)
    {
        string n = threads.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["OMP_NUM_THREADS"] = n,
            ["OPENBLAS_NUM_THREADS"] = n,
            ["MKL_NUM_THREADS"] = n,
            ["NUMERICS_BENCH_INPUTS"] = inputs,
        };
    }

    private void RunOurs(string bench, int round, int threads, string id, Dictionary<string, string> env, bool peers)
    {
        string name = $"{(peers ? "peers" : "ours")}_r{round}_t{threads}_{id}";
        string json = Path.Combine(_out, "raw", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        var args = new List<string>
        {
            "exec", bench, "--compare-run", "--json", json, "--filter", "^" + Regex.Escape(id) + "$",
            "--warmups", o.BdnWarmups.ToString(CultureInfo.InvariantCulture),
            "--iterations", o.BdnIterations.ToString(CultureInfo.InvariantCulture),
            "--iteration-ms", o.BdnIterationMs.ToString(CultureInfo.InvariantCulture),
            "--artifacts", Path.Combine(_out, "bdn"),
        };
        if (peers) args.Add("--only-peers");
        Proc.Check(o.Dotnet, args, env, Log(name));
        JsonObject doc = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        if ((int)doc["threads"]! != threads)
            throw new ChildFailedException($"the benchmark process ran with {doc["threads"]} threads, not {threads}: the thread variables did not reach the backend");
        foreach (JsonNode? i in doc["inputs"]?["npy"]?.AsArray() ?? []) _npyIds.Add((string)i!);
        foreach (JsonNode? i in doc["inputs"]?["generated"]?.AsArray() ?? []) _generatedIds.Add((string)i!);
        foreach (JsonNode? r in doc["results"]!.AsArray())
        {
            if (r!["error"] is { } err) throw new ChildFailedException($"{r["id"]}: {err}");
            RoundSample s = Sample(round, r);
            if (r["peer"] is { } peer) Add(_peers, (id, threads, (string)peer!), s);
            else Add(_ours, (id, threads), s);
        }
    }

    private void RunNumpy(string script, int round, int threads, string id)
    {
        string json = Path.Combine(_out, "raw", $"numpy_r{round}_t{threads}_{id}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        Proc.Check(o.Python, [script, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--rounds", "1", "--filter", "^" + Regex.Escape(id) + "$",
            "--min-time", o.NumpyMinTime.ToString(CultureInfo.InvariantCulture), "--json", json], new Dictionary<string, string>(), Log($"numpy_r{round}_t{threads}"));
        JsonObject doc = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        _numpyDoc ??= doc;
        foreach (JsonNode? r in doc["results"]!.AsArray())
        {
            RoundSample s = Sample(round, r!);
            double? flops = r!["gflops"] is { } g ? (double)g! * s.Median : null;
            double? bytes = r["gbps"] is { } b ? (double)b! * s.Median : null;
            Add(_numpy, ((string)r["id"]!, threads), s with { Flops = flops, Bytes = bytes });
        }
    }

    private void RunCNoop(string cref, string kernels, int round, int threads, Dictionary<string, string> env)
    {
        JsonNode noop = JsonNode.Parse(Proc.Check(cref, ["noop", "--lib", kernels], env, Log($"cref_noop_r{round}_t{threads}")))!;
        (_cNoop.TryGetValue(threads, out var l) ? l : _cNoop[threads] = []).Add((double)noop["median_ns"]!);
    }

    private static RoundSample Sample(int round, JsonNode r) =>
        new(round, (double)r["median_ns"]!, (double)r["min_ns"]!, (int)r["samples"]!, (double?)r["flops"], (double?)r["bytes"]);

    private static void Add<TKey>(Dictionary<TKey, List<RoundSample>> d, TKey key, RoundSample s) where TKey : notnull =>
        (d.TryGetValue(key, out var l) ? l : d[key] = []).Add(s);

    /// <summary>
    /// Ours vs the same call from C for one workload: N pairs of processes, one running cref (the statement done in
    /// C) and one running our benchmark method (<c>--raw</c>), alternating which goes first. Each side's time is its
    /// best call (other work on the machine only ever adds time); percent of C = median over pairs of 100 × C / ours.
    /// When NumPy has the workload (<paramref name="numpyBench"/>), a third process in each pair runs its statement
    /// with one call per sample (<c>numpy_bench.py --worker ID --single</c>), so that its best call is measured the
    /// way ours is: percent of NumPy = median over pairs of 100 × NumPy / ours, a same-time comparison that the
    /// bursts of a shared machine move far less than the rounds' medians.
    /// </summary>
    private PairSummary Pairs(string bench, string inputs, string id, int threads, string? numpyBench)
    {
        Dictionary<string, string> env = Env(threads, inputs);
        string[] calls = ["--calls", o.PairCalls.ToString(CultureInfo.InvariantCulture), "--min-ms", o.PairMinMs.ToString(CultureInfo.InvariantCulture)];
        string log = Log($"pairs_t{threads}_{id}");
        var oursNs = new List<double>();
        var cNs = new List<double>();
        var percent = new List<double>();
        var numpyNs = new List<double>();
        var percentNumpy = new List<double>();
        JsonNode? cLast = null, oursLast = null;
        double numpyLast = 0;
        string numpyMinTime = (o.PairMinMs / 1000.0).ToString(CultureInfo.InvariantCulture);
        // Both sides must have run on the thread count asked for, or the pair compares nothing.
        JsonNode Side(string side, string file, List<string> args)
        {
            string stdout = Proc.Check(file, args, env, log);
            JsonNode r;
            try
            {
                r = JsonNode.Parse(stdout)!;
            }
            catch (JsonException e)
            {
                throw new ChildFailedException($"{id}: the {side} process printed no valid JSON ({e.Message}); see {log}");
            }
            if ((int)r["threads"]! != threads)
                throw new ChildFailedException($"{id}: the {side} process ran with {r["threads"]} threads, not {threads}: the thread variables did not reach the backend");
            return r;
        }
        for (int i = 0; i < o.Pairs; i++)
        {
            var sides = new List<Action>
            {
                () => cLast = Side("C", o.CRef!, [id, "--inputs", inputs, .. calls]),
                () => oursLast = Side("ours", o.Dotnet, ["exec", bench, "--raw", id, .. calls]),
            };
            if (numpyBench is not null)
                sides.Add(() => numpyLast = NumpySingleCallsMin(numpyBench, id, threads, numpyMinTime, log));
            if (i % 2 == 1) sides.Reverse();
            foreach (Action side in sides) side();
            double c = (double)cLast!["min_ns"]!, ours = (double)oursLast!["min_ns"]!;
            oursNs.Add(ours);
            cNs.Add(c);
            percent.Add(Math.Round(100 * c / ours, 2));
            if (numpyBench is not null)
            {
                numpyNs.Add(numpyLast);
                percentNumpy.Add(Math.Round(100 * numpyLast / ours, 2));
            }
        }
        double om = Stats.Median(oursNs), cm = Stats.Median(cNs);
        double flops = (double?)cLast!["flops"] ?? 0;
        var p = new PairSummary
        {
            Id = id,
            Threads = threads,
            What = (string?)cLast["what"],
            Pairs = o.Pairs,
            CallsPerSide = o.PairCalls,
            OursMedianNs = Stats.RoundNs(om),
            CMedianNs = Stats.RoundNs(cm),
            OursGflops = flops > 0 ? Math.Round(flops / om, 2) : null,
            CGflops = flops > 0 ? Math.Round(flops / cm, 2) : null,
            PercentOfC = Math.Round(Stats.Median(percent), 2),
            PairPercent = percent,
            NumpyMedianNs = numpyNs.Count > 0 ? Stats.RoundNs(Stats.Median(numpyNs)) : null,
            PercentOfNumpy = percentNumpy.Count > 0 ? Math.Round(Stats.Median(percentNumpy), 2) : null,
            PairPercentNumpy = percentNumpy.Count > 0 ? percentNumpy : null,
        };
        Progress($"{id}, {Fmt.Threads(threads)}: ours at {p.PercentOfC:F1}% of C over {o.Pairs} pairs ({Fmt.Ns(om)} vs {Fmt.Ns(cm)})" +
                 (p.PercentOfNumpy is { } pn ? $", at {pn:F1}% of NumPy ({Fmt.Ns(p.NumpyMedianNs!.Value)})" : ""));
        return p;
    }

    /// <summary>NumPy's best single call of workload <paramref name="id"/> in a fresh worker process (ns).</summary>
    private double NumpySingleCallsMin(string script, string id, int threads, string minTime, string log)
    {
        string stdout = Proc.Check(o.Python, [script, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--worker", id, "--single",
            "--min-time", minTime], new Dictionary<string, string>(), log);
        // The worker prints [samples_ns, calls_per_sample]; with --single every sample is one call.
        JsonArray samples = JsonNode.Parse(stdout)![0]!.AsArray();
        return samples.Min(x => (double)x!);
    }

    private CallOverhead? Callgrind(string bench, string? kernelsPath)
    {
        if (!OnPath("valgrind"))
        {
            Progress("valgrind not found: no instruction count");
            return null;
        }
        var env = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["OPENBLAS_NUM_THREADS"] = "1" };
        double PerCall(string side, Func<long, string[]> command)
        {
            var counts = new List<long>();
            foreach (long n in o.CallgrindCalls)
            {
                // Only the main thread, which makes the calls: the runtime's background threads (tiering, timers)
                // run in proportion to wall time, which under valgrind and a busy machine differs from run to run.
                string dir = Path.Combine(_out, "logs", $"callgrind.{side}.{n}");
                Directory.CreateDirectory(dir);
                string outFile = Path.Combine(dir, "callgrind.out");
                Proc.Check("valgrind", ["--tool=callgrind", "--separate-threads=yes", $"--callgrind-out-file={outFile}", .. command(n)], env, Log($"callgrind_{side}"));
                string main = Directory.GetFiles(dir).Where(f => f.EndsWith("-01", StringComparison.Ordinal)).SingleOrDefault()
                              ?? throw new ChildFailedException($"{dir}: no main-thread profile (callgrind.out-01)");
                Match m = Regex.Match(File.ReadAllText(main), @"^(?:summary|totals):\s*(\d+)", RegexOptions.Multiline);
                if (!m.Success) throw new ChildFailedException($"{main}: no instruction total");
                counts.Add(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            return (double)(counts[^1] - counts[0]) / (o.CallgrindCalls[^1] - o.CallgrindCalls[0]);
        }
        Progress("callgrind: counting the instructions of nk_noop calls");
        var co = new CallOverhead
        {
            Calls = [.. o.CallgrindCalls],
            OursInstructionsPerCall = Math.Round(PerCall("ours", n => [o.Dotnet, "exec", bench, "--callgrind-noop", n.ToString(CultureInfo.InvariantCulture)]), 2),
        };
        if (o.CRef is { } cref && kernelsPath is not null)
            co.CInstructionsPerCall = Math.Round(PerCall("c", n => [cref, "noop", "--lib", kernelsPath, "--calls", n.ToString(CultureInfo.InvariantCulture), "--untimed"]), 2);
        Progress($"callgrind: {co.OursInstructionsPerCall:F1} instructions per call through the binding, {co.CInstructionsPerCall:F1} from C");
        return co;
    }

    private List<Row> Aggregate(List<string> ids, List<PairSummary>? pairs, CallOverhead? callOverhead)
    {
        var rows = new List<Row>();
        foreach (int t in o.Threads)
        {
            foreach (string id in ids)
            {
                if (!_ours.TryGetValue((id, t), out var ours)) throw new ChildFailedException($"{id} ({Fmt.Threads(t)}): no result of ours");
                RoundSample first = ours[0];
                var row = new Row
                {
                    Id = id,
                    Threads = t,
                    MedianNs = Stats.RoundNs(Stats.Median(ours.Select(s => s.Median))),
                    MinNs = Stats.RoundNs(ours.Min(s => s.Min)),
                    Samples = ours.Sum(s => s.Samples),
                    RoundMediansNs = ours.Select(s => Stats.RoundNs(s.Median)).ToList(),
                };
                if (first.Flops is { } f) row.Gflops = Math.Round(f / row.MedianNs, 3);
                if (first.Bytes is { } b) row.Gbps = Math.Round(b / row.MedianNs, 3);
                if (_numpy.TryGetValue((id, t), out var np))
                {
                    row.Numpy = SideOf(np, first.Flops ?? np[0].Flops, first.Bytes ?? np[0].Bytes);
                    var ratios = ours.Join(np, s => s.Round, s => s.Round, (a, c) => Math.Round(a.Median / c.Median, 4)).ToList();
                    row.RatioNumpyRounds = ratios;
                    row.RatioNumpy = Math.Round(Stats.Median(ratios), 4);
                }
                foreach (var ((pid, pt, peer), ps) in _peers.Where(kv => kv.Key.Id == id && kv.Key.Threads == t))
                    (row.Peers ??= new SortedDictionary<string, Side>(StringComparer.Ordinal))[peer] = SideOf(ps, first.Flops, first.Bytes);
                if (id == NoopId)
                {
                    if (_cNoop.TryGetValue(t, out var cn))
                    {
                        row.C = new Side { MedianNs = Stats.RoundNs(Stats.Median(cn)), MinNs = Stats.RoundNs(cn.Min()), What = "nk_noop from C through a dlsym'd pointer" };
                        row.RatioC = Math.Round(Stats.Median(ours.Zip(cn, (a, c) => a.Median / c)), 4);
                    }
                    row.InstructionsPerCall = callOverhead?.OursInstructionsPerCall;
                    row.CInstructionsPerCall = callOverhead?.CInstructionsPerCall;
                }
                // The pairs ran at another time than the rounds: only their ratio belongs in the row, not their times.
                if (pairs?.FirstOrDefault(p => p.Id == id && p.Threads == t) is { } pair)
                    row.RatioC = Math.Round(Stats.Median(pair.PairPercent!.Select(x => 100 / x)), 4);
                row.ChooseGateMetric();
                rows.Add(row);
            }
        }
        return rows;
    }

    private static Side SideOf(List<RoundSample> s, double? flops, double? bytes)
    {
        double median = Stats.Median(s.Select(x => x.Median));
        return new Side
        {
            MedianNs = Stats.RoundNs(median),
            MinNs = Stats.RoundNs(s.Min(x => x.Min)),
            Samples = s.Sum(x => x.Samples),
            RoundMediansNs = s.Select(x => Stats.RoundNs(x.Median)).ToList(),
            Gflops = flops is { } f ? Math.Round(f / median, 3) : null,
            Gbps = bytes is { } b ? Math.Round(b / median, 3) : null,
        };
    }

    private void FillVersions(CompareDoc doc, JsonObject info)
    {
        doc.Versions["numerics_native"] = (string?)info["numerics_native"];
        doc.Versions["dotnet"] = (string?)info["dotnet"];
        doc.Versions["benchmarkdotnet"] = (string?)info["benchmarkdotnet"];
        if (o.Peers)
        {
            doc.Versions["mathnet"] = (string?)info["mathnet"];
            doc.Versions["system_numerics_tensors"] = (string?)info["system_numerics_tensors"];
        }
        string[] probe = Proc.Check(o.Python, ["-c", "import sys, numpy; print(numpy.__version__); print(sys.version.split()[0])"], new Dictionary<string, string>(), Log("info"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        doc.Versions["numpy"] = probe.ElementAtOrDefault(0);
        doc.Versions["python"] = probe.ElementAtOrDefault(1);
        doc.Backend = new Backend
        {
            Name = (string?)info["backend"] ?? "",
            Version = (string?)info["backend_version"],
            CoreType = (string?)info["core_type"],
            Threading = (string?)info["threading"],
            BlasPath = (string?)info["blas_path"],
            SimdLevel = (string?)info["simd_level"],
        };
    }

    private static bool OnPath(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, exe)));
}
