using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>Stack storage for one entry per axis (NumPy 2 allows 64 axes).</summary>
[InlineArray(64)]
internal struct DimBuffer
{
    private long _e0;
}
