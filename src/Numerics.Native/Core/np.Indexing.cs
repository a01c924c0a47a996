namespace Numerics.Native;

public static partial class np
{
    /// <summary>Inserts a new axis of length 1 in an index. NumPy: <c>np.newaxis</c> (Python <c>None</c>).</summary>
    public static readonly NDIndex newaxis = NDIndex.NewAxisItem;

    /// <summary>Stands for as many <c>:</c> as needed. NumPy: <c>...</c> (Ellipsis).</summary>
    public static readonly NDIndex ellipsis = NDIndex.EllipsisItem;
}
