using System.Numerics;
using System.Text.Json.Nodes;

namespace Numerics.Native.Tests.Core;

/// <summary>Loads tests/fixtures/data/core/cases.json (written by tests/fixtures/gen/core.py from NumPy) and decodes its values.</summary>
internal static class CoreFixtures
{
    private static readonly Lazy<JsonArray> Cases = new(() =>
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "tests", "fixtures", "data", "core", "cases.json")))!;
        return root["cases"]!.AsArray();
    });

    internal static string RepoRoot() => FindRoot(AppContext.BaseDirectory) ?? FindRoot(SourceDir())
        ?? throw new DirectoryNotFoundException("repository root (tests/fixtures) not found");

    private static string? FindRoot(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tests", "fixtures")))
            dir = dir.Parent;
        return dir?.FullName;
    }

    // Falls back to where this file was compiled from (test runs from a copied output directory).
    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";

    internal static IEnumerable<TestCaseData> All() =>
        Cases.Value.Select(c => new TestCaseData(c!["id"]!.GetValue<string>()).SetName("Fixture " + c["id"]!.GetValue<string>()));

    internal static JsonObject Get(string id) =>
        Cases.Value.First(c => c!["id"]!.GetValue<string>() == id)!.AsObject();

    /// <summary>A tagged array {"$a": {dtype, shape, data, view?}} as a new NDArray (view text applied, like the generator).</summary>
    internal static NDArray DecodeArray(JsonNode node)
    {
        var d = node["$a"]!;
        var bytes = Convert.FromBase64String(d["data"]!.GetValue<string>());
        var dtype = np.dtype(d["dtype"]!.GetValue<string>());
        var shape = d["shape"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();
        NDArray a;
        using (var flat = np.frombuffer(bytes, dtype)) a = np.reshape(flat, shape).copy();
        if (d["view"] is { } v)
        {
            using (a) return a[v.GetValue<string>()];
        }
        return a;
    }

    internal static bool IsArray(JsonNode? n) => n is JsonObject o && o.ContainsKey("$a");
}
