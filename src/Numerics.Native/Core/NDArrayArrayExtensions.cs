namespace Numerics.Native;

/// <summary>
/// Tuple-style unpacking of the <c>NDArray[]</c> results of functions such as <c>np.meshgrid</c>, <c>np.split</c>
/// and <c>np.broadcast_arrays</c>: <c>var (X, Y) = np.meshgrid(x, y)</c>. NumPy: unpacking a list of arrays.
/// </summary>
public static class NDArrayArrayExtensions
{
    private static void Check(NDArray[] a, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Length < n) throw new ValueError($"not enough values to unpack (expected {n}, got {a.Length})");
        if (a.Length > n) throw new ValueError($"too many values to unpack (expected {n})");
    }

    /// <summary>Unpacks exactly 2 arrays. NumPy: <c>a0, a1 = result</c>.</summary>
    /// <exception cref="ValueError">The result has a different length ("not enough values to unpack …").</exception>
    public static void Deconstruct(this NDArray[] arrays, out NDArray a0, out NDArray a1)
    {
        Check(arrays, 2);
        a0 = arrays[0];
        a1 = arrays[1];
    }

    /// <summary>Unpacks exactly 3 arrays. NumPy: <c>a0, a1, a2 = result</c>.</summary>
    /// <exception cref="ValueError">The result has a different length ("not enough values to unpack …").</exception>
    public static void Deconstruct(this NDArray[] arrays, out NDArray a0, out NDArray a1, out NDArray a2)
    {
        Check(arrays, 3);
        a0 = arrays[0];
        a1 = arrays[1];
        a2 = arrays[2];
    }

    /// <summary>Unpacks exactly 4 arrays. NumPy: <c>a0, a1, a2, a3 = result</c>.</summary>
    /// <exception cref="ValueError">The result has a different length ("not enough values to unpack …").</exception>
    public static void Deconstruct(this NDArray[] arrays, out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3)
    {
        Check(arrays, 4);
        a0 = arrays[0];
        a1 = arrays[1];
        a2 = arrays[2];
        a3 = arrays[3];
    }

    /// <summary>Unpacks exactly 5 arrays. NumPy: <c>a0, a1, a2, a3, a4 = result</c>.</summary>
    /// <exception cref="ValueError">The result has a different length ("not enough values to unpack …").</exception>
    public static void Deconstruct(this NDArray[] arrays, out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4)
    {
        Check(arrays, 5);
        a0 = arrays[0];
        a1 = arrays[1];
        a2 = arrays[2];
        a3 = arrays[3];
        a4 = arrays[4];
    }

    /// <summary>Unpacks exactly 6 arrays. NumPy: <c>a0, a1, a2, a3, a4, a5 = result</c>.</summary>
    /// <exception cref="ValueError">The result has a different length ("not enough values to unpack …").</exception>
    public static void Deconstruct(this NDArray[] arrays, out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4, out NDArray a5)
    {
        Check(arrays, 6);
        a0 = arrays[0];
        a1 = arrays[1];
        a2 = arrays[2];
        a3 = arrays[3];
        a4 = arrays[4];
        a5 = arrays[5];
    }

    /// <summary>Unpacks exactly 7 arrays. NumPy: <c>a0, a1, a2, a3, a4, a5, a6 = result</c>.</summary>
    /// <exception cref="ValueError">The result has a different length ("not enough values to unpack …").</exception>
    public static void Deconstruct(this NDArray[] arrays, out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4, out NDArray a5, out NDArray a6)
    {
        Check(arrays, 7);
        a0 = arrays[0];
        a1 = arrays[1];
        a2 = arrays[2];
        a3 = arrays[3];
        a4 = arrays[4];
        a5 = arrays[5];
        a6 = arrays[6];
    }

    /// <summary>Unpacks exactly 8 arrays. NumPy: <c>a0, a1, a2, a3, a4, a5, a6, a7 = result</c>.</summary>
    /// <exception cref="ValueError">The result has a different length ("not enough values to unpack …").</exception>
    public static void Deconstruct(this NDArray[] arrays, out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4, out NDArray a5, out NDArray a6, out NDArray a7)
    {
        Check(arrays, 8);
        a0 = arrays[0];
        a1 = arrays[1];
        a2 = arrays[2];
        a3 = arrays[3];
        a4 = arrays[4];
        a5 = arrays[5];
        a6 = arrays[6];
        a7 = arrays[7];
    }
}
