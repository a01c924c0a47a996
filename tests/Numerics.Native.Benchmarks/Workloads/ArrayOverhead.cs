using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// The allocation budget of issue 3 (so that a 10-element ufunc can reach NumPy's latency): creating a 10-element
/// array (≤ 50 ns), a view (≤ 40 ns), and disposing either (≤ 30 ns). Ours-only rows: NumPy's script has no such
/// ids (its W12_small_add_10 includes all three). Each row includes its Dispose: timing creation alone would leave
/// millions of arrays to the finalizer, which is not how the library is meant to be used.
/// </summary>
public class ArrayOverhead : WorkloadFamily
{
    private NDArray? _base, _base2;

    /// <summary><c>np.empty(10)</c> then <c>Dispose()</c>: a pooled 64-byte-aligned block and the array object.</summary>
    [Benchmark]
    public void Overhead_empty_10_dispose()
    {
        using var a = np.empty(10);
    }

    /// <summary><c>a[2..8]</c> then <c>Dispose()</c>: a view sharing the base's buffer (reference count up, then down).</summary>
    [Benchmark]
    public void Overhead_view_dispose()
    {
        _base ??= np.empty(10);
        using var v = _base[2..8];
    }

    /// <summary><c>a.T</c> of a 2-d array then <c>Dispose()</c>: a view through the manipulation API.</summary>
    [Benchmark]
    public void Overhead_transpose_view_dispose()
    {
        _base2 ??= np.empty(new long[] { 3, 4 });
        using var v = _base2.T;
    }

    public override void FreeInputs()
    {
        _base?.Dispose();
        _base2?.Dispose();
        base.FreeInputs();
    }
}
