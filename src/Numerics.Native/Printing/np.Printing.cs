namespace Numerics.Native;

public static partial class np
{
    /// <summary>
    /// Sets print options for the current async flow and the flows it starts; options left null keep their value.
    /// NumPy: <c>np.set_printoptions(precision, threshold, edgeitems, linewidth, suppress, nanstr, infstr, sign=..., floatmode=...)</c>.
    /// </summary>
    /// <param name="precision">Digits after the decimal point (default 8).</param>
    /// <param name="threshold">Summarise arrays with more elements than this (default 1000).</param>
    /// <param name="edgeitems">Items kept at each end of a summarised axis (default 3).</param>
    /// <param name="linewidth">Characters per line (default 75).</param>
    /// <param name="suppress">Always positional notation, tiny values as zero (default false).</param>
    /// <param name="nanstr">Text for NaN (default "nan").</param>
    /// <param name="infstr">Text for infinity (default "inf").</param>
    /// <param name="sign">"-", "+" or " " (default "-").</param>
    /// <param name="floatmode">"fixed", "unique", "maxprec" (default) or "maxprec_equal".</param>
    /// <exception cref="ValueError">An unknown <paramref name="floatmode"/> or <paramref name="sign"/>, or a negative
    /// <paramref name="precision"/> or <paramref name="edgeitems"/> (NumPy reports those two when printing).</exception>
    public static void set_printoptions(int? precision = null, long? threshold = null, int? edgeitems = null, int? linewidth = null,
                                        bool? suppress = null, string? nanstr = null, string? infstr = null, string? sign = null,
                                        string? floatmode = null)
    {
        PrintOptionsState.Set(PrintOptionsState.With(PrintOptionsState.Current, precision, threshold, edgeitems, linewidth,
                                                     suppress, nanstr, infstr, sign, floatmode));
    }

    /// <summary>The print options of the current async flow. NumPy: <c>np.get_printoptions()</c>.</summary>
    public static PrintOptions get_printoptions() => PrintOptionsState.Current;

    /// <summary>
    /// Sets print options until the returned object is disposed, then restores the previous ones:
    /// <c>using (np.printoptions(precision: 3)) { ... }</c>. NumPy: <c>with np.printoptions(...):</c>.
    /// </summary>
    /// <param name="precision">See <see cref="set_printoptions"/>.</param>
    /// <param name="threshold">See <see cref="set_printoptions"/>.</param>
    /// <param name="edgeitems">See <see cref="set_printoptions"/>.</param>
    /// <param name="linewidth">See <see cref="set_printoptions"/>.</param>
    /// <param name="suppress">See <see cref="set_printoptions"/>.</param>
    /// <param name="nanstr">See <see cref="set_printoptions"/>.</param>
    /// <param name="infstr">See <see cref="set_printoptions"/>.</param>
    /// <param name="sign">See <see cref="set_printoptions"/>.</param>
    /// <param name="floatmode">See <see cref="set_printoptions"/>.</param>
    /// <exception cref="ValueError">As <see cref="set_printoptions"/>.</exception>
    public static IDisposable printoptions(int? precision = null, long? threshold = null, int? edgeitems = null, int? linewidth = null,
                                           bool? suppress = null, string? nanstr = null, string? infstr = null, string? sign = null,
                                           string? floatmode = null)
    {
        var next = PrintOptionsState.With(PrintOptionsState.Current, precision, threshold, edgeitems, linewidth, suppress,
                                          nanstr, infstr, sign, floatmode);
        var scope = new PrintOptionsScope(PrintOptionsState.Raw);
        PrintOptionsState.Set(next);
        return scope;
    }

