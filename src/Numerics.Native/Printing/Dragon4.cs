using System.Globalization;
using System.Numerics;
using System.Text;

namespace Numerics.Native;

/// <summary>
/// NumPy's float-to-text engine (numpy/_core/src/multiarray/dragon4.c, after Steele &amp; White / Burger &amp; Dybvig,
/// as adapted by Ryan Juckett and NumPy): exact big-integer digit generation in "unique" mode (the shortest digits
/// that identify the value among floats of its own precision) or "exact" mode (the exact binary value rounded
/// half-to-even at a cutoff), then NumPy's positional and scientific layouts with their trim and padding rules.
/// Written from the algorithm's description so that every corner (cutoff clamping, unequal margins at binade
/// boundaries, carries through trailing nines) produces NumPy's characters.
/// </summary>
internal static class Dragon4
{
    // NumPy formats into a fixed 16 KiB scratch buffer; its size bounds digit generation when no cutoff is given.
    private const int ReprBufferSize = 16384;
    private const double Log10Of2 = 0.30102999566398119521373889472449;

    /// <summary>NumPy's <c>dragon4_positional</c>. Negative precision, paddings and min_digits mean "not given".</summary>
    internal static string Positional(in FloatParts v, int precision, bool unique, bool fractional, char trim, bool sign,
                                      int padLeft, int padRight, int minDigits)
    {
        char signChar = v.Negative ? '-' : sign ? '+' : '\0';
        if (!v.IsFinite) return InfNan(v, signChar);

        var sb = new StringBuilder(32);
        int hasSign = 0;
        if (signChar != '\0')
        {
            sb.Append(signChar);
            hasSign = 1;
        }
        int maxPrintLen = ReprBufferSize - 1;
        var digits = new StringBuilder(24);
        int printExponent = Digits(v, unique, fractional, precision, minDigits, maxPrintLen - hasSign, digits);

        int numDigits = digits.Length, numWholeDigits, numFractionDigits = 0;
        if (printExponent >= 0)
        {
            numWholeDigits = printExponent + 1;
            if (numDigits <= numWholeDigits)
            {
                sb.Append(digits).Append('0', numWholeDigits - numDigits);
            }
            else
            {
                numFractionDigits = numDigits - numWholeDigits;
                sb.Append(digits, 0, numWholeDigits).Append('.').Append(digits, numWholeDigits, numFractionDigits);
            }
        }
        else
        {
            int numFractionZeros = -(printExponent + 1);
            sb.Append("0.").Append('0', numFractionZeros).Append(digits);
            numFractionDigits = numDigits + numFractionZeros;
            numWholeDigits = 1;
        }

        if (trim != '-' && numFractionDigits == 0) sb.Append('.');

        int addDigits = unique ? minDigits : precision;
        int desiredFractionalDigits = addDigits < 0 ? 0 : addDigits;
        if (!fractional) desiredFractionalDigits = addDigits - numWholeDigits;

        if (trim == '0')
        {
            if (numFractionDigits == 0)
            {
                sb.Append('0');
                numFractionDigits++;
            }
        }
        else if (trim == 'k' && desiredFractionalDigits > numFractionDigits)
        {
            sb.Append('0', desiredFractionalDigits - numFractionDigits);
            numFractionDigits = desiredFractionalDigits;
        }

        // Rounding can still leave trailing zeros; the trim mode decides what goes.
        if (trim != 'k' && numFractionDigits > 0)
        {
            while (sb[^1] == '0')
            {
                sb.Length--;
                numFractionDigits--;
            }
            if (sb[^1] == '.')
            {
                if (trim == '0')
                {
                    sb.Append('0');
                    numFractionDigits++;
                }
                else if (trim == '-')
                {
                    sb.Length--;
                }
            }
        }

        if (padRight >= numFractionDigits)
        {
            // A trimmed decimal point still occupies its column when the right side is padded.
            if (trim == '-' && numFractionDigits == 0) sb.Append(' ');
            sb.Append(' ', padRight - numFractionDigits);
        }
        if (padLeft > numWholeDigits + hasSign) sb.Insert(0, " ", padLeft - (numWholeDigits + hasSign));
        return sb.ToString();
    }

