using BenchmarkDotNet.Running;
using Numerics.Native.Benchmarks.Infrastructure;
using Numerics.Native.Benchmarks.Workloads;

namespace Numerics.Native.Benchmarks;

/// <summary>
/// Without a mode flag this is BenchmarkDotNet's own command line (e.g. <c>-filter '*W5*'</c>), each workload at 1
/// thread and at the machine default. The flags below are what build/compare.sh uses; see docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "--list": return CompareRun.List(args);
            case "--info": return CompareRun.PrintInfo();
            case "--compare-run": return CompareRun.Run(args);
            case "--raw": return CompareRun.Raw(args);
            case "--raw-pairs": return CompareRun.RawPairs(args);
            case "--callgrind-noop":
                // Under callgrind: instructions per call = Δinstructions / Δcalls between two runs of different N.
                long n = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
                Overhead.CallNoop(n);
                Console.WriteLine($"{{\"side\": \"ours\", \"what\": \"nk_noop\", \"calls\": {n}}}");
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Jobs.Interactive());
                return 0;
        }
    }
}
