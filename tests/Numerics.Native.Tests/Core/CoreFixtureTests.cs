using System.Numerics;
using System.Text.Json.Nodes;

namespace Numerics.Native.Tests.Core;

/// <summary>
/// Every case of tests/fixtures/data/core/cases.json: the operation runs through this library with the same
/// arguments and must reproduce NumPy's values (bytes), dtype, shape, strides, flags and memory sharing — or its
/// exception type and message.
/// </summary>
[TestFixture]
public class CoreFixtureTests
{
    /// <summary>Cases where NumPy 2 (the contract) differs from the NumPy 1.24 oracle; the reason is the value.</summary>
    private static readonly Dictionary<string, string> Numpy2Differs = new()
    {
        ["frombuffer/3"] = "a '>f8' buffer gives a native-order array here (API.md: arrays are always native byte order)",
        ["linspace_f32/0"] = "0-d float32 start/stop are strong in NumPy 2 (NEP 50), so the result is float32, not 1.24's float64",
        ["insert/8"] = "a boolean obj is a mask in NumPy 2.1.2+ (np.flatnonzero), not 0s and 1s (insert2 cases)",
        ["insert/9"] = "a boolean obj is a mask in NumPy 2.1.2+ (np.flatnonzero), not 0s and 1s (insert2 cases)",
        ["insert/10"] = "a 0-d boolean obj is refused in NumPy 2.1.2+ (insert2 cases)",
        ["take_along_axis/2"] = "NumPy 2 checks that axis=None indices are 1-d first: \"when axis=None, `indices` must have a single dimension.\" (take_along_axis2 cases)",
        ["array_ndmin/3"] = "NumPy 2's NPY_MAXDIMS is 64, not 32 (NdminAboveTheLimit states 2's text)",
    };

    /// <summary>NumPy 2 (_array_fromobject_generic): "ndmin bigger than allowable number of dimensions NPY_MAXDIMS (=64)";
    /// the 1.24 oracle says 32 (fixture array_ndmin/3).</summary>
    [Test]
    public void NdminAboveTheLimit()
    {
        using var a = np.arange(2L);
        var e = Assert.Throws<ValueError>(() => np.array(a, ndmin: 65));
        Assert.That(e!.Message, Is.EqualTo("ndmin bigger than allowable number of dimensions NPY_MAXDIMS (=64)"));
        using var ok = np.array(a, ndmin: 64);
        Assert.That(ok.ndim, Is.EqualTo(64));
    }

    private static IEnumerable<TestCaseData> Cases() => CoreFixtures.All();

    [TestCaseSource(nameof(Cases))]
    public void MatchesNumPy(string id)
    {
        if (Numpy2Differs.TryGetValue(id, out var why)) Assert.Ignore("NumPy 2 differs from the 1.24 oracle: " + why);
        var c = CoreFixtures.Get(id);
        var expect = c["expect"]!.AsObject();
        var call = new Call(c["args"]!.AsArray(), c["kwargs"]!.AsObject());
        object? result;
        using var scope = np.scope();
        try
        {
            result = FixtureOps.Run(c["op"]!.GetValue<string>(), call);
        }
        catch (Exception e) when (e is INumpyException or ArgumentException)
        {
            Assert.That(expect["kind"]!.GetValue<string>(), Is.EqualTo("error"), $"unexpected {e.GetType().Name}: {e.Message}");
            Assert.That(e.GetType().Name, Is.EqualTo(expect["type"]!.GetValue<string>()));
            Assert.That(e.Message, Is.EqualTo(expect["message"]!.GetValue<string>()));
            return;
        }
        Assert.That(expect["kind"]!.GetValue<string>(), Is.Not.EqualTo("error"),
            $"expected {expect["type"]}: {expect["message"]}");
        Compare(expect, result, call.First, "result");
    }

    internal static void Compare(JsonObject expect, object? result, NDArray? first, string where)
    {
        string? diff = Diff(expect, result, first, where);
        if (diff is not null) Assert.Fail(diff);
    }

