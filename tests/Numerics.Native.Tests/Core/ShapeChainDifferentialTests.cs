using System.Globalization;
using System.Text.Json.Nodes;
using Numerics.Native.Tests.Indexing;

namespace Numerics.Native.Tests.Core;

/// <summary>
/// Seeded random chains of reshape / transpose / swapaxes / moveaxis / slicing / broadcast_to / expand_dims / squeeze /
/// flip / ravel / copy steps, applied here and in live NumPy; the final arrays must agree in values, dtype, shape,
/// strides, flags and memory sharing with the start array (or in the error).
/// </summary>
[TestFixture]
public class ShapeChainDifferentialTests
{
    private const int Seed = 1234567;
    private const int Count = 2500;

    [Test]
    public void RandomViewChainsMatchNumPy()
    {
        if (!NumPyOracle.Available()) Assert.Ignore("/usr/bin/python3 with NumPy is not available");
        var rng = new Random(Seed);
        var reqs = new List<JsonObject>();
        for (int i = 0; i < Count; i++) reqs.Add(MakeChain(rng));
        var answers = NumPyOracle.Ask(reqs);
        var failures = new List<string>();
        int errors = 0;
        for (int i = 0; i < reqs.Count; i++)
        {
            var expect = answers[i];
            if (expect["kind"]!.GetValue<string>() == "error") errors++;
            var problem = Check(reqs[i], expect);
            if (problem is not null) failures.Add($"#{i} {reqs[i].ToJsonString()}: {problem}");
        }
        TestContext.Out.WriteLine($"{reqs.Count} chains ({errors} NumPy errors); {failures.Count} mismatches");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
    }

    private static string? Check(JsonObject built, JsonObject expect)
    {
        var req = JsonNode.Parse(built.ToJsonString())!.AsObject();   // normalise number types
        using var scope = np.scope();
        var shape = req["shape"]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();
        var start = IndexingDifferentialTests.Base(shape, req["dtype"]!.GetValue<string>(), null);
        NDArray a = start;
        try
        {
            foreach (var step in req["steps"]!.AsArray()) a = Apply(a, step!.AsObject());
        }
        catch (Exception e) when (e is INumpyException)
        {
            if (expect["kind"]!.GetValue<string>() != "error") return $"threw {e.GetType().Name}: {e.Message}; NumPy gave a result";
            string type = expect["type"]!.GetValue<string>(), msg = expect["message"]!.GetValue<string>();
            return e.GetType().Name == type && e.Message == msg ? null : $"threw {e.GetType().Name}: {e.Message}; NumPy threw {type}: {msg}";
        }
        if (expect["kind"]!.GetValue<string>() == "error") return $"returned a result; NumPy threw {expect["type"]}: {expect["message"]}";
        return CoreFixtureTests.Diff(expect, a, start, "result");
    }

    private static int[] Ints(JsonNode n) => n.AsArray().Select(x => x!.GetValue<int>()).ToArray();

    private static NDArray Apply(NDArray a, JsonObject step)
    {
        var arg = step["arg"];
        return step["op"]!.GetValue<string>() switch
        {
            "reshape" => np.reshape(a, arg!.AsArray().Select(x => x!.GetValue<long>()).ToArray(), step["order"]?.GetValue<string>() ?? "C"),
            "T" => a.T,
            "transpose" => np.transpose(a, Ints(arg!)),
            "swapaxes" => np.swapaxes(a, Ints(arg!)[0], Ints(arg!)[1]),
            "moveaxis" => np.moveaxis(a, Ints(arg!)[0], Ints(arg!)[1]),
            "index" => a[arg!.GetValue<string>()],
            "broadcast_to" => np.broadcast_to(a, arg!.AsArray().Select(x => x!.GetValue<long>()).ToArray()),
            "expand_dims" => np.expand_dims(a, arg!.GetValue<int>()),
            "squeeze" => np.squeeze(a),
            "flip" => np.flip(a, arg!.GetValue<int>()),
            "ravel" => np.ravel(a, arg!.GetValue<string>()),
            "copy" => a.copy(arg!.GetValue<string>()),
            "atleast_3d" => np.atleast_3d(a),
            "ascontiguousarray" => np.ascontiguousarray(a),
            "astype" => a.astype(arg!.GetValue<string>()),
            var op => throw new NotSupportedException(op),
        };
    }

