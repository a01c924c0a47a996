using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// W13 save/load: <c>np.save</c> and <c>np.load</c> of 10⁷ float64 (80 MB) to a file in the temp folder, as NumPy's
/// script does (its NPY_PATH is in a fresh temp dir too); the page cache holds the file, so this measures the format
/// code and the memory copies, not the disk.
/// </summary>
public class W13Npy : WorkloadFamily
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"numerics-native-bench-{Environment.ProcessId}.npy");
    private NDArray? _save, _load;

    [Benchmark, Workload(Bytes = 8.0 * 10_000_000)]
    public void W13_save_1e7() => np.save(_path, _save ??= Array<double>("a", 10_000_000));

    [Benchmark, Workload(Bytes = 8.0 * 10_000_000)]
    public void W13_load_1e7()
    {
        if (_load is null)
        {
            _load = Array<double>("a", 10_000_000);
            np.save(_path, _load);
        }
        using var r = np.load(_path);
    }

    public override void FreeInputs()
    {
        base.FreeInputs();
        File.Delete(_path);
    }
}
