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

    // take_flat picks its loop by the source's size and the output's (nk_thresholds.h: streamed stores from a 4 MiB
    // output while the source is at most 16 MiB, prefetches above 8 MiB): each case lands in another variant, on
    // one thread and on two (each thread streams its own part of the output).
    [TestCase(1_000_000, 1_000_000, "float64", 1)] // 8 MB source, 8 MB output: streamed, no prefetch
    [TestCase(1_500_000, 700_000, "float64", 2)]  // 12 MB source, 5.6 MB output: streamed and prefetched
    [TestCase(3_000_000, 600_000, "float64", 2)]  // 24 MB source: prefetched, cached stores
    [TestCase(1_200_000, 1_200_000, "float32", 1)] // 4.8 MB float32 output: streamed 4-byte stores
    [TestCase(2_500_000, 1_100_000, "float32", 2)] // 10 MB float32 source: streamed and prefetched
    public void LargeTakesMatchTheirDefinitionInEveryLoopVariant(int n, int m, string dtype, int threads)
    {
        using var scope = np.scope();
        int before = np.config.num_threads;
        np.config.num_threads = threads;
        try
        {
            var a = np.arange(n).astype(dtype);
            var idx = new long[m];
            var rng = new Random(n + m);
            for (int i = 0; i < m; i++) idx[i] = rng.Next(-n, n);
            var t = np.take(a, np.array(idx));
            Assert.That(t.dtype.name, Is.EqualTo(dtype));
            var got = t.astype(np.int64).ToArray<long>();
            for (int i = 0; i < m; i++)
                if (got[i] != (idx[i] < 0 ? idx[i] + n : idx[i])) Assert.Fail($"element {i}: {got[i]} for index {idx[i]}");
            // A strided index and a reversed source take the general loop: the same definition.
            var every2 = np.array(idx)[new Slice(null, null, 2)];
            var rev = a[new Slice(null, null, -1)];
            var back = np.take(rev, every2).astype(np.int64).ToArray<long>();
            for (int i = 0; i < back.Length; i++)
            {
                long k = idx[2 * i] < 0 ? idx[2 * i] + n : idx[2 * i];
                if (back[i] != n - 1 - k) Assert.Fail($"reversed element {i}: {back[i]} for index {idx[2 * i]}");
            }
            // Out-of-range indices in modes wrap and clip go through the same loops.
            var wide = new long[m];
            for (int i = 0; i < m; i++) wide[i] = rng.NextInt64(-2L * n, 2L * n);
            var wrapped = np.take(a, np.array(wide), mode: "wrap").astype(np.int64).ToArray<long>();
            var clipped = np.take(a, np.array(wide), mode: "clip").astype(np.int64).ToArray<long>();
            for (int i = 0; i < m; i++)
            {
                long w = ((wide[i] % n) + n) % n, c = Math.Clamp(wide[i], 0, n - 1);
                if (wrapped[i] != w || clipped[i] != c) Assert.Fail($"element {i}: wrap {wrapped[i]} (expected {w}), clip {clipped[i]} (expected {c}) for index {wide[i]}");
            }
            idx[m / 2] = n;
            Assert.That(() => np.take(a, np.array(idx)), Throws.InstanceOf<IndexError>().With.Message.EqualTo($"index {n} is out of bounds for axis 0 with size {n}"));
        }
        finally
        {
            np.config.num_threads = before;
        }
    }

    // NumPy 1.24: np.take(np.arange(10.), [1, 2, 30, 3], out=o) raises and leaves o all zeros (out= is buffered in
    // mode raise); mode wrap writes [1, 2, 0, 3].
    [Test]
    public void TakeIntoOutLeavesItUntouchedWhenAnIndexIsBad()
    {
        using var scope = np.scope();
        var a = np.arange(10.0);
        var idx = np.array(new long[] { 1, 2, 30, 3 });
        var o = np.zeros(4);
        Assert.That(() => np.take(a, idx, @out: o), Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 30 is out of bounds for axis 0 with size 10"));
        Assert.That(o.ToArray<double>(), Is.EqualTo(new double[] { 0, 0, 0, 0 }));
        np.take(a, idx, @out: o, mode: "wrap");
        Assert.That(o.ToArray<double>(), Is.EqualTo(new double[] { 1, 2, 0, 3 }));
        np.take(a, np.array(new long[] { 9, -1 }), @out: o[..2]);
        Assert.That(o.ToArray<double>(), Is.EqualTo(new double[] { 9, 9, 0, 3 }));
    }
}
