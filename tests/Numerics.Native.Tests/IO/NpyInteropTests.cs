using System.Diagnostics;
using System.Text.Json.Nodes;
using Numerics.Native.Tests.Core;
using Numerics.Native.Tests.Printing;

namespace Numerics.Native.Tests.IO;

/// <summary>
/// .npy files interoperate with NumPy in both directions: every file NumPy wrote (committed fixtures: 14 dtypes, C and
/// Fortran order, 0-d, empty, big-endian, format 2.0/3.0) loads to NumPy's values, and our writer reproduces
/// NumPy's bytes exactly; files we write load in live NumPy (/usr/bin/python3) to the same values, and NumPy's own
/// np.save of them gives identical bytes.
/// </summary>
[TestFixture]
public class NpyInteropTests
{
    private static IEnumerable<TestCaseData> Arrays() => NpyFixtures.ArrayCases();

    private static IEnumerable<TestCaseData> Refused() => NpyFixtures.RefuseCases();

    [TestCaseSource(nameof(Arrays))]
    public void LoadsWhatNumPyWrote(string file)
    {
        var e = NpyFixtures.Get(file);
        using var scope = np.scope();
        var a = np.load(Path.Combine(NpyFixtures.Folder, file));
        var shape = e["shape"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();
        bool fortran = e["fortran"]!.GetValue<bool>();
        Assert.Multiple(() =>
        {
            Assert.That(a.dtype.name, Is.EqualTo(e["dtype"]!.GetValue<string>()));
            Assert.That(a.dtype.isnative, Is.True);
            Assert.That(a.shape.ToArray(), Is.EqualTo(shape));
            Assert.That(a.flags.f_contiguous && !a.flags.c_contiguous, Is.EqualTo(fortran), "Fortran order kept");
            Assert.That(a.@base, Is.Null, "a loaded array owns its memory");
            Assert.That(Convert.ToBase64String(a.tobytes()), Is.EqualTo(e["data"]!.GetValue<string>()), "values");
        });

        // Our writer gives NumPy's bytes for the same (native-order) array.
        using var ms = new MemoryStream();
        np.save(ms, a);
        Assert.That(Convert.ToBase64String(ms.ToArray()), Is.EqualTo(e["resave"]!.GetValue<string>()), "np.save bytes");
    }

    [TestCaseSource(nameof(Refused))]
    public void RefusesWhatItCannotLoad(string file, string error)
    {
        string path = Path.Combine(NpyFixtures.Folder, file);
        var ex = Assert.Throws<ValueError>(() => np.load(path))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain(error));
            Assert.That(ex.Message, Does.Contain(path), "the message names the file");
        });
    }

    [Test]
    public void PickleRequestsAreRefusedToo()
    {
        var ex = Assert.Throws<ValueError>(() => np.load(Path.Combine(NpyFixtures.Folder, "object_array.npy"), allow_pickle: true))!;
        Assert.That(ex.Message, Does.StartWith("Numerics.Native never loads pickled data"));
        ex = Assert.Throws<ValueError>(() => np.load(Path.Combine(NpyFixtures.Folder, "plain_pickle.npy"), allow_pickle: true))!;
        Assert.That(ex.Message, Does.StartWith("Numerics.Native never loads pickled data"));
    }

    [Test]
    public void FixturesComeFromTheCommittedGenerator()
    {
        Assert.That(PrintingFixtures.Sha256(NpyFixtures.GeneratorPath),
            Is.EqualTo(NpyFixtures.Manifest.Value["generator_sha256"]!.GetValue<string>()),
            "tests/fixtures/gen/npy.py changed since the fixtures were generated; rerun it with /usr/bin/python3");
    }

    /// <summary>Arrays this library writes, for NumPy to check: every dtype in several layouts, including views
    /// that are neither C- nor Fortran-contiguous and a C# scalar.</summary>
    private static IEnumerable<(string name, NDArray array)> ArraysToWrite()
    {
        foreach (var e in NpyFixtures.Arrays)
        {
            var a = np.load(Path.Combine(NpyFixtures.Folder, e["file"]!.GetValue<string>()));
            yield return ("ours_" + e["file"]!.GetValue<string>(), a);
            if (a.ndim == 2 && a.size > 0)
            {
                yield return ("ours_T_" + e["file"]!.GetValue<string>(), a.T);
                yield return ("ours_strided_" + e["file"]!.GetValue<string>(), a["::2, ::-1"]);
            }
        }
        yield return ("ours_weak_scalar.npy", (NDArray)2.5);
        yield return ("ours_arange_f.npy", np.asfortranarray(np.arange(60).reshape(3, 4, 5)));
        yield return ("ours_big.npy", np.arange(300_000.0).reshape(600, 500));
    }

    [Test]
    public void NumPyLoadsWhatWeWrite()
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Ignore("/usr/bin/python3 (NumPy) is not installed");
        string dir = Path.Combine(Path.GetTempPath(), "nn-npy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using var scope = np.scope();
            var manifest = new JsonArray();
            foreach (var (name, a) in ArraysToWrite())
            {
                np.save(Path.Combine(dir, name), a);
                bool fortran = a.flags.f_contiguous && !a.flags.c_contiguous;
                manifest.Add(new JsonObject
                {
                    ["file"] = name,
                    ["dtype"] = a.dtype.name,
                    ["shape"] = new JsonArray(a.shape.ToArray().Select(d => JsonValue.Create(d)).ToArray<JsonNode?>()),
                    ["fortran"] = fortran,
                    ["data"] = Convert.ToBase64String(a.tobytes()),
                });
            }
            File.WriteAllText(Path.Combine(dir, "manifest.json"), new JsonObject { ["arrays"] = manifest }.ToJsonString());

            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(NpyFixtures.GeneratorPath);
            psi.ArgumentList.Add("verify");
            psi.ArgumentList.Add(dir);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var lines = new List<JsonObject>();
            while (p.StandardOutput.ReadLine() is { } line) lines.Add(JsonNode.Parse(line)!.AsObject());
            p.WaitForExit();
            Assert.That(lines, Has.Count.EqualTo(manifest.Count), stderr.Result);
            var bad = lines.Where(l => !l["ok"]!.GetValue<bool>()).Select(l => l.ToJsonString()).ToList();
            Assert.That(bad, Is.Empty, string.Join("\n", bad));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
