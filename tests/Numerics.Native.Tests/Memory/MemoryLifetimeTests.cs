using System.Runtime.CompilerServices;

namespace Numerics.Native.Tests.Memory;

/// <summary>DESIGN §3: reference-counted buffers, the pool, the leak safety net, use after dispose.</summary>
[TestFixture]
[NonParallelizable] // reads process-wide byte counters
public class MemoryLifetimeTests
{
    // Arrays other tests dropped without Dispose are freed by finalizers at unpredictable times; settle them first so
    // the process-wide counter only moves with what each test does.
    [SetUp]
    public void SettleFinalizers() => Settle();

    internal static void Settle()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [Test]
    public void AMillionSmallArraysAndViewsReturnTheBytesInUseToTheStartValue()
    {
        long start = MemoryCounters.InUse;
        long peak = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            var a = np.empty(10 + i % 50);
            var v = a[1..5];
            var t = i % 3 == 0 ? a.reshape(-1) : a.T;
            peak = Math.Max(peak, MemoryCounters.InUse - start);
            if (i % 2 == 0)
            {
                a.Dispose();   // base first: the views keep the buffer alive
                v.Dispose();
            }
            else
            {
                v.Dispose();
                a.Dispose();
            }
            t.Dispose();
        }
        Settle();
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
        Assert.That(peak, Is.GreaterThan(0));
    }

    [Test]
    public void AViewKeepsTheBufferAliveAfterTheBaseIsDisposed()
    {
        long start = MemoryCounters.InUse;
        var a = np.arange(10);
        var v = a[2..6];
        a.Dispose();
        Assert.That(v.ToArray<long>(), Is.EqualTo(new long[] { 2, 3, 4, 5 }));
        Assert.That(v.@base, Is.SameAs(a));
        Assert.That(MemoryCounters.InUse, Is.GreaterThan(start));
        v[0] = 42;   // still writable memory
        Assert.That(v.item<long>(0), Is.EqualTo(42));
        v.Dispose();
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
    }

    [Test]
    public void DisposingAViewNeverAffectsTheBase()
    {
        var a = np.arange(6);
        a.reshape(2, 3).Dispose();
        a[1..3].Dispose();
        Assert.That(a.ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5 }));
        a.Dispose();
    }

    [Test]
    public void DisposeIsIdempotent()
    {
        long start = MemoryCounters.InUse;
        var a = np.zeros(100);
        a.Dispose();
        a.Dispose();
        Assert.That(a.IsDisposed, Is.True);
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
    }

    [Test]
    public void DisposingOneArrayOnTwoThreadsAtOnceReleasesItsBufferOnce()
    {
        // A sole owner releases its buffer without an interlocked decrement; the dispose flag must still let exactly
        // one of two racing Dispose calls through. A second release would show as bytes in use below the start.
        const int Rounds = 2000;
        long start = MemoryCounters.InUse;
        using var barrier = new Barrier(2);
        var arrays = new NDArray[Rounds];
        var views = new NDArray[Rounds];
        Exception? failure = null;
        void DisposeAll()
        {
            try
            {
                for (int i = 0; i < Rounds; i++)
                {
                    barrier.SignalAndWait();
                    arrays[i].Dispose();
                    views[i]?.Dispose();
                }
            }
            catch (Exception e) { failure = e; barrier.RemoveParticipant(); }
        }
        for (int i = 0; i < Rounds; i++)
        {
            arrays[i] = np.empty(10);
            if (i % 2 == 1) views[i] = arrays[i][2..8];   // base and view, each disposed twice at once
        }
        var other = new Thread(DisposeAll);
        other.Start();
        DisposeAll();
        other.Join();
        Assert.That(failure, Is.Null);
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
        Assert.That(arrays.All(a => a.IsDisposed), Is.True);
    }

    [Test]
    public void UseAfterDisposeThrowsObjectDisposedExceptionNeverACrash()
    {
        var a = np.arange(6).reshape(2, 3);
        a.Dispose();
        var uses = new (string, Action)[]
        {
            ("shape", () => _ = a.shape), ("dtype", () => _ = a.dtype), ("size", () => _ = a.size), ("T", () => _ = a.T),
            ("indexer", () => _ = a[0]), ("set", () => a[0] = 1), ("slice", () => _ = a[..1]), ("fancy", () => _ = a[[0, 1]]),
            ("ToArray", () => a.ToArray<long>()), ("AsSpan", () => a.AsSpan<long>()), ("At", () => a.At<long>(0, 0)),
            ("item", () => a.item<long>(0)), ("astype", () => a.astype(np.float32)), ("reshape", () => a.reshape(6)),
            ("copy", () => a.copy()), ("np.concatenate", () => np.concatenate(a, a)), ("np.transpose", () => np.transpose(a)),
            ("DataPointer", () => _ = a.DataPointer), ("flags", () => _ = a.flags), ("tobytes", () => a.tobytes()),
            ("MoveToOuterScope", () => a.MoveToOuterScope()), ("foreach", () => { foreach (var r in a) r.Dispose(); }),
            ("np.take", () => np.take(a, 0)), ("explicit double", () => _ = (double)a),
        };
        foreach (var (name, use) in uses)
            Assert.That(() => use(), Throws.InstanceOf<ObjectDisposedException>(), name);
        Assert.That(a.ToString(), Is.EqualTo("NDArray(disposed)"));
        Assert.That(a.IsDisposed, Is.True);
    }

    [Test]
    public void AViewOfADisposedArrayCannotBeCreatedButExistingViewsWork()
    {
        var a = np.arange(4);
        var v = a[1..];
        a.Dispose();
        Assert.That(() => a[1..], Throws.InstanceOf<ObjectDisposedException>());
        using (v)
        using (var vv = v[1..])
            Assert.That(vv.ToArray<long>(), Is.EqualTo(new long[] { 2, 3 }));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Leak(int n)
    {
        for (int i = 0; i < n; i++)
        {
            var a = np.ones(200_000);   // 1.6 MB each, never disposed
            _ = a[10..20];
        }
    }

    [Test]
    public void ArraysThatAreNeverDisposedAreFreedByTheFinalizerSafetyNet()
    {
        long start = MemoryCounters.InUse;
        Leak(20);
        for (int i = 0; i < 10 && MemoryCounters.InUse != start; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
    }

    [Test]
    public void ThePoolReusesBlocksAndTrimGivesThemBack()
    {
        BufferPool.Trim();
        long reserved0 = MemoryCounters.Reserved;
        for (int i = 0; i < 1000; i++) np.empty(100).Dispose();
        long reserved1 = MemoryCounters.Reserved;
        Assert.That(reserved1 - reserved0, Is.LessThanOrEqualTo(1024), "a create/dispose loop must reuse one pooled block");
        Assert.That(MemoryCounters.Cached, Is.GreaterThan(0));
        BufferPool.Trim();
        Assert.That(MemoryCounters.Cached, Is.LessThanOrEqualTo(MemoryCounters.Reserved));
    }

    [Test]
    public void AllocationsAre64ByteAligned()
    {
        for (long n = 1; n < 5000; n = n * 3 + 1)
        {
            using var a = np.empty(n, np.uint8);
            Assert.That((long)a.DataPointer % 64, Is.Zero, $"size {n}");
        }
        using var big = np.empty(3_000_000);
        Assert.That((long)big.DataPointer % (2 << 20), Is.Zero, "huge blocks are 2 MiB aligned (transparent huge pages)");
    }

    [Test]
    public void SizeClassesCoverEveryRequestWithBoundedWaste()
    {
        long prev = 0;
        for (long bytes = 1; bytes <= 4L << 20; bytes = bytes < 4096 ? bytes + 1 : bytes + bytes / 7)
        {
            int cls = BufferPool.ClassOf(bytes, out long block);
            Assert.That(block, Is.GreaterThanOrEqualTo(bytes));
            if (bytes <= BufferPool.LargeMax) Assert.That(BufferPool.BlockSize(cls), Is.EqualTo(block), $"class {cls} of {bytes}");
            Assert.That(block % 64, Is.Zero);
            if (bytes > BufferPool.LargeMax) Assert.That(block, Is.LessThan(bytes + BufferPool.LargeMax), $"huge blocks round to 2 MiB: {bytes}");
            else if (bytes > 512) Assert.That(block, Is.LessThanOrEqualTo(bytes * 5 / 4 + 64), $"waste for {bytes}");
            Assert.That(block, Is.GreaterThanOrEqualTo(prev));
            prev = block;
        }
    }

    [Test]
    public void MemoryErrorHasNumPysText()
    {
        var e = Assert.Throws<MemoryError>(() => np.empty((100000, 100000, 1000)));
        Assert.That(e!.Message, Is.EqualTo("Unable to allocate 72.8 TiB for an array with shape (100000, 100000, 1000) and data type float64"));
    }

    [Test]
    public void WrappedDotNetArraysShareMemoryBothWays()
    {
        var data = new double[] { 1, 2, 3, 4, 5, 6 };
        using var a = NDArray.Wrap(data, (2, 3));
        data[0] = 10;
        Assert.That(a.item<double>(0, 0), Is.EqualTo(10));
        a[1, 2] = 60.0;
        Assert.That(data[5], Is.EqualTo(60));
        Assert.That(a.flags.owndata, Is.False);
        Assert.That(() => NDArray.Wrap(data, (4, 2)), Throws.InstanceOf<ValueError>().With.Message.EqualTo("cannot reshape array of size 6 into shape (4,2)"));
    }

    [Test]
    public void ReadOnlyMemoryWrapsAsAReadOnlyArray()
    {
        var bytes = new byte[16];
        using var a = np.frombuffer(new ReadOnlyMemory<byte>(bytes), np.int32);
        Assert.That(a.flags.writeable, Is.False);
        Assert.That(() => a[0] = 1, Throws.InstanceOf<ValueError>().With.Message.EqualTo("assignment destination is read-only"));
        Assert.That(() => a.flags.writeable = true, Throws.InstanceOf<ValueError>());
    }

    [Test]
    public void ConcurrentCreateAndDisposeKeepsTheCountersExact()
    {
        long start = MemoryCounters.InUse;
        var shared = np.arange(1000);
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 50_000; i++)
            {
                var a = np.empty(16);
                var v = shared[(i % 500)..];
                a.Dispose();
                v.Dispose();
            }
        });
        shared.Dispose();
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
    }

    [Test]
    public void BuffersFreedOnAnotherThreadAreAccounted()
    {
        long start = MemoryCounters.InUse;
        var arrays = Enumerable.Range(0, 1000).Select(i => np.empty(i + 1)).ToArray();
        var t = new Thread(() => { foreach (var a in arrays) a.Dispose(); });
        t.Start();
        t.Join();
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
    }
}
