using System.Globalization;

namespace Numerics.Native;

/// <summary>NumPy's linear-algebra error texts, spelled once (the tests compare them with NumPy's).</summary>
internal static class LinalgText
{
    private const string Gufunc = "(n?,k),(k,m?)->(n?,m?)";

    /// <summary>The message of an <c>nk_la_reason</c>.</summary>
    internal static string Reason(long reason) => reason switch
    {
        1 => "Singular matrix",
        2 => "Matrix is not positive definite",
        3 => "Eigenvalues did not converge",
        4 => "SVD did not converge",
        5 => "SVD did not converge in Linear Least Squares",
        6 => "Array must not contain infs or NaNs",
        7 => "Incorrect argument found while performing QR factorization",
        _ => "linear algebra error " + reason.ToString(CultureInfo.InvariantCulture),
    };

    internal static LinAlgError NotTwoD(int ndim) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{ndim}-dimensional array given. Array must be at least two-dimensional"));

    internal static LinAlgError NotExactlyTwoD(int ndim) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{ndim}-dimensional array given. Array must be two-dimensional"));

    internal static LinAlgError NotSquare() => new("Last 2 dimensions of the array must be square");

    internal static TypeError Unsupported(DType dtype) => new($"array type {dtype.name} is unsupported in linalg");

    internal static ValueError CoreMismatch(string name, int operand, int dim, long size, long expected, string sig = Gufunc,
        bool output = false) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {(output ? "Output" : "Input")} operand {operand} has a mismatch in its core dimension {dim}, with gufunc signature {sig} (size {size} is different from {expected})"));

    internal static ValueError TooFewDims(string name, int operand, int has, int requires, string sig = Gufunc, bool output = false) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {(output ? "Output" : "Input")} operand {operand} does not have enough dimensions (has {has}, gufunc core with signature {sig} requires {requires})"));

    internal static ValueError NotAligned(ReadOnlySpan<long> a, ReadOnlySpan<long> b, long k1, int d1, long k2, int d2) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"shapes {Err.CompactTuple(a)} and {Err.CompactTuple(b)} not aligned: {k1} (dim {d1}) != {k2} (dim {d2})"));

    internal static TypeError CannotCastInput(string ufunc, int operand, DType from, DType to, string casting) =>
        new($"Cannot cast ufunc '{ufunc}' input {operand} from dtype('{from.ReprName}') to dtype('{to.ReprName}') with casting rule '{casting}'");

    internal static TypeError CannotCastOutput(string ufunc, DType from, DType to, string casting) =>
        new($"Cannot cast ufunc '{ufunc}' output from dtype('{from.ReprName}') to dtype('{to.ReprName}') with casting rule '{casting}'");

    /// <summary>The gufunc broadcasting error: each input's loop dimensions with its core axes as "newaxis".</summary>
    internal static ValueError RemappedBroadcast(IReadOnlyList<(long[] shape, int core)> ops, ReadOnlySpan<long> requested)
    {
        var sb = new System.Text.StringBuilder("operands could not be broadcast together with remapped shapes [original->remapped]: ");
        foreach (var (shape, core) in ops)
        {
            int loop = shape.Length - core;
            sb.Append(Err.CompactTuple(shape)).Append("->");
            if (loop <= 0)
            {
                sb.Append("() ");
                continue;
            }
            sb.Append('(');
            for (int i = 0; i < loop; i++) sb.Append(shape[i].ToString(CultureInfo.InvariantCulture)).Append(',');
            sb.Append("newaxis,newaxis) ");
        }
        sb.Append(" and requested shape ").Append(Err.CompactTuple(requested));
        return new ValueError(sb.ToString());
    }
}