    /// <summary>
    /// The array's text with the given options overriding the current ones; <paramref name="prefix"/> and
    /// <paramref name="suffix"/> only shift the wrapping (they are not part of the result).
    /// NumPy: <c>np.array2string(a, max_line_width, precision, suppress_small, separator, prefix, threshold=..., edgeitems=..., sign=..., floatmode=..., suffix=...)</c>.
    /// </summary>
    /// <param name="a">The array.</param>
    /// <param name="max_line_width">Characters per line.</param>
    /// <param name="precision">Float precision.</param>
    /// <param name="suppress_small">Positional notation, tiny values as zero.</param>
    /// <param name="separator">Text between elements.</param>
    /// <param name="prefix">Text the caller puts before the result (sets the continuation indent).</param>
    /// <param name="threshold">Summarisation threshold.</param>
    /// <param name="edgeitems">Items per side when summarising.</param>
    /// <param name="sign">"-", "+" or " ".</param>
    /// <param name="floatmode">"fixed", "unique", "maxprec" or "maxprec_equal".</param>
    /// <param name="suffix">Text the caller puts after the result (shortens the last line).</param>
    /// <exception cref="ValueError">Invalid option values.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static string array2string(NDArray a, int? max_line_width = null, int? precision = null, bool? suppress_small = null,
                                      string separator = " ", string prefix = "", long? threshold = null, int? edgeitems = null,
                                      string? sign = null, string? floatmode = null, string suffix = "")
    {
        Live(a);
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        var o = PrintOptionsState.With(PrintOptionsState.Current, precision, threshold, edgeitems, max_line_width, suppress_small,
                                       null, null, sign, floatmode);
        return ArrayPrinter.Array2String(a, o, separator, prefix, suffix, null, null);
    }

    /// <summary>NumPy's <c>str(a)</c> with options overridden. NumPy: <c>np.array_str(a, max_line_width, precision, suppress_small)</c>.</summary>
    /// <param name="a">The array.</param>
    /// <param name="max_line_width">Characters per line.</param>
    /// <param name="precision">Float precision.</param>
    /// <param name="suppress_small">Positional notation, tiny values as zero.</param>
    /// <exception cref="ValueError">A negative precision.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static string array_str(NDArray a, int? max_line_width = null, int? precision = null, bool? suppress_small = null) =>
        ArrayPrinter.ArrayStr(Live(a), max_line_width, precision, suppress_small);

    /// <summary>NumPy's <c>repr(arr)</c> with options overridden. NumPy: <c>np.array_repr(arr, max_line_width, precision, suppress_small)</c>.</summary>
    /// <param name="arr">The array.</param>
    /// <param name="max_line_width">Characters per line.</param>
    /// <param name="precision">Float precision.</param>
    /// <param name="suppress_small">Positional notation, tiny values as zero.</param>
    /// <exception cref="ValueError">A negative precision.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static string array_repr(NDArray arr, int? max_line_width = null, int? precision = null, bool? suppress_small = null) =>
        ArrayPrinter.ArrayRepr(Live(arr), max_line_width, precision, suppress_small);

    /// <summary>
    /// A float64 in positional notation with Dragon4's rounding, trimming and padding.
    /// NumPy: <c>np.format_float_positional(x, precision, unique, fractional, trim, sign, pad_left, pad_right, min_digits)</c>.
    /// </summary>
    /// <param name="x">The value.</param>
    /// <param name="precision">Maximum digits (after the point when <paramref name="fractional"/>); required when not unique.</param>
    /// <param name="unique">Shortest digits that identify the value (true) or the exact value rounded (false).</param>
    /// <param name="fractional">Whether precision counts fraction digits (true) or significant digits (false).</param>
    /// <param name="trim">'k' keep zeros, '.' trim zeros keep the point, '0' keep one zero, '-' trim zeros and point.</param>
    /// <param name="sign">Show '+' for positive values.</param>
    /// <param name="pad_left">Pad with spaces to this many characters left of the point.</param>
    /// <param name="pad_right">Pad with spaces to this many characters right of the point.</param>
    /// <param name="min_digits">Minimum digits in unique mode (more than needed, rounded).</param>
    /// <exception cref="ValueError">A negative argument, precision 0 with fractional false, or min_digits above precision.</exception>
    /// <exception cref="TypeError">An unknown trim, or no precision in non-unique mode.</exception>
    public static string format_float_positional(double x, int? precision = null, bool unique = true, bool fractional = true,
                                                 string trim = "k", bool sign = false, int? pad_left = null, int? pad_right = null,
                                                 int? min_digits = null) =>
        FormatFloatPositional(x, FloatKind.Double, precision, unique, fractional, trim, sign, pad_left, pad_right, min_digits);

    /// <summary>format_float_positional for a value of any float precision (NumPy passes float16/float32 scalars).</summary>
    internal static string FormatFloatPositional(double x, FloatKind kind, int? precision, bool unique, bool fractional,
                                                 string trim, bool sign, int? pad_left, int? pad_right, int? min_digits)
    {
        int p = NoneOrPositive(precision, "precision"), pl = NoneOrPositive(pad_left, "pad_left");
        int pr = NoneOrPositive(pad_right, "pad_right"), md = NoneOrPositive(min_digits, "min_digits");
        if (!fractional && p == 0) throw new ValueError("precision must be greater than 0 if fractional=False");
        if (md > 0 && p > 0 && md > p) throw new ValueError("min_digits must be less than or equal to precision");
        char t = TrimMode(trim);
        if (!unique && p < 0) throw new TypeError("in non-unique mode `precision` must be supplied");
        return Dragon4.Positional(FloatParts.Of(x, kind), p, unique, fractional, t, sign, pl, pr, md);
    }

    /// <summary>
    /// A float64 in scientific notation with Dragon4's rounding, trimming and padding.
    /// NumPy: <c>np.format_float_scientific(x, precision, unique, trim, sign, pad_left, exp_digits, min_digits)</c>.
    /// </summary>
    /// <param name="x">The value.</param>
    /// <param name="precision">Maximum fraction digits of the mantissa; required when not unique.</param>
    /// <param name="unique">Shortest digits that identify the value (true) or the exact value rounded (false).</param>
    /// <param name="trim">'k' keep zeros, '.' trim zeros keep the point, '0' keep one zero, '-' trim zeros and point.</param>
    /// <param name="sign">Show '+' for positive values.</param>
    /// <param name="pad_left">Pad with spaces to this many characters left of the point.</param>
    /// <param name="exp_digits">Minimum exponent digits (default 2, at most 5).</param>
    /// <param name="min_digits">Minimum digits in unique mode (more than needed, rounded).</param>
    /// <exception cref="ValueError">A negative argument, or min_digits above precision.</exception>
    /// <exception cref="TypeError">An unknown trim, or no precision in non-unique mode.</exception>
    public static string format_float_scientific(double x, int? precision = null, bool unique = true, string trim = "k",
                                                 bool sign = false, int? pad_left = null, int? exp_digits = null, int? min_digits = null) =>
        FormatFloatScientific(x, FloatKind.Double, precision, unique, trim, sign, pad_left, exp_digits, min_digits);

    /// <summary>format_float_scientific for a value of any float precision.</summary>
    internal static string FormatFloatScientific(double x, FloatKind kind, int? precision, bool unique, string trim, bool sign,
                                                 int? pad_left, int? exp_digits, int? min_digits)
    {
        int p = NoneOrPositive(precision, "precision"), pl = NoneOrPositive(pad_left, "pad_left");
        int ed = NoneOrPositive(exp_digits, "exp_digits"), md = NoneOrPositive(min_digits, "min_digits");
        if (md > 0 && p > 0 && md > p) throw new ValueError("min_digits must be less than or equal to precision");
        char t = TrimMode(trim);
        if (!unique && p < 0) throw new TypeError("in non-unique mode `precision` must be supplied");
        return Dragon4.Scientific(FloatParts.Of(x, kind), p, unique, t, sign, pl, ed, md);
    }

    /// <summary>Python's last traceback line for an exception: "ValueError: operands could not be broadcast …".
    /// NumPy: none (Python's <c>traceback.format_exception_only</c>).</summary>
    /// <param name="e">The exception.</param>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static string format_exception(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string name = e is INumpyException n ? n.PythonName : e.GetType().Name;
        return string.IsNullOrEmpty(e.Message) ? name : name + ": " + e.Message;
    }

    private static int NoneOrPositive(int? x, string name)
    {
        if (x is null) return -1;
        if (x < 0) throw new ValueError(name + " must be >= 0");
        return x.Value;
    }

    private static char TrimMode(string trim) => trim switch
    {
        "k" or "." or "0" or "-" => trim[0],
        // NumPy's trimmode_converter formats the value with `%100S`: right-aligned in 100 columns, never cut.
        _ => throw new TypeError("if supplied, trim must be 'k', '.', '0' or '-' found `" + trim.PadLeft(100) + "`"),
    };
}
