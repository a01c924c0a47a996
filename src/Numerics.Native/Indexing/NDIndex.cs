using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>
/// One index item or a tuple of them, as NumPy accepts inside <c>a[...]</c>: integers, slices, C# ranges,
/// <c>np.newaxis</c>, <c>np.ellipsis</c>, boolean masks, integer (fancy) index arrays, and NumPy index text
/// ("1:3, ::-1", "..., None"). A collection expression <c>[0, 2]</c> is a fancy index, as a Python list is.
/// NumPy: the index expression of <c>ndarray.__getitem__</c>.
/// </summary>
[CollectionBuilder(typeof(NDIndex), nameof(Create))]
public readonly struct NDIndex
{
    private static readonly ConcurrentDictionary<string, NDIndex> TextCache = new(StringComparer.Ordinal);

    internal readonly IndexKind Kind;
    internal readonly long Int;
    internal readonly Slice SliceValue;
    internal readonly NDArray? ArrayValue;
    internal readonly Array? ManagedValue;
    internal readonly NDIndex[]? Items;
    internal readonly string? Text;
    /// <summary>The shape of a nested list from index text ("[[0, 1], [2, 3]]"); null for a flat .NET array.</summary>
    internal readonly long[]? ManagedShape;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private NDIndex(IndexKind kind, long i = 0, Slice s = default, NDArray? a = null, Array? m = null, NDIndex[]? items = null,
        string? text = null, long[]? shape = null)
    {
        ManagedShape = shape;
        Kind = kind;
        Int = i;
        SliceValue = s;
        ArrayValue = a;
        ManagedValue = m;
        Items = items;
        Text = text;
    }

    internal static NDIndex NewAxisItem => new(IndexKind.NewAxis);
    internal static NDIndex EllipsisItem => new(IndexKind.Ellipsis);

    /// <summary>An integer index: removes the axis; negative counts from the end. NumPy: <c>a[i]</c>.</summary>
    public static implicit operator NDIndex(int i) => new(IndexKind.Integer, i);

    /// <summary>An integer index. NumPy: <c>a[i]</c>.</summary>
    public static implicit operator NDIndex(long i) => new(IndexKind.Integer, i);

    /// <summary>A C# index: <c>^1</c> is -1 (<c>^0</c> is out of bounds, as Python's a[len(a)]). NumPy: <c>a[-k]</c>.</summary>
    public static implicit operator NDIndex(Index i) => new(IndexKind.Integer, i.IsFromEnd ? -(long)i.Value : i.Value,
        text: i.IsFromEnd && i.Value == 0 ? "^0" : null);

    /// <summary>A C# range as a slice: <c>1..3</c> ≡ <c>1:3</c>, <c>..^1</c> ≡ <c>:-1</c>. NumPy: <c>a[start:stop]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator NDIndex(Range r) => new(IndexKind.Slice, s: Slice.FromRange(r));

    /// <summary>A slice with any step. NumPy: <c>a[start:stop:step]</c>.</summary>
    public static implicit operator NDIndex(Slice s) => new(IndexKind.Slice, s: s);

    /// <summary>NumPy index text, possibly several comma-separated items: "1:3, ::-1", "...", "None", ":, 0", "[0, 2]".
    /// NumPy: the same expression inside <c>a[...]</c>.</summary>
    /// <exception cref="IndexError">Malformed text ("only integers, slices (`:`), ellipsis (`...`), …").</exception>
    public static implicit operator NDIndex(string text) => Parse(text);

    /// <summary>A bool array (mask) or an integer array (fancy index); a 0-d integer array acts as an integer.
    /// NumPy: <c>a[mask]</c>, <c>a[idx]</c>.</summary>
    public static implicit operator NDIndex(NDArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(IndexKind.Array, a: a);
    }

    /// <summary>A boolean mask. NumPy: <c>a[[True, False, …]]</c>.</summary>
    public static implicit operator NDIndex(bool[] mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return new(IndexKind.Managed, m: mask);
    }

    /// <summary>A fancy index. NumPy: <c>a[[0, 2]]</c>.</summary>
    public static implicit operator NDIndex(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new(IndexKind.Managed, m: indices);
    }

    /// <summary>A fancy index. NumPy: <c>a[[0, 2]]</c>.</summary>
    public static implicit operator NDIndex(long[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new(IndexKind.Managed, m: indices);
    }

    /// <summary>A tuple of index arrays, e.g. the result of <c>np.nonzero</c>. NumPy: <c>a[np.nonzero(m)]</c>.</summary>
    public static implicit operator NDIndex(NDArray[] tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        var items = new NDIndex[tuple.Length];
        for (int i = 0; i < items.Length; i++) items[i] = tuple[i];
        return new(IndexKind.Tuple, items: items);
    }

    /// <summary>Collection-expression builder: <c>a[[0, 2]]</c> is a fancy index. NumPy: an index list.</summary>
    /// <param name="items">The integers.</param>
    public static NDIndex Create(ReadOnlySpan<long> items) => new(IndexKind.Managed, m: items.ToArray());

    /// <summary>Builds a multi-item index programmatically (for more than 8 items). NumPy: an index tuple.</summary>
    /// <param name="items">The items, outermost axis first.</param>
    public static NDIndex Tuple(params NDIndex[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(IndexKind.Tuple, items: (NDIndex[])items.Clone());
    }

    /// <summary>Parses NumPy index text ("1:3, ::-1", "...", "None", "[0, 2]"). NumPy: the index syntax.</summary>
    /// <param name="text">The index text.</param>
    /// <exception cref="IndexError">Malformed text.</exception>
    /// <exception cref="ValueError">A slice step of zero.</exception>
    public static NDIndex Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TextCache.TryGetValue(text, out var cached)) return cached;
        var parts = SplitTopLevel(text);
        NDIndex result;
        if (parts.Count == 1 && !text.TrimEnd().EndsWith(',')) result = ParseItem(parts[0]);
        else
        {
            if (parts.Count > 0 && parts[^1].Trim().Length == 0) parts.RemoveAt(parts.Count - 1);   // "0," is a 1-tuple
            var items = new NDIndex[parts.Count];
            for (int i = 0; i < items.Length; i++) items[i] = ParseItem(parts[i]);
            result = new(IndexKind.Tuple, items: items);
        }
        if (TextCache.Count < 4096) TextCache.TryAdd(text, result);
        return result;
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '[' or '(') depth++;
            else if (c is ']' or ')') depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static NDIndex ParseItem(string raw)
    {
        string s = raw.Trim();
        switch (s)
        {
            case "...": case "Ellipsis": case "np.ellipsis": return EllipsisItem;
            case "None": case "np.newaxis": case "newaxis": return NewAxisItem;
            case "True": return new(IndexKind.BoolScalar, 1);
            case "False": return new(IndexKind.BoolScalar, 0);
            case "()": return new(IndexKind.Tuple, items: []);
        }
        if (s.Contains(':', StringComparison.Ordinal) && !s.StartsWith('[')) return new(IndexKind.Slice, s: Slice.Parse(s));
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)) return new(IndexKind.Integer, v);
        if (s.StartsWith('[') && s.EndsWith(']')) return ParseList(s);
        throw Err.InvalidIndex();
    }

    private static NDIndex ParseList(string s)
    {
        // Integer or bool lists, possibly nested ("[[0, 1], [2, 3]]"): become a .NET array, then an NDArray.
        var shapeByDepth = new Dictionary<int, long>();
        var ints = new List<long>();
        var bools = new List<bool>();
        int pos = 0;
        Parse(0);
        if (bools.Count > 0 && ints.Count > 0) throw Err.InvalidIndex();
        Array data = bools.Count > 0 ? bools.ToArray() : ints.ToArray();
        var shape = Enumerable.Range(0, shapeByDepth.Count).Select(d => shapeByDepth[d]).ToArray();
        return new(IndexKind.Managed, m: data, shape: shape.Length <= 1 ? null : shape);

        void Parse(int depth)
        {
            Skip();
            if (pos >= s.Length || s[pos] != '[') throw Err.InvalidIndex();
            pos++;
            long count = 0;
            Skip();
            if (pos < s.Length && s[pos] == ']')
            {
                pos++;
                Record(depth, 0);
                return;
            }
            while (true)
            {
                Skip();
                if (pos < s.Length && s[pos] == '[') Parse(depth + 1);
                else ParseScalar();
                count++;
                Skip();
                if (pos < s.Length && s[pos] == ',') { pos++; continue; }
                if (pos < s.Length && s[pos] == ']') { pos++; break; }
                throw Err.InvalidIndex();
            }
            Record(depth, count);
        }

        void Record(int depth, long count)
        {
            if (!shapeByDepth.TryGetValue(depth, out long have)) shapeByDepth[depth] = count;
            else if (have != count) throw Err.InvalidIndex();
        }

        void ParseScalar()
        {
            int start = pos;
            while (pos < s.Length && s[pos] is not (',' or ']')) pos++;
            string tok = s[start..pos].Trim();
            if (tok == "True") bools.Add(true);
            else if (tok == "False") bools.Add(false);
            else if (long.TryParse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)) ints.Add(v);
            else throw Err.InvalidIndex();
        }

        void Skip()
        {
            while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
        }
    }

    /// <summary>The integers of a list-built fancy index (what makes <c>[0, 2]</c> a collection expression of
    /// <see cref="NDIndex"/>); empty for other kinds. NumPy: iterating the index list.</summary>
    public IEnumerator<long> GetEnumerator()
    {
        if (ManagedValue is long[] l) return ((IEnumerable<long>)l).GetEnumerator();
        if (ManagedValue is int[] i) return i.Select(x => (long)x).GetEnumerator();
        return Enumerable.Empty<long>().GetEnumerator();
    }

    /// <summary>NumPy-like text of the index: "1:3, ::-1", "...", "None", "[0 2]".</summary>
    public override string ToString() => Kind switch
    {
        IndexKind.Integer => Text ?? Int.ToString(CultureInfo.InvariantCulture),
        IndexKind.Slice => SliceValue.ToString(),
        IndexKind.NewAxis => "None",
        IndexKind.Ellipsis => "...",
        IndexKind.BoolScalar => Int != 0 ? "True" : "False",
        IndexKind.Array => ArrayValue!.IsDisposed ? "NDArray(disposed)" : ArrayValue.ToString(),
        IndexKind.Managed => "[" + string.Join(", ", ManagedValue!.Cast<object>().Select(o => o is bool b ? (b ? "True" : "False") : Convert.ToString(o, CultureInfo.InvariantCulture))) + "]",
        IndexKind.Tuple => string.Join(", ", Items!.Select(i => i.ToString())),
        _ => "()",
    };
}
