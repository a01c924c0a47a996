namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// Per-call work of a workload benchmark, for the rate column: floating-point operations (GFLOP/s) or bytes read
/// plus written (GB/s), the same figures build/numpy_bench.py uses for the id.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkloadAttribute : Attribute
{
    public double Flops { get; set; }

    public double Bytes { get; set; }
}

/// <summary>
/// Marks a class of peer benchmarks (another .NET library doing the same workload ids). Peers run only with
/// <c>compare --peers</c>, in the same process and thread setting as ours.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PeerAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
