using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>
/// W13 save/load: <c>np.save</c> and <c>np.load</c> of 10⁷ float64 (80 MB), to a file in /dev/shm where it exists,
/// else the temp folder — where NumPy's script puts its NPY_PATH. The file system decides much of the time (NumPy's
/// own save took 65 ms on this VM's tmpfs and 22 ms on its ext4 /tmp), so both sides must write to the same one;
/// the page cache holds the file either way, so this measures the format code and the memory copies, not a disk.
/// </summary>
public class W13Npy : WorkloadFamily
{
    private readonly string _path = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(),
                                                 $"numerics-native-bench-{Environment.ProcessId}.npy");
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
