using System.Globalization;
using System.Text;

namespace Numerics.Native.Compare;

internal sealed record GateFinding(string Id, int Threads, string Metric, double Baseline, double Current, bool Regressed)
{
    /// <summary>How much worse (positive) or better (negative) the metric is than the baseline's; lower metrics are better.</summary>
    public double Change => Current / Baseline - 1;
}

/// <summary>
/// The regression gate: a row fails when its gate metric (docs/benchmarks.md: the ratio to NumPy for NumPy
/// workloads) is worse than the baseline's by more than the allowed fraction. Ratios, not times: both sides of a
/// ratio were measured in the same rounds, so machine-wide drift cancels.
/// </summary>
internal static class Gate
{
    public static double ParseThreshold(string text)
    {
        string t = text.Trim();
        bool percent = t.EndsWith('%');
        if (percent) t = t[..^1];
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < 0)
            throw new ArgumentException($"--max-regression {text}: expected e.g. 25% or 0.25");
        // "25" alone reads as percent: nobody means a 2,500% threshold.
        return percent || v >= 1 ? v / 100 : v;
    }

    public static (List<GateFinding> Findings, List<string> Notes) Check(CompareDoc current, CompareDoc baseline, double maxRegression)
    {
        var findings = new List<GateFinding>();
        var notes = new List<string>();
        if (current.Machine.Kind != baseline.Machine.Kind)
            notes.Add($"the baseline is from machine kind '{baseline.Machine.Kind}', this run from '{current.Machine.Kind}': ratios to NumPy travel between machines better than times, but not perfectly");
        var baseRows = baseline.Results.ToDictionary(r => (r.Id, r.Threads));
        foreach (Row row in current.Results)
        {
            if (!baseRows.TryGetValue((row.Id, row.Threads), out Row? b))
            {
                notes.Add($"{row.Id} ({Fmt.Threads(row.Threads)}): not in the baseline, not gated");
                continue;
            }
            if (row.GateMetric is not { } metric)
            {
                notes.Add($"{row.Id} ({Fmt.Threads(row.Threads)}): nothing to gate on (no NumPy, C or instruction count)");
                continue;
            }
            if (b.GateMetric != metric || b.Metric(metric) is not { } bv || row.Metric(metric) is not { } cv)
            {
                notes.Add($"{row.Id} ({Fmt.Threads(row.Threads)}): the baseline has no {metric}, not gated");
                continue;
            }
            findings.Add(new GateFinding(row.Id, row.Threads, metric, bv, cv, cv / bv - 1 > maxRegression));
        }
        var currentKeys = current.Results.Select(r => (r.Id, r.Threads)).ToHashSet();
        foreach (Row b in baseline.Results.Where(b => !currentKeys.Contains((b.Id, b.Threads))))
            notes.Add($"{b.Id} ({Fmt.Threads(b.Threads)}): in the baseline but not in this run");
        return (findings, notes);
    }

    public static string Markdown(List<GateFinding> findings, List<string> notes, double maxRegression, string baselinePath)
    {
        var sb = new StringBuilder();
        int bad = findings.Count(f => f.Regressed);
        sb.AppendLine(CultureInfo.InvariantCulture, $"### Regression gate: {(bad == 0 ? "passed" : $"FAILED ({bad} regression{(bad == 1 ? "" : "s")})")}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Baseline `{baselinePath}`; a row fails when its gate metric is more than {Fmt.F(maxRegression * 100, "0.#")}% worse (lower is better for every metric).");
        sb.AppendLine();
        if (findings.Count > 0)
        {
            sb.AppendLine("| id | threads | metric | baseline | now | change | verdict |");
            sb.AppendLine("|---|---:|---|---:|---:|---:|---|");
            foreach (GateFinding f in findings)
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {f.Id} | {f.Threads} | {f.Metric} | {Fmt.F(f.Baseline, "0.###")} | {Fmt.F(f.Current, "0.###")} | {Fmt.F(f.Change * 100, "+0.0;-0.0")}% | {(f.Regressed ? "**REGRESSION**" : "ok")} |");
            sb.AppendLine();
        }
        foreach (string n in notes) sb.AppendLine("- " + n);
        return sb.ToString();
    }
}
