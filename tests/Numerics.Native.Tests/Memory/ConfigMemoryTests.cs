namespace Numerics.Native.Tests.Memory;

/// <summary>np.config's memory members (API.md "np.config"): native_bytes_in_use, buffer_pool_limit, trim_pool.</summary>
[TestFixture]
[NonParallelizable] // reads and changes process-wide pool state
public class ConfigMemoryTests
{
    private const long OneMiB = 1L << 20;

    [SetUp]
    public void SettleFinalizers() => MemoryLifetimeTests.Settle();

    [Test]
    public void BytesInUseFollowCreateAndDisposeExactly()
    {
        long start = np.config.native_bytes_in_use;
        Assert.That(start, Is.EqualTo(MemoryCounters.InUse));
        var a = np.zeros(1000);   // 8,000 bytes, counted as its size-class block
        long held = np.config.native_bytes_in_use - start;
        Assert.That(held, Is.GreaterThanOrEqualTo(8000).And.LessThan(16000));
        var v = a[10..20];
        Assert.That(np.config.native_bytes_in_use - start, Is.EqualTo(held), "a view allocates nothing");
        a.Dispose();
        Assert.That(np.config.native_bytes_in_use - start, Is.EqualTo(held), "the view keeps the buffer");
        v.Dispose();
        Assert.That(np.config.native_bytes_in_use, Is.EqualTo(start));
        using (NDArray.Wrap(new double[1000]))
            Assert.That(np.config.native_bytes_in_use, Is.EqualTo(start), "wrapped .NET memory is not native");
    }

    [Test]
    public void APoolLimitOfZeroCachesNothing()
    {
        long old = np.config.buffer_pool_limit;
        try
        {
            np.config.buffer_pool_limit = 0;
            Assert.That(np.config.buffer_pool_limit, Is.EqualTo(0));
            long cached = MemoryCounters.Cached;
            np.zeros(OneMiB / 8).Dispose();
            Assert.That(MemoryCounters.Cached, Is.EqualTo(cached), "the disposed block went back to the OS");
        }
        finally
        {
            np.config.buffer_pool_limit = old;
        }
        Assert.That(np.config.buffer_pool_limit, Is.EqualTo(old));
        Assert.That(() => np.config.buffer_pool_limit = -1, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void TrimPoolGivesCachedMemoryBack()
    {
        Assume.That(np.config.buffer_pool_limit, Is.GreaterThanOrEqualTo(4 * OneMiB), "the default pool limit");
        np.zeros(OneMiB / 8).Dispose();   // a 1 MiB block: pooled in the shared cache, not a thread's magazine
        long cached = MemoryCounters.Cached, reserved = MemoryCounters.Reserved;
        Assert.That(cached, Is.GreaterThanOrEqualTo(OneMiB));
        np.config.trim_pool();
        Assert.That(MemoryCounters.Cached, Is.LessThanOrEqualTo(cached - OneMiB));
        Assert.That(MemoryCounters.Reserved, Is.LessThanOrEqualTo(reserved - OneMiB));
    }
}
