using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Numerics.Native.Compare;

/// <summary>Entry point of build/compare.sh. Exit codes: 0 ok, 1 regression, 2 bad input or usage, 3 a benchmark process failed.</summary>
internal static class Program
{
    private const string Usage = """
        usage: build/compare.sh [options]
          --filter REGEX          workload ids to run (default: every workload that exists)
          --threads LIST          thread counts, e.g. 1,2 (default: 1 and all cores)
          --rounds K              interleaved rounds (default 3)
          --out DIR               where compare.md, compare.json and logs/ go (default artifacts/compare/<UTC time>)
          --baseline FILE         gate against an earlier compare.json; "auto": build/baselines/<machine kind>.json
          --max-regression P      how much worse a row's gate metric may get, e.g. 25% (default 25%)
          --peers                 also run Math.NET (managed) and TensorPrimitives where they have the workload
          --pairs N               ours vs the same call from C: interleaved pairs of processes per workload that
                                  native_ref/cref.c has (default 3, 0 = none)
          --pairs-ids REGEX       only these of them (default: all the selected workloads cref has)
          --pair-calls K --pair-min-ms M   per side and pair: at least K timed calls and M ms of them (default 3, 200)
          --pairs-only            run only the pairs (no BenchmarkDotNet or NumPy rounds)
          --no-callgrind          skip the callgrind instruction count of nk_noop
          --write-baseline FILE   also save the result JSON as FILE (e.g. build/baselines/<machine kind>.json)
          --from-json FILE        run nothing: check FILE against the schema, print its table, gate it with --baseline
          --validate FILE         only check FILE against the schema
          --print-schema          print the JSON schema of compare.json
          --bdn-warmups N --bdn-iterations N --bdn-iteration-ms N --numpy-min-time S    job sizes
          --repo-root DIR --bench DLL --cref EXE --python EXE --inputs DIR               (set by compare.sh)
        """;

    public static int Main(string[] args)
    {
        Options o;
        try
        {
            o = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (o is null)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        try
        {
            return Execute(o);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("compare: " + e.Message);
            return 2;
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine("compare: " + e.Message);
            return 2;
        }
        catch (ChildFailedException e)
        {
            Console.Error.WriteLine("compare: " + e.Message);
            return 3;
        }
    }

    private static int Execute(Options o)
    {
        SchemaValidator schema = SchemaValidator.Embedded();
        if (o.Validate is { } only)
        {
            Load(only, schema);
            Console.WriteLine($"{only}: valid ({CompareDoc.SchemaId})");
            return 0;
        }

        CompareDoc doc;
        string? outDir = o.Out;
        if (o.FromJson is { } path)
        {
            doc = Load(path, schema);
        }
        else
        {
            outDir ??= Path.Combine(o.RepoRoot, "artifacts", "compare", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(outDir);
            doc = new Runner(o).Run(outDir);
            string json = doc.ToJson();
            // The tool's own output must pass the schema it documents; a failure here is a bug of this tool.
            List<string> errors = schema.Validate(JsonNode.Parse(json));
            if (errors.Count > 0) throw new InvalidDataException("the result does not match the schema:\n  " + string.Join("\n  ", errors));
            File.WriteAllText(Path.Combine(outDir, "compare.json"), json);
            if (o.WriteBaseline is { } wb)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(wb))!);
                File.WriteAllText(wb, json);
            }
        }

