using System.Globalization;
using System.Numerics;
using System.Text;

namespace Numerics.Native;

/// <summary>
/// NumPy's array2string / array_str / array_repr (numpy/core/arrayprint.py), character for character for the
/// default print options: float padding and trimming, exponent formats, complex, nan/inf, bool, integer widths,
/// line wrapping and summarisation.
/// </summary>
internal static class ArrayText
{
    /// <summary>The current print options; Printing/ replaces this with its per-flow state.</summary>
    private static readonly FormatOptions Default = new();

    internal static Func<FormatOptions> Current { get; set; } = static () => Default;

    // Printing/ArrayPrinter is the printer (print options, NumPy 2.2 repr); these two entry points forward to it.
    internal static string Str(NDArray a, string? format, IFormatProvider? provider) => ArrayPrinter.Str(a, format, provider);

    internal static string Repr(NDArray a) => ArrayPrinter.ArrayRepr(a, null, null, null);

    private static string FormatElement(NDArray a, long offset, string format, IFormatProvider? provider)
    {
        var v = NativeData.ReadBoxed(a, offset);
        return v is IFormattable f ? f.ToString(format, provider ?? CultureInfo.InvariantCulture) : v.ToString() ?? "";
    }

    internal static string Array2String(NDArray a, FormatOptions o, string separator, string prefix, string? format, IFormatProvider? provider)
    {
        bool summarize = a.Size > o.Threshold;
        var offsets = ElementOffsets(a, summarize ? o.EdgeItems : -1);
        Func<long, string> fmt;
        if (format is not null) fmt = off => FormatElement(a, off, format, provider);
        else fmt = MakeFormatter(a, offsets, o);
        if (a.Dims.Length == 0) return fmt(0);
        string nextLinePrefix = " " + new string(' ', prefix.Length);
        return FormatArray(a, fmt, o.LineWidth, nextLinePrefix, separator, o.EdgeItems, summarize ? "..." : "");
    }

    /// <summary>Byte offsets of the elements the formatter must see (all, or the leading/trailing edges).</summary>
    private static List<long> ElementOffsets(NDArray a, int edge)
    {
        var result = new List<long>();
        Walk(0, 0);
        return result;

        void Walk(int axis, long off)
        {
            if (axis == a.Dims.Length)
            {
                result.Add(off);
                return;
            }
            long n = a.Dims[axis];
            if (edge >= 0 && n > 2 * edge)
            {
                for (long i = 0; i < edge; i++) Walk(axis + 1, off + i * a.Strides[axis]);
                for (long i = n - edge; i < n; i++) Walk(axis + 1, off + i * a.Strides[axis]);
            }
            else
            {
                for (long i = 0; i < n; i++) Walk(axis + 1, off + i * a.Strides[axis]);
            }
        }
    }

    private static Func<long, string> MakeFormatter(NDArray a, List<long> offsets, FormatOptions o)
    {
        var dt = a.Dtype;
        if (dt.IsBool)
        {
            bool scalar = a.Dims.Length == 0;
            return off => NativeData.Read<bool>(a, off) ? (scalar ? "True" : " True") : "False";
        }
        if (dt.IsInteger)
        {
            int width = 0;
            foreach (var off in offsets) width = Math.Max(width, IntText(a, off).Length);
            return off => IntText(a, off).PadLeft(width);
        }
        var prec = dt.Code switch
        {
            DTypeCode.Float16 => FloatDigits.Precision.Half,
            DTypeCode.Float32 or DTypeCode.Complex64 => FloatDigits.Precision.Single,
            _ => FloatDigits.Precision.Double,
        };
        if (dt.IsFloat)
        {
            var ff = new FloatFormat(offsets.Select(off => NativeData.Read<double>(a, off)).ToList(), prec, o, o.Sign);
            return off => ff.Format(NativeData.Read<double>(a, off));
        }
        var vals = offsets.Select(off => NativeData.ReadComplex(a, off)).ToList();
        var re = new FloatFormat(vals.Select(c => c.Real).ToList(), prec, o, o.Sign);
        var im = new FloatFormat(vals.Select(c => c.Imaginary).ToList(), prec, o, "+");
        return off =>
        {
            var c = NativeData.ReadComplex(a, off);
            string r = re.Format(c.Real), i = im.Format(c.Imaginary);
            int sp = i.TrimEnd().Length;
            return r + i[..sp] + "j" + i[sp..];
        };
    }

