namespace Numerics.Native;

/// <summary>
/// Exact byte counters of native memory (DESIGN §3.2); np.config exposes them. Counted in block sizes (the size
/// class), so a create/dispose pair always restores the value.
/// </summary>
internal static class MemoryCounters
{
    private static long s_inUse;
    private static long s_cached;
    private static long s_pressureMiB;
    private static readonly Lock PressureLock = new();

    /// <summary>Bytes held by live arrays (pool excluded). np.config.native_bytes_in_use.</summary>
    internal static long InUse => Volatile.Read(ref s_inUse);

    /// <summary>Bytes held by the pool for reuse. np.config.native_bytes_cached.</summary>
    internal static long Cached => Volatile.Read(ref s_cached);

    /// <summary>Bytes taken from the OS and not yet given back: in use + cached + quarantined.</summary>
    internal static long Reserved => Volatile.Read(ref s_reserved);

    private static long s_reserved;

    internal static void AddInUse(long bytes) => Interlocked.Add(ref s_inUse, bytes);

    internal static void AddCached(long bytes) => Interlocked.Add(ref s_cached, bytes);

    /// <summary>Records bytes taken from (positive) or given back to (negative) the OS, and tells the GC in 1 MiB steps.</summary>
    internal static void AddReserved(long bytes)
    {
        long now = Interlocked.Add(ref s_reserved, bytes);
        long target = Math.Max(0, now >> 20);
        if (target == Volatile.Read(ref s_pressureMiB)) return;
        lock (PressureLock)
        {
            long delta = target - s_pressureMiB;
            if (delta > 0) GC.AddMemoryPressure(delta << 20);
            else if (delta < 0) GC.RemoveMemoryPressure((-delta) << 20);
            s_pressureMiB = target;
        }
    }
}
