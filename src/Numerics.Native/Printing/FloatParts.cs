namespace Numerics.Native;

/// <summary>
/// An IEEE binary float taken apart the way Dragon4 needs it: value = Mantissa × 2^Exponent, the index of the
/// mantissa's highest set bit, and whether the gap to the next smaller float is half the gap to the next larger one
/// (the smallest mantissa of a binade). Keeping the source precision is what makes "unique" digits unique among
/// float16 or float32 values rather than among doubles.
/// </summary>
internal readonly struct FloatParts
{
    internal ulong Mantissa { get; }
    internal int Exponent { get; }
    internal int MantissaBit { get; }
    internal bool UnequalMargins { get; }
    internal bool Negative { get; }
    internal bool IsNaN { get; }
    internal bool IsInfinity { get; }

    private FloatParts(ulong mantissa, int exponent, int mantissaBit, bool unequal, bool negative, bool nan, bool inf)
    {
        Mantissa = mantissa;
        Exponent = exponent;
        MantissaBit = mantissaBit;
        UnequalMargins = unequal;
        Negative = negative;
        IsNaN = nan;
        IsInfinity = inf;
    }

    internal bool IsFinite => !IsNaN && !IsInfinity;

    internal static FloatParts Of(double value, FloatKind kind) => kind switch
    {
        FloatKind.Half => FromBits(BitConverter.HalfToUInt16Bits((Half)value), 10, 5),
        FloatKind.Single => FromBits(BitConverter.SingleToUInt32Bits((float)value), 23, 8),
        _ => FromBits(BitConverter.DoubleToUInt64Bits(value), 52, 11),
    };

    private static FloatParts FromBits(ulong bits, int mantissaBits, int exponentBits)
    {
        ulong fracMask = (1UL << mantissaBits) - 1;
        ulong expMask = (1UL << exponentBits) - 1;
        ulong frac = bits & fracMask;
        ulong biasedExp = (bits >> mantissaBits) & expMask;
        bool negative = (bits >> (mantissaBits + exponentBits)) != 0;
        int bias = (int)(expMask >> 1);
        if (biasedExp == expMask) return new(frac, 0, 0, false, negative, frac != 0, frac == 0);
        if (biasedExp != 0)
        {
            return new(frac | (1UL << mantissaBits), (int)biasedExp - bias - mantissaBits, mantissaBits,
                       biasedExp != 1 && frac == 0, negative, false, false);
        }
        int top = frac == 0 ? 0 : 63 - System.Numerics.BitOperations.LeadingZeroCount(frac);
        return new(frac, 1 - bias - mantissaBits, top, false, negative, false, false);
    }
}
