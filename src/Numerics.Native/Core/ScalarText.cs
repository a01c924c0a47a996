using System.Globalization;
using System.Numerics;

namespace Numerics.Native;

/// <summary>Python's <c>str()</c> of NumPy scalars (0-d arrays print this way) and NumPy's element text for complex64.</summary>
internal static class ScalarText
{
    internal static string Python(object v, DType? dtype = null) => v switch
    {
        bool b => b ? "True" : "False",
        Half h => Float((double)h, FloatDigits.Precision.Half),
        float f => Float(f, FloatDigits.Precision.Single),
        double d => Float(d, FloatDigits.Precision.Double),
        Complex64 c => PyComplex(c.Real, c.Imaginary, FloatDigits.Precision.Single),
        Complex c => PyComplex(c.Real, c.Imaginary, FloatDigits.Precision.Double),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>repr of a NumPy float scalar: shortest digits, positional between 1e-4 and 1e16, else scientific.</summary>
    internal static string Float(double x, FloatDigits.Precision p)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x < 0 ? "-inf" : "inf";
        var d = FloatDigits.Shortest(x, p);
        string sign = d.Negative ? "-" : "";
        double a = Math.Abs(x);
        if (a != 0 && (a >= 1e16 || a < 1e-4))
        {
            string frac = d.Digits[1..];
            int exp = d.Exponent - 1;
            return sign + d.Digits[0] + (frac.Length > 0 ? "." + frac : "") + "e" + (exp < 0 ? "-" : "+") +
                   Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        return sign + Positional(d) ;
    }

    private static string Positional(FloatDigits.Decimal d)
    {
        string digits = d.Digits == "0" ? "" : d.Digits;
        int e = d.Exponent;
        if (digits.Length == 0) return "0.0";
        if (e <= 0) return "0." + new string('0', -e) + digits;
        if (e >= digits.Length) return digits + new string('0', e - digits.Length) + ".0";
        return digits[..e] + "." + digits[e..];
    }

    private static string PyComplex(double re, double im, FloatDigits.Precision p)
    {
        // Python: "1j" when the real part is +0, else "(re+imj)"; parts drop a trailing ".0".
        string imText = Part(im, p);
        if (re == 0 && !double.IsNegative(re)) return imText + "j";
        string reText = Part(re, p);
        string sep = imText.StartsWith('-') || double.IsNaN(im) && imText.StartsWith('-') ? "" : "+";
        return "(" + reText + sep + imText + "j)";
    }

    private static string Part(double x, FloatDigits.Precision p)
    {
        string s = Float(x, p);
        return s.EndsWith(".0", StringComparison.Ordinal) ? s[..^2] : s;
    }

    /// <summary>NumPy's element text for a complex value inside an array ("1.+2.j").</summary>
    internal static string Complex(double re, double im, bool singlePrecision)
    {
        var a = NDArray.MakeWeak(new System.Numerics.Complex(re, im), WeakKind.Complex);
        if (singlePrecision)
        {
            using var c = a.astype(DType.Complex64);
            using var v = np.reshape(c, Shape.Own([1]));
            string s = v.ToString();
            return s[1..^1];
        }
        using (var strong = a.MaterializeStrong())
        using (var v = np.reshape(strong, Shape.Own([1])))
        {
            string s = v.ToString();
            return s[1..^1];
        }
    }
}
