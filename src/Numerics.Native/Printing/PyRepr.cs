using System.Globalization;
using System.Numerics;
using System.Text;

namespace Numerics.Native;

/// <summary>Python's <c>repr()</c> of the literal values NumPy puts into its texts: str, bytes, int, float, bool,
/// None, tuple, list and dict (print-option dicts, .npy header error messages).</summary>
internal static class PyRepr
{
    /// <summary>repr(str): single quotes unless the text holds a single quote and no double quote.</summary>
    internal static string Str(string s)
    {
        char quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == quote || c == '\\') sb.Append('\\').Append(c);
            else if (c == '\t') sb.Append("\\t");
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) sb.Append(c).Append(s[++i]);
            else if (!IsPrintable(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append(quote).ToString();
    }

    private static bool IsPrintable(char c)
    {
        if (c == ' ') return true;
        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>repr(bytes): b'...' with Python's escapes.</summary>
    internal static string Bytes(ReadOnlySpan<byte> b)
    {
        bool hasSingle = b.Contains((byte)'\''), hasDouble = b.Contains((byte)'"');
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        var sb = new StringBuilder(b.Length + 3).Append('b').Append(quote);
        foreach (byte x in b)
        {
            if (x == quote || x == '\\') sb.Append('\\').Append((char)x);
            else if (x == '\t') sb.Append("\\t");
            else if (x == '\n') sb.Append("\\n");
            else if (x == '\r') sb.Append("\\r");
            else if (x < 0x20 || x >= 0x7f) sb.Append("\\x").Append(x.ToString("x2", CultureInfo.InvariantCulture));
            else sb.Append((char)x);
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>repr of a parsed Python literal (see <see cref="NpyLiteralParser"/>).</summary>
    internal static string Literal(object? v) => v switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        double d => ScalarPrinter.PyFloat(d),
        string s => Str(s),
        PyTuple t => t.Items.Count == 1 ? "(" + Literal(t.Items[0]) + ",)" : "(" + string.Join(", ", t.Items.Select(Literal)) + ")",
        List<object?> l => "[" + string.Join(", ", l.Select(Literal)) + "]",
        PyDict d => "{" + string.Join(", ", d.Entries.Select(e => Literal(e.Key) + ": " + Literal(e.Value))) + "}",
        _ => v.ToString() ?? "",
    };
}
