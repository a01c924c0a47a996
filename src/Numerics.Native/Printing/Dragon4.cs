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

        var mantissa = new BigInteger(v.Mantissa);
        int exponent = v.Exponent;
        bool unequal = v.UnequalMargins;
        bool isEven = (v.Mantissa & 1) == 0;

        // value = scaledValue / scale; the margins are half the distance to the neighbouring floats.
        BigInteger scale, scaledValue, marginLow;
        if (unequal)
        {
            if (exponent > 0)
            {
                scaledValue = mantissa << (exponent + 2);
                scale = 4;
                marginLow = BigInteger.One << exponent;
            }
            else
            {
                scaledValue = mantissa << 2;
                scale = BigInteger.One << (-exponent + 2);
                marginLow = 1;
            }
        }
        else if (exponent > 0)
        {
            scaledValue = mantissa << (exponent + 1);
            scale = 2;
            marginLow = BigInteger.One << exponent;
        }
        else
        {
            scaledValue = mantissa << 1;
            scale = BigInteger.One << (-exponent + 1);
            marginLow = 1;
        }

        // Estimate of floor(log10(v)) + 1 that is exact or one too small (Burger & Dybvig); the clamp makes a
        // tiny value start at the first allowed fraction digit so that it rounds there.
        int digitExponent = (int)Math.Ceiling((v.MantissaBit + exponent) * Log10Of2 - 0.69);
        if (cutoffMax >= 0 && fractional && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;

        if (digitExponent > 0)
        {
            scale *= BigInteger.Pow(10, digitExponent);
        }
        else if (digitExponent < 0)
        {
            var pow10 = BigInteger.Pow(10, -digitExponent);
            scaledValue *= pow10;
            marginLow *= pow10;
        }

        if (scaledValue >= scale)
        {
            digitExponent++;
        }
        else
        {
            scaledValue *= 10;
            marginLow *= 10;
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

        int printExponent = digitExponent - 1;
        bool low, high;
        int outputDigit;
        if (unique)
        {
            while (true)
            {
                digitExponent--;
                outputDigit = (int)BigInteger.DivRem(scaledValue, scale, out scaledValue);
                var marginHigh = unequal ? marginLow << 1 : marginLow;
                int cmp = scaledValue.CompareTo(marginLow);
                low = isEven ? cmp <= 0 : cmp < 0;
                cmp = (scaledValue + marginHigh).CompareTo(scale);
                high = isEven ? cmp >= 0 : cmp > 0;
                if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent) break;
                digits.Append((char)('0' + outputDigit));
                scaledValue *= 10;
                marginLow *= 10;
            }
        }
        else
        {
            low = high = false;
            while (true)
            {
                digitExponent--;
                outputDigit = (int)BigInteger.DivRem(scaledValue, scale, out scaledValue);
                if (scaledValue.IsZero || digitExponent == cutoffMaxExponent) break;
                digits.Append((char)('0' + outputDigit));
                scaledValue *= 10;
            }
        }

        bool roundDown = low;
        if (low == high)
        {
            // Round to the closest digit; exactly half way rounds to the even digit (IEEE rules).
            int compare = (scaledValue << 1).CompareTo(scale);
            roundDown = compare < 0;
            if (compare == 0) roundDown = (outputDigit & 1) == 0;
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
        return printExponent;
    }
}
