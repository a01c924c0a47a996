namespace Numerics.Native;

/// <summary>What one item of an index is (NumPy's HAS_INTEGER, HAS_SLICE, HAS_NEWAXIS, HAS_ELLIPSIS, HAS_FANCY, HAS_BOOL).</summary>
internal enum IndexKind : byte
{
    /// <summary>The default value: an empty tuple <c>()</c>.</summary>
    Empty = 0,
    Integer,
    Slice,
    NewAxis,
    Ellipsis,
    /// <summary>An NDArray: integer → fancy, bool → mask, 0-d integer → integer, 0-d bool → scalar mask.</summary>
    Array,
    /// <summary>A .NET array (bool[], int[], long[]) turned into an NDArray when the index is applied.</summary>
    Managed,
    Tuple,
    BoolScalar,
}