    /// <summary>NumPy's <c>dragon4_scientific</c>. Negative precision, pad_left, exp_digits and min_digits mean "not given".</summary>
    internal static string Scientific(in FloatParts v, int precision, bool unique, char trim, bool sign, int padLeft,
                                      int expDigits, int minDigits)
    {
        char signChar = v.Negative ? '-' : sign ? '+' : '\0';
        if (!v.IsFinite) return InfNan(v, signChar);

        var sb = new StringBuilder(32);
        int leftChars = 1 + (signChar != '\0' ? 1 : 0);
        if (padLeft > leftChars) sb.Append(' ', padLeft - leftChars);
        if (signChar != '\0') sb.Append(signChar);

        var digits = new StringBuilder(24);
        int printExponent = Digits(v, unique, fractional: false, precision < 0 ? -1 : precision + 1,
                                   minDigits < 0 ? -1 : minDigits + 1, ReprBufferSize - sb.Length, digits);

        sb.Append(digits[0]);
        int numFractionDigits = digits.Length - 1;
        if (numFractionDigits > 0) sb.Append('.').Append(digits, 1, numFractionDigits);
        if (trim != '-' && numFractionDigits == 0) sb.Append('.');

        int addDigits = unique ? minDigits : precision;
        if (addDigits < 0) addDigits = 0;
        if (trim == '0')
        {
            if (numFractionDigits == 0)
            {
                sb.Append('0');
                numFractionDigits++;
            }
        }
        else if (trim == 'k' && addDigits > numFractionDigits)
        {
            sb.Append('0', addDigits - numFractionDigits);
            numFractionDigits = addDigits;
        }

        // Unlike the positional layout, a bare trailing '.' survives here even in '-' mode (NumPy does the same).
        if (trim != 'k' && numFractionDigits > 0)
        {
            while (sb[^1] == '0')
            {
                sb.Length--;
                numFractionDigits--;
            }
            if (trim == '0' && sb[^1] == '.') sb.Append('0');
        }

        if (expDigits > 5) expDigits = 5;
        if (expDigits < 0) expDigits = 2;
        sb.Append('e').Append(printExponent >= 0 ? '+' : '-');
        string e = Math.Abs(printExponent).ToString(CultureInfo.InvariantCulture);
        if (e.Length < expDigits) sb.Append('0', expDigits - e.Length);
        sb.Append(e);
        return sb.ToString();
    }

    private static string InfNan(in FloatParts v, char signChar)
    {
        // NaN never shows a sign, whatever its sign bit says.
        if (v.IsNaN) return "nan";
        return signChar == '\0' ? "inf" : signChar + "inf";
    }

    /// <summary>
    /// Generates decimal digits into <paramref name="digits"/> and returns the power of ten of the first one.
    /// <paramref name="cutoffMax"/> stops generation (exact rounding of the rest), <paramref name="cutoffMin"/>
    /// forces digits past the shortest unique ones; both count fraction digits when <paramref name="fractional"/>,
    /// else total digits; negative means no cutoff.
    /// </summary>
    private static int Digits(in FloatParts v, bool unique, bool fractional, int cutoffMax, int cutoffMin, int bufferSize,
                              StringBuilder digits)
    {
        if (v.Mantissa == 0)
        {
            digits.Append('0');
            return 0;
        }
        // The same algorithm on 128-bit integers covers ordinary magnitudes without allocating; values whose
        // scaled quantities would not fit (very large or small exponents, long digit runs) redo it on BigInteger.
        int start = digits.Length;
        if (Generate<UInt128>(v, unique, fractional, cutoffMax, cutoffMin, bufferSize, digits, out int printExponent))
            return printExponent;
        digits.Length = start;
        Generate<BigInteger>(v, unique, fractional, cutoffMax, cutoffMin, bufferSize, digits, out printExponent);
        return printExponent;
    }

    // Fixed-width quantities stay below 2^FixedBits, so ×10, ×2 and the value+margin sum cannot overflow 128 bits.
    // Generate is internal so that a test can run both instantiations on the same inputs.
    private const int FixedBits = 120;

