using System.Globalization;
using System.Text;

namespace Numerics.Native.Compare;

/// <summary>The Markdown rendering of a comparison (what compare.md holds and the README pastes).</summary>
internal static class Report
{
    public static string Markdown(CompareDoc d)
    {
        var sb = new StringBuilder();
        Machine m = d.Machine;
        string date = DateTime.TryParse(d.Date, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t)
            ? t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : d.Date;
        string family = m.CpuFamily is { } f ? $" (family {f}, model {m.CpuModelNumber})" : "";
        string flags = m.FlagsOfNote is { Count: > 0 } fl ? ", " + string.Join(' ', fl) : "";
        string load = m.LoadavgStart is { Count: > 0 } ls && m.LoadavgEnd is { Count: > 0 } le
            ? $"; load average {Fmt.F(ls[0], "0.00")} at the start, {Fmt.F(le[0], "0.00")} at the end" : "";
        sb.AppendLine(CultureInfo.InvariantCulture, $"Measured {date} on {m.CpuModel}{family}, {m.Cores} cores{flags}; {m.Os}{(m.Kernel is null ? "" : $", kernel {m.Kernel}")}{load}.");
        sb.AppendLine();
        Backend b = d.Backend;
        string V(string key) => d.Versions.TryGetValue(key, out string? v) && v is not null ? v : "?";
        sb.AppendLine(
            $"Numerics.Native {V("numerics_native")} on {V("dotnet")}, backend {b.Name} ({b.Version}{(string.IsNullOrEmpty(b.CoreType) ? "" : $", core {b.CoreType}")}{(string.IsNullOrEmpty(b.Threading) ? "" : $", {b.Threading}")}), kernels {b.SimdLevel}; " +
            $"NumPy {V("numpy")} on Python {V("python")}{NumpyBlas(d)}; BenchmarkDotNet {V("benchmarkdotnet")}.");
        sb.AppendLine();
        // --pairs-only has no rows: no method line and no empty table.
        if (d.Results.Count > 0) ResultsTable(sb, d);

        if (d.CallOverhead is { } o)
        {
            string time = o.OursNs is { } ns ? $"{Fmt.F(ns, "0.00")} ns per call (BenchmarkDotNet, 1 thread)" : "";
            string cTime = o.CNs is { } cns ? $", {Fmt.F(cns, "0.00")} ns from C (dlsym'd pointer)" : "";
            string cIns = o.CInstructionsPerCall is { } ci ? $" ({Fmt.F(ci, "0.0")} from C)" : "";
            sb.AppendLine(
                $"Binding overhead: the empty native call `nk_noop` through the generated binding: {time}{cTime}; {Fmt.F(o.OursInstructionsPerCall, "0.0")} instructions per call{cIns} " +
                $"by callgrind (Δinstructions/Δcalls between {o.Calls[0]:N0} and {o.Calls[^1]:N0} calls, loop included).");
            sb.AppendLine();
        }
        if (d.BindingsVsC is { Count: > 0 } pairs) OursVsC(sb, pairs, d.Method);
        return sb.ToString();
    }

    /// <summary>The method line and the main table: ours vs NumPy (and peers, and the ratio to C) per row.</summary>
    private static void ResultsTable(StringBuilder sb, CompareDoc d)
    {
        Method me = d.Method;
        sb.AppendLine(
            $"Method: {me.Rounds} round{(me.Rounds == 1 ? "" : "s")} at {string.Join(" and ", me.Threads.Select(Fmt.Threads))}; {me.Interleave}. " +
            "Median = median of the round medians, min = fastest sample of any round, ours/NumPy = median over rounds of the same-round ratio " +
            $"(below 1: we are faster). Inputs: {InputsText(me.Inputs)}.");
        sb.AppendLine();

        var peers = d.Results.Where(r => r.Peers is not null).SelectMany(r => r.Peers!.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        bool anyC = d.Results.Any(r => r.RatioC is not null);
        sb.Append("| id | threads | ours median | ours min | NumPy median | NumPy min | ours/NumPy | ours rate | NumPy rate |");
        if (anyC) sb.Append(" ours/C |");
        foreach (string p in peers) sb.Append(CultureInfo.InvariantCulture, $" {p} |");
        sb.AppendLine();
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        if (anyC) sb.Append("---:|");
        foreach (string _ in peers) sb.Append("---:|");
        sb.AppendLine();
        foreach (Row r in d.Results)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {r.Id} | {r.Threads} | {Fmt.Ns(r.MedianNs)} | {Fmt.Ns(r.MinNs)} | ");
            sb.Append(r.Numpy is { } n ? $"{Fmt.Ns(n.MedianNs)} | {Fmt.Ns(n.MinNs)} | " : "— | — | ");
            sb.Append(r.RatioNumpy is { } ratio ? Fmt.F(ratio, "0.00") : "—");
            sb.Append(CultureInfo.InvariantCulture, $" | {Rate(r.Gflops, r.Gbps)} | {(r.Numpy is { } np ? Rate(np.Gflops, np.Gbps) : "")} |");
            if (anyC) sb.Append(r.RatioC is { } rc ? $" {Fmt.F(rc, "0.00")} |" : " |");
            foreach (string p in peers)
                sb.Append(r.Peers is not null && r.Peers.TryGetValue(p, out Side? s) ? $" {Fmt.Ns(s.MedianNs)}{(s.Gflops is { } g ? $" ({Fmt.F(g, "0.0")} GFLOP/s)" : "")} |" : " — |");
            sb.AppendLine();
        }
        sb.AppendLine();
    }

