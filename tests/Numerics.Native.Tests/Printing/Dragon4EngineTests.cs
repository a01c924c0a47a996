using System.Numerics;
using System.Text;

namespace Numerics.Native.Tests.Printing;

/// <summary>Dragon4 runs on 128-bit integers when the scaled values fit and on BigInteger otherwise; both
/// instantiations must produce the same digits for every mode (the BigInteger one is the reference).</summary>
[TestFixture]
public class Dragon4EngineTests
{
    [Test]
    public void FixedWidthAndBigIntegerEnginesAgree()
    {
        var rng = new Random(777);
        int compared = 0;
        var failures = new List<string>();
        for (int i = 0; i < 200_000 && failures.Count < 20; i++)
        {
            var kind = (FloatKind)rng.Next(3);
            double x = kind switch
            {
                FloatKind.Half => (double)BitConverter.UInt16BitsToHalf((ushort)rng.Next(0x7c00)),
                FloatKind.Single => BitConverter.UInt32BitsToSingle((uint)rng.Next(0x7f800000)),
                _ => rng.Next(3) == 0
                    ? BitConverter.Int64BitsToDouble(rng.NextInt64(0x7ff0000000000000))
                    : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-25, 26)),
            };
            var parts = FloatParts.Of(x, kind);
            if (parts.Mantissa == 0) continue;
            bool unique = rng.Next(3) != 0, fractional = rng.Next(2) == 0;
            int cutoffMax = rng.Next(4) == 0 ? -1 : rng.Next(fractional ? 0 : 1, 25);
            int cutoffMin = unique && rng.Next(3) == 0 ? rng.Next(0, cutoffMax < 0 ? 25 : cutoffMax + 1) : -1;
            if (!unique && cutoffMax < 0) cutoffMax = 10;
            var fixedDigits = new StringBuilder();
            bool fits = Dragon4.Generate<UInt128>(parts, unique, fractional, cutoffMax, cutoffMin, 16000, fixedDigits, out int e1);
            if (!fits) continue;
            var wideDigits = new StringBuilder();
            Dragon4.Generate<BigInteger>(parts, unique, fractional, cutoffMax, cutoffMin, 16000, wideDigits, out int e2);
            compared++;
            if (fixedDigits.ToString() != wideDigits.ToString() || e1 != e2)
                failures.Add($"{kind} {x:R} unique={unique} fractional={fractional} max={cutoffMax} min={cutoffMin}: " +
                             $"{fixedDigits}e{e1} vs {wideDigits}e{e2}");
        }
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
        Assert.That(compared, Is.GreaterThan(50_000), "most inputs take the fixed-width path");
    }
}
