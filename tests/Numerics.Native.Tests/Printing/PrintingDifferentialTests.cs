using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Numerics.Native.Tests.Indexing;

namespace Numerics.Native.Tests.Printing;

/// <summary>
/// Differential test against live NumPy (tests/fixtures/gen/printing.py oracle under /usr/bin/python3, NumPy 2.2's
/// rules applied on top of 1.24): seeded random arrays of all 14 dtypes — values across magnitudes, special values,
/// views — under random print options; str and repr must match character for character.
/// </summary>
[TestFixture]
public class PrintingDifferentialTests
{
    private const int Seed = 31337;
    private const int Count = 3000;

    private static readonly string[] DTypes =
    [
        "bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "float16", "float32", "float64", "complex64", "complex128",
    ];

    [Test]
    public void RandomArraysAndOptionsMatchNumPy()
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Ignore("/usr/bin/python3 (NumPy) is not installed");
        var rng = new Random(Seed);
        var requests = new List<JsonObject>(Count);
        for (int i = 0; i < Count; i++) requests.Add(RandomCase(rng));
        var answers = Ask(requests);

        var failures = new List<string>();
        using var scope = np.scope();
        for (int i = 0; i < Count; i++)
        {
            var req = requests[i];
            var ans = answers[i];
            if (ans["error"] is { } err)
            {
                failures.Add($"case {i}: NumPy raised {err}");
                continue;
            }
            var c = new JsonObject
            {
                ["array"] = req["array"]!.DeepClone(),
                ["options"] = req["options"]!.DeepClone(),
            };
            if (req["view"] is { } v) c["view"] = v.DeepClone();
            var a = PrintingFixtures.Array(c);
            string str, repr;
            using (PrintingFixtures.Options(c))
            {
                str = a.ToString();
                repr = np.repr(a);
            }
            if (str != ans["str"]!.GetValue<string>() || repr != ans["repr"]!.GetValue<string>())
            {
                failures.Add($"case {i} (seed {Seed}) {req.ToJsonString()}\n  str  ours {str}\n  str  NumPy {ans["str"]}\n" +
                             $"  repr ours {repr}\n  repr NumPy {ans["repr"]}");
            }
        }
        Assert.That(failures, Is.Empty, $"{failures.Count} of {Count} differ:\n" + string.Join("\n", failures.Take(15)));
    }

    private static List<JsonObject> Ask(List<JsonObject> requests) => NumPyOracle.Ask(PrintingFixtures.GeneratorPath, requests);

    private static JsonObject RandomCase(Random rng)
    {
        string dtype = DTypes[rng.Next(DTypes.Length)];
        int ndim = rng.Next(10) switch { 0 => 0, < 4 => 1, < 8 => 2, _ => 3 };
        var shape = new long[ndim];
        for (int d = 0; d < ndim; d++) shape[d] = rng.Next(20) == 0 ? 0 : rng.Next(10) == 0 ? 1 + rng.Next(40) : 1 + rng.Next(6);
        long size = shape.Aggregate(1L, (x, y) => x * y);
        var dt = np.dtype(dtype);
        var bytes = new byte[size * dt.itemsize];
        var style = rng.Next(8);
        for (long i = 0; i < size; i++) WriteValue(bytes.AsSpan((int)(i * dt.itemsize), (int)dt.itemsize), dtype, style, rng);

        var req = new JsonObject
        {
            ["array"] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(shape.Select(x => JsonValue.Create(x)).ToArray<JsonNode?>()),
                ["data"] = Convert.ToBase64String(bytes),
            },
            ["options"] = RandomOptions(rng),
        };
        string? view = ndim switch
        {
            0 => null,
            1 => rng.Next(4) switch { 0 => "::-1", 1 => "::2", _ => null },
            _ => rng.Next(5) switch { 0 => "T", 1 => "..., ::-1", 2 => "::2", _ => null },
        };
        if (view is not null) req["view"] = view;
        return req;
    }

    private static JsonObject RandomOptions(Random rng)
    {
        var o = new JsonObject();
        if (rng.Next(3) == 0) o["precision"] = rng.Next(13);
        if (rng.Next(3) == 0) o["floatmode"] = new[] { "fixed", "unique", "maxprec", "maxprec_equal" }[rng.Next(4)];
        if (rng.Next(5) == 0) o["suppress"] = true;
        if (rng.Next(4) == 0) o["sign"] = new[] { "-", "+", " " }[rng.Next(3)];
        if (rng.Next(3) == 0) o["linewidth"] = 8 + rng.Next(100);
        if (rng.Next(4) == 0)
        {
            o["threshold"] = (long)rng.Next(30);
            o["edgeitems"] = rng.Next(4);
        }
        if (rng.Next(10) == 0)
        {
            o["nanstr"] = new[] { "NaN", "n", "not a number" }[rng.Next(3)];
            o["infstr"] = new[] { "Inf", "i", "infinity" }[rng.Next(3)];
        }
        return o;
    }

    private static void WriteValue(Span<byte> dst, string dtype, int style, Random rng)
    {
        switch (dtype)
        {
            case "bool": dst[0] = (byte)rng.Next(2); return;
            case "int8": dst[0] = (byte)(style < 4 ? rng.Next(-5, 6) : rng.Next(256)); return;
            case "uint8": dst[0] = (byte)(style < 4 ? rng.Next(12) : rng.Next(256)); return;
            case "int16": BinaryPrimitives.WriteInt16LittleEndian(dst, (short)(style < 4 ? rng.Next(-300, 300) : rng.Next(short.MinValue, short.MaxValue + 1))); return;
            case "uint16": BinaryPrimitives.WriteUInt16LittleEndian(dst, (ushort)(style < 4 ? rng.Next(300) : rng.Next(65536))); return;
            case "int32": BinaryPrimitives.WriteInt32LittleEndian(dst, style < 4 ? rng.Next(-1000, 1000) : (int)rng.NextInt64(int.MinValue, (long)int.MaxValue + 1)); return;
            case "uint32": BinaryPrimitives.WriteUInt32LittleEndian(dst, style < 4 ? (uint)rng.Next(1000) : (uint)rng.NextInt64(0, (long)uint.MaxValue + 1)); return;
            case "int64": BinaryPrimitives.WriteInt64LittleEndian(dst, style < 4 ? rng.Next(-100000, 100000) : rng.NextInt64(long.MinValue, long.MaxValue)); return;
            case "uint64": BinaryPrimitives.WriteUInt64LittleEndian(dst, style < 4 ? (ulong)rng.Next(100000) : (ulong)rng.NextInt64() * 2 + (ulong)rng.Next(2)); return;
            case "float16": BinaryPrimitives.WriteHalfLittleEndian(dst, (Half)RandomFloat(style, rng)); return;
            case "float32": BinaryPrimitives.WriteSingleLittleEndian(dst, (float)RandomFloat(style, rng)); return;
            case "float64": BinaryPrimitives.WriteDoubleLittleEndian(dst, RandomFloat(style, rng)); return;
            case "complex64":
                BinaryPrimitives.WriteSingleLittleEndian(dst, (float)RandomFloat(style, rng));
                BinaryPrimitives.WriteSingleLittleEndian(dst[4..], (float)RandomFloat(style, rng));
                return;
            default:
                BinaryPrimitives.WriteDoubleLittleEndian(dst, RandomFloat(style, rng));
                BinaryPrimitives.WriteDoubleLittleEndian(dst[8..], RandomFloat(style, rng));
                return;
        }
    }

    /// <summary>Values that exercise every notation decision: plain decimals, integers, the 1e-4/1e8/1e16 edges,
    /// wide ranges, subnormals, signed zeros and non-finite values.</summary>
    private static double RandomFloat(int style, Random rng)
    {
        if (rng.Next(40) == 0) return new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0 }[rng.Next(5)];
        return style switch
        {
            0 => Math.Round(rng.NextDouble() * 100, rng.Next(4)) * (rng.Next(2) == 0 ? 1 : -1),
            1 => rng.Next(-1000, 1000),
            2 => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 13)),
            3 => new[] { 1e-4, 9.999e-5, 1e8, 99999999.0, 1e16, 9999999999999998.0, 0.5, 0.125, 1000.0, 0.001 }[rng.Next(10)],
            4 => rng.NextDouble(),
            5 => BitConverter.Int64BitsToDouble(rng.NextInt64(1, 1L << 52)) * (rng.Next(2) == 0 ? 1 : -1),
            6 => Math.Pow(2, rng.Next(-30, 30)),
            _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-300, 300)),
        };
    }
}
