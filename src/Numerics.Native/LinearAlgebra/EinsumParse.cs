using System.Globalization;

namespace Numerics.Native;

/// <summary>
/// The parsed form of an einsum subscripts string: one label string per operand and the output labels, every
/// ellipsis already replaced by labels of its own. Two parsers give it, each with the error texts of the NumPy
/// code path it stands for: <see cref="ParseOptimized"/> (NumPy's Python planner, <c>optimize</c> not False) and
/// <see cref="ParseDirect"/> (NumPy's C <c>c_einsum</c>, <c>optimize=False</c>).
/// </summary>
internal sealed class EinsumSpec
{
    internal const string Symbols = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    internal EinsumSpec(string[] inputs, string output, string inputText)
    {
        Inputs = inputs;
        Output = output;
        InputText = inputText;
    }

    /// <summary>The labels of each operand, one per axis (a label may repeat: a diagonal).</summary>
    internal string[] Inputs { get; }

    /// <summary>The output labels, in output axis order, each once.</summary>
    internal string Output { get; }

    /// <summary>The inputs joined by commas (NumPy's <c>input_subscripts</c>).</summary>
    internal string InputText { get; }

    /// <summary>Every label's size (after broadcasting length-1 axes).</summary>
    internal Dictionary<char, long> Sizes { get; } = [];

