using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Numerics.Native.Tests.Core;

namespace Numerics.Native.Tests.Indexing;

/// <summary>
/// Random index expressions (seeded) on random arrays, read and assigned, compared exactly with live NumPy:
/// values, dtype, shape, strides, flags, view-or-copy, and error type and message. A failure prints the seed,
/// the array and the expression, so it reproduces with <c>a[expr]</c> in both.
/// </summary>
[TestFixture]
public class IndexingDifferentialTests
{
    private const int Seed = 20240601;
    private const int Count = 12_000;
    private static readonly string[] Dtypes = ["int64", "float64", "int32", "uint8", "bool", "complex128", "float32", "int16"];

    private sealed record Req(long[] Shape, string Dtype, string? BaseView, string Index, bool Set, JsonNode? Value, NDArray? ValueArray);

    [Test]
    public void RandomIndexExpressionsMatchNumPy()
    {
        if (!NumPyOracle.Available()) Assert.Ignore("/usr/bin/python3 with NumPy is not available");
        var rng = new Random(Seed);
        var reqs = new List<Req>(Count);
        for (int i = 0; i < Count; i++) reqs.Add(Make(rng));
        var answers = NumPyOracle.Ask(reqs.Select(ToJson).ToList());
        var failures = new List<string>();
        int errors = 0, views = 0, sets = 0;
        for (int i = 0; i < reqs.Count; i++)
        {
            var r = reqs[i];
            var expect = answers[i];
            if (expect["kind"]!.GetValue<string>() == "error") errors++;
            if (r.Set) sets++;
            string? problem = Check(r, expect, ref views);
            if (problem is not null)
            {
                failures.Add($"#{i} shape={Err(r.Shape)} dtype={r.Dtype} base_view={r.BaseView} " +
                             $"{(r.Set ? "set" : "get")} a[{r.Index}]{(r.Set ? " = " + r.Value?.ToJsonString() : "")}: {problem}");
            }
        }
        TestContext.Out.WriteLine($"{reqs.Count} expressions ({sets} assignments, {errors} NumPy errors, {views} views); {failures.Count} mismatches");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(25)));
    }

    private static string Err(long[] s) => "(" + string.Join(", ", s) + (s.Length == 1 ? ",)" : ")");

    private static JsonObject ToJson(Req r)
    {
        var o = new JsonObject
        {
            ["shape"] = new JsonArray(r.Shape.Select(x => (JsonNode)x).ToArray()),
            ["dtype"] = r.Dtype,
            ["index"] = r.Index,
            ["op"] = r.Set ? "set" : "get",
        };
        if (r.BaseView is not null) o["base_view"] = r.BaseView;
        if (r.Set) o["value"] = r.Value!.DeepClone();
        return o;
    }

    internal static NDArray Base(long[] shape, string dtype, string? baseView)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        var vals = new long[n];
        for (long i = 0; i < n; i++) vals[i] = i % 97;
        using var flat = np.array(vals);
        // As core.py: (arange % 97).astype(dtype).reshape(shape), a view of the astype result (zero-size strides included).
        var typed = flat.astype(dtype);
        var a = typed.reshape(shape);
        typed.Dispose();
        if (baseView is null) return a;
        using (a) return a[baseView];
    }

    private static string? Check(Req r, JsonObject expect, ref int views)
    {
        using var scope = np.scope();
        var a = Base(r.Shape, r.Dtype, r.BaseView);
        object? result;
        try
        {
            if (r.Set)
            {
                var v = r.ValueArray ?? ValueOf(r.Value!);
                a[r.Index] = v;
                result = a;
            }
            else
            {
                result = a[r.Index];
            }
        }
        catch (Exception e) when (e is INumpyException)
        {
            if (expect["kind"]!.GetValue<string>() != "error") return $"threw {e.GetType().Name}: {e.Message}; NumPy gave a result";
            string type = expect["type"]!.GetValue<string>(), msg = expect["message"]!.GetValue<string>();
            // NumPy 1.24 only warns for out-of-bound fancy indices into empty results; NumPy 2 raises IndexError.
            if (type == "DeprecationWarning" && msg.StartsWith("Out of bound index found", StringComparison.Ordinal) && e is IndexError) return null;
            if (e.GetType().Name != type || e.Message != msg) return $"threw {e.GetType().Name}: {e.Message}; NumPy threw {type}: {msg}";
            return null;
        }
        if (expect["kind"]!.GetValue<string>() == "error")
            return $"returned a result; NumPy threw {expect["type"]}: {expect["message"]}";
        var arr = (NDArray)result!;
        bool scalar = expect["scalar"]?.GetValue<bool>() ?? false;
        if (expect["shares"]?.GetValue<bool>() == true) views++;
        {
            if (scalar)
            {
                // NumPy returns a scalar; this library a 0-d copy of it.
                if (arr.ndim != 0) return $"expected a 0-d result, got shape {arr.shape}";
                if (arr.dtype.name != expect["dtype"]!.GetValue<string>()) return $"dtype {arr.dtype.name} vs {expect["dtype"]}";
                if (Convert.ToHexString(arr.tobytes()) != Convert.ToHexString(Convert.FromBase64String(expect["data"]!.GetValue<string>())))
                    return $"value {arr} differs";
                if (np.shares_memory(arr, a)) return "a full integer index must return a copy";
                return null;
            }
            return CoreFixtureTests.Diff(expect, arr, r.Set ? null : a, "result");
        }
    }

    private static NDArray ValueOf(JsonNode v)
    {
        if (v is JsonObject o) return CoreFixtures.DecodeArray(o);
        var val = v.AsValue();
        if (val.TryGetValue<long>(out long l)) return l;
        return val.GetValue<double>();
    }

    private static Req Make(Random rng)
    {
        int nd = rng.Next(100) < 8 ? 0 : rng.Next(1, 5);
        var shape = new long[nd];
        for (int d = 0; d < nd; d++) shape[d] = rng.Next(100) < 6 ? 0 : rng.Next(1, 6);
        string dtype = Dtypes[rng.Next(Dtypes.Length)];
        string? baseView = null;
        if (nd > 0 && rng.Next(100) < 15)
        {
            baseView = rng.Next(3) switch { 0 => "::-1", 1 => "..., ::2", _ => "1:" };
            using var probe = Base(shape, "int64", baseView);
            shape = shape.ToArray();
            var actual = probe.shape.ToArray();
            // The index is generated against the view's shape.
            return MakeIndexReq(rng, shape, actual, dtype, baseView);
        }
        return MakeIndexReq(rng, shape, shape, dtype, baseView);
    }

    private static Req MakeIndexReq(Random rng, long[] baseShape, long[] shape, string dtype, string? baseView)
    {
        string index = RandomIndex(rng, shape);
        bool set = rng.Next(100) < 35;
        if (!set) return new Req(baseShape, dtype, baseView, index, false, null, null);
        // Value: a scalar, or an array shaped like (a suffix of) the result this library computes.
        JsonNode value;
        if (rng.Next(2) == 0)
        {
            value = rng.Next(2) == 0 ? (JsonNode)(long)rng.Next(0, 50) : (JsonNode)(rng.Next(0, 100) + 0.5);
        }
        else
        {
            long[] vshape;
            try
            {
                using var scope = np.scope();
                var a = Base(baseShape, dtype, baseView);
                var r = a[index];
                vshape = r.shape.ToArray();
            }
            catch (Exception e) when (e is INumpyException)
            {
                vshape = [2];
            }
            int keep = rng.Next(0, vshape.Length + 1);
            vshape = vshape[(vshape.Length - keep)..];
            if (vshape.Length > 0 && rng.Next(4) == 0) vshape[0] = 1;          // broadcasting value
            if (rng.Next(12) == 0 && vshape.Length > 0) vshape[^1] += 1;       // mismatch on purpose
            long n = 1;
            foreach (var d in vshape) n *= d;
            var data = new long[n];
            for (long i = 0; i < n; i++) data[i] = 100 + i % 50;
            using var scope2 = np.scope();
            using var flat = np.array(data);
            string vdt = rng.Next(3) == 0 ? "float64" : "int64";
            using var typed = flat.astype(vdt);
            using var shaped = typed.reshape(vshape);
            var bytes = shaped.tobytes();
            value = new JsonObject
            {
                ["$a"] = new JsonObject
                {
                    ["dtype"] = vdt,
                    ["shape"] = new JsonArray(vshape.Select(x => (JsonNode)x).ToArray()),
                    ["data"] = Convert.ToBase64String(bytes),
                },
            };
        }
        return new Req(baseShape, dtype, baseView, index, true, value, null);
    }

    /// <summary>A random NumPy index expression (text) for an array of this shape.</summary>
    internal static string RandomIndex(Random rng, long[] shape)
    {
        int nd = shape.Length;
        int items = rng.Next(100) < 5 ? nd + 1 : rng.Next(0, nd + 2);
        var parts = new List<string>();
        int axis = 0;
        bool ellipsis = false;
        int arrays = 0;
        for (int k = 0; k < items; k++)
        {
            long n = axis < nd ? shape[axis] : 3;
            int kind = rng.Next(100);
            if (kind < 25)
            {
                long i = n == 0 ? rng.Next(-1, 2) : rng.Next((int)-n - (rng.Next(20) == 0 ? 2 : 0), (int)n + (rng.Next(20) == 0 ? 2 : 0));
                parts.Add(i.ToString(CultureInfo.InvariantCulture));
                axis++;
            }
            else if (kind < 55)
            {
                parts.Add(RandomSlice(rng, n));
                axis++;
            }
            else if (kind < 63)
            {
                parts.Add(rng.Next(2) == 0 ? "None" : "np.newaxis".Length > 0 ? "None" : "None");
            }
            else if (kind < 70)
            {
                if (!ellipsis || rng.Next(30) == 0) { parts.Add("..."); ellipsis = true; axis = Math.Max(axis, nd - (items - k - 1)); }
                else parts.Add(":");
            }
            else if (kind < 88 && arrays < 3)
            {
                arrays++;
                parts.Add(IntList(rng, n));
                axis++;
            }
            else
            {
                // boolean mask over 1 or 2 axes (length mismatch now and then)
                int k2 = axis + 1 < nd && rng.Next(3) == 0 ? 2 : 1;
                var dims = new long[k2];
                for (int j = 0; j < k2; j++) dims[j] = axis + j < nd ? shape[axis + j] : 2;
                if (rng.Next(25) == 0) dims[0] += 1;
                parts.Add(BoolList(rng, dims));
                axis += k2;
            }
        }
        if (parts.Count == 0) return rng.Next(2) == 0 ? "..." : "()";
        string text = string.Join(", ", parts);
        if (parts.Count == 1 && rng.Next(5) == 0) text += ",";
        return text;
    }

    private static string RandomSlice(Random rng, long n)
    {
        string Bound()
        {
            int r = rng.Next(10);
            if (r < 3) return "";
            return rng.Next((int)-n - 2, (int)n + 3).ToString(CultureInfo.InvariantCulture);
        }
        string start = Bound(), stop = Bound();
        int s = rng.Next(10);
        string step = s < 4 ? "" : s < 6 ? "-1" : rng.Next(-3, 4) is var st && st != 0 ? st.ToString(CultureInfo.InvariantCulture) : (rng.Next(50) == 0 ? "0" : "2");
        return step.Length == 0 ? (rng.Next(3) == 0 ? ":" : start + ":" + stop) : start + ":" + stop + ":" + step;
    }

    private static string IntList(Random rng, long n)
    {
        bool twoD = rng.Next(4) == 0;
        int len = rng.Next(0, 4);
        string One()
        {
            var sb = new StringBuilder("[");
            for (int i = 0; i < len; i++)
            {
                if (i > 0) sb.Append(", ");
                long v = n == 0 ? 0 : rng.Next((int)-n - (rng.Next(25) == 0 ? 1 : 0), (int)n + (rng.Next(25) == 0 ? 1 : 0));
                sb.Append(v.ToString(CultureInfo.InvariantCulture));
            }
            return sb.Append(']').ToString();
        }
        if (len == 0 && rng.Next(2) == 0) len = 1;
        if (!twoD) return One();
        return "[" + One() + ", " + One() + "]";
    }

    private static string BoolList(Random rng, long[] dims)
    {
        string Rec(int d)
        {
            var sb = new StringBuilder("[");
            for (long i = 0; i < dims[d]; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(d == dims.Length - 1 ? (rng.Next(2) == 0 ? "True" : "False") : Rec(d + 1));
            }
            return sb.Append(']').ToString();
        }
        return Rec(0);
    }
}
