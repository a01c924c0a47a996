using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.MathNet;

namespace Numerics.Native.Tests.MathNet;

/// <summary>
/// A .NET service using Math.NET with our provider: 16 threads × small Solve/Svd/Inverse/Evd on shared matrices.
/// Results must equal a serial run's bit for bit, and the 16 callers must not cost much more CPU or time than one
/// caller doing the same work. Before the provider's calls passed the BLAS gate, OpenBLAS 0.3.21 threaded each
/// small solve and the callers queued on its spinning pool: 0.44 s serial became 28 s with 16 callers.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MathNetConcurrencyTests
{
    private const int Callers = 16, PerCaller = 300;
    private ILinearAlgebraProvider _saved = null!;
    private Matrix<double>[] _a = [];
    private Matrix<double>[] _b = [];

    [OneTimeSetUp]
    public void Setup()
    {
        _saved = LinearAlgebraControl.Provider;
        NumericsNativeProvider.Use();
        var rng = new Random(7);
        _a = Enumerable.Range(0, 5).Select(i =>
        {
            int n = 6 + 10 * i;
            return Matrix<double>.Build.Dense(n, n, (r, c) => rng.NextDouble() * 2 - 1 + (r == c ? n : 0));
        }).ToArray();
        _b = _a.Select(m => Matrix<double>.Build.Dense(m.RowCount, 3, (_, _) => rng.NextDouble())).ToArray();
    }

    [OneTimeTearDown]
    public void Restore() => LinearAlgebraControl.Provider = _saved;

    private double[] Op(int c, int i)
    {
        int k = (c * 7 + i) % _a.Length;
        return ((c + i) % 4) switch
        {
            0 => _a[k].Solve(_b[k]).ToColumnMajorArray(),
            1 => _a[k].Svd(true).S.ToArray(),
            2 => _a[k].Inverse().ToColumnMajorArray(),
            _ => (_a[k] * _a[k].Transpose()).Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray(),
        };
    }

    [Test]
    public void SixteenCallersMatchSerialWithoutOversubscription()
    {
        var proc = Process.GetCurrentProcess();
        for (int i = 0; i < 40; i++) Op(0, i);

        var serial = new double[Callers][][];
        proc.Refresh();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (int c = 0; c < Callers; c++)
        {
            serial[c] = new double[PerCaller][];
            for (int i = 0; i < PerCaller; i++) serial[c][i] = Op(c, i);
        }
        double serialWall = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        double serialCpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;

        var concurrent = new double[Callers][][];
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var start = new Barrier(Callers + 1);
        var threads = Enumerable.Range(0, Callers).Select(c => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                var mine = new double[PerCaller][];
                for (int i = 0; i < PerCaller; i++) mine[i] = Op(c, i);
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
        foreach (var t in threads) t.Join();
        double concurrentWall = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        double concurrentCpu = (proc.TotalProcessorTime - cpu1).TotalSeconds;
        Assert.That(errors, Is.Empty, string.Join("\n", errors));

        for (int c = 0; c < Callers; c++)
            for (int i = 0; i < PerCaller; i++)
                Assert.That(concurrent[c][i], Is.EqualTo(serial[c][i]), $"caller {c}, operation {i}");

        TestContext.Out.WriteLine($"serial {serialWall:F2} s wall, {serialCpu:F2} s CPU; {Callers} callers {concurrentWall:F2} s wall, {concurrentCpu:F2} s CPU");
        Assert.That(concurrentCpu, Is.LessThanOrEqualTo(serialCpu * 1.5 + 0.5), "CPU time with 16 callers");
        Assert.That(concurrentWall, Is.LessThanOrEqualTo(serialWall * 1.5 + 0.5), "wall time with 16 callers");
    }
}