    private static bool IsSymbol(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    // ---------------- NumPy's Python planner (_parse_einsum_input + einsum_path's size checks) ----------------

    // forEinsum: false for einsum_path, which never reaches c_einsum's check of the output labels.
    internal static EinsumSpec ParseOptimized(string subscripts, NDArray[] ops, bool forEinsum = true)
    {
        string s = subscripts.Replace(" ", "", StringComparison.Ordinal);
        foreach (char c in s)
        {
            if (c is '.' or ',' or '-' or '>') continue;
            if (!IsSymbol(c)) throw new ValueError($"Character {c} is not a valid symbol.");
        }
        if (s.Contains('-') || s.Contains('>'))
        {
            int dashes = s.Count(c => c == '-'), gts = s.Count(c => c == '>');
            if (dashes > 1 || gts > 1 || CountOf(s, "->") != 1) throw new ValueError("Subscripts can only contain one '->'.");
        }
        if (s.Contains('.'))
        {
            // Ellipsis labels: the letters the string does not use, the last ones first (right-aligned broadcast).
            var used = new HashSet<char>(s.Where(IsSymbol));
            string unused = new(Symbols.Where(c => !used.Contains(c)).ToArray());
            bool explicitOut = s.Contains("->", StringComparison.Ordinal);
            string inputPart = explicitOut ? s[..s.IndexOf("->", StringComparison.Ordinal)] : s;
            string outputPart = explicitOut ? s[(s.IndexOf("->", StringComparison.Ordinal) + 2)..] : "";
            var terms = inputPart.Split(',');
            int longest = 0;
            for (int t = 0; t < terms.Length; t++)
            {
                string sub = terms[t];
                if (!sub.Contains('.')) continue;
                if (sub.Count(c => c == '.') != 3 || CountOf(sub, "...") != 1) throw new ValueError("Invalid Ellipses.");
                // NumPy's _parse_einsum_input indexes its list of operands here.
                if (t >= ops.Length) throw new IndexError("list index out of range");
                int count = ops[t].Dims.Length == 0 ? 0 : Math.Max(ops[t].Dims.Length, 1) - (sub.Length - 3);
                longest = Math.Max(longest, count);
                if (count < 0) throw new ValueError("Ellipses lengths do not match.");
                terms[t] = sub.Replace("...", count == 0 ? "" : unused[^count..], StringComparison.Ordinal);
            }
            string outEllipsis = longest == 0 ? "" : unused[^longest..];
            s = string.Join(',', terms);
            if (explicitOut)
            {
                s += "->" + outputPart.Replace("...", outEllipsis, StringComparison.Ordinal);
            }
            else
            {
                string once = ImplicitOutput(s.Replace(",", "", StringComparison.Ordinal));
                s += "->" + outEllipsis + new string(once.Where(c => !outEllipsis.Contains(c)).ToArray());
            }
        }
        string input, output;
        if (s.Contains("->", StringComparison.Ordinal))
        {
            int at = s.IndexOf("->", StringComparison.Ordinal);
            input = s[..at];
            output = s[(at + 2)..];
        }
        else
        {
            input = s;
            output = ImplicitOutput(s.Replace(",", "", StringComparison.Ordinal));
        }
        foreach (char c in output)
        {
            if (!input.Contains(c)) throw new ValueError($"Output character {c} did not appear in the input");
        }
        var inputs = input.Split(',');
        if (inputs.Length != ops.Length) throw new ValueError("Number of einsum subscripts must be equal to the number of operands.");
        var spec = new EinsumSpec(inputs, output, input);
        for (int t = 0; t < inputs.Length; t++)
        {
            var shape = ops[t].Dims;
            if (shape.Length != inputs[t].Length)
            {
                // NumPy names the t-th character of the whole input text here, not the t-th term.
                if (t >= input.Length) throw new IndexError("string index out of range");
                throw new ValueError($"Einstein sum subscript {input[t]} does not contain the correct number of indices for operand {t}.");
            }
            for (int i = 0; i < shape.Length; i++)
            {
                char c = inputs[t][i];
                long dim = shape[i];
                if (spec.Sizes.TryGetValue(c, out long prev))
                {
                    if (prev == 1) spec.Sizes[c] = dim;
                    else if (dim != 1 && dim != prev)
                    {
                        throw new ValueError(string.Create(CultureInfo.InvariantCulture,
                            $"Size of label '{c}' for operand {t} ({prev}) does not match previous terms ({dim})."));
                    }
                }
                else
                {
                    spec.Sizes[c] = dim;
                }
            }
        }
        // NumPy's planner leaves this check to c_einsum, which runs later with the same text.
        if (forEinsum) CheckOutputOnce(output);
        return spec;
    }

    private static int CountOf(string s, string what)
    {
        int n = 0, at = 0;
        while ((at = s.IndexOf(what, at, StringComparison.Ordinal)) >= 0)
        {
            n++;
            at += what.Length;
        }
        return n;
    }

    /// <summary>Implicit mode: the labels that appear exactly once, in code-point order (uppercase first).</summary>
    private static string ImplicitOutput(string labels)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in labels.Distinct().OrderBy(c => c))
        {
            if (!IsSymbol(c)) throw new ValueError($"Character {c} is not a valid symbol.");
            if (labels.Count(x => x == c) == 1) sb.Append(c);
        }
        return sb.ToString();
    }

    private static void CheckOutputOnce(string output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            if (output.IndexOf(output[i], i + 1) >= 0)
                throw new ValueError($"einstein sum subscripts string includes output subscript '{output[i]}' multiple times");
        }
    }

    // ---------------- NumPy's c_einsum (optimize=False) ----------------

    /// <summary>Ellipsis labels of the direct path: private characters, never letters.</summary>
    private const char EllipsisBase = '\u0100';

    internal static EinsumSpec ParseDirect(string subscripts, NDArray[] ops, NDArray? @out = null)
    {
        if (ops.Length == 0) throw new ValueError("must specify the einstein sum subscripts string and at least one operand");
        string s = subscripts;
        int pos = 0;
        var terms = new (string labels, int ellipsisAt)[ops.Length];
        for (int t = 0; t < ops.Length; t++)
        {
            int start = pos;
            while (pos < s.Length && s[pos] != ',' && s[pos] != '-') pos++;
            // c_einsum checks the term's terminator before it parses the term's labels.
            if (t == ops.Length - 1 && pos < s.Length && s[pos] == ',')
                throw new ValueError("more operands provided to einstein sum function than specified in the subscripts string");
            if (t < ops.Length - 1 && (pos >= s.Length || s[pos] != ','))
                throw new ValueError("fewer operands provided to einstein sum function than specified in the subscripts string");
            terms[t] = OperandLabels(s[start..pos], ops[t].Dims.Length, t);
            if (t < ops.Length - 1) pos++;
        }
        int nb = 0;
        for (int t = 0; t < ops.Length; t++)
            if (terms[t].ellipsisAt >= 0) nb = Math.Max(nb, ops[t].Dims.Length - terms[t].labels.Length);
        string Ell(int count) => new(Enumerable.Range(nb - count, count).Select(i => (char)(EllipsisBase + i)).ToArray());
        var inputs = new string[ops.Length];
        for (int t = 0; t < ops.Length; t++)
        {
            var (labels, at) = terms[t];
            inputs[t] = at < 0 ? labels : labels[..at] + Ell(ops[t].Dims.Length - labels.Length) + labels[at..];
        }
        string output;
        if (pos < s.Length)
        {
            if (pos + 1 >= s.Length || s[pos] != '-' || s[pos + 1] != '>')
                throw new ValueError("einstein sum subscript string does not contain proper '->' output specified");
            output = OutputLabels(s[(pos + 2)..], string.Concat(terms.Select(x => x.labels)), nb, Ell(nb));
        }
        else
        {
            var all = string.Concat(terms.Select(x => x.labels));
            var sb = new System.Text.StringBuilder(Ell(nb));
            foreach (char c in all.Distinct().OrderBy(c => c))
                if (all.Count(x => x == c) == 1) sb.Append(c);
            output = sb.ToString();
        }
        var spec = new EinsumSpec(inputs, output, string.Join(',', inputs));
        CheckDirectSizes(spec, ops, @out);
        return spec;
    }

    private static (string labels, int ellipsisAt) OperandLabels(string sub, int ndim, int iop)
    {
        var sb = new System.Text.StringBuilder();
        int ellipsis = -1;
        for (int i = 0; i < sub.Length; i++)
        {
            char c = sub[i];
            if (IsSymbol(c))
            {
                // Checked at each label, as c_einsum does: a later bad character is not reached.
                if (sb.Length >= ndim)
                    throw new ValueError(string.Create(CultureInfo.InvariantCulture, $"einstein sum subscripts string contains too many subscripts for operand {iop}"));
                sb.Append(c);
            }
            else if (c == '.')
            {
                if (ellipsis >= 0 || i + 2 >= sub.Length || sub[i + 1] != '.' || sub[i + 2] != '.')
                {
                    throw new ValueError(string.Create(CultureInfo.InvariantCulture,
                        $"einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in operand {iop}"));
                }
                ellipsis = sb.Length;
                i += 2;
            }
            else if (c != ' ')
            {
                throw new ValueError($"invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters");
            }
        }
        if (ellipsis < 0 && sb.Length < ndim)
        {
            throw new ValueError("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis " +
                                 "provided to broadcast the extra dimensions.");
        }
        return (sb.ToString(), ellipsis);
    }

    private static string OutputLabels(string sub, string inputLabels, int nb, string ell)
    {
        var sb = new System.Text.StringBuilder();
        bool ellipsis = false;
        for (int i = 0; i < sub.Length; i++)
        {
            char c = sub[i];
            if (IsSymbol(c))
            {
                if (sub.IndexOf(c, i + 1) >= 0)
                    throw new ValueError($"einstein sum subscripts string includes output subscript '{c}' multiple times");
                if (!inputLabels.Contains(c))
                    throw new ValueError($"einstein sum subscripts string included output subscript '{c}' which never appeared in an input");
                sb.Append(c);
            }
            else if (c == '.')
            {
                if (ellipsis || i + 2 >= sub.Length || sub[i + 1] != '.' || sub[i + 2] != '.')
                    throw new ValueError("einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in the output");
                ellipsis = true;
                sb.Append(ell);
                i += 2;
            }
            else if (c != ' ')
            {
                throw new ValueError($"invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters");
            }
        }
        if (!ellipsis && nb > 0)
        {
            throw new ValueError("output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis " +
                                 "provided to broadcast the extra dimensions.");
        }
        return sb.ToString();
    }

    /// <summary>c_einsum's checks: equal lengths along a repeated label of one operand, the number of dimensions of
    /// <paramref name="out"/>, then NumPy's iterator broadcast over (output labels, then summed labels in code-point
    /// order).</summary>
    private static void CheckDirectSizes(EinsumSpec spec, NDArray[] ops, NDArray? @out)
    {
        for (int t = 0; t < ops.Length; t++)
            CheckRepeatedLabels(spec.Inputs[t], ops[t].Dims, t, ops.Length == 1 && @out is null ? spec.Output : null);
        if (@out is not null) CheckOutNdim(@out, spec.Output.Length);
        bool ok = true;
        for (int t = 0; t < ops.Length; t++)
        {
            for (int i = 0; i < spec.Inputs[t].Length; i++)
            {
                char c = spec.Inputs[t][i];
                long dim = ops[t].Dims[i];
                if (spec.Sizes.TryGetValue(c, out long prev))
                {
                    if (prev == 1) spec.Sizes[c] = dim;
                    else if (dim != 1 && dim != prev) ok = false;
                }
                else
                {
                    spec.Sizes[c] = dim;
                }
            }
        }
        if (!ok) throw spec.RemappedError(ops, null);
    }

    /// <summary>
    /// c_einsum's check of a label repeated in one operand: its axes must have equal lengths (a length-1 axis does not
    /// broadcast there). <paramref name="viewOutput"/> is the call's output labels when c_einsum first tries to return
    /// a view of a lone operand (no out): that walk stops at the first summed label, and a mismatch it meets is
    /// reported for the "single operand".
    /// </summary>
    internal static void CheckRepeatedLabels(string labels, long[] dims, int iop, string? viewOutput)
    {
        if (viewOutput is not null)
        {
            for (int i = 0; i < labels.Length && viewOutput.Contains(labels[i]); i++)
            {
                int j = labels.IndexOf(labels[i]);
                if (j < i && dims[j] != dims[i])
                {
                    throw new ValueError(string.Create(CultureInfo.InvariantCulture,
                        $"dimensions in single operand for collapsing index '{labels[i]}' don't match ({dims[j]} != {dims[i]})"));
                }
            }
        }
        for (int i = 0; i < labels.Length; i++)
        {
            int j = labels.IndexOf(labels[i]);
            if (j < i && dims[j] != dims[i])
            {
                throw new ValueError(string.Create(CultureInfo.InvariantCulture,
                    $"dimensions in operand {iop} for collapsing index '{labels[i]}' don't match ({dims[j]} != {dims[i]})"));
            }
        }
    }

    /// <summary>c_einsum's check of out's number of dimensions (before any broadcasting).</summary>
    internal static void CheckOutNdim(NDArray @out, int ndim)
    {
        if (@out.Dims.Length != ndim)
        {
            throw new ValueError(string.Create(CultureInfo.InvariantCulture,
                $"out parameter does not have the correct number of dimensions, has {@out.Dims.Length} but should have {ndim}"));
        }
    }

    /// <summary>The iterator's axes: output labels, then the summed labels in code-point order.</summary>
    internal string IteratorLabels()
    {
        var summed = string.Concat(Inputs).Distinct().Where(c => !Output.Contains(c)).OrderBy(c => c);
        return Output + new string(summed.ToArray());
    }

    /// <summary>NumPy's iterator broadcast error, each operand (and out) shown on the iterator's axes.</summary>
    internal ValueError RemappedError(NDArray[] ops, NDArray? @out)
    {
        string it = IteratorLabels();
        var sb = new System.Text.StringBuilder("operands could not be broadcast together with remapped shapes [original->remapped]: ");
        void One(long[] original, long[] shape, string labels)
        {
            var parts = new List<string>();
            foreach (char c in it)
            {
                int i = labels.IndexOf(c);
                parts.Add(i < 0 ? "newaxis" : shape[i].ToString(CultureInfo.InvariantCulture));
            }
            int lead = 0;
            while (lead < parts.Count && parts[lead] == "newaxis") lead++;
            parts = parts.Skip(lead).ToList();
            sb.Append(Err.CompactTuple(original)).Append("->(").Append(string.Join(',', parts)).Append(parts.Count == 1 ? ",) " : ") ");
        }
        for (int t = 0; t < ops.Length; t++)
        {
            // A repeated label is one iterator axis; the operand shows that axis once.
            string lab = Inputs[t];
            var keep = Enumerable.Range(0, lab.Length).Where(i => lab.IndexOf(lab[i]) == i).ToArray();
            // NumPy shows the collapsed operand on both sides of the arrow.
            var collapsed = keep.Select(i => ops[t].Dims[i]).ToArray();
            One(collapsed, collapsed, new string(keep.Select(i => lab[i]).ToArray()));
        }
        if (@out is not null) One(@out.Dims, @out.Dims, Output);
        return new ValueError(sb.ToString());
    }
}
