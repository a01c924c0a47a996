using System.Globalization;
using System.Text;

namespace Numerics.Native.Bindgen;

/// <summary>What a size rule says about one parameter (the table's header comment is the reference).</summary>
internal enum RuleKind { Size, Inc, Layout, Trans, Uplo, Diag, Side, Option, Ld, Scalar, Ref, Out, Array }

/// <param name="Pivots">`pivots(N)`: an array of N LAPACK pivot rows that the routine follows unchecked (?laswp swaps
/// row i with row ipiv[i]), so each entry must lie in 1..N, not only the span be N long.</param>
internal sealed record ParamRule(RuleKind Kind, string Text, string? Letters = null, Expr? Expr = null, ReadAhead? ReadAhead = null, bool Pivots = false);

/// <summary>`@ [letters] readahead(STRIDE[, WHEN])`: the backend may read one STRIDE beyond the array's last element
/// (before its first for a negative stride), for the type letters given (all when none), when WHEN holds.</summary>
internal sealed record ReadAhead(string? Letters, Expr Stride, Expr? When, string Text);

/// <summary>One routine's rules: per parameter (C spelling), plus the cross-argument checks.</summary>
internal sealed record RoutineRules(string Name, char Letter, int Line, Dictionary<string, ParamRule> Params, List<(string Text, Expr Expr)> Checks);

/// <summary>Parses SizeRules/*.tsv: one row per routine family, expanded over its type letters.</summary>
internal static class SizeRuleTable
{
    public static List<RoutineRules> Load(string path)
    {
        if (!File.Exists(path))
            throw new BindgenException($"{path} does not exist (bindgen.json: spans.rules)");
        var routines = new List<RoutineRules>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            string where = $"{Path.GetFileName(path)}:{i + 1}";
            string[] columns = line.Split('\t');
            if (columns.Length != 3)
                throw new BindgenException($"{where}: expected 3 tab-separated columns (routine, types, rules), found {columns.Length}");
            string routine = columns[0].Trim();
            string[] letters = columns[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (letters.Length == 0 || letters.Any(l => l is not ("s" or "d" or "c" or "z")))
                throw new BindgenException($"{where}: types must be letters among s d c z, not '{columns[1]}'");
            if (!routine.Contains('?', StringComparison.Ordinal) && letters.Length != 1)
                throw new BindgenException($"{where}: {routine} has no '?', so it takes exactly one type letter");
            foreach (string letter in letters)
            {
                string name = routine.Replace("?", letter, StringComparison.Ordinal);
                if (seen.TryGetValue(name, out int earlier))
                    throw new BindgenException($"{where}: {name} already has rules (line {earlier})");
                seen.Add(name, i + 1);
                routines.Add(ParseRules(name, letter[0], i + 1, columns[2], $"{where} ({name})"));
            }
        }
        return routines;
    }

