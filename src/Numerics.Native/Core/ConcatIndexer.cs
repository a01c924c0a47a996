using System.Globalization;
using System.Numerics;

namespace Numerics.Native;

/// <summary>
/// <c>np.r_</c> and <c>np.c_</c>: build an array by concatenating index items. Items are arrays, C# scalars (weak,
/// NEP 50: they take the arrays' dtype when it can hold them), .NET arrays, slices (<see cref="GridSlice"/>, C#
/// ranges, <see cref="Slice"/>, or slice text "1:4", "0:1:5j" — <c>np.arange</c>, or <c>np.linspace</c> for a point
/// count), and, first, a directive string: "-1" (the axis), "0,2" (axis, ndmin), "1,2,0" (axis, ndmin, where the old
/// axes go). <c>np.r_</c> joins along axis 0; <c>np.c_</c> is <c>np.r_["-1,2,0", …]</c>. Not constructible by users.
/// NumPy equivalent: <c>np.r_</c>, <c>np.c_</c> (<c>AxisConcatenator</c>).
/// </summary>
public sealed class ConcatIndexer
{
    private readonly int _axis, _ndmin, _trans1d;

    internal ConcatIndexer(int axis, int ndmin, int trans1d)
    {
        _axis = axis;
        _ndmin = ndmin;
        _trans1d = trans1d;
    }

    /// <summary>The concatenation of the items (a new array). NumPy equivalent: <c>np.r_[items]</c>.</summary>
    /// <exception cref="ValueError">No items ("need at least one array to concatenate"), a directive that is not first
    /// ("special directives must be the first entry.") or not understood, the matrix directives "r"/"c" (np.matrix is
    /// not provided), or shapes that do not concatenate (NumPy's messages).</exception>
    /// <exception cref="OverflowError">A C# integer does not fit the arrays' dtype.</exception>
    /// <exception cref="TypeError">An item of another kind.</exception>
    public NDArray this[params object[] items]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(items);
            int axis = _axis, ndmin = _ndmin, trans1d = _trans1d;
            var objs = new List<NDArray>();
            var types = new List<object>();
            using var scope = np.scope();
            for (int k = 0; k < items.Length; k++)
            {
                var item = items[k];
                if (item is string text && !text.Contains(':'))
                {
                    if (k != 0) throw new ValueError("special directives must be the first entry.");
                    (axis, ndmin, trans1d) = Directive(text, ndmin, trans1d);
                    continue;
                }
                var slice = AsSlice(item);
                NDArray newobj;
                if (slice is GridSlice s)
                {
                    newobj = GridBuilder.Concat(s);
                    if (ndmin > 1)
                    {
                        newobj = np.array(newobj, copy: null, ndmin: ndmin);
                        if (trans1d != -1) newobj = np.swapaxes(newobj, -1, trans1d);
                    }
                    types.Add(newobj.dtype);
                }
                else
                {
                    var a = AsArray(item);
                    if (a.IsWeak)
                    {
                        // NumPy 2 passes the Python scalar itself to result_type, so it stays weak.
                        objs.Add(a);
                        types.Add(a);
                        continue;
                    }
                    int itemNdim = a.ndim;
                    newobj = np.array(a, copy: null, ndmin: ndmin);
                    if (trans1d != -1 && itemNdim < ndmin) newobj = np.transpose(newobj, Axes(ndmin, itemNdim, trans1d));
                    types.Add(newobj.dtype);
                }
                objs.Add(newobj);
            }
            if (types.Count != 0)
            {
                var final = np.result_type(types.ToArray());
                for (int i = 0; i < objs.Count; i++) objs[i] = np.array(objs[i], dtype: final, copy: null, ndmin: ndmin);
            }
            return np.concatenate(objs.ToArray(), axis).MoveToOuterScope();
        }
    }

    // NumPy: k2 = ndmin - item_ndim; k1 = trans1d (+ k2 + 1 if negative); axes = [:k1] + [k2:] + [k1:k2].
    private static int[] Axes(int ndmin, int itemNdim, int trans1d)
    {
        int k2 = ndmin - itemNdim, k1 = trans1d < 0 ? trans1d + k2 + 1 : trans1d;
        var all = Enumerable.Range(0, ndmin).ToArray();
        return [.. PySlice(all, 0, k1), .. PySlice(all, k2, ndmin), .. PySlice(all, k1, k2)];
    }

    // Python's list[i:j]: negative bounds count from the end, then both are clamped; j before i is empty.
    private static int[] PySlice(int[] list, int i, int j)
    {
        int n = list.Length;
        i = Math.Clamp(i < 0 ? i + n : i, 0, n);
        j = Math.Clamp(j < 0 ? j + n : j, 0, n);
        return j <= i ? [] : list[i..j];
    }

    private static (int Axis, int Ndmin, int Trans1d) Directive(string text, int ndmin, int trans1d)
    {
        if (text is "r" or "c")
            throw new ValueError($"the matrix directive '{text}' needs np.matrix, which Numerics.Native does not provide");
        if (text.Contains(','))
        {
            var vec = text.Split(',');
            if (vec.Length >= 2 && Int(vec[0]) is int a && Int(vec[1]) is int n)
            {
                if (vec.Length == 3)
                {
                    if (Int(vec[2]) is not int t) throw new ValueError($"unknown special directive '{text}'");
                    return (a, n, t);
                }
                return (a, n, trans1d);
            }
            throw new ValueError($"unknown special directive '{text}'");
        }
        return Int(text) is int axis ? (axis, ndmin, trans1d) : throw new ValueError("unknown special directive");
    }

    // Python's int(str): surrounding whitespace allowed, a sign, digits.
    private static int? Int(string s) =>
        int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : null;

    private static GridSlice? AsSlice(object? item) => item switch
    {
        GridSlice g => g,
        Range r => r,
        Slice s => s,
        string t => GridSlice.Parse(t),
        _ => null,
    };

    private static NDArray AsArray(object? item) => item switch
    {
        NDArray a => a,
        bool v => v,
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        Half v => v,
        float v => v,
        double v => v,
        Complex64 v => v,
        Complex v => v,
        Array arr => np.array(arr),
        _ => throw new TypeError($"np.r_/np.c_ items are arrays, C# numbers, .NET arrays, slices or directive text, not {item?.GetType().Name ?? "null"}"),
    };
}
