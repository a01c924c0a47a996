namespace Numerics.Native;

/// <summary>Enumerates the sub-arrays along axis 0 (each a view the caller owns). NumPy: iterating an ndarray.</summary>
public struct NDArrayEnumerator
{
    private readonly NDArray _a;
    private long _i;

    internal NDArrayEnumerator(NDArray a)
    {
        _a = a;
        _i = -1;
        Current = null!;
    }

    /// <summary>The current sub-array (a view).</summary>
    public NDArray Current { get; private set; }

    /// <summary>Moves to the next sub-array.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed during the iteration.</exception>
    public bool MoveNext()
    {
        if (++_i >= _a.Dims[0]) return false;
        Current = _a.AxisZeroItem(_i);
        return true;
    }
}
