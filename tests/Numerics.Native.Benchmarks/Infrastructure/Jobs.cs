using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>The two ways benchmarks run.</summary>
public static class Jobs
{
    /// <summary>
    /// A plain BenchmarkDotNet run: each workload at 1 thread and at the machine default (all cores), each in its own
    /// process. OpenBLAS and libgomp read their thread counts once, when they load, so the count is set in the
    /// child's environment rather than by a [Params] field.
    /// </summary>
    public static IConfig Interactive()
    {
        int all = Environment.ProcessorCount;
        IConfig config = DefaultConfig.Instance.AddJob(ThreadsJob(Job.Default, 1));
        return all > 1 ? config.AddJob(ThreadsJob(Job.Default, all)) : config;
    }

    /// <summary>
    /// The short job of build/compare.sh. The compare tool starts this program with the thread variables already
    /// in its environment (the same values it gives NumPy), so the run stays in-process: no per-run project build,
    /// which would cost more than the measurements.
    /// </summary>
    public static Job Compare(int threads, int warmups, int iterations, int iterationMs) =>
        Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(iterations)
            .WithIterationTime(TimeInterval.FromMilliseconds(iterationMs))
            .WithId(ThreadsId(threads));

    public static string ThreadsId(int threads) => threads == 1 ? "1 thread" : $"{threads} threads";

    private static Job ThreadsJob(Job job, int threads)
    {
        string n = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return job.WithEnvironmentVariables(
                new EnvironmentVariable("OMP_NUM_THREADS", n),
                new EnvironmentVariable("OPENBLAS_NUM_THREADS", n),
                new EnvironmentVariable("MKL_NUM_THREADS", n))
            .WithId(ThreadsId(threads));
    }
}
