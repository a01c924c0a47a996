namespace Numerics.Native;

/// <summary>A Python tuple literal from an .npy header (kept apart from lists: NumPy requires a tuple shape).</summary>
internal sealed class PyTuple(List<object?> items)
{
    internal List<object?> Items { get; } = items;
}
