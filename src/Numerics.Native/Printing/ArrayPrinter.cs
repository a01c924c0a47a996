using System.Globalization;
using System.Numerics;
using System.Text;

namespace Numerics.Native;

/// <summary>
/// NumPy 2.2's <c>array2string</c>, <c>array_str</c> and <c>array_repr</c> (numpy/_core/arrayprint.py) for the 14
/// dtypes: element formatters chosen from the values that will be shown, NumPy's recursive bracket layout with line
/// wrapping and summarisation, and repr's <c>shape=</c>/<c>dtype=</c> suffixes.
/// </summary>
internal static class ArrayPrinter
{
    private const string ReprPrefix = "array(";

    /// <summary><c>str(a)</c>, or NumPy's layout with each element in a .NET format when <paramref name="format"/> is given.</summary>
    internal static string Str(NDArray a, string? format, IFormatProvider? provider)
    {
        if (a.Dims.Length == 0)
        {
            var v = NativeData.ReadBoxed(a, 0);
            return format is null ? ScalarPrinter.Str(v) : FormatElement(v, format, provider);
        }
        return Array2String(a, PrintOptionsState.Current, " ", "", "", format, provider);
    }

    /// <summary>NumPy's <c>array_str</c>: a 0-d array prints as its scalar; otherwise array2string with " ".</summary>
    internal static string ArrayStr(NDArray a, int? maxLineWidth, int? precision, bool? suppress)
    {
        if (a.Dims.Length == 0) return ScalarPrinter.Str(NativeData.ReadBoxed(a, 0));
        var o = PrintOptionsState.With(PrintOptionsState.Current, precision, null, null, maxLineWidth, suppress, null, null, null, null);
        return Array2String(a, o, " ", "", "", null, null);
    }

    /// <summary>NumPy 2.2's <c>array_repr</c>.</summary>
    internal static string ArrayRepr(NDArray a, int? maxLineWidth, int? precision, bool? suppress)
    {
        var current = PrintOptionsState.Current;
        int width = maxLineWidth ?? current.linewidth;
        var o = PrintOptionsState.With(current, precision, null, null, width, suppress, null, null, null, null);
        string lst = Array2String(a, o, ", ", ReprPrefix, ")", null, null);

        var extras = new List<string>(2);
        var dims = a.Dims;
        bool plainEmpty = dims.Length == 1 && dims[0] == 0;
        // Since NumPy 2.2 a summarised repr states its shape, since elements are missing from the text.
        if ((a.Size == 0 && !plainEmpty) || a.Size > current.threshold) extras.Add("shape=" + Err.Tuple(dims));
        if (!DTypeIsImplied(a.Dtype) || a.Size == 0) extras.Add("dtype=" + a.Dtype.ReprName);
        if (extras.Count == 0) return ReprPrefix + lst + ")";

        string arrStr = ReprPrefix + lst + ",";
        string extraStr = string.Join(", ", extras) + ")";
        int lastLineLength = arrStr.Length - (arrStr.LastIndexOf('\n') + 1);
        string spacer = lastLineLength + extraStr.Length + 1 > width ? "\n" + new string(' ', ReprPrefix.Length) : " ";
        return arrStr + spacer + extraStr;
    }

    private static bool DTypeIsImplied(DType t) =>
        !t.IsSwapped && t.Code is DTypeCode.Int64 or DTypeCode.Float64 or DTypeCode.Complex128 or DTypeCode.Bool;

    /// <summary>NumPy's <c>array2string</c> with resolved options.</summary>
    internal static string Array2String(NDArray a, PrintOptions o, string separator, string prefix, string suffix,
                                        string? format, IFormatProvider? provider)
    {
        int lineWidth = o.linewidth - suffix.Length;
        if (a.Size == 0) return "[]";
        bool summarize = a.Size > o.threshold;
        Func<long, string> fmt = format is null
            ? MakeFormatter(a, LeadingTrailing(a, summarize ? o.edgeitems : -1), o)
            : off => FormatElement(NativeData.ReadBoxed(a, off), format, provider);
        string nextLinePrefix = " " + new string(' ', prefix.Length);
        return FormatArray(a, fmt, lineWidth, nextLinePrefix, separator, o.edgeitems, summarize ? "..." : "");
    }

