using System.Text.Json.Nodes;
using Numerics.Native.Tests.Core;

namespace Numerics.Native.Tests.IO;

/// <summary>tests/fixtures/data/npy: .npy files NumPy wrote and manifest.json describing them (tests/fixtures/gen/npy.py).</summary>
internal static class NpyFixtures
{
    internal static string Folder => Path.Combine(CoreFixtures.RepoRoot(), "tests", "fixtures", "data", "npy");

    internal static string GeneratorPath => Path.Combine(CoreFixtures.RepoRoot(), "tests", "fixtures", "gen", "npy.py");

    internal static readonly Lazy<JsonObject> Manifest = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject());

    internal static IEnumerable<JsonObject> Arrays => Manifest.Value["arrays"]!.AsArray().Select(n => n!.AsObject());

    internal static IEnumerable<TestCaseData> ArrayCases() =>
        Arrays.Select(e => new TestCaseData(e["file"]!.GetValue<string>()).SetName("NumPy wrote " + e["file"]!.GetValue<string>()));

    internal static IEnumerable<TestCaseData> RefuseCases() =>
        Manifest.Value["refuse"]!.AsArray().Select(e => new TestCaseData(e!["file"]!.GetValue<string>(), e["error"]!.GetValue<string>())
            .SetName("Refuses " + e["file"]!.GetValue<string>()));

    internal static JsonObject Get(string file) => Arrays.First(e => e["file"]!.GetValue<string>() == file);
}
