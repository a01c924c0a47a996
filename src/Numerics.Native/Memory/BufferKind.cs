namespace Numerics.Native;

/// <summary>Where a buffer's bytes come from, which decides how they are given back.</summary>
internal enum BufferKind
{
    /// <summary>A size-classed block from <see cref="BufferPool"/> (≤ 2 MiB).</summary>
    Pooled = 0,

    /// <summary>A 2 MiB-aligned block with transparent huge pages requested; pooled by exact size.</summary>
    Huge = 1,

    /// <summary>Pinned .NET memory (<c>NDArray.Wrap</c>, <c>np.frombuffer</c>); unpinned on release.</summary>
    Pinned = 2,

    /// <summary>A memory-mapped file view.</summary>
    Mapped = 3,
}
