namespace Numerics.Native;

/// <summary>
/// A weak scalar (a C# literal under NEP 50): 0-d, no native memory, its value in <see cref="Inline"/>. A subclass so
/// that every other array is 16 bytes smaller: the GC clears each new object's bytes, a sixth of a view's time.
/// </summary>
internal sealed class WeakScalarArray : NDArray
{
    internal InlineScalar Inline;

    internal WeakScalarArray(DType dtype, WeakKind weak) : base(dtype, weak)
    {
    }
}
