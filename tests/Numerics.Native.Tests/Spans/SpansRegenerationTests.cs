using System.Diagnostics;

namespace Numerics.Native.Tests.Spans;

/// <summary>
/// interop/Numerics.Native.Interop/Spans/*.g.cs must be exactly what <c>Bindgen spans</c> writes from the committed
/// size rules and today's headers. A failure means SizeRules/ or a header changed: rerun
/// <c>dotnet run --project interop/Numerics.Native.Bindgen -- spans</c> and commit the result.
/// </summary>
[TestFixture]
[NonParallelizable] // builds and runs the generator project, as BindgenTests does
public sealed class SpansRegenerationTests
{
    private const string Regenerate = "dotnet run --project interop/Numerics.Native.Bindgen -- spans";

    [Test]
    public void CommittedSpanOverloadsAreByteIdenticalToAFreshRun()
    {
        string root = RepoRoot();
        string scratch = Directory.CreateTempSubdirectory("numerics-spans-").FullName;
        try
        {
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string arg in (string[])["run", "--project", Path.Combine(root, "interop", "Numerics.Native.Bindgen"), "--", "spans", "--out", scratch])
                info.ArgumentList.Add(arg);
            // A test host started by `dotnet test` inherits MSBuild's variables; a nested build must not.
            foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
                info.Environment.Remove(key);
            info.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("Bindgen spans took longer than 10 minutes");
            }
            Assert.That(process.ExitCode, Is.Zero, $"Bindgen spans failed:\n{stdout.Result}\n{stderr.Result}");
            Assert.That(stdout.Result, Does.Contain("Cblas.Spans.g.cs: ").And.Contain("Lapacke.Spans.g.cs: "));

            string committed = Path.Combine(root, "interop", "Numerics.Native.Interop", "Spans");
            var fresh = Directory.GetFiles(scratch).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var existing = Directory.GetFiles(committed, "*.g.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.That(existing, Is.EqualTo(fresh), $"Spans/*.g.cs differ in names from what the tool writes; run `{Regenerate}`");
            using (Assert.EnterMultipleScope())
            {
                foreach (string name in fresh.OfType<string>())
                {
                    byte[] expected = File.ReadAllBytes(Path.Combine(committed, name)), actual = File.ReadAllBytes(Path.Combine(scratch, name));
                    Assert.That(actual.AsSpan().SequenceEqual(expected), Is.True, $"Spans/{name} is stale; run `{Regenerate}` and commit it");
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        foreach (string start in new[] { TestContext.CurrentContext.TestDirectory, Path.GetDirectoryName(source)! })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Numerics.Native.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("no Numerics.Native.sln above the test directory");
    }
}