    /// <summary>The first difference between NumPy's recorded result and ours, or null (no NUnit asserts, so it can
    /// run thousands of times in one test).</summary>
    internal static string? Diff(JsonObject expect, object? result, NDArray? first, string where)
    {
        switch (expect["kind"]!.GetValue<string>())
        {
            case "list":
            {
                var items = expect["items"]!.AsArray();
                List<object?> list;
                switch (result)
                {
                    case NDArray[] arr: list = arr.Cast<object?>().ToList(); break;
                    case System.Collections.IEnumerable e and not NDArray and not string: list = e.Cast<object?>().ToList(); break;
                    default: return $"{where}: expected a list, got {result}";
                }
                if (list.Count != items.Count) return $"{where}: length {list.Count}, NumPy {items.Count}";
                for (int i = 0; i < items.Count; i++)
                {
                    var d = Diff(items[i]!.AsObject(), list[i], first, $"{where}[{i}]");
                    if (d is not null) return d;
                }
                return null;
            }
            case "value":
            {
                var v = expect["value"]!;
                if (result is NDArray na) result = na.item();
                bool same = result switch
                {
                    string str => str == v.GetValue<string>(),
                    DType dt => dt.name == v.GetValue<string>(),
                    bool b => b == v.GetValue<bool>(),
                    Shape shp => shp.ToArray().SequenceEqual(v.AsArray().Select(x => x!.GetValue<long>())),
                    _ => Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture) == v.GetValue<long>(),
                };
                return same ? null : $"{where}: {result}, NumPy {v.ToJsonString()}";
            }
            case "dtype":
                return ((DType)result!).name == expect["value"]!.GetValue<string>() ? null : $"{where}: dtype {result}, NumPy {expect["value"]}";
            case "none":
                return null;
        }
        var shapeE = expect["shape"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();
        if (result is Shape shape)
            return shape.ToArray().SequenceEqual(shapeE) ? null : $"{where}: shape {shape}, NumPy {Tuple(shapeE)}";
        if (result is not NDArray a) return $"{where}: expected an array, got {result?.GetType().Name ?? "null"}";
        if (a.dtype.name != expect["dtype"]!.GetValue<string>()) return $"{where}: dtype {a.dtype.name}, NumPy {expect["dtype"]}";
        if (!a.shape.ToArray().SequenceEqual(shapeE)) return $"{where}: shape {a.shape}, NumPy {Tuple(shapeE)}";
        var bytes = Convert.FromBase64String(expect["data"]!.GetValue<string>());
        var mine = a.tobytes();
        if (!mine.AsSpan().SequenceEqual(bytes)) return $"{where}: values {Hex(mine)}, NumPy {Hex(bytes)}";
        var stridesE = expect["strides"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();
        if (!a.strides.ToArray().SequenceEqual(stridesE)) return $"{where}: strides {a.strides}, NumPy {Tuple(stridesE)}";
        if (a.flags.c_contiguous != expect["c"]!.GetValue<bool>()) return $"{where}: C_CONTIGUOUS {a.flags.c_contiguous}";
        if (a.flags.f_contiguous != expect["f"]!.GetValue<bool>()) return $"{where}: F_CONTIGUOUS {a.flags.f_contiguous}";
        if (a.flags.writeable != expect["w"]!.GetValue<bool>()) return $"{where}: WRITEABLE {a.flags.writeable}";
        if (expect["shares"] is { } sh && first is not null && !first.IsDisposed && np.shares_memory(a, first) != sh.GetValue<bool>())
            return $"{where}: shares memory with the input: {!sh.GetValue<bool>()}, NumPy {sh.GetValue<bool>()}";
        return null;
    }

    private static string Tuple(long[] s) => new Shape(s).ToString();

    private static string Hex(byte[] b) => b.Length <= 4096 ? Convert.ToHexString(b) : Convert.ToHexString(b, 0, 4096) + "…";
}

/// <summary>Decoded arguments of one fixture case.</summary>
internal sealed class Call
{
    private readonly JsonArray _args;
    private readonly JsonObject _kwargs;

    internal Call(JsonArray args, JsonObject kwargs)
    {
        _args = args;
        _kwargs = kwargs;
        foreach (var a in args)
        {
            if (CoreFixtures.IsArray(a)) { First = Arr(a); break; }
            if (a is JsonArray l && l.Count > 0 && CoreFixtures.IsArray(l[0])) { First = Arr(l[0]); break; }
        }
    }

    /// <summary>The first array argument (what the generator compares memory sharing against).</summary>
    internal NDArray? First { get; }

    private readonly Dictionary<JsonNode, NDArray> _decoded = new(ReferenceEqualityComparer.Instance);

    private NDArray Arr(JsonNode? n)
    {
        if (_decoded.TryGetValue(n!, out var a)) return a;
        a = CoreFixtures.DecodeArray(n!);
        _decoded[n!] = a;
        return a;
    }

    internal JsonNode? Raw(int i) => i < _args.Count ? _args[i] : null;

    internal bool IsNull(int i) => Raw(i) is null;

    /// <summary>An array-like argument: a tagged array, a number (weak scalar), a bool, a complex, or a nested list.</summary>
    internal NDArray A(int i) => ToArray(_args[i]);

