namespace Numerics.Native;

public static partial class np
{
    /// <summary>Dense mesh grids by slicing: <c>np.mgrid[0..5, 0..3]</c>, <c>np.mgrid["0:1:5j"]</c>.
    /// NumPy equivalent: <c>np.mgrid</c>.</summary>
    public static readonly GridIndexer mgrid = new();

    /// <summary>Open mesh grids by slicing: <c>np.ogrid[0..5, 0..3]</c> gives arrays of shapes (5, 1) and (1, 3).
    /// NumPy equivalent: <c>np.ogrid</c>.</summary>
    public static readonly OpenGridIndexer ogrid = new();

    /// <summary>Concatenation along the first axis by indexing: <c>np.r_[a, 0, "1:4"]</c>. NumPy equivalent: <c>np.r_</c>.</summary>
    public static readonly ConcatIndexer r_ = new(axis: 0, ndmin: 1, trans1d: -1);

    /// <summary>Column stacking by indexing (1-d items become columns): <c>np.c_[a, b]</c>. NumPy equivalent: <c>np.c_</c>.</summary>
    public static readonly ConcatIndexer c_ = new(axis: -1, ndmin: 2, trans1d: 0);
}