    private static RoutineRules ParseRules(string name, char letter, int line, string text, string where)
    {
        var rules = new Dictionary<string, ParamRule>(StringComparer.Ordinal);
        var checks = new List<(string, Expr)>();
        foreach (string entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                throw new BindgenException($"{where}: '{entry}' is not `names: rule`");
            string[] names = entry[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string ruleText = entry[(colon + 1)..].Trim();
            if (names is ["check"])
            {
                checks.Add((ruleText, ExprParser.Parse(ruleText, where)));
                continue;
            }
            if (names.Length == 0 || ruleText.Length == 0)
                throw new BindgenException($"{where}: '{entry}' needs parameter names and a rule");
            ParamRule rule = ParseRule(ruleText, where);
            foreach (string param in names)
            {
                if (!rules.TryAdd(param, rule))
                    throw new BindgenException($"{where}: {param} has two rules");
            }
        }
        return new RoutineRules(name, letter, line, rules, checks);
    }

    private static ParamRule ParseRule(string text, string where)
    {
        switch (text)
        {
            case "size": return new(RuleKind.Size, text);
            case "inc": return new(RuleKind.Inc, text);
            case "layout": return new(RuleKind.Layout, text);
            case "trans": return new(RuleKind.Trans, text, "NTC");
            case "uplo": return new(RuleKind.Uplo, text);
            case "diag": return new(RuleKind.Diag, text);
            case "side": return new(RuleKind.Side, text);
            case "scalar": return new(RuleKind.Scalar, text);
            case "ref": return new(RuleKind.Ref, text);
            case "out": return new(RuleKind.Out, text);
        }
        if (Call(text, "trans") is string transLetters)
        {
            if (transLetters.Length == 0 || transLetters.Any(c => c is not ('N' or 'T' or 'C')))
                throw new BindgenException($"{where}: trans(...) takes letters among N T C, not '{transLetters}'");
            return new(RuleKind.Trans, text, transLetters);
        }
        if (Call(text, "opt") is string optLetters)
        {
            if (optLetters.Length == 0 || !optLetters.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
                throw new BindgenException($"{where}: opt(...) takes upper-case letters or digits, not '{optLetters}'");
            return new(RuleKind.Option, text, optLetters);
        }
        if (Call(text, "pivots") is string pivotRows)
            return new(RuleKind.Array, pivotRows, Expr: ExprParser.Parse(pivotRows, where), Pivots: true);
        if (Call(text, "ld") is string ldMin)
            return new(RuleKind.Ld, text, Expr: ExprParser.Parse(ldMin, where));
        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
            return new(RuleKind.Array, text, Expr: ExprParser.Parse(text, where));
        string size = text[..at].Trim(), extra = text[(at + 1)..].Trim();
        string? letters = null;
        int space = extra.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && extra[..space].All(c => c is 's' or 'd' or 'c' or 'z'))
        {
            letters = extra[..space];
            extra = extra[(space + 1)..].Trim();
        }
        if (ExprParser.Parse(extra, where) is not CallExpr { Function: "readahead", Args.Count: 1 or 2 } call)
            throw new BindgenException($"{where}: after '@' comes [letters] readahead(stride[, when]), not '{extra}'");
        return new(RuleKind.Array, size, Expr: ExprParser.Parse(size, where),
            ReadAhead: new ReadAhead(letters, call.Args[0], call.Args.Count == 2 ? call.Args[1] : null, text[(at + 1)..].Trim()));
    }

    /// <summary>The argument text of <c>name(arg)</c>, or null when <paramref name="text"/> is not that call.</summary>
    private static string? Call(string text, string name) =>
        text.StartsWith(name + "(", StringComparison.Ordinal) && text.EndsWith(')') && text.IndexOf(')', StringComparison.Ordinal) == text.Length - 1
            ? text[(name.Length + 1)..^1].Trim()
            : null;
}

/// <summary>An EXPR of the size-rule table.</summary>
internal abstract record Expr;
internal sealed record NumberExpr(long Value) : Expr;
internal sealed record StringExpr(string Value) : Expr;
internal sealed record NameExpr(string Name) : Expr;
internal sealed record CallExpr(string Function, List<Expr> Args) : Expr;
internal sealed record UnaryExpr(string Op, Expr Operand) : Expr;
internal sealed record BinaryExpr(string Op, Expr Left, Expr Right) : Expr;
internal sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>Recursive descent over C#'s precedence: ?: || && == != relational additive multiplicative unary.</summary>
internal sealed class ExprParser
{
    private static readonly string[][] Levels =
    [
        ["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/"],
    ];

    private readonly List<string> _tokens;
    private readonly string _text, _where;
    private int _pos;

    private ExprParser(string text, string where)
    {
        _text = text;
        _where = where;
        _tokens = Tokenize(text, where);
    }

    public static Expr Parse(string text, string where)
    {
        var parser = new ExprParser(text, where);
        Expr e = parser.Conditional();
        if (parser._pos != parser._tokens.Count)
            throw parser.Error($"unexpected '{parser._tokens[parser._pos]}'");
        return e;
    }

    private BindgenException Error(string what) => new($"{_where}: in '{_text}': {what}");

    private string? Peek => _pos < _tokens.Count ? _tokens[_pos] : null;