    internal static bool Generate<T>(in FloatParts v, bool unique, bool fractional, int cutoffMax, int cutoffMin, int bufferSize,
                                    StringBuilder digits, out int printExponent)
        where T : IBinaryInteger<T>
    {
        bool fixedWidth = typeof(T) != typeof(BigInteger);
        printExponent = 0;
        T ten = T.CreateTruncating(10);
        T mantissa = T.CreateTruncating(v.Mantissa);
        int exponent = v.Exponent;
        bool unequal = v.UnequalMargins;
        bool isEven = (v.Mantissa & 1) == 0;

        // value = scaledValue / scale; the margins are half the distance to the neighbouring floats.
        T scale, scaledValue, marginLow;
        int shift = unequal ? 2 : 1;
        if (exponent > 0)
        {
            if (fixedWidth && 64 + exponent + shift >= FixedBits) return false;
            scaledValue = mantissa << (exponent + shift);
            scale = T.One << shift;
            marginLow = T.One << exponent;
        }
        else
        {
            if (fixedWidth && -exponent + shift >= FixedBits) return false;
            scaledValue = mantissa << shift;
            scale = T.One << (-exponent + shift);
            marginLow = T.One;
        }

        // Estimate of floor(log10(v)) + 1 that is exact or one too small (Burger & Dybvig); the clamp makes a
        // tiny value start at the first allowed fraction digit so that it rounds there.
        int digitExponent = (int)Math.Ceiling((v.MantissaBit + exponent) * Log10Of2 - 0.69);
        if (cutoffMax >= 0 && fractional && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;

        if (digitExponent > 0)
        {
            if (fixedWidth && Bits(scale) + 4 * digitExponent >= FixedBits - 4) return false;
            scale *= Pow10<T>(digitExponent);
        }
        else if (digitExponent < 0)
        {
            if (fixedWidth && Math.Max(Bits(scaledValue), Bits(marginLow)) + 4 * -digitExponent >= FixedBits - 4) return false;
            var pow10 = Pow10<T>(-digitExponent);
            scaledValue *= pow10;
            marginLow *= pow10;
        }
        if (fixedWidth && Bits(scale) >= FixedBits - 4) return false;

        if (scaledValue >= scale)
        {
            digitExponent++;
        }
        else
        {
            scaledValue *= ten;
            marginLow *= ten;
        }

        int cutoffMaxExponent = digitExponent - bufferSize;
        if (cutoffMax >= 0)
        {
            int desired = fractional ? -cutoffMax : digitExponent - cutoffMax;
            if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
        }
        int cutoffMinExponent = digitExponent;
        if (cutoffMin >= 0)
        {
            int desired = fractional ? -cutoffMin : digitExponent - cutoffMin;
            if (desired < cutoffMinExponent) cutoffMinExponent = desired;
        }

        printExponent = digitExponent - 1;
        bool low, high;
        int outputDigit;
        if (unique)
        {
            while (true)
            {
                if (fixedWidth && Bits(marginLow) >= FixedBits - 4) return false;
                digitExponent--;
                outputDigit = NextDigit(ref scaledValue, scale);
                var marginHigh = unequal ? marginLow << 1 : marginLow;
                low = isEven ? scaledValue <= marginLow : scaledValue < marginLow;
                var sum = scaledValue + marginHigh;
                high = isEven ? sum >= scale : sum > scale;
                if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent) break;
                digits.Append((char)('0' + outputDigit));
                scaledValue *= ten;
                marginLow *= ten;
            }
        }
        else
        {
            low = high = false;
            while (true)
            {
                digitExponent--;
                outputDigit = NextDigit(ref scaledValue, scale);
                if (T.IsZero(scaledValue) || digitExponent == cutoffMaxExponent) break;
                digits.Append((char)('0' + outputDigit));
                scaledValue *= ten;
            }
        }

        bool roundDown = low;
        if (low == high)
        {
            // Round to the closest digit; exactly half way rounds to the even digit (IEEE rules).
            var twice = scaledValue << 1;
            roundDown = twice < scale;
            if (twice == scale) roundDown = (outputDigit & 1) == 0;
        }

        if (roundDown)
        {
            digits.Append((char)('0' + outputDigit));
        }
        else if (outputDigit == 9)
        {
            // Carry through trailing nines; they disappear, and all nines become a 1 one decade up.
            while (true)
            {
                if (digits.Length == 0)
                {
                    digits.Append('1');
                    printExponent++;
                    break;
                }
                char last = digits[^1];
                digits.Length--;
                if (last != '9')
                {
                    digits.Append((char)(last + 1));
                    break;
                }
            }
        }
        else
        {
            digits.Append((char)('0' + outputDigit + 1));
        }
        return true;
    }

    /// <summary>The next digit: floor(value / scale), which is below 10, leaving the remainder in value.</summary>
    private static int NextDigit<T>(ref T value, T scale) where T : IBinaryInteger<T>
    {
        if (typeof(T) == typeof(BigInteger))
        {
            var (q, r) = T.DivRem(value, scale);
            value = r;
            return int.CreateTruncating(q);
        }
        // At most nine subtractions, cheaper than a 128-bit division.
        int d = 0;
        while (value >= scale)
        {
            value -= scale;
            d++;
        }
        return d;
    }

    private static int Bits<T>(T x) where T : IBinaryInteger<T> => x.GetShortestBitLength();

    private static T Pow10<T>(int n) where T : IBinaryInteger<T>
    {
        if (typeof(T) == typeof(BigInteger)) return (T)(object)BigInteger.Pow(10, n);
        T r = T.One, ten = T.CreateTruncating(10);
        for (int i = 0; i < n; i++) r *= ten;
        return r;
    }
}