    /// <summary>The "ours vs the same call from C" table: one row per workload and thread count.</summary>
    private static void OursVsC(StringBuilder sb, List<PairSummary> pairs, Method me)
    {
        PairSummary first = pairs[0];
        string minMs = me.PairMinMs is { } ms ? $" and at least {ms} ms of calls" : "";
        sb.AppendLine("### Ours vs the same call from C");
        sb.AppendLine();
        sb.AppendLine(
            $"Our benchmark method against NumPy's statement written in C with the CBLAS/LAPACKE call it implies " +
            "(`native_ref/cref.c`: BLAS on the inputs as they are, into a new result; LAPACK as NumPy's umath_linalg calls it: input copied to Fortran order, " +
            "workspace query and allocation, the call, results copied to new C-order arrays, all freed), " +
            $"in {first.Pairs} interleaved pairs of processes per row, each side's time its best of at least {first.CallsPerSide} calls{minMs}. " +
            "Times are medians over pairs; % of C = median over pairs of 100 × C / ours (above 100: we are faster). " +
            "Where NumPy has the workload, a third process in each pair times NumPy's statement one call per sample " +
            "(`numpy_bench.py --worker ID --single`, its best call): % of NumPy = median over pairs of 100 × NumPy / ours.");
        sb.AppendLine();
        sb.AppendLine("| id | threads | C call | ours | C | % of C | pairs' range | NumPy | % of NumPy | pairs' range | ours GFLOP/s | C GFLOP/s |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (PairSummary p in pairs)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Id} | {p.Threads} | {(p.What is null ? "" : $"`{p.What}`")} | {Fmt.Ns(p.OursMedianNs)} | {Fmt.Ns(p.CMedianNs)} | **{Fmt.F(p.PercentOfC, "0.0")}%** | {Range(p.PairPercent)} | " +
                $"{(p.NumpyMedianNs is { } nm ? Fmt.Ns(nm) : "")} | {(p.PercentOfNumpy is { } pn ? $"**{Fmt.F(pn, "0.0")}%**" : "")} | {Range(p.PairPercentNumpy)} | " +
                $"{(p.OursGflops is { } og ? Fmt.F(og, "0.0") : "")} | {(p.CGflops is { } cg ? Fmt.F(cg, "0.0") : "")} |");
        }
        sb.AppendLine();
    }

    private static string Range(List<double>? percents) =>
        percents is { Count: > 0 } pp ? $"{Fmt.F(pp.Min(), "0.0")}–{Fmt.F(pp.Max(), "0.0")}" : "";

    private static string Rate(double? gflops, double? gbps) =>
        gflops is { } g ? $"{Fmt.F(g, "0.0")} GFLOP/s" : gbps is { } b ? $"{Fmt.F(b, "0.0")} GB/s" : "";

    private static string NumpyBlas(CompareDoc d)
    {
        if (d.NumpyBlas is not { Count: > 0 } blas || blas[0] is not System.Text.Json.Nodes.JsonObject o) return "";
        return $" ({o["internal_api"]} {o["version"]}, {o["architecture"]}, {o["threading_layer"]})";
    }

    private static string InputsText(string? inputs) => inputs switch
    {
        "numpy" => "NumPy's own arrays (default_rng(0), written to .npy by make_inputs.py and read by both sides)",
        "generated" => "a seeded standard normal of the benchmark project (no .npy inputs were available)",
        "mixed" => "NumPy's arrays where available, a seeded standard normal elsewhere",
        _ => "none needed",
    };
}