    /// <summary>A random chain, tracking the shape as NumPy would (to keep most steps valid; some are invalid on purpose).</summary>
    private static JsonObject MakeChain(Random rng)
    {
        string[] dtypes = ["int64", "float32", "uint8", "complex64", "int16"];
        int nd = rng.Next(1, 5);
        var shape = Enumerable.Range(0, nd).Select(_ => (long)rng.Next(1, 5)).ToList();
        if (rng.Next(20) == 0) shape[rng.Next(nd)] = 0;
        var req = new JsonObject { ["op"] = "chain", ["shape"] = new JsonArray(shape.Select(x => (JsonNode)x).ToArray()), ["dtype"] = dtypes[rng.Next(dtypes.Length)] };
        var steps = new JsonArray();
        var cur = shape.ToList();
        int n = rng.Next(1, 7);
        for (int k = 0; k < n; k++)
        {
            int d = cur.Count;
            long size = cur.Aggregate(1L, (x, y) => x * y);
            JsonObject step;
            switch (rng.Next(14))
            {
                case 0:
                {
                    var ns = Factor(rng, size);
                    if (rng.Next(3) == 0 && ns.Count > 0) ns[rng.Next(ns.Count)] = -1;
                    if (rng.Next(25) == 0) ns.Add(7);   // invalid on purpose
                    step = new JsonObject { ["op"] = "reshape", ["arg"] = Arr(ns), ["order"] = rng.Next(3) == 0 ? "F" : "C" };
                    cur = ns.Contains(-1) ? Resolve(ns, size) : ns;
                    break;
                }
                case 1:
                    step = new JsonObject { ["op"] = "T" };
                    cur.Reverse();
                    break;
                case 2 when d > 0:
                {
                    var perm = Enumerable.Range(0, d).OrderBy(_ => rng.Next()).ToList();
                    step = new JsonObject { ["op"] = "transpose", ["arg"] = Arr(perm.Select(x => (long)x).ToList()) };
                    cur = perm.Select(p => cur[p]).ToList();
                    break;
                }
                case 3 when d > 0:
                {
                    int i = rng.Next(-d, d), j = rng.Next(-d, d + (rng.Next(30) == 0 ? 2 : 0));
                    step = new JsonObject { ["op"] = "swapaxes", ["arg"] = Arr([i, j]) };
                    if (j < d) { int ii = (i + d) % d, jj = (j + d) % d; (cur[ii], cur[jj]) = (cur[jj], cur[ii]); }
                    break;
                }
                case 4 when d > 0:
                {
                    int i = rng.Next(d), j = rng.Next(d);
                    step = new JsonObject { ["op"] = "moveaxis", ["arg"] = Arr([i, j]) };
                    var v = cur[i];
                    cur.RemoveAt(i);
                    cur.Insert(j, v);
                    break;
                }
                case 5 or 6 when d > 0:
                {
                    string text = IndexingDifferentialTests.RandomIndex(rng, cur.ToArray());
                    step = new JsonObject { ["op"] = "index", ["arg"] = text };
                    cur = null!;   // unknown after indexing: the rest of the chain uses shape-free steps
                    break;
                }
                case 7:
                {
                    var target = new List<long>();
                    if (rng.Next(2) == 0) target.Add(rng.Next(1, 4));
                    target.AddRange(cur.Select(x => x == 1 && rng.Next(2) == 0 ? (long)rng.Next(1, 4) : x));
                    step = new JsonObject { ["op"] = "broadcast_to", ["arg"] = Arr(target) };
                    cur = target;
                    break;
                }
                case 8:
                {
                    int ax = rng.Next(-(d + 1), d + 1);
                    step = new JsonObject { ["op"] = "expand_dims", ["arg"] = ax };
                    cur.Insert(ax < 0 ? ax + d + 1 : ax, 1);
                    break;
                }
                case 9:
                    step = new JsonObject { ["op"] = "squeeze" };
                    cur = cur.Where(x => x != 1).ToList();
                    break;
                case 10 when d > 0:
                    step = new JsonObject { ["op"] = "flip", ["arg"] = rng.Next(-d, d) };
                    break;
                case 11:
                    step = new JsonObject { ["op"] = "ravel", ["arg"] = new[] { "C", "F", "K", "A" }[rng.Next(4)] };
                    cur = [size];
                    break;
                case 12:
                    step = rng.Next(3) switch
                    {
                        0 => new JsonObject { ["op"] = "copy", ["arg"] = new[] { "C", "F", "K", "A" }[rng.Next(4)] },
                        1 => new JsonObject { ["op"] = "astype", ["arg"] = dtypes[rng.Next(dtypes.Length)] },
                        _ => new JsonObject { ["op"] = "ascontiguousarray" },
                    };
                    break;
                default:
                    step = new JsonObject { ["op"] = "atleast_3d" };
                    if (d == 0) cur = [1, 1, 1];
                    else if (d == 1) cur = [1, cur[0], 1];
                    else if (d == 2) cur.Add(1);
                    break;
            }
            steps.Add(step);
            if (cur is null) break;
        }
        req["steps"] = steps;
        return req;
    }

    private static JsonArray Arr(List<long> xs) => new(xs.Select(x => (JsonNode)x).ToArray());

    private static List<long> Resolve(List<long> ns, long size)
    {
        long known = ns.Where(x => x >= 0).Aggregate(1L, (a, b) => a * b);
        return ns.Select(x => x < 0 ? (known == 0 ? 0 : size / known) : x).ToList();
    }

    private static List<long> Factor(Random rng, long size)
    {
        var parts = new List<long>();
        long left = size;
        if (size == 0) return [0, rng.Next(1, 3)];
        while (left > 1 && parts.Count < 4)
        {
            var divs = Enumerable.Range(2, (int)Math.Min(left - 1, 8)).Where(x => left % x == 0).ToList();
            if (divs.Count == 0) break;
            long f = divs[rng.Next(divs.Count)];
            parts.Add(f);
            left /= f;
        }
        if (left > 1) parts.Add(left);
        if (rng.Next(3) == 0) parts.Insert(rng.Next(parts.Count + 1), 1);
        return parts.OrderBy(_ => rng.Next()).ToList();
    }
}
