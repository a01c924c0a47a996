namespace Numerics.Native;

public static partial class np
{
    /// <summary>NumPy's <c>repr(a)</c>: "array([1, 2, 3])", with dtype and shape suffixes as NumPy 2.2.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static string repr(NDArray a)
    {
        Live(a);
        return ArrayPrinter.ArrayRepr(a, null, null, null);
    }

    /// <summary>NumPy's <c>repr(dtype)</c>: "dtype('float64')".</summary>
    public static string repr(DType dtype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        return $"dtype('{dtype.ReprName}')";
    }

    /// <summary>NumPy's <c>repr(shape)</c>: "(2, 3)".</summary>
    public static string repr(Shape shape) => shape.ToString();

    /// <summary>NumPy's <c>str(a)</c> (same as <see cref="NDArray.ToString()"/>).</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static string str(NDArray a) => Live(a).ToString();
}
