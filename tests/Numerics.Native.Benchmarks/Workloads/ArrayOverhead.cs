using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// The allocation budget of issue 3 (so that a 10-element ufunc can reach NumPy's latency): creating a 10-element
/// array (≤ 50 ns), a view (≤ 40 ns), and disposing either (≤ 30 ns). Ours-only rows: NumPy's script has no such
/// ids (its W12_small_add_10 includes all three).
/// <para>The <c>…_dispose</c> rows time an operation with its Dispose, the steady state of a service. The parts are
/// timed apart by the <c>…_create</c> and <c>Overhead_dispose_…</c> rows: one invocation per iteration creates (or
/// disposes) a batch of <see cref="Batch"/> arrays, and the untimed iteration setup or cleanup does the other half,
/// so no array is ever left to the finalizer. A batch of 256 fills the pool's per-thread magazine of 128-byte blocks
/// (32 KiB: 256 of them) exactly: the rows are the cost with 256 arrays alive on one thread. Beyond that, rents and
/// returns go through the shared stack's locked refills (about 200 more instructions per create/dispose pair under
/// callgrind when the magazine held 16 blocks).</para>
/// <para>No forced collection between iterations (BenchmarkDotNet's default): with one invocation per iteration, a
/// full GC before each would hand every batch a freshly decommitted nursery, whose page faults and zeroing are a
/// cost of the benchmark loop, not of creating arrays in a running program.</para>
/// </summary>
[GcForce(false)]
public class ArrayOverhead : WorkloadFamily
{
    /// <summary>Arrays per timed invocation of the per-part rows.</summary>
    public const int Batch = 256;

    /// <summary>Iterations of the per-part rows: one lasts about 12 µs, and this VM's speed changes level every
    /// 0.1–0.5 s (other work on the sibling hyperthreads), so the median must span about half a second of them to
    /// be the typical cost rather than the level of one moment.</summary>
    public const int PartIterations = 10_000;

    private NDArray? _base, _base2;
    private readonly NDArray?[] _batch = new NDArray?[Batch];

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

    /// <summary><c>np.empty(10)</c> alone, per array of a batch (disposed in the untimed cleanup).</summary>
    [Benchmark(OperationsPerInvoke = Batch), InvocationCount(1), IterationCount(PartIterations)]
    public void Overhead_empty_10_create()
    {
        var b = _batch;
        for (int i = 0; i < b.Length; i++) b[i] = np.empty(10);
    }

    /// <summary><c>a[2..8]</c> alone, per view of a batch (disposed in the untimed cleanup).</summary>
    [Benchmark(OperationsPerInvoke = Batch), InvocationCount(1), IterationCount(PartIterations)]
    public void Overhead_view_create()
    {
        var b = _batch;
        var a = _base!;
        for (int i = 0; i < b.Length; i++) b[i] = a[2..8];
    }

    /// <summary><c>Dispose()</c> of a fresh <c>np.empty(10)</c> (the last owner: its block goes back to the pool),
    /// per array of a batch created in the untimed setup.</summary>
    [Benchmark(OperationsPerInvoke = Batch), InvocationCount(1), IterationCount(PartIterations)]
    public void Overhead_dispose_empty_10() => DisposeBatch();

    /// <summary><c>Dispose()</c> of a view (one owner reference less; the base keeps the block), per view of a
    /// batch created in the untimed setup.</summary>
    [Benchmark(OperationsPerInvoke = Batch), InvocationCount(1), IterationCount(PartIterations)]
    public void Overhead_dispose_view() => DisposeBatch();

    private void DisposeBatch()
    {
        var b = _batch;
        for (int i = 0; i < b.Length; i++) b[i]!.Dispose();
    }

    [IterationSetup(Target = nameof(Overhead_view_create))]
    public void MakeBase() => _base ??= np.empty(10);

    [IterationSetup(Target = nameof(Overhead_dispose_empty_10))]
    public void FillWithArrays()
    {
        for (int i = 0; i < _batch.Length; i++) _batch[i] = np.empty(10);
    }

    [IterationSetup(Target = nameof(Overhead_dispose_view))]
    public void FillWithViews()
    {
        MakeBase();
        for (int i = 0; i < _batch.Length; i++) _batch[i] = _base![2..8];
    }

    [IterationCleanup(Targets = [nameof(Overhead_empty_10_create), nameof(Overhead_view_create)])]
    public void DisposeCreated() => DisposeBatch();

    /// <summary>
    /// One invocation per iteration means a few dozen calls in all: without this, the batched rows would time
    /// tier-0 code. Every path runs here for half a second of wall time, long enough for tiered compilation's
    /// 100 ms call-counting delay and the background tier-1 compile, so all rows time optimised code.
    /// </summary>
    public override void LoadNative()
    {
        base.LoadNative();
        MakeBase();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 500)
        {
            Overhead_empty_10_create();
            DisposeCreated();
            Overhead_view_create();
            DisposeCreated();
            FillWithArrays();
            Overhead_dispose_empty_10();
            FillWithViews();
            Overhead_dispose_view();
            Overhead_empty_10_dispose();
            Overhead_view_dispose();
        }
    }

    public override void FreeInputs()
    {
        _base?.Dispose();
        _base2?.Dispose();
        base.FreeInputs();
    }
}
