using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.MathNet;
using Numerics.Native.Tests.Infrastructure;

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
        for (int i = 0; i < 40; i++) Op(0, i);
        SerialVsConcurrent.Check(Callers, PerCaller, Op);
    }
}
