using System.Runtime.InteropServices;

namespace Numerics.Native.Tests.Core;

/// <summary>The data-movement calls go to native/src/copy (one call per operation) when the kernel library is
/// present; the managed fallback gives the same bytes.</summary>
[TestFixture]
public class NativeKernelPathTests
{
    [Test]
    public void TheKernelLibraryIsUsedWhenPresent()
    {
        if (Environment.GetEnvironmentVariable("NUMERICS_NATIVE_MANAGED_COPY") == "1") Assert.Ignore("managed copy forced");
        Assert.That(NativeKernels.Available, Is.True, "libnumerics_kernels.so with nk_copy/nk_index/nk_mask_* should load next to the tests");
    }

    [Test]
    public void TheIndexDescriptorMatchesTheCLayout()
    {
        // 6 int32 + 6*32 + 64 + 1024 int64 + 32 pointers + 2 pointers (numerics_kernels.h)
        Assert.That(Marshal.SizeOf<NkIndexDesc>(), Is.EqualTo(24 + 8 * (6 * 32 + 64 + 1024) + 8 * 32 + 16));
    }

    [Test]
    public void LargeTransposeCopiesAreExact()
    {
        using var scope = np.scope();
        var a = np.arange(1000 * 777).reshape(1000, 777).astype(np.float64);
        var t = np.ascontiguousarray(a.T);
        Assert.That(t.flags.c_contiguous, Is.True);
        var back = t.ToArray<double>();
        for (int i = 0; i < 777; i += 37)
            for (int j = 0; j < 1000; j += 41)
                Assert.That(back[i * 1000 + j], Is.EqualTo(j * 777 + i));
    }

    [Test]
    public void LargeTakeAndMaskMatchTheirDefinition()
    {
        using var scope = np.scope();
        int n = 300_000;
        var a = np.arange(n);
        var idx = new long[n];
        var rng = new Random(7);
        for (int i = 0; i < n; i++) idx[i] = rng.Next(-n, n);
        var t = np.take(a, np.array(idx)).ToArray<long>();
        for (int i = 0; i < n; i++) Assert.That(t[i], Is.EqualTo(idx[i] < 0 ? idx[i] + n : idx[i]));
        var mask = np.array(Enumerable.Range(0, n).Select(i => i % 3 == 0).ToArray());
        var sel = a[mask].ToArray<long>();
        Assert.That(sel, Has.Length.EqualTo((n + 2) / 3));
        Assert.That(sel[^1], Is.EqualTo((n - 1) / 3 * 3));
        Assert.That(() => np.take(a, np.array(new long[] { 0, n })), Throws.InstanceOf<IndexError>().With.Message.EqualTo($"index {n} is out of bounds for axis 0 with size {n}"));
    }
}
