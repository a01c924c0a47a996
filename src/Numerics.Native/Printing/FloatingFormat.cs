namespace Numerics.Native;

/// <summary>
/// NumPy's <c>FloatingFormat</c> (arrayprint.py): looks at every value that will be printed once to choose
/// positional or scientific notation, the digit counts and the paddings, so that the printed column lines up.
/// </summary>
internal sealed class FloatingFormat
{
    private readonly FloatKind _kind;
    private readonly string _sign;
    private readonly string _nanstr;
    private readonly string _infstr;
    private readonly bool _expFormat;
    private readonly int _padLeft;
    private readonly int _padRight;
    private readonly int _precision;
    private readonly int _minDigits;
    private readonly int _expSize;
    private readonly bool _unique;
    private readonly char _trim;

    /// <param name="data">Every value the formatter will see (the summarised corners when summarising).</param>
    /// <param name="kind">The values' precision (float16, float32 or float64).</param>
    /// <param name="precision">Print option precision.</param>
    /// <param name="floatmode">"fixed", "unique", "maxprec" or "maxprec_equal".</param>
    /// <param name="suppress">Print option suppress.</param>
    /// <param name="sign">"-", "+" or " ".</param>
    /// <param name="nanstr">Text for NaN.</param>
    /// <param name="infstr">Text for infinity.</param>
    internal FloatingFormat(ReadOnlySpan<double> data, FloatKind kind, int precision, string floatmode, bool suppress,
                            string sign, string nanstr, string infstr)
    {
        _kind = kind;
        _sign = sign;
        _nanstr = nanstr;
        _infstr = infstr;
        int prec = floatmode == "unique" ? -1 : precision;
        if (prec < -1) throw new ValueError("precision must be >= 0");

        bool anyNonFinite = false, anyNegInf = false, anyFiniteSignBit = false;
        double maxAbs = 0, minAbs = double.PositiveInfinity;
        int finiteCount = 0;
        foreach (double x in data)
        {
            if (!double.IsFinite(x))
            {
                anyNonFinite = true;
                if (double.IsNegativeInfinity(x)) anyNegInf = true;
                continue;
            }
            finiteCount++;
            if (double.IsNegative(x)) anyFiniteSignBit = true;
            if (x == 0) continue;
            double ax = Math.Abs(x);
            if (ax > maxAbs) maxAbs = ax;
            if (ax < minAbs) minAbs = ax;
        }

        if (maxAbs > 0)
        {
            // The thresholds are compared in the values' own precision (NumPy 2 treats the Python literals
            // 1e8, 1e-4 and 1000 as weak scalars, NEP 50), and the ratio is computed in that precision too.
            _expFormat = maxAbs >= InKind(1e8) ||
                         (!suppress && (minAbs < InKind(0.0001) || Ratio(maxAbs, minAbs) > 1000.0));
        }

        if (finiteCount == 0)
        {
            _padLeft = 0;
            _padRight = 0;
            _trim = '.';
            _expSize = -1;
            _unique = true;
            _minDigits = -1;
            _precision = prec;
        }
        else if (_expFormat)
        {
            char trim = '.';
            bool unique = true;
            if (floatmode == "fixed")
            {
                trim = 'k';
                unique = false;
            }
            int maxInt = 0, maxFrac = 0, maxExp = 0;
            foreach (double x in data)
            {
                if (!double.IsFinite(x)) continue;
                string s = Dragon4.Scientific(FloatParts.Of(x, kind), prec, unique, trim, sign == "+", -1, -1, -1);
                int e = s.IndexOf('e', StringComparison.Ordinal);
                int dot = s.IndexOf('.', StringComparison.Ordinal);
                maxExp = Math.Max(maxExp, s.Length - e - 1);
                maxInt = Math.Max(maxInt, dot);
                maxFrac = Math.Max(maxFrac, e - dot - 1);
            }
            _expSize = maxExp - 1;
            _trim = 'k';
            _precision = maxFrac;
            _minDigits = maxFrac;
            _unique = unique;
            _padLeft = maxInt;
            _padRight = _expSize + 2 + _precision;
        }
        else
        {
            char trim = '.';
            bool unique = true;
            if (floatmode == "fixed")
            {
                trim = 'k';
                unique = false;
            }
            int maxInt = 0, maxFrac = 0;
            foreach (double x in data)
            {
                if (!double.IsFinite(x)) continue;
                string s = Dragon4.Positional(FloatParts.Of(x, kind), prec, unique, true, trim, sign == "+", -1, -1, -1);
                int dot = s.IndexOf('.', StringComparison.Ordinal);
                maxInt = Math.Max(maxInt, dot);
                maxFrac = Math.Max(maxFrac, s.Length - dot - 1);
            }
            _padLeft = maxInt;
            _padRight = maxFrac;
            _expSize = -1;
            _unique = unique;
            if (floatmode is "fixed" or "maxprec_equal")
            {
                _precision = _minDigits = _padRight;
                _trim = 'k';
            }
            else
            {
                _precision = prec;
                _trim = '.';
                _minDigits = 0;
            }
        }

        // sign=' ' reserves a column for the sign when no printed value is negative.
        if (sign == " " && !anyFiniteSignBit) _padLeft++;

        if (anyNonFinite)
        {
            int negInf = sign != "-" || anyNegInf ? 1 : 0;
            int offset = _padRight + 1;
            _padLeft = Math.Max(_padLeft, Math.Max(nanstr.Length - offset, infstr.Length + negInf - offset));
        }
    }

    private double InKind(double literal) => _kind switch
    {
        FloatKind.Half => (double)(Half)literal,
        FloatKind.Single => (float)literal,
        _ => literal,
    };

    private double Ratio(double max, double min) => _kind switch
    {
        // NumPy computes float16 arithmetic in float32 and rounds the result back to float16.
        FloatKind.Half => (double)(Half)((float)max / (float)min),
        FloatKind.Single => (float)max / (float)min,
        _ => max / min,
    };

    internal string Format(double x)
    {
        if (!double.IsFinite(x))
        {
            string ret;
            if (double.IsNaN(x)) ret = (_sign == "+" ? "+" : "") + _nanstr;
            else ret = (x < 0 ? "-" : _sign == "+" ? "+" : "") + _infstr;
            int pad = _padLeft + _padRight + 1 - ret.Length;
            return pad > 0 ? new string(' ', pad) + ret : ret;
        }
        var parts = FloatParts.Of(x, _kind);
        return _expFormat
            ? Dragon4.Scientific(parts, _precision, _unique, _trim, _sign == "+", _padLeft, _expSize, _minDigits)
            : Dragon4.Positional(parts, _precision, _unique, true, _trim, _sign == "+", _padLeft, _padRight, _minDigits);
    }
}
