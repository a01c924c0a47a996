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
    public virtual void FreeInputs()
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

    /// <summary>1-D input <paramref name="name"/> as an NDArray (one copy, on the untimed first call).</summary>
    protected NDArray Array<T>(string name, int n0, [CallerMemberName] string id = "") where T : unmanaged, INumberBase<T> =>
        Facade(Input<T>(name, n0, id));

    /// <summary>2-D input <paramref name="name"/> as an NDArray (one copy, on the untimed first call).</summary>
    protected NDArray Array<T>(string name, int n0, int n1, [CallerMemberName] string id = "") where T : unmanaged, INumberBase<T> =>
        Facade(Input<T>(name, n0, n1, id));

    private NDArray Facade<T>(NativeArray<T> x) where T : unmanaged
    {
        var a = np.empty(new Shape([.. x.Shape.Select(d => (long)d)]), typeof(T));
        x.AsSpan().CopyTo(a.AsSpan<T>());
        _owned.Add(a);
        return a;
    }

    private NativeArray<T> Own<T>(NativeArray<T> a) where T : unmanaged
    {
        _owned.Add(a);
        return a;
    }
}
