using System.Numerics;
using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// The size-classed pool of 64-byte-aligned native blocks (DESIGN §3.2). Blocks travel with their
/// <see cref="NativeMemoryHandle"/> and their <see cref="NativeBuffer"/> object, so a pool hit allocates nothing.
/// Small blocks (≤ 64 KiB) go through a per-thread magazine first; larger ones through shared per-class stacks;
/// huge ones (&gt; 2 MiB) are 2 MiB-aligned with transparent huge pages requested and pooled by exact size.
/// </summary>
internal static unsafe partial class BufferPool
{
    internal const int Alignment = 64;
    internal const long SmallMax = 64 * 1024;
    internal const long LargeMax = 2 * 1024 * 1024;
    private const long HugePage = 2 * 1024 * 1024;
    private const int SmallClasses = 8 + 7 * 4;     // 64 B steps to 512 B, then 4 per power of two to 64 KiB
    private const int PooledClasses = 8 + 12 * 4;   // … to 2 MiB
    // A magazine holds up to MagazineBytes of a small class (256 blocks of 128 bytes: a request's worth of
    // 10-element float64 arrays) and never fewer than MinMagazine blocks of a larger one, as thread-caching
    // allocators size their bins (jemalloc's tcache keeps up to 200 small objects per bin).
    private const int MagazineBytes = 32 * 1024;
    private const int MinMagazine = 16;
    private static readonly int[] MagazineCap = MagazineCaps();
    private static readonly int[] MagazineStart = MagazineStarts();          // after MagazineCap: textual order
    private static readonly int MagazineSlots = MagazineStart[^1] + MagazineCap[^1];
    private const int HugeClass = PooledClasses;
    // Idle and quarantine ages of DESIGN §3.2 (initial guesses, to be set by the pool benchmarks).
    private const long IdleMillis = 10_000;
    private const long QuarantineMillis = 1_000;
    private const int TrimPeriodMillis = 2_000;

    [ThreadStatic] private static Magazine? t_magazine;

    private static readonly SharedStack[] Shared = CreateShared();
    private static readonly Lock HugeLock = new();
    private static readonly List<NativeBuffer> HugeCache = [];
    private static readonly Lock QuarantineLock = new();
    private static readonly List<NativeBuffer> Quarantine = [];
    private static long s_limit = DefaultLimit();
    private static Timer? s_trimmer;