        string md = "## Numerics.Native vs NumPy\n\n" + Report.Markdown(doc);
        int exit = 0;
        string? basePath = o.Baseline;
        if (basePath == "auto")
        {
            basePath = Path.Combine(o.RepoRoot, "build", "baselines", doc.Machine.Kind + ".json");
            if (!File.Exists(basePath))
            {
                Console.Error.WriteLine($"compare: no committed baseline for machine kind '{doc.Machine.Kind}' ({basePath}): the gate is skipped. " +
                                        $"Make one with --write-baseline {basePath}");
                basePath = null;
            }
        }
        if (basePath is not null)
        {
            CompareDoc baseline = Load(basePath, schema);
            (List<GateFinding> findings, List<string> notes) = Gate.Check(doc, baseline, o.MaxRegression);
            md += Gate.Markdown(findings, notes, o.MaxRegression, basePath);
            foreach (GateFinding f in findings.Where(f => f.Regressed))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"REGRESSION {f.Id} ({Fmt.Threads(f.Threads)}): {f.Metric} {f.Current:0.###} vs baseline {f.Baseline:0.###} ({f.Change * 100:+0.0}% > {o.MaxRegression * 100:0.#}%)"));
                exit = 1;
            }
            if (exit == 0) Console.Error.WriteLine($"gate passed: {findings.Count} row(s) within {o.MaxRegression * 100:0.#}% of {basePath}");
        }
        Console.WriteLine(md);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "compare.md"), md);
            if (o.FromJson is null) Console.Error.WriteLine($"wrote {Path.Combine(outDir, "compare.md")} and compare.json ({doc.Method.DurationS:F0} s)");
        }
        return exit;
    }

    private static CompareDoc Load(string path, SchemaValidator schema)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: no such file");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not JSON ({e.Message})");
        }
        List<string> errors = schema.Validate(node);
        if (errors.Count > 0) throw new InvalidDataException($"{path} does not match {CompareDoc.SchemaId}:\n  " + string.Join("\n  ", errors.Take(20)));
        return CompareDoc.FromJson(node!);
    }

    private static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            int NextInt(int min)
            {
                string v = Next();
                return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min ? n : throw new ArgumentException($"{a} {v}: expected an integer >= {min}");
            }
            switch (a)
            {
                case "-h" or "--help": return null!;
                case "--filter": o.Filter = Next(); break;
                case "--threads":
                    o.Threads = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t >= 1 ? t : throw new ArgumentException($"--threads: '{s}' is not a thread count"))
                        .Distinct().ToList();
                    if (o.Threads.Count == 0) throw new ArgumentException("--threads: empty list");
                    break;
                case "--rounds": o.Rounds = NextInt(1); break;
                case "--out": o.Out = Next(); break;
                case "--baseline": o.Baseline = Next(); break;
                case "--max-regression": o.MaxRegression = Gate.ParseThreshold(Next()); break;
                case "--peers": o.Peers = true; break;
                case "--pairs": o.Pairs = NextInt(0); break;
                case "--pair-calls": o.PairCalls = NextInt(1); break;
                case "--pair-min-ms": o.PairMinMs = NextInt(0); break;
                case "--pairs-ids": o.PairsIds = Next(); break;
                case "--pairs-only": o.PairsOnly = true; break;
                case "--no-callgrind": o.Callgrind = false; break;
                case "--write-baseline": o.WriteBaseline = Next(); break;
                case "--from-json": o.FromJson = Next(); break;
                case "--validate": o.Validate = Next(); break;
                case "--print-schema": Console.WriteLine(SchemaValidator.SchemaText()); Environment.Exit(0); break;
                case "--repo-root": o.RepoRoot = Next(); break;
                case "--bench": o.Bench = Next(); break;
                case "--cref": o.CRef = Next(); break;
                case "--python": o.Python = Next(); break;
                case "--inputs": o.InputsDir = Next(); break;
                case "--bdn-warmups": o.BdnWarmups = NextInt(0); break;
                case "--bdn-iterations": o.BdnIterations = NextInt(1); break;
                case "--bdn-iteration-ms": o.BdnIterationMs = NextInt(1); break;
                case "--numpy-min-time":
                    string s = Next();
                    o.NumpyMinTime = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double mt) && mt > 0 ? mt : throw new ArgumentException($"--numpy-min-time {s}");
                    break;
                default: throw new ArgumentException($"unknown option {a}");
            }
        }
        if (o.WriteBaseline is not null && o.FromJson is not null) throw new ArgumentException("--write-baseline needs a run, not --from-json");
        if (o.PairsOnly && o.Pairs == 0) throw new ArgumentException("--pairs-only with --pairs 0 runs nothing");
        if (o.PairsOnly && o.WriteBaseline is not null) throw new ArgumentException("--pairs-only has no rows to gate: not a baseline");
        return o;
    }
}