    private void Expect(string token)
    {
        if (Peek != token)
            throw Error($"expected '{token}'{(Peek is null ? " at the end" : $" before '{Peek}'")}");
        _pos++;
    }

    private Expr Conditional()
    {
        Expr condition = Binary(0);
        if (Peek != "?")
            return condition;
        _pos++;
        Expr whenTrue = Conditional();
        Expect(":");
        return new ConditionalExpr(condition, whenTrue, Conditional());
    }

    private Expr Binary(int level)
    {
        if (level == Levels.Length)
            return Unary();
        Expr left = Binary(level + 1);
        while (Peek is string op && Levels[level].Contains(op))
        {
            _pos++;
            left = new BinaryExpr(op, left, Binary(level + 1));
        }
        return left;
    }

    private Expr Unary()
    {
        if (Peek is "!" or "-")
        {
            string op = _tokens[_pos++];
            return new UnaryExpr(op, Unary());
        }
        return Primary();
    }

    private Expr Primary()
    {
        string token = Peek ?? throw Error("unexpected end");
        _pos++;
        if (token == "(")
        {
            Expr inner = Conditional();
            Expect(")");
            return inner;
        }
        if (char.IsAsciiDigit(token[0]))
            return new NumberExpr(long.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture));
        if (token[0] == '"')
            return new StringExpr(token[1..^1]);
        if (!char.IsAsciiLetter(token[0]) && token[0] != '_')
            throw Error($"unexpected '{token}'");
        if (Peek != "(")
            return new NameExpr(token);
        _pos++;
        var args = new List<Expr>();
        if (Peek != ")")
        {
            args.Add(Conditional());
            while (Peek == ",")
            {
                _pos++;
                args.Add(Conditional());
            }
        }
        Expect(")");
        return new CallExpr(token, args);
    }

    private static List<string> Tokenize(string text, string where)
    {
        var tokens = new List<string>();
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int start = i;
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
            }
            else if (c == '"')
            {
                i = text.IndexOf('"', i + 1);
                if (i < 0)
                    throw new BindgenException($"{where}: in '{text}': unterminated string");
                i++;
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "<=" or ">=" or "&&" or "||")
            {
                i += 2;
            }
            else if ("?:<>!+-*/(),".Contains(c, StringComparison.Ordinal))
            {
                i++;
            }
            else
            {
                throw new BindgenException($"{where}: in '{text}': unexpected character '{c}'");
            }
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    /// <summary>The expression as the table would spell it, normalised (for messages and remarks).</summary>
    public static string Format(Expr e) => e switch
    {
        NumberExpr n => n.Value.ToString(CultureInfo.InvariantCulture),
        StringExpr s => $"\"{s.Value}\"",
        NameExpr n => n.Name,
        CallExpr c => $"{c.Function}({string.Join(", ", c.Args.Select(Format))})",
        UnaryExpr u => u.Op + Wrap(u.Operand),
        BinaryExpr b => $"{Wrap(b.Left)} {b.Op} {Wrap(b.Right)}",
        ConditionalExpr c => $"{Wrap(c.Condition)} ? {Wrap(c.WhenTrue)} : {Wrap(c.WhenFalse)}",
        _ => throw new InvalidOperationException(),
    };

    private static string Wrap(Expr e) => e is BinaryExpr or ConditionalExpr ? $"({Format(e)})" : Format(e);

    /// <summary>Every parameter name the expression reads, in first-use order.</summary>
    public static IEnumerable<string> Names(Expr e)
    {
        var seen = new List<string>();
        void Walk(Expr x)
        {
            switch (x)
            {
                case NameExpr n when !seen.Contains(n.Name): seen.Add(n.Name); break;
                case CallExpr c: c.Args.ForEach(Walk); break;
                case UnaryExpr u: Walk(u.Operand); break;
                case BinaryExpr b: Walk(b.Left); Walk(b.Right); break;
                case ConditionalExpr c: Walk(c.Condition); Walk(c.WhenTrue); Walk(c.WhenFalse); break;
            }
        }
        Walk(e);
        return seen;
    }

    internal static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s)
            sb.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        return sb.ToString();
    }
}
