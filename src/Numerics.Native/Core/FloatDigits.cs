using System.Globalization;
using System.Numerics;

namespace Numerics.Native;

/// <summary>
/// Decimal digits of binary floats as NumPy's Dragon4 produces them: the shortest digits that round-trip at the
/// value's own precision (float16/32/64), or the exact value rounded half-to-even at a digit cutoff.
/// </summary>
internal static class FloatDigits
{
    /// <summary>Digits (no leading zeros; "0" for zero) and exponent E with value = 0.d1d2… × 10^E.</summary>
    internal readonly record struct Decimal(string Digits, int Exponent, bool Negative);

    internal enum Precision { Half, Single, Double }

    internal static Decimal Shortest(double v, Precision p)
    {
        bool neg = double.IsNegative(v);
        double a = Math.Abs(v);
        if (a == 0) return new("0", 1, neg);
        string s = p switch
        {
            Precision.Half => ShortestHalf((Half)a),
            Precision.Single => ((float)a).ToString("R", CultureInfo.InvariantCulture),
            _ => a.ToString("R", CultureInfo.InvariantCulture),
        };
        return Parse(s, neg);
    }

    private static string ShortestHalf(Half h)
    {
        // Shortest decimal that converts back to the same float16 (at most 5 significant digits are ever needed).
        double x = (double)h;
        for (int digits = 1; digits <= 6; digits++)
        {
            string s = x.ToString("E" + (digits - 1), CultureInfo.InvariantCulture);
            if ((Half)double.Parse(s, CultureInfo.InvariantCulture) == h) return s;
        }
        return x.ToString("R", CultureInfo.InvariantCulture);
    }

    private static Decimal Parse(string s, bool neg)
    {
        int e = 0;
        int ei = s.IndexOfAny(['E', 'e']);
        if (ei >= 0)
        {
            e = int.Parse(s.AsSpan(ei + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..ei];
        }
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? s[..dot] : s, frac = dot >= 0 ? s[(dot + 1)..] : "";
        string digits = intPart + frac;
        int exp = intPart.Length + e;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') { lead++; exp--; }
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0) return new("0", 1, neg);
        return new(digits, exp, neg);
    }

    /// <summary>The exact value rounded half-to-even so that it has <paramref name="fracDigits"/> digits after the point.</summary>
    internal static Decimal RoundFraction(double v, int fracDigits)
    {
        var (num, den) = Exact(Math.Abs(v));
        // value * 10^fracDigits, rounded to an integer.
        BigInteger n = fracDigits >= 0 ? num * BigInteger.Pow(10, fracDigits) : num;
        BigInteger d = fracDigits >= 0 ? den : den * BigInteger.Pow(10, -fracDigits);
        var q = BigInteger.DivRem(n, d, out var r);
        int cmp = (r * 2).CompareTo(d);
        if (cmp > 0 || (cmp == 0 && !q.IsEven)) q += 1;
        string digits = q.ToString(CultureInfo.InvariantCulture);
        if (q.IsZero) return new("0", 1 - fracDigits + 0, double.IsNegative(v));
        int exp = digits.Length - fracDigits;
        string trimmed = digits.TrimEnd('0');
        return new(trimmed.Length == 0 ? "0" : trimmed, exp, double.IsNegative(v));
    }

    /// <summary>The exact value rounded half-to-even to <paramref name="sig"/> significant digits.</summary>
    internal static Decimal RoundSignificant(double v, int sig)
    {
        var s = Shortest(v, Precision.Double);
        if (s.Digits == "0") return s;
        // Position of the first significant digit is s.Exponent; keep sig digits → fraction digits = sig - exponent.
        var r = RoundFraction(v, sig - s.Exponent);
        if (r.Digits.Length > sig) r = RoundFraction(v, sig - r.Exponent);   // rounding carried into a new digit
        return r;
    }

    private static (BigInteger num, BigInteger den) Exact(double a)
    {
        long bits = BitConverter.DoubleToInt64Bits(a);
        int exp = (int)((bits >> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp = 1; else mant |= 1L << 52;
        exp -= 1075;
        return exp >= 0 ? (new BigInteger(mant) << exp, BigInteger.One) : (new BigInteger(mant), BigInteger.One << -exp);
    }
}