    /// <summary>Bytes kept for reuse after Dispose; 0 disables caching. np.config.buffer_pool_limit.</summary>
    internal static long Limit
    {
        get => Volatile.Read(ref s_limit);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref s_limit, value);
            if (MemoryCounters.Cached > value) Trim();
        }
    }

    private static long DefaultLimit()
    {
        long ram = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Min(1L << 30, ram > 0 ? ram / 4 : 1L << 30);
    }

    private static int[] MagazineCaps()
    {
        var cap = new int[SmallClasses];
        for (int c = 0; c < SmallClasses; c++) cap[c] = (int)Math.Max(MinMagazine, MagazineBytes / BlockSize(c));
        return cap;
    }

    private static int[] MagazineStarts()
    {
        var start = new int[SmallClasses];
        for (int c = 1; c < SmallClasses; c++) start[c] = start[c - 1] + MagazineCap[c - 1];
        return start;
    }

    /// <summary>The block size of pooled class <paramref name="cls"/> (the inverse of <see cref="ClassOf"/>).</summary>
    internal static long BlockSize(int cls)
    {
        if (cls < 8) return (cls + 1) * 64L;
        int p = 10 + (cls - 8) / 4, k = (cls - 8) % 4 + 1;
        return (1L << (p - 1)) + k * (1L << (p - 3));
    }

    private static SharedStack[] CreateShared()
    {
        var s = new SharedStack[PooledClasses];
        for (int i = 0; i < s.Length; i++) s[i] = new SharedStack();
        return s;
    }

    /// <summary>The size class of a request: its index and the block size.</summary>
    internal static int ClassOf(long bytes, out long blockSize)
    {
        if (bytes <= 512)
        {
            int c = bytes <= 0 ? 0 : (int)((bytes - 1) >> 6);
            blockSize = (c + 1) * 64L;
            return c;
        }
        if (bytes > LargeMax)
        {
            blockSize = (bytes + HugePage - 1) / HugePage * HugePage;
            return HugeClass;
        }
        int p = 64 - BitOperations.LeadingZeroCount((ulong)(bytes - 1)); // bytes ≤ 2^p
        long step = 1L << (p - 3);
        long lower = 1L << (p - 1);
        int k = (int)((bytes - lower + step - 1) / step);                  // 1..4
        blockSize = lower + k * step;
        return 8 + (p - 10) * 4 + (k - 1);
    }

    /// <summary>Takes a block of at least <paramref name="bytes"/> bytes, owned once; null if the OS has none.</summary>
    internal static NativeBuffer? Rent(long bytes)
    {
        int cls = ClassOf(bytes, out long size);
        NativeBuffer? b = null;
        // One thread-static read per rent: the magazine also carries this thread's counter cell.
        var mag = cls < SmallClasses ? t_magazine : null;
        if (mag is not null) b = mag.Pop(cls);
        b ??= cls == HugeClass ? TakeHuge(size) : Shared[cls].Pop(refillTo: mag, cls);
        if (b is not null)
        {
            if (mag is not null) MemoryCounters.MoveCachedToInUse(mag.Cell, b.Length);
            else MemoryCounters.MoveCachedToInUse(b.Length);
        }
        else
        {
            b = FromOs(size, cls);
            if (b is null)
            {
                Trim();
                b = FromOs(size, cls);
                if (b is null) return null;
            }
            MemoryCounters.AddInUse(b.Length);
        }
        b.State = NativeMemoryHandle.StateLive;
        b.InitOwned();
        return b;
    }

    /// <summary>Called by <see cref="NativeBuffer.Release"/> when the last owner lets go.</summary>
    internal static void Return(NativeBuffer b)
    {
        int cls = b.SizeClass;
        // One thread-static read per return (the magazine carries this thread's counter cell).
        var mag = cls < SmallClasses ? t_magazine : null;
        // The cap is checked (summing the per-thread counters) only when the block would leave this thread's
        // magazine: doing it on every dispose would cost more than the 30 ns budget.
        bool staysInMagazine = mag is not null && mag.Count(cls) < MagazineCap[cls];
        if (Limit == 0 || (!staysInMagazine && MemoryCounters.Cached + b.Length > Limit))
        {
            MemoryCounters.AddInUse(-b.Length);
            Evict(b);
            return;
        }
        b.State = NativeMemoryHandle.StateCached;
        if (cls < SmallClasses)
        {
            mag ??= t_magazine = new Magazine();
            MemoryCounters.MoveCachedToInUse(mag.Cell, -b.Length);
            if (mag.TryPush(cls, b)) return;
            // Magazine full: hand half of it to the shared stack in one locked operation.
            Shared[cls].PushMany(mag, cls, b);
        }
        else if (cls == HugeClass)
        {
            MemoryCounters.MoveCachedToInUse(-b.Length);
            b.LastUsed = Environment.TickCount64;
            lock (HugeLock) HugeCache.Add(b);
        }
        else
        {
            MemoryCounters.MoveCachedToInUse(-b.Length);
            b.LastUsed = Environment.TickCount64;
            Shared[cls].Push(b);
        }
        EnsureTrimmer();
    }

    /// <summary>Gives every shared cached block back to the OS now (the calling thread's magazine included). np.config.trim_pool().</summary>
    internal static void Trim() => TrimCore(olderThan: long.MaxValue, includeMagazine: true);

    private static void TrimCore(long olderThan, bool includeMagazine)
    {
        long now = Environment.TickCount64;
        bool all = olderThan == long.MaxValue;
        if (includeMagazine && t_magazine is { } mag)
        {
            foreach (var b in mag.DrainAll()) { MemoryCounters.AddCached(-b.Length); Evict(b); }
        }
        foreach (var s in Shared)
        {
            foreach (var b in s.DrainIdle(all ? long.MaxValue : now - olderThan)) { MemoryCounters.AddCached(-b.Length); Evict(b); }
        }
        List<NativeBuffer> huge = [];
        lock (HugeLock)
        {
            for (int i = HugeCache.Count - 1; i >= 0; i--)
            {
                if (all || now - HugeCache[i].LastUsed > olderThan)
                {
                    huge.Add(HugeCache[i]);
                    HugeCache.RemoveAt(i);
                }
            }
        }
        foreach (var b in huge) { MemoryCounters.AddCached(-b.Length); Evict(b); }
        List<NativeBuffer> free = [];
        lock (QuarantineLock)
        {
            for (int i = Quarantine.Count - 1; i >= 0; i--)
            {
                if (all || now - Quarantine[i].LastUsed >= QuarantineMillis)
                {
                    free.Add(Quarantine[i]);
                    Quarantine.RemoveAt(i);
                }
            }
        }
        foreach (var b in free) b.Handle.Dispose();
    }

    private static void EnsureTrimmer()
    {
        if (Volatile.Read(ref s_trimmer) is not null) return;
        var t = new Timer(static _ => TrimCore(IdleMillis, includeMagazine: false), null, Timeout.Infinite, Timeout.Infinite);
        if (Interlocked.CompareExchange(ref s_trimmer, t, null) is null) t.Change(TrimPeriodMillis, TrimPeriodMillis);
        else t.Dispose();
    }

    /// <summary>Leaves the pool: large blocks are freed at once (deferred by SafeHandle while a call holds them);
    /// small blocks wait in quarantine, because a racing native call may still read them (DESIGN §3.1).</summary>
    private static void Evict(NativeBuffer b)
    {
        b.State = NativeMemoryHandle.StateQuarantined;
        if (b.Length >= NativeBuffer.InFlightGuardBytes)
        {
            b.Block!.Dispose();
            return;
        }
        b.LastUsed = Environment.TickCount64;
        lock (QuarantineLock) Quarantine.Add(b);
        EnsureTrimmer();
    }

    private static NativeBuffer? TakeHuge(long size)
    {
        lock (HugeLock)
        {
            for (int i = HugeCache.Count - 1; i >= 0; i--)
            {
                if (HugeCache[i].Length == size)
                {
                    var b = HugeCache[i];
                    HugeCache.RemoveAt(i);
                    return b;
                }
            }
        }
        return null;
    }

    private static NativeBuffer? FromOs(long size, int cls)
    {
        bool huge = cls == HugeClass;
        void* p;
        try
        {
            p = NativeMemory.AlignedAlloc((nuint)size, huge ? (nuint)HugePage : Alignment);
        }
        catch (OutOfMemoryException)
        {
            return null;
        }
        if (p == null) return null;
        if (huge && OperatingSystem.IsLinux()) _ = Madvise((nint)p, (nuint)size, MadvHugepage);
        var h = new NativeMemoryHandle(p, size, huge);
        MemoryCounters.AddReserved(size);
        return new NativeBuffer(h, cls);
    }

    // Debian's transparent-huge-page mode is "madvise" by default, so this call is what enables huge pages.
    private const int MadvHugepage = 14;

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint addr, nuint length, int advice);

    /// <summary>A thread's private cache of small blocks: no locks, no interlocked operations.</summary>
    private sealed class Magazine
    {
        private readonly NativeBuffer?[] _items = new NativeBuffer?[MagazineSlots];
        private readonly int[] _counts = new int[SmallClasses];

        /// <summary>The owning thread's counter cell (a magazine is only ever used by the thread that created it).</summary>
        internal readonly MemoryCounters.Cell Cell = MemoryCounters.Mine;

        internal NativeBuffer? Pop(int cls)
        {
            int n = _counts[cls];
            if (n == 0) return null;
            _counts[cls] = --n;
            ref var slot = ref _items[MagazineStart[cls] + n];
            var b = slot;
            slot = null;
            return b;
        }

        internal bool TryPush(int cls, NativeBuffer b)
        {
            int n = _counts[cls];
            if (n == MagazineCap[cls]) return false;
            _items[MagazineStart[cls] + n] = b;
            _counts[cls] = n + 1;
            return true;
        }

        internal int Count(int cls) => _counts[cls];

        internal List<NativeBuffer> DrainAll()
        {
            List<NativeBuffer> all = [];
            for (int c = 0; c < SmallClasses; c++)
            {
                while (Pop(c) is { } b) all.Add(b);
            }
            return all;
        }
    }

    /// <summary>A locked stack of blocks of one size class, shared by all threads.</summary>
    private sealed class SharedStack
    {
        private readonly Lock _lock = new();
        private NativeBuffer? _top;

        internal NativeBuffer? Pop(Magazine? refillTo, int cls)
        {
            if (Volatile.Read(ref _top) is null) return null;
            lock (_lock)
            {
                var b = _top;
                if (b is null) return null;
                _top = b.Next;
                b.Next = null;
                // Move a few more into this thread's magazine so the next rents skip the lock.
                if (refillTo is not null)
                {
                    while (_top is { } more && refillTo.Count(cls) < MagazineCap[cls] / 2)
                    {
                        _top = more.Next;
                        more.Next = null;
                        refillTo.TryPush(cls, more);
                    }
                }
                return b;
            }
        }

        internal void Push(NativeBuffer b)
        {
            lock (_lock)
            {
                b.Next = _top;
                _top = b;
            }
        }

        internal void PushMany(Magazine mag, int cls, NativeBuffer first)
        {
            long now = Environment.TickCount64;
            lock (_lock)
            {
                first.LastUsed = now;
                first.Next = _top;
                _top = first;
                for (int i = 0; i < MagazineCap[cls] / 2 && mag.Pop(cls) is { } b; i++)
                {
                    b.LastUsed = now;
                    b.Next = _top;
                    _top = b;
                }
            }
        }

        internal List<NativeBuffer> DrainIdle(long usedBefore)
        {
            List<NativeBuffer> drained = [];
            lock (_lock)
            {
                NativeBuffer? prev = null, cur = _top;
                while (cur is not null)
                {
                    var next = cur.Next;
                    if (usedBefore == long.MaxValue || cur.LastUsed < usedBefore)
                    {
                        if (prev is null) _top = next; else prev.Next = next;
                        cur.Next = null;
                        drained.Add(cur);
                    }
                    else
                    {
                        prev = cur;
                    }
                    cur = next;
                }
            }
            return drained;
        }
    }
}
