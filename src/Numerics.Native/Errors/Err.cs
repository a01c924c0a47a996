using System.Globalization;

namespace Numerics.Native;

/// <summary>
/// NumPy's error texts in one place, so every message is spelled once and matches NumPy verbatim
/// (the tests compare them with NumPy's).
/// </summary>
internal static class Err
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static string Tuple(ReadOnlySpan<long> dims)
    {
        if (dims.Length == 1) return string.Create(Inv, $"({dims[0]},)");
        var sb = new System.Text.StringBuilder("(");
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(dims[i].ToString(Inv));
        }
        return sb.Append(')').ToString();
    }

    /// <summary>NumPy's compact shape text inside broadcast errors: "(2,3)" (no spaces).</summary>
    internal static string CompactTuple(ReadOnlySpan<long> dims)
    {
        if (dims.Length == 1) return string.Create(Inv, $"({dims[0]},)");
        var sb = new System.Text.StringBuilder("(");
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(dims[i].ToString(Inv));
        }
        return sb.Append(')').ToString();
    }

    internal static IndexError IndexOutOfBounds(long index, int axis, long size) =>
        new(string.Create(Inv, $"index {index} is out of bounds for axis {axis} with size {size}"));

    internal static IndexError TooManyIndices(int ndim, int k) =>
        new(string.Create(Inv, $"too many indices for array: array is {ndim}-dimensional, but {k} were indexed"));

    internal static IndexError SingleEllipsis() => new("an index can only have a single ellipsis ('...')");

    internal static IndexError BoolIndexMismatch(int dim, long n, long m) =>
        new(string.Create(Inv,
            $"boolean index did not match indexed array along dimension {dim}; dimension is {n} but corresponding boolean dimension is {m}"));

    internal static IndexError IndexArrayType() => new("arrays used as indices must be of integer (or boolean) type");

    internal static IndexError InvalidIndex() =>
        new("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices");

    internal static AxisError AxisOutOfBounds(int axis, int ndim, string? argname = null) =>
        new(string.Create(Inv, $"{(argname is null ? "" : argname + ": ")}axis {axis} is out of bounds for array of dimension {ndim}"));

    internal static ValueError BroadcastMismatch(IEnumerable<long[]> shapes)
    {
        var sb = new System.Text.StringBuilder("operands could not be broadcast together with shapes ");
        foreach (var s in shapes) sb.Append(CompactTuple(s)).Append(' ');
        return new ValueError(sb.ToString());
    }

    internal static ValueError BroadcastTo(ReadOnlySpan<long> from, ReadOnlySpan<long> to) =>
        new($"operands could not be broadcast together with remapped shapes [original->remapped]: {CompactTuple(from)}  and requested shape {CompactTuple(to)}");

    internal static ValueError CouldNotBroadcastInput(ReadOnlySpan<long> from, ReadOnlySpan<long> to) =>
        new($"could not broadcast input array from shape {CompactTuple(from)} into shape {CompactTuple(to)}");

    internal static ValueError CannotReshape(long size, ReadOnlySpan<long> shape) =>
        new(string.Create(Inv, $"cannot reshape array of size {size} into shape {ReshapeTuple(shape)}"));

    /// <summary>NumPy's convert_shape_to_string: no spaces, leading negative (unknown) entries dropped, later ones "newaxis".</summary>
    internal static string ReshapeTuple(ReadOnlySpan<long> vals)
    {
        int i = 0;
        while (i < vals.Length && vals[i] < 0) i++;
        if (i == vals.Length) return "()";
        var sb = new System.Text.StringBuilder("(");
        sb.Append(vals[i++].ToString(Inv));
        for (; i < vals.Length; i++) sb.Append(vals[i] < 0 ? ",newaxis" : "," + vals[i].ToString(Inv));
        return sb.Append(vals.Length == 1 || (vals.Length > 1 && i == 1) ? ",)" : ")").ToString();
    }

    internal static ValueError OneUnknownDimension() => new("can only specify one unknown dimension");

    internal static ValueError NegativeDimensions() => new("negative dimensions are not allowed");

    internal static ValueError TooManyDimensions(int n) =>
        new(string.Create(Inv, $"maximum supported dimension for an ndarray is currently 64, found {n}"));

    internal static ValueError ReadOnly() => new("assignment destination is read-only");

    internal static ValueError SizeOneOnly() => new("can only convert an array of size 1 to a Python scalar");

    internal static ValueError Ambiguous() =>
        new("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()");

    /// <summary>NumPy's text when size × itemsize overflows (array creation and .npy headers).</summary>
    internal const string ArrayTooBig = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.";

    internal static ValueError CannotAvoidCopy() => new("Unable to avoid copy while creating an array as requested.");

    // NumPy formats the spec with %R (Python's repr): control characters escaped, double quotes around a spec with a '.
    internal static TypeError DTypeNotUnderstood(string spec) => new($"data type {PyRepr.Str(spec)} not understood");

    internal static TypeError DTypeNotSupported(string spec) => new($"data type {PyRepr.Str(spec)} is not supported by Numerics.Native");

    // NumPy's npy_set_invalid_cast_error says "scalar" when the source is 0-d (astype, copyto).
    internal static TypeError CannotCast(DType from, DType to, string casting, bool scalar = false) =>
        new($"Cannot cast {(scalar ? "scalar" : "array data")} from dtype('{from.ReprName}') to dtype('{to.ReprName}') according to the rule '{casting}'");

    /// <summary>NumPy 2's npy_update_operand_for_scalar: a Python scalar that must change dtype under 'equiv'.</summary>
    internal static TypeError CannotCastPythonScalarEquiv(WeakKind kind, DType to) =>
        new($"cannot cast Python {kind switch { WeakKind.Integer => "int", WeakKind.Float => "float", _ => "complex" }} to dtype('{to.ReprName}') under the casting rule 'equiv'");

    internal static OverflowError PythonIntOutOfBounds(string value, DType dtype) =>
        new($"Python integer {value} out of bounds for {dtype.name}");

    internal static ObjectDisposedException Disposed() => new(nameof(NDArray), "Cannot access a disposed NDArray.");
}
