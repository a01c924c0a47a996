namespace Numerics.Native;

/// <summary>
/// <c>np.mgrid</c>: a dense ("fleshed out") mesh grid built by indexing with slices. <c>np.mgrid[0..5, 0..3]</c> or
/// <c>np.mgrid["0:5, 0:3"]</c> is an int64 array of shape (2, 5, 3); <c>np.mgrid["-1:1:5j"]</c> (or
/// <c>np.mgrid[GridSlice.Points(-1, 1, 5)]</c>) is 5 float64 points with the stop included. Not constructible by users.
/// NumPy equivalent: <c>np.mgrid</c>.
/// </summary>
public sealed class GridIndexer
{
    internal GridIndexer() { }

    /// <summary>
    /// The grid of NumPy slice text: comma-separated <c>start:stop[:step]</c> of Python numbers, a step <c>Nj</c>
    /// meaning N points. One slice gives a 1-d range; two or more (or one with a trailing comma) give the stacked grid
    /// of shape (len(key), n0, n1, …). NumPy equivalent: <c>np.mgrid[key]</c>.
    /// </summary>
    /// <exception cref="ValueError">The text is not slices, a slice has no stop, or an axis length is negative
    /// ("negative dimensions are not allowed").</exception>
    /// <exception cref="ZeroDivisionError">A step is 0.</exception>
    public NDArray this[string key]
    {
        get
        {
            var (slices, tuple) = GridBuilder.ParseKey(key);
            return tuple ? Dense(slices) : GridBuilder.Single(slices[0]);
        }
    }

    /// <summary>The grid of slices (C# ranges and <see cref="Slice"/> convert): one slice gives a 1-d range, several
    /// the stacked grid. NumPy equivalent: <c>np.mgrid[s0, s1, …]</c>.</summary>
    /// <exception cref="ValueError">No slices, a slice has no stop, or an axis length is negative.</exception>
    /// <exception cref="ZeroDivisionError">A step is 0.</exception>
    public NDArray this[params GridSlice[] key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key.Length == 0) throw new ValueError("np.mgrid needs at least one slice");
            return key.Length == 1 ? GridBuilder.Single(key[0]) : Dense(key);
        }
    }

    // nd_grid with sparse=False: nn = np.indices(size, typ); nn[k] = nn[k] * step + start.
    private static NDArray Dense(GridSlice[] key)
    {
        var typ = GridBuilder.Type(key);
        var shape = new long[key.Length + 1];
        shape[0] = key.Length;
        for (int k = 0; k < key.Length; k++) shape[k + 1] = GridBuilder.Size(key[k]);
        var res = NDArray.Allocate(shape, typ);
        for (int k = 0; k < key.Length; k++)
        {
            var s = new long[key.Length];
            Array.Fill(s, 1L);
            s[k] = shape[k + 1];
            using var axis = GridBuilder.Axis(key[k], shape[k + 1], typ);
            using var column = np.reshape(axis, Shape.Own(s));
            using var dst = res[k];
            dst.Assign(column);
        }
        return res;
    }
}
