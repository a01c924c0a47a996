using System.Text.Json.Nodes;

namespace Numerics.Native.Tests.Printing;

/// <summary>
/// Every array case of tests/fixtures/data/printing/cases.json: str (<c>ToString()</c>) and repr (<c>np.repr</c>),
/// or array2string/array_str/array_repr with arguments, must equal NumPy's text character for character (NumPy 2.2
/// rules where they differ from the 1.24 oracle; the generator marks those cases and applies 2.2's rule).
/// Every float case checks Dragon4 (format_float_positional/scientific) for float16, float32 and float64.
/// </summary>
[TestFixture]
public class PrintingFixtureTests
{
    private static IEnumerable<TestCaseData> Cases() => PrintingFixtures.CaseIds();

    [TestCaseSource(nameof(Cases))]
    public void MatchesNumPy(string id)
    {
        var c = PrintingFixtures.Get(id);
        using var scope = np.scope();
        var a = PrintingFixtures.Array(c);
        using var options = PrintingFixtures.Options(c);
        var kw = c["kwargs"]!.AsObject();
        switch (c["call"]!.GetValue<string>())
        {
            case "str_repr":
                Assert.Multiple(() =>
                {
                    Assert.That(a.ToString(), Is.EqualTo(c["str"]!.GetValue<string>()), "str");
                    Assert.That(np.repr(a), Is.EqualTo(c["repr"]!.GetValue<string>()), "repr");
                    Assert.That(np.str(a), Is.EqualTo(c["str"]!.GetValue<string>()), "np.str");
                });
                break;
            case "array2string":
                Assert.That(np.array2string(a, max_line_width: Int(kw, "max_line_width"), precision: Int(kw, "precision"),
                    suppress_small: kw["suppress_small"]?.GetValue<bool>(), separator: kw["separator"]?.GetValue<string>() ?? " ",
                    prefix: kw["prefix"]?.GetValue<string>() ?? "", threshold: kw["threshold"]?.GetValue<long>(),
                    edgeitems: Int(kw, "edgeitems"), sign: kw["sign"]?.GetValue<string>(), floatmode: kw["floatmode"]?.GetValue<string>(),
                    suffix: kw["suffix"]?.GetValue<string>() ?? ""), Is.EqualTo(c["result"]!.GetValue<string>()));
                break;
            case "array_str":
                Assert.That(np.array_str(a, Int(kw, "max_line_width"), Int(kw, "precision"), kw["suppress_small"]?.GetValue<bool>()),
                    Is.EqualTo(c["result"]!.GetValue<string>()));
                break;
            case "array_repr":
                Assert.That(np.array_repr(a, Int(kw, "max_line_width"), Int(kw, "precision"), kw["suppress_small"]?.GetValue<bool>()),
                    Is.EqualTo(c["result"]!.GetValue<string>()));
                break;
            default:
                Assert.Fail("unknown call " + c["call"]);
                break;
        }
    }

    private static int? Int(JsonObject kw, string name) => kw[name]?.GetValue<int>();

    private static IEnumerable<TestCaseData> FloatGroups() =>
        from kind in new[] { "float16", "float32", "float64" }
        from fn in new[] { "positional", "scientific" }
        select new TestCaseData(kind, fn).SetName($"Dragon4 {fn} {kind}");

    [TestCaseSource(nameof(FloatGroups))]
    public void Dragon4MatchesNumPy(string kind, string fn)
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var node in PrintingFixtures.Floats)
        {
            var f = node!.AsObject();
            if (f["kind"]!.GetValue<string>() != kind || f["fn"]!.GetValue<string>() != fn) continue;
            count++;
            ulong bits = f["bits"]!.GetValue<ulong>();
            var (x, fk) = kind switch
            {
                "float16" => ((double)BitConverter.UInt16BitsToHalf((ushort)bits), FloatKind.Half),
                "float32" => ((double)BitConverter.UInt32BitsToSingle((uint)bits), FloatKind.Single),
                _ => (BitConverter.UInt64BitsToDouble(bits), FloatKind.Double),
            };
            var kw = f["kwargs"]!.AsObject();
            int? precision = Int(kw, "precision");
            bool unique = kw["unique"]?.GetValue<bool>() ?? true;
            string trim = kw["trim"]?.GetValue<string>() ?? "k";
            bool sign = kw["sign"]?.GetValue<bool>() ?? false;
            string got = fn == "positional"
                ? np.FormatFloatPositional(x, fk, precision, unique, kw["fractional"]?.GetValue<bool>() ?? true, trim, sign,
                    Int(kw, "pad_left"), Int(kw, "pad_right"), Int(kw, "min_digits"))
                : np.FormatFloatScientific(x, fk, precision, unique, trim, sign, Int(kw, "pad_left"), Int(kw, "exp_digits"),
                    Int(kw, "min_digits"));
            string want = f["result"]!.GetValue<string>();
            if (got != want) failures.Add($"{kind} bits=0x{bits:x} {kw.ToJsonString()}: got '{got}', NumPy '{want}'");
            if (kind == "float64")
            {
                string pub = fn == "positional"
                    ? np.format_float_positional(x, precision, unique, kw["fractional"]?.GetValue<bool>() ?? true, trim, sign,
                        Int(kw, "pad_left"), Int(kw, "pad_right"), Int(kw, "min_digits"))
                    : np.format_float_scientific(x, precision, unique, trim, sign, Int(kw, "pad_left"), Int(kw, "exp_digits"),
                        Int(kw, "min_digits"));
                if (pub != want) failures.Add($"public API {kw.ToJsonString()}: got '{pub}', NumPy '{want}'");
            }
        }
        Assert.That(count, Is.GreaterThan(50));
        Assert.That(failures, Is.Empty, $"{failures.Count} of {count} differ:\n" + string.Join("\n", failures.Take(40)));
    }

    [Test]
    public void FixtureCountsMeetTheBar()
    {
        var dtypes = PrintingFixtures.Cases.Select(c => c!["array"]!["dtype"]!.GetValue<string>()).Distinct().Count();
        Assert.Multiple(() =>
        {
            Assert.That(PrintingFixtures.Cases, Has.Count.GreaterThanOrEqualTo(150));
            Assert.That(dtypes, Is.EqualTo(14));
        });
    }

    [Test]
    public void FixturesComeFromTheCommittedGenerator()
    {
        // A generator edited without regenerating (build/test.sh --regen-fixtures) leaves stale expectations.
        Assert.That(PrintingFixtures.Sha256(PrintingFixtures.GeneratorPath),
            Is.EqualTo(PrintingFixtures.Doc.Value["generator_sha256"]!.GetValue<string>()),
            "tests/fixtures/gen/printing.py changed since cases.json was generated; rerun it with /usr/bin/python3");
    }
}
