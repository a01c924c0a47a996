using System.Numerics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Numerics.Native.Interop;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// Base of every benchmark class (one class per workload family, Workloads/W5Matmul.cs…). Inputs are loaded on a
/// workload's first call — BenchmarkDotNet's untimed jitting call — so a family with many large inputs does not
/// load all of them for each of its benchmarks.
/// </summary>
public abstract class WorkloadFamily
{
    private readonly List<IDisposable> _owned = [];

    /// <summary>The backend and kernels load here, so their one-off cost never lands in a measurement.</summary>
    [GlobalSetup]
    public virtual void LoadNative() => NativeBackend.EnsureKernels();

    [GlobalCleanup]
    public void FreeInputs()
    {
        foreach (IDisposable d in _owned) d.Dispose();
        _owned.Clear();
    }

    /// <summary>1-D input <paramref name="name"/> of the calling workload (the method's name is its id).</summary>
    protected NativeArray<T> Input<T>(string name, int n0, [CallerMemberName] string id = "") where T : unmanaged, INumberBase<T> =>
        Own(Inputs.Load<T>(id, name, n0));

    /// <summary>2-D input <paramref name="name"/> of the calling workload (the method's name is its id).</summary>
    protected NativeArray<T> Input<T>(string name, int n0, int n1, [CallerMemberName] string id = "") where T : unmanaged, INumberBase<T> =>
        Own(Inputs.Load<T>(id, name, n0, n1));

    private NativeArray<T> Own<T>(NativeArray<T> a) where T : unmanaged
    {
        _owned.Add(a);
        return a;
    }
}
