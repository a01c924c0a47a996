using System.Diagnostics;
using System.Text.Json;

namespace Numerics.Native.Tests.Infrastructure;

/// <summary>
/// Runs tests/Numerics.Native.ChildHost with another environment and parses the one JSON object it prints.
/// The backend and the loader's environment are fixed per process, so each variant needs its own child.
/// </summary>
internal static class ChildProcess
{
    internal static JsonElement Run(string mode, IReadOnlyDictionary<string, string?> env, int timeoutMs = 120_000)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Numerics.Native.ChildHost.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add(mode);
        foreach (var (k, v) in env)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"child '{mode}' timed out; stderr: {stderr.Result}");
        }
        string output = stdout.Result.Trim();
        Assert.That(p.ExitCode, Is.Zero, $"child '{mode}' exit code {p.ExitCode}; stderr: {stderr.Result}");
        // The JSON object is the child's last line of its own; LAPACK's XERBLA (on NaN input, as under NumPy) writes
        // through C stdio, whose buffer is flushed at exit, after it.
        string last = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{')) ?? output;
        try
        {
            return JsonDocument.Parse(last).RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"child '{mode}' printed no JSON: {output}\n{stderr.Result}");
            throw;
        }
    }
}
