using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Numerics.Native.Tests.Interop;

/// <summary>
/// The committed bindings in interop/Numerics.Native.Interop/Generated must be exactly what Bindgen writes today
/// (DESIGN.md §6.1). A failure here means a header changed (numerics_kernels.h, or a Debian package update):
/// rerun <c>dotnet run --project interop/Numerics.Native.Bindgen</c> and commit the result.
/// </summary>
[TestFixture]
[NonParallelizable] // builds and runs the generator project
public sealed class BindgenTests
{
    private const string Regenerate = "dotnet run --project interop/Numerics.Native.Bindgen";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10); // the first run builds the tool

    private string _repoRoot = "";
    private string _scratch = "";
    private ToolRun _fresh = null!;

    private sealed record ToolRun(int ExitCode, string Stdout, string Stderr, string OutDir)
    {
        public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    private string CommittedDir => Path.Combine(_repoRoot, "interop", "Numerics.Native.Interop", "Generated");

    [OneTimeSetUp]
    public void RegenerateIntoScratch()
    {
        _repoRoot = FindRepoRoot(TestContext.CurrentContext.TestDirectory) ?? FindRepoRoot(Path.GetDirectoryName(SourcePath())!)
            ?? throw new InvalidOperationException($"no Numerics.Native.sln above {TestContext.CurrentContext.TestDirectory}");
        _scratch = Directory.CreateTempSubdirectory("numerics-bindgen-").FullName;
        _fresh = RunTool(build: true, "--out", Path.Combine(_scratch, "fresh"));
        Assert.That(_fresh.ExitCode, Is.Zero, $"Bindgen failed:\n{_fresh}");
    }

    [OneTimeTearDown]
    public void DeleteScratch()
    {
        if (_scratch.Length > 0 && Directory.Exists(_scratch))
            Directory.Delete(_scratch, recursive: true);
    }

    [Test]
    public void CommittedBindingsAreByteIdenticalToAFreshRun()
    {
        string[] fresh = Directory.GetFiles(_fresh.OutDir);
        Assert.That(fresh.Select(Path.GetFileName), Is.SupersetOf(new[] { "Cblas.g.cs", "Lapacke.g.cs", "NumericsKernels.g.cs" }));
        using (Assert.EnterMultipleScope())
        {
            foreach (string file in fresh)
            {
                string committed = Path.Combine(CommittedDir, Path.GetFileName(file));
                Assert.That(File.Exists(committed), Is.True, $"{committed} is missing; run `{Regenerate}` and commit it");
                if (File.Exists(committed))
                    Assert.That(Difference(committed, file), Is.Null, $"Generated/{Path.GetFileName(file)} is stale; run `{Regenerate}` and commit it");
            }
        }
    }

    [Test]
    public void EveryCommittedGeneratedFileComesFromTheTool()
    {
        var fresh = Directory.GetFiles(_fresh.OutDir).Select(Path.GetFileName).ToHashSet();
        var orphans = Directory.GetFiles(CommittedDir, "*.g.cs").Select(Path.GetFileName).Where(f => !fresh.Contains(f));
        Assert.That(orphans, Is.Empty, "files in Generated/ that Bindgen no longer writes");
    }

    [Test]
    public void RegeneratingTwiceGivesTheSameBytes()
    {
        ToolRun again = RunTool(build: false, "--out", Path.Combine(_scratch, "again"));
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        using (Assert.EnterMultipleScope())
        {
            foreach (string file in Directory.GetFiles(_fresh.OutDir))
                Assert.That(Difference(file, Path.Combine(again.OutDir, Path.GetFileName(file))), Is.Null, Path.GetFileName(file));
        }
    }

    [Test]
    public void BoundFunctionCountsCoverTheHeaders()
    {
        var printed = Regex.Matches(_fresh.Stdout, @"^(\S+\.g\.cs): (\d+) functions bound", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(printed.GetValueOrDefault("Cblas.g.cs"), Is.GreaterThanOrEqualTo(150), _fresh.Stdout);
            Assert.That(printed.GetValueOrDefault("Lapacke.g.cs"), Is.GreaterThanOrEqualTo(2000), _fresh.Stdout);
            Assert.That(printed.GetValueOrDefault("NumericsKernels.g.cs"), Is.GreaterThanOrEqualTo(10), _fresh.Stdout);
            foreach (var (file, count) in printed)
                Assert.That(LibraryImports(Path.Combine(_fresh.OutDir, file)), Is.EqualTo(count), $"{file}: printed count vs [LibraryImport]s");
        }
    }

    [Test]
    public void CommittedFilesRecordTheirProvenance()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (string name in new[] { "Cblas.g.cs", "Lapacke.g.cs", "NumericsKernels.g.cs" })
            {
                string text = File.ReadAllText(Path.Combine(CommittedDir, name));
                Assert.That(text, Does.StartWith("// <auto-generated/>\n"), name);
                Assert.That(text, Does.Contain("// Header: "), name);
                Assert.That(text, Does.Contain("// libclang: clang version "), name);
            }
            Assert.That(File.ReadAllText(Path.Combine(CommittedDir, "Cblas.g.cs")), Does.Contain("// Package: libopenblas-pthread-dev "));
            Assert.That(File.ReadAllText(Path.Combine(CommittedDir, "Lapacke.g.cs")), Does.Contain("// Package: liblapacke-dev "));
        }
    }

    [Test]
    public void AnUnknownCTypeIsAHardErrorAndVariadicFunctionsAreSkipped()
    {
        string dir = Path.Combine(_scratch, "bad");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "ok.h"), "int ok(int x);\nint logf_like(const char *fmt, ...);\n");
        File.WriteAllText(Path.Combine(dir, "bad.h"), "long double bad(long double x);\n");
        File.WriteAllText(Path.Combine(dir, "bindgen.json"), $$"""
            {
              "namespace": "Scratch", "output": "out", "clangArgs": [],
              "headers": [
                { "path": "{{Path.Combine(dir, "ok.h")}}", "output": "Ok.g.cs", "class": "Ok", "library": "ok" },
                { "path": "{{Path.Combine(dir, "bad.h")}}", "output": "Bad.g.cs", "class": "Bad", "library": "bad" }
              ]
            }
            """);

        ToolRun run = RunTool(build: false, "--config", Path.Combine(dir, "bindgen.json"), "--out", Path.Combine(dir, "out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Stderr, Does.Contain("unknown C type 'long double'"), run.ToString());
            Assert.That(run.Stdout, Does.Contain("Ok.g.cs: 1 functions bound"), run.ToString());
            Assert.That(run.Stdout, Does.Contain("skipped logf_like: variadic"), run.ToString());
            Assert.That(File.Exists(Path.Combine(dir, "out", "Bad.g.cs")), Is.False);
        }
    }

    private ToolRun RunTool(bool build, params string[] toolArgs)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in (string[])["run", "--project", Path.Combine(_repoRoot, "interop", "Numerics.Native.Bindgen")])
            info.ArgumentList.Add(arg);
        if (!build)
            info.ArgumentList.Add("--no-build");
        info.ArgumentList.Add("--");
        foreach (string arg in toolArgs)
            info.ArgumentList.Add(arg);
        // A test host started by `dotnet test` inherits MSBuild's variables; a nested build must not.
        foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`dotnet run` of Bindgen took longer than {Timeout}");
        }
        return new ToolRun(process.ExitCode, stdout.Result, stderr.Result, toolArgs[Array.IndexOf(toolArgs, "--out") + 1]);
    }

    /// <summary>Null when both files have the same bytes, else where they first differ.</summary>
    private static string? Difference(string expectedPath, string actualPath)
    {
        if (!File.Exists(actualPath))
            return $"{actualPath} was not written";
        byte[] expected = File.ReadAllBytes(expectedPath), actual = File.ReadAllBytes(actualPath);
        if (expected.AsSpan().SequenceEqual(actual))
            return null;
        string[] a = Encoding.UTF8.GetString(expected).Split('\n'), b = Encoding.UTF8.GetString(actual).Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string left = i < a.Length ? a[i] : "<end of file>", right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
                return $"line {i + 1}:\n  committed: {left}\n  generated: {right}";
        }
        return "the files differ in bytes but not in lines (line endings or encoding)";
    }

    private static int LibraryImports(string path) =>
        File.ReadLines(path).Count(line => line.TrimStart().StartsWith("[LibraryImport(", StringComparison.Ordinal));

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Numerics.Native.sln")))
                return dir.FullName;
        return null;
    }

    /// <summary>This file's path at compile time: the fallback when the test assembly runs outside the repository.</summary>
    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
