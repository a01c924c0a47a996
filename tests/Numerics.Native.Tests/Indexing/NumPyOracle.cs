using System.Diagnostics;
using System.Text.Json.Nodes;
using Numerics.Native.Tests.Core;

namespace Numerics.Native.Tests.Indexing;

/// <summary>Runs a fixture generator (tests/fixtures/gen/core.py by default) in oracle mode under /usr/bin/python3 (NumPy).</summary>
internal static class NumPyOracle
{
    private const string Python = "/usr/bin/python3";

    internal static bool Available()
    {
        if (!File.Exists(Python)) return false;
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Python, "-c \"import numpy\"") { RedirectStandardError = true, UseShellExecute = false })!;
            p.WaitForExit(30_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    internal static List<JsonObject> Ask(IReadOnlyList<JsonObject> requests) =>
        Ask(Path.Combine(CoreFixtures.RepoRoot(), "tests", "fixtures", "gen", "core.py"), requests);

    /// <summary>Runs <paramref name="script"/> <c>oracle</c> (a fixture generator: one JSON request per input line, one
    /// answer per output line) under NumPy for a batch of requests.</summary>
    internal static List<JsonObject> Ask(string script, IReadOnlyList<JsonObject> requests)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("oracle");
        using var p = Process.Start(psi)!;
        var reader = Task.Run(() =>
        {
            var lines = new List<JsonObject>(requests.Count);
            string? line;
            while ((line = p.StandardOutput.ReadLine()) is not null) lines.Add(JsonNode.Parse(line)!.AsObject());
            return lines;
        });
        var err = p.StandardError.ReadToEndAsync();
        foreach (var r in requests) p.StandardInput.WriteLine(r.ToJsonString());
        p.StandardInput.Close();
        var result = reader.Result;
        p.WaitForExit();
        if (result.Count != requests.Count)
            throw new InvalidOperationException($"oracle answered {result.Count} of {requests.Count} requests: {err.Result}");
        return result;
    }
}
