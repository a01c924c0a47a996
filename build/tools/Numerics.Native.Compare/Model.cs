using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Numerics.Native.Compare;

// The JSON document (compare-result.schema.json, docs/benchmarks.md). Property names map to snake_case.

internal sealed class CompareDoc
{
    public const string SchemaId = "numerics-native-compare/1";

    public string Schema { get; set; } = SchemaId;
    public string Tool { get; set; } = "numerics-native";
    public string Date { get; set; } = "";
    public Machine Machine { get; set; } = new();
    public SortedDictionary<string, string?> Versions { get; set; } = new(StringComparer.Ordinal);
    public Backend Backend { get; set; } = new();
    public JsonArray? NumpyBlas { get; set; }
    public Method Method { get; set; } = new();
    public List<Row> Results { get; set; } = [];
    public List<PairSummary>? BindingsVsC { get; set; }
    public CallOverhead? CallOverhead { get; set; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CompareDoc FromJson(JsonNode node) =>
        node.Deserialize<CompareDoc>(Json) ?? throw new InvalidDataException("empty document");
}

internal sealed class Machine
{
    public string Kind { get; set; } = "";
    public string CpuModel { get; set; } = "";
    public int? CpuFamily { get; set; }
    public int? CpuModelNumber { get; set; }
    public int Cores { get; set; }
    public List<string>? FlagsOfNote { get; set; }
    public long? MemTotalKb { get; set; }
    public string Os { get; set; } = "";
    public string? Kernel { get; set; }
    public List<double>? LoadavgStart { get; set; }
    public List<double>? LoadavgEnd { get; set; }
}

internal sealed class Backend
{
    public string Name { get; set; } = "";
    public string? Version { get; set; }
    public string? CoreType { get; set; }
    public string? Threading { get; set; }
    public string? BlasPath { get; set; }
    public string? SimdLevel { get; set; }
}

internal sealed class Method
{
    public int Rounds { get; set; }
    public List<int> Threads { get; set; } = [];
    public string Filter { get; set; } = "";
    public string Interleave { get; set; } = "";
    public JsonObject? BdnJob { get; set; }
    public double? NumpyMinTimeS { get; set; }
    public string? Inputs { get; set; }
    public int? Pairs { get; set; }
    public string? PairsIds { get; set; }
    public int? PairMinMs { get; set; }
    public bool? Callgrind { get; set; }
    public bool? Peers { get; set; }
    public double? DurationS { get; set; }
}

/// <summary>One measured side of a row (NumPy, C, a peer).</summary>
internal sealed class Side
{
    public double MedianNs { get; set; }
    public double MinNs { get; set; }
    public int? Samples { get; set; }
    public List<double>? RoundMediansNs { get; set; }
    public double? Gflops { get; set; }
    public double? Gbps { get; set; }
    public string? What { get; set; }
}

/// <summary>One workload at one thread count. The top-level timing fields are ours (anchors/compare.py's shape).</summary>
internal sealed class Row
{
    public string Id { get; set; } = "";
    public int Threads { get; set; }
    public double MedianNs { get; set; }
    public double MinNs { get; set; }
    public int Samples { get; set; }
    public List<double>? RoundMediansNs { get; set; }
    public double? Gflops { get; set; }
    public double? Gbps { get; set; }
    public Side? Numpy { get; set; }
    public Side? C { get; set; }
    public SortedDictionary<string, Side>? Peers { get; set; }
    public double? RatioNumpy { get; set; }
    public List<double>? RatioNumpyRounds { get; set; }
    public double? RatioC { get; set; }
    public double? InstructionsPerCall { get; set; }
    public double? CInstructionsPerCall { get; set; }

    /// <summary>Which field the regression gate compares; written even when null (ungated rows).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? GateMetric { get; set; }

    public double? Metric(string name) => name switch
    {
        "ratio_numpy" => RatioNumpy,
        "ratio_c" => RatioC,
        "instructions_per_call" => InstructionsPerCall,
        _ => null,
    };

    /// <summary>
    /// The steadiest number the row has: the ratio to NumPy measured in the same rounds; else the instruction count
    /// (deterministic); else the ratio to the same call from C.
    /// </summary>
    public void ChooseGateMetric() =>
        GateMetric = RatioNumpy is not null ? "ratio_numpy" : InstructionsPerCall is not null ? "instructions_per_call" : RatioC is not null ? "ratio_c" : null;
}

/// <summary>Ours vs the same call from C for one workload at one thread count (Runner.Pairs).</summary>
internal sealed class PairSummary
{
    public string Id { get; set; } = "";
    public int Threads { get; set; }
    public string? What { get; set; }
    public int Pairs { get; set; }
    public int? CallsPerSide { get; set; }
    public double OursMedianNs { get; set; }
    public double CMedianNs { get; set; }
    public double? OursGflops { get; set; }
    public double? CGflops { get; set; }
    public double PercentOfC { get; set; }
    public List<double>? PairPercent { get; set; }
    public double? NumpyMedianNs { get; set; }
    public double? PercentOfNumpy { get; set; }
    public List<double>? PairPercentNumpy { get; set; }
}

internal sealed class CallOverhead
{
    public List<long> Calls { get; set; } = [];
    public double OursInstructionsPerCall { get; set; }
    public double? CInstructionsPerCall { get; set; }
    public double? OursNs { get; set; }
    public double? CNs { get; set; }
}