    private static string IntText(NDArray a, long off) => a.Dtype.IsUnsignedInteger
        ? NativeData.Read<ulong>(a, off).ToString(CultureInfo.InvariantCulture)
        : NativeData.Read<long>(a, off).ToString(CultureInfo.InvariantCulture);

    private static string FormatArray(NDArray a, Func<long, string> fmt, int lineWidth, string nextLinePrefix, string separator, int edgeItems,
        string summaryInsert)
    {
        return Recurse(0, a.Offset - a.Offset, nextLinePrefix, lineWidth);

        string Recurse(int axis, long off, string hangingIndent, int currWidth)
        {
            int axesLeft = a.Dims.Length - axis;
            if (axesLeft == 0) return fmt(off);
            string nextHanging = hangingIndent + " ";
            int nextWidth = currWidth - 1;
            long len = a.Dims[axis];
            bool showSummary = summaryInsert.Length > 0 && 2 * edgeItems < len;
            long leading = showSummary ? edgeItems : 0, trailing = showSummary ? edgeItems : len;
            long stride = a.Strides[axis];
            var s = new StringBuilder();
            if (axesLeft == 1)
            {
                int elemWidth = currWidth - Math.Max(separator.TrimEnd().Length, 1);
                string line = hangingIndent;
                for (long i = 0; i < leading; i++)
                {
                    line = ExtendLinePretty(s, line, Recurse(axis + 1, off + i * stride, nextHanging, nextWidth), elemWidth, hangingIndent);
                    line += separator;
                }
                if (showSummary)
                {
                    line = ExtendLine(s, line, summaryInsert, elemWidth, hangingIndent);
                    line += separator;
                }
                for (long i = trailing; i > 1; i--)
                {
                    line = ExtendLinePretty(s, line, Recurse(axis + 1, off + (len - i) * stride, nextHanging, nextWidth), elemWidth, hangingIndent);
                    line += separator;
                }
                line = ExtendLinePretty(s, line, Recurse(axis + 1, off + (len - 1) * stride, nextHanging, nextWidth), elemWidth, hangingIndent);
                s.Append(line);
            }
            else
            {
                string lineSep = separator.TrimEnd() + new string('\n', axesLeft - 1);
                for (long i = 0; i < leading; i++)
                    s.Append(hangingIndent).Append(Recurse(axis + 1, off + i * stride, nextHanging, nextWidth)).Append(lineSep);
                if (showSummary) s.Append(hangingIndent).Append(summaryInsert).Append(lineSep);
                for (long i = trailing; i > 1; i--)
                    s.Append(hangingIndent).Append(Recurse(axis + 1, off + (len - i) * stride, nextHanging, nextWidth)).Append(lineSep);
                s.Append(hangingIndent).Append(Recurse(axis + 1, off + (len - 1) * stride, nextHanging, nextWidth));
            }
            string str = s.ToString();
            return "[" + str[hangingIndent.Length..] + "]";
        }
    }

