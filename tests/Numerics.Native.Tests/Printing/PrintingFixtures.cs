using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Numerics.Native.Tests.Core;

namespace Numerics.Native.Tests.Printing;

/// <summary>Loads tests/fixtures/data/printing/cases.json (written by tests/fixtures/gen/printing.py from NumPy).</summary>
internal static class PrintingFixtures
{
    internal static readonly Lazy<JsonObject> Doc = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CoreFixtures.RepoRoot(), "tests", "fixtures", "data", "printing", "cases.json")))!.AsObject());

    internal static JsonArray Cases => Doc.Value["cases"]!.AsArray();

    internal static JsonArray Floats => Doc.Value["floats"]!.AsArray();

    internal static string GeneratorPath => Path.Combine(CoreFixtures.RepoRoot(), "tests", "fixtures", "gen", "printing.py");

    internal static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    internal static IEnumerable<TestCaseData> CaseIds() =>
        Cases.Select(c => new TestCaseData(c!["id"]!.GetValue<string>()).SetName("Print " + c["id"]!.GetValue<string>()));

    internal static JsonObject Get(string id) => Cases.First(c => c!["id"]!.GetValue<string>() == id)!.AsObject();

    /// <summary>The case's array: its C-order bytes, then the view expression the generator applied.</summary>
    internal static NDArray Array(JsonObject c)
    {
        var d = c["array"]!;
        var dtype = np.dtype(d["dtype"]!.GetValue<string>());
        var shape = d["shape"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();
        var bytes = Convert.FromBase64String(d["data"]!.GetValue<string>());
        NDArray a;
        if (bytes.Length == 0)
        {
            a = np.zeros(shape, dtype);
        }
        else
        {
            using var flat = np.frombuffer(bytes, dtype);
            a = np.reshape(flat, shape).copy();
        }
        if (c["view"] is not { } view) return a;
        using (a)
        {
            string v = view.GetValue<string>();
            return v == "T" ? a.T : a[v];
        }
    }

    /// <summary>Print options from the case, as a scope.</summary>
    internal static IDisposable Options(JsonObject c)
    {
        var o = c["options"]!.AsObject();
        return np.printoptions(
            precision: o["precision"]?.GetValue<int>(),
            threshold: o["threshold"]?.GetValue<long>(),
            edgeitems: o["edgeitems"]?.GetValue<int>(),
            linewidth: o["linewidth"]?.GetValue<int>(),
            suppress: o["suppress"]?.GetValue<bool>(),
            nanstr: o["nanstr"]?.GetValue<string>(),
            infstr: o["infstr"]?.GetValue<string>(),
            sign: o["sign"]?.GetValue<string>(),
            floatmode: o["floatmode"]?.GetValue<string>());
    }
}
