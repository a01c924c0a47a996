using System.Globalization;

namespace Numerics.Native;

/// <summary>Python's %-formatting of one value for the common specifiers (%d %i %f %e %g %s %x with flags, width, precision).</summary>
internal static class PercentFormat
{
    internal static string Format(string format, object value)
    {
        int p = format.IndexOf('%', StringComparison.Ordinal);
        if (p < 0) return format;
        int i = p + 1;
        string flags = "";
        while (i < format.Length && "-+ 0#".Contains(format[i], StringComparison.Ordinal)) flags += format[i++];
        int start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i])) i++;
        int width = i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : 0;
        int precision = -1;
        if (i < format.Length && format[i] == '.')
        {
            i++;
            start = i;
            while (i < format.Length && char.IsAsciiDigit(format[i])) i++;
            precision = i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : 0;
        }
        if (i >= format.Length) return format;
        char conv = format[i];
        var inv = CultureInfo.InvariantCulture;
        double d = value switch
        {
            bool b => b ? 1 : 0,
            System.Numerics.Complex c => c.Real,
            Complex64 c => c.Real,
            IConvertible c => c.ToDouble(inv),
            _ => 0,
        };
        string body = conv switch
        {
            'd' or 'i' => ((long)Math.Truncate(d)).ToString(inv),
            'f' or 'F' => d.ToString("F" + (precision < 0 ? 6 : precision), inv),
            'e' or 'E' => PyExp(d, precision < 0 ? 6 : precision, conv),
            'g' or 'G' => d.ToString("G" + (precision < 0 ? 6 : Math.Max(precision, 1)), inv),
            'x' => ((long)d).ToString("x", inv),
            _ => ScalarText.Python(value),
        };
        if (flags.Contains('+', StringComparison.Ordinal) && !body.StartsWith('-')) body = "+" + body;
        if (body.Length < width)
        {
            if (flags.Contains('-', StringComparison.Ordinal)) body = body.PadRight(width);
            else if (flags.Contains('0', StringComparison.Ordinal) && conv != 's')
            {
                bool neg = body.StartsWith('-') || body.StartsWith('+');
                body = neg ? body[0] + body[1..].PadLeft(width - 1, '0') : body.PadLeft(width, '0');
            }
            else body = body.PadLeft(width);
        }
        return format[..p] + body + format[(i + 1)..];
    }

    private static string PyExp(double d, int precision, char conv)
    {
        string s = d.ToString((conv == 'E' ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        // .NET writes three exponent digits ("e+020"); Python writes at least two.
        int e = s.IndexOfAny(['e', 'E']);
        string mant = s[..(e + 2)], exp = s[(e + 2)..].TrimStart('0');
        return mant + exp.PadLeft(2, '0');
    }
}
