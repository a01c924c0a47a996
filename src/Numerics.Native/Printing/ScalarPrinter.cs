using System.Globalization;
using System.Numerics;

namespace Numerics.Native;

/// <summary>
/// NumPy's <c>str()</c> of its scalars (scalartypes.c.src), which is what <c>str()</c> of a 0-d array prints:
/// shortest unique digits, positional for 1e-4 ≤ |x| &lt; 1e16 (and 0 and NaN), scientific otherwise; complex as
/// "(1+2j)" or "2j". Python's <c>repr(float)</c> follows the same rules, so it is reused for literal reprs.
/// </summary>
internal static class ScalarPrinter
{
    /// <summary>str() of one element, boxed as its .NET element type.</summary>
    internal static string Str(object value) => value switch
    {
        bool b => b ? "True" : "False",
        Half h => Float((double)h, FloatKind.Half),
        float f => Float(f, FloatKind.Single),
        double d => Float(d, FloatKind.Double),
        Complex64 c => ComplexText(c.Real, c.Imaginary, FloatKind.Single),
        Complex c => ComplexText(c.Real, c.Imaginary, FloatKind.Double),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Python's <c>repr(float)</c> (and NumPy's <c>str(np.float64)</c>).</summary>
    internal static string PyFloat(double x) => Float(x, FloatKind.Double);

    /// <summary>str() of a float scalar of the given precision.</summary>
    internal static string Float(double x, FloatKind kind) => Either(x, kind, '0', '-', false);

    private static string Either(double x, FloatKind kind, char trimPositional, char trimScientific, bool sign)
    {
        double a = Math.Abs(x);
        bool positional = double.IsNaN(x) || x == 0 || (a < 1e16 && a >= 1e-4);
        var parts = FloatParts.Of(x, kind);
        return positional
            ? Dragon4.Positional(parts, -1, true, false, trimPositional, sign, -1, -1, -1)
            : Dragon4.Scientific(parts, -1, true, trimScientific, sign, -1, -1, -1);
    }

    private static string ComplexText(double re, double im, FloatKind kind)
    {
        if (re == 0 && !double.IsNegative(re)) return Either(im, kind, '-', '-', false) + "j";
        string r = double.IsFinite(re) ? Either(re, kind, '-', '-', false)
                 : double.IsNaN(re) ? "nan" : re > 0 ? "inf" : "-inf";
        string i = double.IsFinite(im) ? Either(im, kind, '-', '-', true)
                 : double.IsNaN(im) ? "+nan" : im > 0 ? "+inf" : "-inf";
        return "(" + r + i + "j)";
    }
}
