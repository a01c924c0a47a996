using System.Collections.Concurrent;
using System.Diagnostics;

namespace Numerics.Native.Tests.Infrastructure;

/// <summary>
/// What a .NET service does to a numerics library: many threads calling at once. Runs <c>op(caller, i)</c> for every
/// caller and i once serially and once with one thread per caller (released together), and checks that the results
/// are identical bit for bit and that the concurrent run costs no more CPU and wall time than the serial one, within
/// the noise of a shared machine (×1.5 + 0.5 s): N callers must not become N × cores spinning threads.
/// </summary>
internal static class SerialVsConcurrent
{
    internal static void Check(int callers, int perCaller, Func<int, int, double[]> op)
    {
        var proc = Process.GetCurrentProcess();
        var serial = new double[callers][][];
        proc.Refresh();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (int c = 0; c < callers; c++)
        {
            serial[c] = new double[perCaller][];
            for (int i = 0; i < perCaller; i++) serial[c][i] = op(c, i);
        }
        double serialWall = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        double serialCpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;

        var concurrent = new double[callers][][];
        var errors = new ConcurrentBag<Exception>();
        int baseThreads = ThreadCount(), maxThreads = baseThreads;
        using var start = new Barrier(callers + 1);
        var threads = Enumerable.Range(0, callers).Select(c => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                var mine = new double[perCaller][];
                for (int i = 0; i < perCaller; i++) mine[i] = op(c, i);
                concurrent[c] = mine;
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        })).ToList();
        foreach (var t in threads) t.Start();
        proc.Refresh();
        var cpu1 = proc.TotalProcessorTime;
        sw.Restart();
        start.SignalAndWait();
        while (threads.Any(t => t.IsAlive))
        {
            maxThreads = Math.Max(maxThreads, ThreadCount());
            Thread.Sleep(5);
        }
        foreach (var t in threads) t.Join();
        double concurrentWall = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        double concurrentCpu = (proc.TotalProcessorTime - cpu1).TotalSeconds;
        Assert.That(errors, Is.Empty, string.Join("\n", errors));

        for (int c = 0; c < callers; c++)
            for (int i = 0; i < perCaller; i++)
                Assert.That(concurrent[c][i], Is.EqualTo(serial[c][i]), $"caller {c}, operation {i}: differs from the serial run");

        TestContext.Out.WriteLine($"serial: {serialWall:F2} s wall, {serialCpu:F2} s CPU; {callers} callers: {concurrentWall:F2} s wall, " +
                                  $"{concurrentCpu:F2} s CPU; threads {baseThreads} -> at most {maxThreads}");
        Assert.That(concurrentCpu, Is.LessThanOrEqualTo(serialCpu * 1.5 + 0.5), $"CPU time with {callers} callers");
        Assert.That(concurrentWall, Is.LessThanOrEqualTo(serialWall * 1.5 + 0.5), $"wall time with {callers} callers");
        Assert.That(maxThreads - baseThreads, Is.LessThanOrEqualTo(callers + 2 * Environment.ProcessorCount + 4),
            "threads started during the run: callers plus at most the pools' fixed workers");
    }

    private static int ThreadCount()
    {
        try
        {
            return Directory.GetDirectories("/proc/self/task").Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
