using System.Globalization;
using System.Numerics;
using System.Text;

namespace Numerics.Native;

/// <summary>
/// A strict parser for the Python literal an .npy header holds (what NumPy reads with <c>ast.literal_eval</c>):
/// dicts, tuples, lists, strings, ints, floats, True, False and None. Nothing is evaluated; nesting depth and
/// integer length are bounded, so a hostile header costs linear time and no deep recursion.
/// </summary>
internal sealed class NpyLiteralParser
{
    // CPython refuses deeper nesting ("too many nested parentheses") and longer integer literals (int_max_str_digits).
    private const int MaxDepth = 200;
    private const int MaxIntDigits = 4300;

    private readonly string _s;
    private readonly bool _allowLongSuffix;
    private int _pos;

    private NpyLiteralParser(string s, bool allowLongSuffix)
    {
        _s = s;
        _allowLongSuffix = allowLongSuffix;
    }

    /// <summary>Parses the whole text as one literal; null return value means Python's None.</summary>
    /// <param name="text">The header text.</param>
    /// <param name="allowLongSuffix">Accept Python 2's "3L" integers (NumPy does for format versions 1.0 and 2.0).</param>
    /// <exception cref="FormatException">The text is not a literal of the supported kinds.</exception>
    internal static object? Parse(string text, bool allowLongSuffix)
    {
        var p = new NpyLiteralParser(text, allowLongSuffix);
        var v = p.Value(0);
        p.SkipSpace();
        if (p._pos != p._s.Length) throw p.Error("unexpected text after the literal");
        return v;
    }

    private FormatException Error(string what) =>
        new(what + " at offset " + _pos.ToString(CultureInfo.InvariantCulture));

    private void SkipSpace()
    {
        while (_pos < _s.Length)
        {
            char c = _s[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (_pos < _s.Length && _s[_pos] is not ('\n' or '\r')) _pos++;
            }
            else
            {
                break;
            }
        }
    }

    private object? Value(int depth)
    {
        if (depth > MaxDepth) throw Error("nesting too deep");
        SkipSpace();
        if (_pos >= _s.Length) throw Error("unexpected end");
        char c = _s[_pos];
        switch (c)
        {
            case '{': return Dict(depth);
            case '(': return TupleOrGroup(depth);
            case '[': return new List<object?>(Sequence(']', depth));
            case '\'' or '"': return StringLiteral();
            case 'u' or 'U' when _pos + 1 < _s.Length && _s[_pos + 1] is '\'' or '"':
                _pos++;
                return StringLiteral();
            case '+' or '-':
            {
                _pos++;
                SkipSpace();
                if (_pos >= _s.Length || !(char.IsAsciiDigit(_s[_pos]) || _s[_pos] == '.')) throw Error("a sign must precede a number");
                object n = Number();
                if (c == '+') return n;
                return n is BigInteger bi ? -bi : -(double)n;
            }
            default:
                if (char.IsAsciiDigit(c) || c == '.') return Number();
                if (Word("True")) return true;
                if (Word("False")) return false;
                if (Word("None")) return null;
                throw Error("unexpected character");
        }
    }

    private bool Word(string w)
    {
        if (string.CompareOrdinal(_s, _pos, w, 0, w.Length) != 0) return false;
        int end = _pos + w.Length;
        if (end < _s.Length && (char.IsAsciiLetterOrDigit(_s[end]) || _s[end] == '_')) return false;
        _pos = end;
        return true;
    }

    private PyDict Dict(int depth)
    {
        _pos++;
        var d = new PyDict();
        while (true)
        {
            SkipSpace();
            if (_pos < _s.Length && _s[_pos] == '}')
            {
                _pos++;
                return d;
            }
            var key = Value(depth + 1);
            if (key is List<object?> or PyDict) throw Error("unhashable dict key");
            SkipSpace();
            if (_pos >= _s.Length || _s[_pos] != ':') throw Error("expected ':'");
            _pos++;
            var value = Value(depth + 1);
            d.Set(key, value);
            SkipSpace();
            if (_pos < _s.Length && _s[_pos] == ',')
            {
                _pos++;
                continue;
            }
            if (_pos < _s.Length && _s[_pos] == '}')
            {
                _pos++;
                return d;
            }
            throw Error("expected ',' or '}'");
        }
    }

    private object? TupleOrGroup(int depth)
    {
        _pos++;
        SkipSpace();
        if (_pos < _s.Length && _s[_pos] == ')')
        {
            _pos++;
            return new PyTuple([]);
        }
        var first = Value(depth + 1);
        SkipSpace();
        if (_pos < _s.Length && _s[_pos] == ')')
        {
            // (x) is just x in Python; only a comma makes a tuple.
            _pos++;
            return first;
        }
        if (_pos >= _s.Length || _s[_pos] != ',') throw Error("expected ',' or ')'");
        _pos++;
        var items = new List<object?> { first };
        items.AddRange(Sequence(')', depth, opened: false));
        return new PyTuple(items);
    }

