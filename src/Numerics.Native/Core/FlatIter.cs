namespace Numerics.Native;

/// <summary>
/// A 1-d view of an array's elements in C order: read and write by flat index, slice or index array, and iterate.
/// NumPy: <c>numpy.flatiter</c> (<c>a.flat</c>).
/// </summary>
public sealed class FlatIter
{
    private readonly NDArray _a;

    internal FlatIter(NDArray a) => _a = a;

    /// <summary>The array being iterated. NumPy: <c>flat.base</c>.</summary>
    public NDArray @base => _a;

    private NDArray Flat(out bool isView)
    {
        _a.ThrowIfDisposed();
        isView = _a.IsCContiguous;
        return isView ? np.ravel(_a) : _a.flatten();
    }

    /// <summary>One element (a 0-d copy), by flat C-order index; negative counts from the end. NumPy: <c>a.flat[i]</c>.</summary>
    /// <exception cref="IndexError">The index is out of bounds.</exception>
    public NDArray this[long i]
    {
        get
        {
            using var f = Flat(out _);
            return f[i];
        }
        set => this[(NDIndex)i] = value;
    }

    /// <summary>Elements by slice, mask or index array (a copy); setting writes through to the array. NumPy: <c>a.flat[idx]</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds.</exception>
    public NDArray this[NDIndex index]
    {
        get
        {
            using var f = Flat(out _);
            using var r = f[index];
            return r.copy();
        }
        set
        {
            _a.ThrowIfReadOnly();
            using var f = Flat(out bool isView);
            f[index] = value;
            if (!isView)
            {
                using var back = np.reshape(f, Shape.Own(_a.Dims));
                NativeOps.Copy(_a, back);
            }
        }
    }

    /// <summary>The elements in C order as a .NET array. NumPy: <c>list(a.flat)</c>.</summary>
    public T[] ToArray<T>() where T : unmanaged => _a.ToArray<T>();

    /// <summary>Iterates over the elements as 0-d arrays in C order. NumPy: <c>for x in a.flat</c>.</summary>
    public IEnumerator<NDArray> GetEnumerator()
    {
        var f = Flat(out _);
        try
        {
            for (long i = 0; i < f.Size; i++) yield return f[i];
        }
        finally
        {
            f.Dispose();
        }
    }

    /// <summary>A 1-d copy of the elements. NumPy: <c>np.asarray(a.flat)</c>.</summary>
    public static implicit operator NDArray(FlatIter it)
    {
        ArgumentNullException.ThrowIfNull(it);
        return it._a.flatten();
    }

    /// <summary>A 1-d copy of the elements (same as the implicit conversion). NumPy: <c>np.asarray(a.flat)</c>.</summary>
    public NDArray ToNDArray() => _a.flatten();
}