    internal NDArray ToArray(JsonNode? n)
    {
        switch (n)
        {
            case null: throw new ArgumentNullException(nameof(n));
            case JsonObject o when o.ContainsKey("$a"): return Arr(o);
            case JsonObject o when o.ContainsKey("$f"):
                // A non-finite Python float (JSON has no literal for it): "nan", "inf", "-inf".
                return o["$f"]!.GetValue<string>() switch
                {
                    "nan" => BitConverter.Int64BitsToDouble(0x7FF8000000000000),   // Python's NaN has the sign bit clear; .NET's double.NaN has it set
                    "inf" => double.PositiveInfinity,
                    _ => double.NegativeInfinity,
                };
            case JsonObject o when o.ContainsKey("$c"):
                var c = o["$c"]!.AsArray();
                return new Complex(c[0]!.GetValue<double>(), c[1]!.GetValue<double>());
            case JsonValue v:
                if (v.TryGetValue<bool>(out bool b)) return b;
                if (v.TryGetValue<long>(out long l)) return l;
                return v.GetValue<double>();
            case JsonArray list:
                return ListToArray(list);
        }
        throw new NotSupportedException(n.ToJsonString());
    }

    private static NDArray ListToArray(JsonArray list)
    {
        // Python lists of numbers: ints → int64, any float → float64, bools → bool (nested lists stack).
        if (list.Count > 0 && list[0] is JsonArray)
        {
            var rows = list.Select(x => ListToArray(x!.AsArray())).ToArray();
            try
            {
                return np.stack(rows);
            }
            finally
            {
                foreach (var r in rows) r.Dispose();
            }
        }
        var vals = list.Select(x => x!.AsValue()).ToArray();
        if (vals.All(v => v.TryGetValue<bool>(out _)) && vals.Length > 0) return np.array(vals.Select(v => v.GetValue<bool>()).ToArray());
        if (vals.All(v => v.TryGetValue<long>(out _))) return np.array(vals.Select(v => v.GetValue<long>()).ToArray());
        return np.array(vals.Select(v => v.GetValue<double>()).ToArray());
    }

    internal NDArray[] Arrays(int i) => _args[i]!.AsArray().Select(ToArray).ToArray();

    /// <summary>Index-trick items: strings (slice text or directives) stay strings, the rest are array-likes.</summary>
    internal object[] Items(int i) =>
        _args[i]!.AsArray().Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? (object)s : ToArray(x)).ToArray();

    internal long L(int i) => _args[i]!.GetValue<long>();

    internal long? NL(int i) => _args[i] is null ? null : _args[i]!.GetValue<long>();

    internal int I(int i) => (int)L(i);

    internal int? NI(int i) => _args[i] is null ? null : I(i);

    internal double D(int i) => _args[i]!.GetValue<double>();

    internal bool B(int i) => _args[i]!.GetValue<bool>();

    internal string S(int i) => _args[i]!.GetValue<string>();

    internal bool IsList(int i) => _args[i] is JsonArray;

    internal bool IsInt(int i) => _args[i] is JsonValue v && v.TryGetValue<long>(out _) && !v.TryGetValue<bool>(out _);

    internal long[] Longs(int i) => _args[i] is JsonArray a ? a.Select(x => x!.GetValue<long>()).ToArray() : [L(i)];

    internal int[] Ints(int i) => Longs(i).Select(x => (int)x).ToArray();

    internal Shape Shp(int i) => _args[i] is JsonArray a ? new Shape(a.Select(x => x!.GetValue<long>()).ToArray()) : (Shape)L(i);

    internal Axis Ax(int i) => _args[i] is JsonArray a ? a.Select(x => x!.GetValue<int>()).ToArray() : (Axis)I(i);

    internal Axis? NAx(int i) => Raw(i) is null ? (Axis?)null : Ax(i);

    internal byte[] Bytes(int i) => Convert.FromBase64String(_args[i]!["$bytes"]!.GetValue<string>());

    internal JsonNode? Kw(string name) => _kwargs[name];

    /// <summary>A keyword argument packed into a dict argument (the generator's <c>**kw</c> cases); null when absent.</summary>
    private JsonNode? KwIn(int i, string name) => _args[i] is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v : null;

    internal DType? KwDType(int i, string name) => KwIn(i, name) is { } v ? np.dtype(v.GetValue<string>()) : null;

    internal string? KwString(int i, string name) => KwIn(i, name) is { } v ? v.GetValue<string>() : null;

    internal int? KwInt(int i, string name) => KwIn(i, name) is { } v ? v.GetValue<int>() : null;

    internal NDArray? KwArray(int i, string name) => KwIn(i, name) is { } v ? ToArray(v) : null;
}
