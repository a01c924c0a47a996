using System.Numerics;
using System.Text.Json.Nodes;

namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>Loads tests/fixtures/data/linalg/cases.json (tests/fixtures/gen/linalg.py, NumPy) and decodes its values.</summary>
internal static class LinalgFixtures
{
    private static readonly Lazy<JsonArray> Cases = new(() =>
    {
        var path = Path.Combine(RepoRoot(), "tests", "fixtures", "data", "linalg", "cases.json");
        return JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray();
    });

    private static readonly Lazy<Dictionary<string, JsonObject>> ById = new(() =>
        Cases.Value.ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!.AsObject()));

    internal static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDir() })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tests", "fixtures", "data", "linalg")))
                dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        throw new DirectoryNotFoundException("repository root (tests/fixtures/data/linalg) not found");
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";

    internal static IEnumerable<string> Ids() => Cases.Value.Select(c => c!["id"]!.GetValue<string>());

    internal static JsonObject Get(string id) => ById.Value[id];

    internal static bool IsArray(JsonNode? n) => n is JsonObject o && o.ContainsKey("$a");

    /// <summary>A tagged array as a new NDArray: decoded with its view text (the core fixtures' format), then the
    /// last-two-axes swap applied.</summary>
    internal static NDArray DecodeArray(JsonNode node)
    {
        var a = Core.CoreFixtures.DecodeArray(node);
        if (node["$a"]!["swap"] is null) return a;
        using (a) return np.swapaxes(a, -1, -2);
    }

    /// <summary>A plain JSON value as .NET: numbers (double unless integral), strings, bools, null, lists, ±inf.</summary>
    internal static object? Decode(JsonNode? n)
    {
        switch (n)
        {
            case null: return null;
            case JsonObject o when o.ContainsKey("$a"): return DecodeArray(o);
            case JsonObject o when o.ContainsKey("$f"): return o["$f"]!.GetValue<string>() == "inf" ? double.PositiveInfinity : double.NegativeInfinity;
            case JsonArray arr: return arr.Select(Decode).ToList();
            case JsonValue v:
                if (v.TryGetValue<bool>(out var b)) return b;
                if (v.TryGetValue<string>(out var s)) return s;
                if (v.TryGetValue<long>(out var l)) return l;
                return v.GetValue<double>();
            default: throw new InvalidOperationException("unknown fixture value " + n);
        }
    }

    /// <summary>An expected array result.</summary>
    internal sealed record Expected(string Dtype, long[] Shape, byte[] Data)
    {
        internal static Expected From(JsonNode n) => new(n["dtype"]!.GetValue<string>(),
            n["shape"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray(), Convert.FromBase64String(n["data"]!.GetValue<string>()));

        /// <summary>The values as complex numbers (C order), whatever the dtype.</summary>
        internal Complex[] Values()
        {
            using var flat = np.frombuffer(Data, np.dtype(Dtype));
            using var c = flat.astype(np.complex128);
            return c.ToArray<Complex>();
        }
    }

    /// <summary>An array's values as complex numbers (C order).</summary>
    internal static Complex[] Values(NDArray a)
    {
        using var c = a.astype(np.complex128);
        using var cc = np.ascontiguousarray(c);
        return cc.ToArray<Complex>();
    }

    internal static byte[] Bytes(NDArray a)
    {
        using var c = np.ascontiguousarray(a);
        return c.tobytes();
    }
}
