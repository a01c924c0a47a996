using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Numerics.Native.Benchmarks.Infrastructure;
using Numerics.Native.Interop;

namespace Numerics.Native.Benchmarks.Workloads;

/// <summary>The cost of crossing into the kernel library: an empty native call through the generated binding.</summary>
public class Overhead : WorkloadFamily
{
    [Benchmark]
    public void Overhead_nk_noop() => NumericsKernels.nk_noop();

    /// <summary>
    /// The loop callgrind counts (<c>--callgrind-noop N</c>); no timing, no other calls inside it. Compiled fully
    /// optimised at once: with tiering, whether a run spends its calls in OSR or tier-1 code shifts the count by
    /// a few instructions per call from run to run.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void CallNoop(long calls)
    {
        NativeBackend.EnsureKernels();
        for (long i = 0; i < calls; i++) NumericsKernels.nk_noop();
    }
}
