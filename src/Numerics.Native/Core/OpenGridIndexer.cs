namespace Numerics.Native;

/// <summary>
/// <c>np.ogrid</c>: an open mesh grid, one array per slice with every other axis of length 1, so the arrays
/// broadcast against each other: <c>np.ogrid[0..5, 0..3]</c> is arrays of shapes (5, 1) and (1, 3). Returns
/// <see cref="NDArray"/>[] always — NumPy returns a lone array for a lone slice; here that is a one-element array
/// (a C# indexer has one return type). Not constructible by users. NumPy equivalent: <c>np.ogrid</c>.
/// </summary>
public sealed class OpenGridIndexer
{
    internal OpenGridIndexer() { }

    /// <summary>The open grid of NumPy slice text (see <see cref="GridIndexer"/>). NumPy equivalent: <c>np.ogrid[key]</c>.</summary>
    /// <exception cref="ValueError">The text is not slices, or a slice has no stop.</exception>
    /// <exception cref="ZeroDivisionError">A step is 0.</exception>
    public NDArray[] this[string key]
    {
        get
        {
            var (slices, tuple) = GridBuilder.ParseKey(key);
            return tuple ? Open(slices) : [GridBuilder.Single(slices[0])];
        }
    }

    /// <summary>The open grid of slices (C# ranges and <see cref="Slice"/> convert). NumPy equivalent: <c>np.ogrid[s0, s1, …]</c>.</summary>
    /// <exception cref="ValueError">No slices, or a slice has no stop.</exception>
    /// <exception cref="ZeroDivisionError">A step is 0.</exception>
    public NDArray[] this[params GridSlice[] key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key.Length == 0) throw new ValueError("np.ogrid needs at least one slice");
            return key.Length == 1 ? [GridBuilder.Single(key[0])] : Open(key);
        }
    }

    // nd_grid with sparse=True: nn[k] = arange(size_k, typ) * step + start, then nn[k][(newaxis, …, :, …, newaxis)],
    // a view whose new axes have stride 0, as NumPy's.
    private static NDArray[] Open(GridSlice[] key)
    {
        var typ = GridBuilder.Type(key);
        var result = new NDArray[key.Length];
        for (int k = 0; k < key.Length; k++)
        {
            using var axis = GridBuilder.Axis(key[k], GridBuilder.Size(key[k]), typ);
            var index = new NDIndex[key.Length];
            Array.Fill(index, np.newaxis);
            index[k] = Slice.All;
            result[k] = axis[NDIndex.Tuple(index)];
        }
        return result;
    }
}