    private List<object?> Sequence(char close, int depth, bool opened = true)
    {
        if (opened) _pos++;
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (_pos < _s.Length && _s[_pos] == close)
            {
                _pos++;
                return items;
            }
            items.Add(Value(depth + 1));
            SkipSpace();
            if (_pos < _s.Length && _s[_pos] == ',')
            {
                _pos++;
                continue;
            }
            if (_pos < _s.Length && _s[_pos] == close)
            {
                _pos++;
                return items;
            }
            throw Error("expected ',' or '" + close + "'");
        }
    }

    private object Number()
    {
        if (_s[_pos] == '0' && _pos + 1 < _s.Length && _s[_pos + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B') return Radix();
        int start = _pos;
        bool isFloat = false;
        while (_pos < _s.Length && (char.IsAsciiDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
        if (_pos < _s.Length && _s[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            while (_pos < _s.Length && (char.IsAsciiDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
        }
        if (_pos < _s.Length && _s[_pos] is 'e' or 'E')
        {
            isFloat = true;
            _pos++;
            if (_pos < _s.Length && _s[_pos] is '+' or '-') _pos++;
            int digitsStart = _pos;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
            if (_pos == digitsStart) throw Error("malformed exponent");
        }
        string text = _s[start.._pos];
        if (text.StartsWith('_') || text.EndsWith('_') || text.Contains("__", StringComparison.Ordinal) || text == ".")
            throw Error("malformed number");
        text = text.Replace("_", "", StringComparison.Ordinal);
        if (_pos < _s.Length && (char.IsAsciiLetter(_s[_pos]) || _s[_pos] == '_'))
        {
            // Python 2 wrote long integers as "3L"; NumPy strips the suffix for old format versions.
            if (!isFloat && _allowLongSuffix && _s[_pos] is 'L' or 'l' &&
                !(_pos + 1 < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos + 1]) || _s[_pos + 1] == '_')))
            {
                _pos++;
            }
            else
            {
                throw Error("malformed number");
            }
        }
        if (isFloat)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) throw Error("malformed float");
            return d;
        }
        if (text.Length > MaxIntDigits) throw Error("integer literal too long");
        // Python 3 rejects leading zeros on non-zero decimal integers ("007").
        if (text.Length > 1 && text[0] == '0' && text.AsSpan().ContainsAnyExcept('0')) throw Error("leading zeros in an integer");
        return BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>Python's 0x, 0o and 0b integer literals (underscores allowed between digits).</summary>
    private BigInteger Radix()
    {
        char kind = char.ToLowerInvariant(_s[_pos + 1]);
        int radix = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
        _pos += 2;
        var value = BigInteger.Zero;
        int digits = 0;
        bool lastUnderscore = false;   // PEP 515 allows one underscore right after the prefix
        while (_pos < _s.Length)
        {
            char c = _s[_pos];
            if (c == '_' && !lastUnderscore)
            {
                lastUnderscore = true;
                _pos++;
                continue;
            }
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : -1;
            if (d < 0 || d >= radix) break;
            if (++digits > MaxIntDigits) throw Error("integer literal too long");
            value = value * radix + d;
            lastUnderscore = false;
            _pos++;
        }
        if (digits == 0 || lastUnderscore || (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '_')))
            throw Error("malformed integer");
        return value;
    }

    private string StringLiteral()
    {
        char quote = _s[_pos++];
        if (_pos + 1 < _s.Length && _s[_pos] == quote && _s[_pos + 1] == quote) throw Error("triple-quoted strings are not supported");
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length) throw Error("unterminated string");
            char c = _s[_pos++];
            if (c == quote) break;
            if (c is '\n' or '\r') throw Error("unterminated string");
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_pos >= _s.Length) throw Error("unterminated string");
            char e = _s[_pos++];
            switch (e)
            {
                case '\\' or '\'' or '"': sb.Append(e); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '0': sb.Append('\0'); break;
                case '\n': break;
                case 'x': sb.Append((char)Hex(2)); break;
                case 'u': sb.Append((char)Hex(4)); break;
                default: sb.Append('\\').Append(e); break;
            }
        }
        return sb.ToString();
    }

    private int Hex(int digits)
    {
        if (_pos + digits > _s.Length ||
            !int.TryParse(_s.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v))
            throw Error("truncated escape");
        _pos += digits;
        return v;
    }

    /// <summary>Python's == for hashable literals (1 == 1.0 == True, tuples elementwise).</summary>
    internal static bool LiteralEquals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is string sa) return b is string sb && sa == sb;
        if (b is string) return false;
        if (a is PyTuple ta)
        {
            if (b is not PyTuple tb || ta.Items.Count != tb.Items.Count) return false;
            for (int i = 0; i < ta.Items.Count; i++)
                if (!LiteralEquals(ta.Items[i], tb.Items[i])) return false;
            return true;
        }
        if (b is PyTuple) return false;
        return (a, b) switch
        {
            (double x, double y) => x == y,
            (double x, _) => AsInteger(b) is { } iy && x == (double)iy && Math.Floor(x) == x,
            (_, double y) => AsInteger(a) is { } ix && y == (double)ix && Math.Floor(y) == y,
            _ => AsInteger(a) is { } ia && AsInteger(b) is { } ib && ia == ib,
        };
    }

    private static BigInteger? AsInteger(object v) => v switch
    {
        BigInteger i => i,
        bool b => b ? BigInteger.One : BigInteger.Zero,
        _ => null,
    };
}