    private static string ExtendLine(StringBuilder s, string line, string word, int lineWidth, string nextLinePrefix)
    {
        bool needsWrap = line.Length + word.Length > lineWidth;
        if (line.Length <= nextLinePrefix.Length) needsWrap = false;
        if (needsWrap)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = nextLinePrefix;
        }
        return line + word;
    }

    private static string ExtendLinePretty(StringBuilder s, string line, string word, int lineWidth, string nextLinePrefix)
    {
        var words = word.Split('\n');
        if (words.Length == 1) return ExtendLine(s, line, word, lineWidth, nextLinePrefix);
        int maxWordLength = words.Max(w => w.Length);
        if (line.Length + maxWordLength > lineWidth && line.Length > nextLinePrefix.Length)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = nextLinePrefix + words[0];
            string indent = nextLinePrefix;
            for (int i = 1; i < words.Length; i++)
            {
                s.Append(line.TrimEnd()).Append('\n');
                line = indent + words[i];
            }
            return line;
        }
        string ind = new(' ', line.Length);
        line += words[0];
        for (int i = 1; i < words.Length; i++)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = ind + words[i];
        }
        return line;
    }

    /// <summary>NumPy's FloatingFormat: decides positional vs scientific and the paddings from the values seen.</summary>
    private sealed class FloatFormat
    {
        private readonly FloatDigits.Precision _prec;
        private readonly FormatOptions _o;
        private readonly bool _plus;
        private readonly bool _exp;
        private readonly int _precision;
        private readonly int _minDigits;
        private readonly bool _unique;
        private readonly char _trim;
        private readonly int _padLeft;
        private readonly int _padRight;
        private readonly int _expSize;

        internal FloatFormat(List<double> data, FloatDigits.Precision prec, FormatOptions o, string sign)
        {
            _prec = prec;
            _o = o;
            _plus = sign == "+";
            _precision = o.Precision;
            var finite = data.Where(double.IsFinite).ToList();
            var absNonZero = finite.Where(x => x != 0).Select(Math.Abs).ToList();
            if (absNonZero.Count > 0)
            {
                double max = absNonZero.Max(), min = absNonZero.Min();
                _exp = max >= 1e8 || (!o.Suppress && (min < 0.0001 || max / min > 1000.0));
            }
            bool fixedMode = o.FloatMode == "fixed";
            if (finite.Count == 0)
            {
                _padLeft = 0;
                _padRight = 0;
                _trim = '.';
                _expSize = -1;
                _unique = true;
                _minDigits = 0;
            }
            else if (_exp)
            {
                _unique = !fixedMode;
                char trim = fixedMode ? 'k' : '.';
                var strs = finite.Select(x => Scientific(x, _precision, _unique, trim, 0, -1, 0)).ToList();
                int maxExp = 0, maxFrac = 0, maxInt = 0;
                foreach (var s in strs)
                {
                    int e = s.IndexOf('e', StringComparison.Ordinal);
                    string mant = s[..e], ex = s[(e + 1)..];
                    maxExp = Math.Max(maxExp, ex.Length);
                    int dot = mant.IndexOf('.', StringComparison.Ordinal);
                    maxInt = Math.Max(maxInt, dot);
                    maxFrac = Math.Max(maxFrac, mant.Length - dot - 1);
                }
                _expSize = maxExp - 1;
                _trim = 'k';
                _precision = maxFrac;
                _minDigits = maxFrac;
                _padLeft = maxInt;
                _padRight = _expSize + 2 + _precision;
            }
            else
            {
                _unique = !fixedMode;
                char trim = fixedMode ? 'k' : '.';
                var strs = finite.Select(x => Positional(x, _precision, _unique, trim, 0, 0, 0)).ToList();
                int maxInt = 0, maxFrac = 0;
                foreach (var s in strs)
                {
                    int dot = s.IndexOf('.', StringComparison.Ordinal);
                    maxInt = Math.Max(maxInt, dot);
                    maxFrac = Math.Max(maxFrac, s.Length - dot - 1);
                }
                _padLeft = maxInt;
                _padRight = maxFrac;
                _expSize = -1;
                if (o.FloatMode is "fixed" or "maxprec_equal")
                {
                    _precision = _minDigits = _padRight;
                    _trim = 'k';
                }
                else
                {
                    _trim = '.';
                    _minDigits = 0;
                }
            }
            if (data.Count != finite.Count)
            {
                bool negInf = sign != "-" || data.Any(x => double.IsNegativeInfinity(x));
                int nanLen = o.NanStr.Length, infLen = o.InfStr.Length + (negInf ? 1 : 0);
                int offset = _padRight + 1;
                _padLeft = Math.Max(_padLeft, Math.Max(nanLen - offset, infLen - offset));
            }
        }

        internal string Format(double x)
        {
            if (!double.IsFinite(x))
            {
                string ret = double.IsNaN(x) ? (_plus ? "+" : "") + _o.NanStr : (x < 0 ? "-" : _plus ? "+" : "") + _o.InfStr;
                int pad = _padLeft + _padRight + 1 - ret.Length;
                return (pad > 0 ? new string(' ', pad) : "") + ret;
            }
            return _exp ? Scientific(x, _precision, _unique, _trim, _padLeft, _expSize, _minDigits)
                        : Positional(x, _precision, _unique, _trim, _padLeft, _padRight, _minDigits);
        }

        private string Positional(double x, int precision, bool unique, char trim, int padLeft, int padRight, int minDigits)
        {
            FloatDigits.Decimal d;
            if (unique)
            {
                d = FloatDigits.Shortest(x, _prec);
                int frac = Math.Max(0, d.Digits.Length - d.Exponent);
                if (d.Digits == "0") frac = 0;
                if (frac > precision) d = FloatDigits.RoundFraction(x, precision);
                else if (frac < minDigits) d = FloatDigits.RoundFraction(x, minDigits);
            }
            else
            {
                d = FloatDigits.RoundFraction(x, precision);
            }
            // Build integer and fraction digit strings.
            string digits = d.Digits == "0" ? "" : d.Digits;
            int e = d.Exponent;
            string intPart, fracPart;
            if (digits.Length == 0) { intPart = "0"; fracPart = ""; }
            else if (e <= 0) { intPart = "0"; fracPart = new string('0', -e) + digits; }
            else if (e >= digits.Length) { intPart = digits + new string('0', e - digits.Length); fracPart = ""; }
            else { intPart = digits[..e]; fracPart = digits[e..]; }
            int want = unique ? Math.Max(minDigits, fracPart.Length) : precision;
            if (fracPart.Length < want) fracPart += new string('0', want - fracPart.Length);
            if (trim != 'k' || unique)
            {
                // unique digits carry no trailing zeros except those min_digits asked for
                if (trim is '.' or '0' or '-') fracPart = unique && minDigits > 0 ? fracPart : fracPart.TrimEnd('0');
            }
            string sign = double.IsNegative(x) ? "-" : _plus ? "+" : "";
            string left = sign + intPart;
            string result = fracPart.Length == 0
                ? trim switch { '0' => left + ".0", '-' => left, _ => left + "." }
                : left + "." + fracPart;
            if (left.Length < padLeft) result = new string(' ', padLeft - left.Length) + result;
            if (padRight > 0)
            {
                int have = result.Length - result.IndexOf('.', StringComparison.Ordinal) - 1;
                if (result.Contains('.', StringComparison.Ordinal) && have < padRight) result += new string(' ', padRight - have);
            }
            return result;
        }

        private string Scientific(double x, int precision, bool unique, char trim, int padLeft, int expDigits, int minDigits)
        {
            FloatDigits.Decimal d;
            if (unique)
            {
                d = FloatDigits.Shortest(x, _prec);
                if (d.Digits.Length - 1 > precision) d = FloatDigits.RoundSignificant(x, precision + 1);
                else if (d.Digits.Length - 1 < minDigits) d = FloatDigits.RoundSignificant(x, minDigits + 1);
            }
            else
            {
                d = FloatDigits.RoundSignificant(x, precision + 1);
            }
            string digits = d.Digits;
            int exp = digits == "0" ? 0 : d.Exponent - 1;
            string mantInt = digits[..1], frac = digits[1..];
            int want = unique ? Math.Max(minDigits, frac.Length) : precision;
            if (frac.Length < want) frac += new string('0', want - frac.Length);
            if (trim is '.' or '0' or '-' && !(unique && minDigits > 0)) frac = frac.TrimEnd('0');
            string sign = double.IsNegative(x) ? "-" : _plus ? "+" : "";
            string left = sign + mantInt;
            string mant = frac.Length == 0 ? trim switch { '0' => left + ".0", '-' => left, _ => left + "." } : left + "." + frac;
            string expStr = Math.Abs(exp).ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(expDigits, 2), '0');
            string result = mant + "e" + (exp < 0 ? "-" : "+") + expStr;
            if (left.Length < padLeft) result = new string(' ', padLeft - left.Length) + result;
            return result;
        }
    }
}
