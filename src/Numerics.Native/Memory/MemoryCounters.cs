namespace Numerics.Native;

/// <summary>
/// Exact byte counters of native memory (DESIGN §3.2); np.config exposes them. Counted in block sizes (the size
/// class), so a create/dispose pair always restores the value. The hot counters (in use, cached) are per-thread
/// cells summed on read: a pool hit then costs no interlocked operation (the 50 ns allocation budget), and a
/// block freed on another thread simply moves bytes between two cells.
/// </summary>
internal static class MemoryCounters
{
    internal sealed class Cell
    {
        public long InUse;
        public long Cached;
    }

    [ThreadStatic] private static Cell? t_cell;
    private static readonly Lock CellsLock = new();
    private static Cell[] s_cells = [];
    private static long s_reserved;
    private static long s_pressureMiB;
    private static readonly Lock PressureLock = new();

    /// <summary>The calling thread's cell (the pool's magazine caches it, so a pool hit reads no second thread static).</summary>
    internal static Cell Mine => t_cell ?? NewCell();

    private static Cell NewCell()
    {
        var c = new Cell();
        lock (CellsLock)
        {
            var cells = new Cell[s_cells.Length + 1];
            Array.Copy(s_cells, cells, s_cells.Length);
            cells[^1] = c;
            Volatile.Write(ref s_cells, cells);
        }
        t_cell = c;
        return c;
    }

    /// <summary>Bytes held by live arrays (pool excluded). np.config.native_bytes_in_use.</summary>
    internal static long InUse
    {
        get
        {
            long s = 0;
            foreach (var c in Volatile.Read(ref s_cells)) s += Volatile.Read(ref c.InUse);
            return s;
        }
    }

    /// <summary>Bytes held by the pool for reuse. np.config.native_bytes_cached.</summary>
    internal static long Cached
    {
        get
        {
            long s = 0;
            foreach (var c in Volatile.Read(ref s_cells)) s += Volatile.Read(ref c.Cached);
            return s;
        }
    }

    /// <summary>Bytes taken from the OS and not yet given back: in use + cached + quarantined.</summary>
    internal static long Reserved => Volatile.Read(ref s_reserved);

    internal static void AddInUse(long bytes)
    {
        var c = Mine;
        Volatile.Write(ref c.InUse, c.InUse + bytes);
    }

    internal static void AddCached(long bytes)
    {
        var c = Mine;
        Volatile.Write(ref c.Cached, c.Cached + bytes);
    }

    /// <summary>A block moves from the pool to an array (or back): one cell update for both counters.</summary>
    internal static void MoveCachedToInUse(long bytes) => MoveCachedToInUse(Mine, bytes);

    /// <summary>As <see cref="MoveCachedToInUse(long)"/>, on the calling thread's cell <paramref name="c"/> (already looked up).</summary>
    internal static void MoveCachedToInUse(Cell c, long bytes)
    {
        Volatile.Write(ref c.Cached, c.Cached - bytes);
        Volatile.Write(ref c.InUse, c.InUse + bytes);
    }

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