    private static string FormatElement(object v, string format, IFormatProvider? provider) => v switch
    {
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(format, provider ?? CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>
    /// Byte offsets (from element 0) of the values NumPy's formatters are built from: everything, or per axis the
    /// first and last <paramref name="edge"/> items (NumPy's <c>_leading_trailing</c>). An edge of 0 keeps the whole
    /// axis there, because <c>a[-0:]</c> is all of it in Python; the formatter widths follow suit.
    /// </summary>
    private static List<long> LeadingTrailing(NDArray a, int edge)
    {
        var dims = a.Dims;
        var strides = a.Strides;
        var result = new List<long>();
        Walk(0, 0);
        return result;

        void Walk(int axis, long off)
        {
            if (axis == dims.Length)
            {
                result.Add(off);
                return;
            }
            long n = dims[axis], st = strides[axis];
            if (edge >= 0 && n > 2L * edge)
            {
                for (long i = 0; i < edge; i++) Walk(axis + 1, off + i * st);
                for (long i = edge > 0 ? n - edge : 0; i < n; i++) Walk(axis + 1, off + i * st);
            }
            else
            {
                for (long i = 0; i < n; i++) Walk(axis + 1, off + i * st);
            }
        }
    }

    private static Func<long, string> MakeFormatter(NDArray a, List<long> offsets, PrintOptions o)
    {
        var dt = a.Dtype;
        if (dt.IsBool)
        {
            // " True" lines up with "False"; a 0-d array has no column to line up.
            string trueText = a.Dims.Length == 0 ? "True" : " True";
            return off => (bool)NativeData.ReadBoxed(a, off) ? trueText : "False";
        }
        if (dt.IsInteger) return IntegerFormatter(a, offsets, o.sign);

        var kind = dt.Code switch
        {
            DTypeCode.Float16 => FloatKind.Half,
            DTypeCode.Float32 or DTypeCode.Complex64 => FloatKind.Single,
            _ => FloatKind.Double,
        };
        if (dt.IsFloat)
        {
            var values = new double[offsets.Count];
            for (int i = 0; i < values.Length; i++) values[i] = ReadDouble(a, offsets[i]);
            var ff = new FloatingFormat(values, kind, o.precision, o.floatmode, o.suppress, o.sign, o.nanstr, o.infstr);
            return off => ff.Format(ReadDouble(a, off));
        }

        var re = new double[offsets.Count];
        var im = new double[offsets.Count];
        for (int i = 0; i < re.Length; i++)
        {
            var c = ReadComplex(a, offsets[i]);
            re[i] = c.Real;
            im[i] = c.Imaginary;
        }
        var realFormat = new FloatingFormat(re, kind, o.precision, o.floatmode, o.suppress, o.sign, o.nanstr, o.infstr);
        var imagFormat = new FloatingFormat(im, kind, o.precision, o.floatmode, o.suppress, "+", o.nanstr, o.infstr);
        return off =>
        {
            var c = ReadComplex(a, off);
            string r = realFormat.Format(c.Real), i = imagFormat.Format(c.Imaginary);
            // The 'j' goes before the imaginary part's right padding.
            int sp = i.TrimEnd().Length;
            return r + i[..sp] + "j" + i[sp..];
        };
    }

    /// <summary>NumPy 2's <c>IntegerFormat</c>: one width for the column, and the sign option applies to integers.</summary>
    private static Func<long, string> IntegerFormatter(NDArray a, List<long> offsets, string sign)
    {
        bool unsigned = a.Dtype.IsUnsignedInteger;
        BigInteger max = 0, min = 0;
        for (int i = 0; i < offsets.Count; i++)
        {
            var v = ReadInteger(a, offsets[i], unsigned);
            if (i == 0 || v > max) max = v;
            if (i == 0 || v < min) min = v;
        }
        int width = 0;
        if (offsets.Count > 0)
        {
            int maxLength = max.ToString(CultureInfo.InvariantCulture).Length;
            if (sign == " " && min < 0) sign = "-";
            if (max >= 0 && sign is "+" or " ") maxLength++;
            width = Math.Max(maxLength, min.ToString(CultureInfo.InvariantCulture).Length);
        }
        string positiveSign = sign is "+" or " " ? sign : "";
        return off =>
        {
            var v = ReadInteger(a, off, unsigned);
            string s = v < 0 ? v.ToString(CultureInfo.InvariantCulture) : positiveSign + v.ToString(CultureInfo.InvariantCulture);
            return s.Length < width ? new string(' ', width - s.Length) + s : s;
        };
    }

    private static BigInteger ReadInteger(NDArray a, long off, bool unsigned) => NativeData.ReadBoxed(a, off) switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        var v => unsigned ? new BigInteger(Convert.ToUInt64(v, CultureInfo.InvariantCulture)) : new BigInteger(Convert.ToInt64(v, CultureInfo.InvariantCulture)),
    };

    private static double ReadDouble(NDArray a, long off) => NativeData.ReadBoxed(a, off) switch
    {
        Half h => (double)h,
        float f => f,
        double d => d,
        var v => Convert.ToDouble(v, CultureInfo.InvariantCulture),
    };

    private static Complex ReadComplex(NDArray a, long off) => NativeData.ReadBoxed(a, off) switch
    {
        Complex64 c => new Complex(c.Real, c.Imaginary),
        Complex c => c,
        var v => new Complex(Convert.ToDouble(v, CultureInfo.InvariantCulture), 0),
    };

    /// <summary>NumPy's <c>_formatArray</c>: nested brackets, hanging indents, wrapping and "..." rows/columns.</summary>
    private static string FormatArray(NDArray a, Func<long, string> fmt, int lineWidth, string nextLinePrefix,
                                      string separator, int edgeItems, string summaryInsert)
    {
        var dims = a.Dims;
        var strides = a.Strides;
        string sepStripped = separator.TrimEnd();
        return Recurse(0, 0, nextLinePrefix, lineWidth);

        string Recurse(int axis, long off, string hangingIndent, int currWidth)
        {
            int axesLeft = dims.Length - axis;
            if (axesLeft == 0) return fmt(off);

            // Nested rows sit one column further right, behind their '['; the ']' costs a column of width.
            string nextHanging = hangingIndent + " ";
            int nextWidth = currWidth - 1;
            long len = dims[axis], st = strides[axis];
            bool showSummary = summaryInsert.Length > 0 && 2L * edgeItems < len;
            long leading = showSummary ? edgeItems : 0;
            long trailing = showSummary ? edgeItems : len;

            var s = new StringBuilder();
            if (axesLeft == 1)
            {
                int elemWidth = currWidth - Math.Max(sepStripped.Length, 1);
                string line = hangingIndent;
                for (long i = 0; i < leading; i++)
                {
                    line = ExtendLinePretty(s, line, Recurse(axis + 1, off + i * st, nextHanging, nextWidth), elemWidth, hangingIndent);
                    line += separator;
                }
                if (showSummary)
                {
                    line = ExtendLine(s, line, summaryInsert, elemWidth, hangingIndent);
                    line += separator;
                }
                for (long i = trailing; i > 1; i--)
                {
                    line = ExtendLinePretty(s, line, Recurse(axis + 1, off + (len - i) * st, nextHanging, nextWidth), elemWidth, hangingIndent);
                    line += separator;
                }
                line = ExtendLinePretty(s, line, Recurse(axis + 1, off + (len - 1) * st, nextHanging, nextWidth), elemWidth, hangingIndent);
                s.Append(line);
            }
            else
            {
                string lineSep = sepStripped + new string('\n', axesLeft - 1);
                for (long i = 0; i < leading; i++)
                    s.Append(hangingIndent).Append(Recurse(axis + 1, off + i * st, nextHanging, nextWidth)).Append(lineSep);
                if (showSummary) s.Append(hangingIndent).Append(summaryInsert).Append(lineSep);
                for (long i = trailing; i > 1; i--)
                    s.Append(hangingIndent).Append(Recurse(axis + 1, off + (len - i) * st, nextHanging, nextWidth)).Append(lineSep);
                s.Append(hangingIndent).Append(Recurse(axis + 1, off + (len - 1) * st, nextHanging, nextWidth));
            }
            s.Remove(0, hangingIndent.Length);
            return s.Insert(0, '[').Append(']').ToString();
        }
    }

    private static string ExtendLine(StringBuilder s, string line, string word, int lineWidth, string nextLinePrefix)
    {
        bool needsWrap = line.Length + word.Length > lineWidth;
        // Wrapping cannot help when the line holds nothing but its indent.
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
        var words = SplitLines(word);
        if (words.Count <= 1) return ExtendLine(s, line, word, lineWidth, nextLinePrefix);

        int maxWordLength = words.Max(w => w.Length);
        string indent;
        if (line.Length + maxWordLength > lineWidth && line.Length > nextLinePrefix.Length)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = nextLinePrefix + words[0];
            indent = nextLinePrefix;
        }
        else
        {
            indent = new string(' ', line.Length);
            line += words[0];
        }
        for (int i = 1; i < words.Count; i++)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = indent + words[i];
        }
        return line + new string(' ', maxWordLength - words[^1].Length);
    }

    /// <summary>Python's <c>str.splitlines()</c>: every line boundary Python knows, no trailing empty line.</summary>
    private static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                lines.Add(s[start..i]);
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                start = i + 1;
            }
        }
        if (start < s.Length) lines.Add(s[start..]);
        return lines;
    }
}
