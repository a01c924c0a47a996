using System.Diagnostics;
using System.Runtime.InteropServices;
using Numerics.Native;
using Numerics.Native.Interop;

// Quickstart: what is loaded, how fast a matmul runs, and a linear solve.
np.show_config();
Console.WriteLine();

const int n = 2000;
Console.WriteLine(Matmul.Run(n));

// The seed guide's system: 3x + y = 9, x + 2y = 8.
Console.WriteLine($"solve [[3, 1], [1, 2]] x = [9, 8]  ->  x = {Solve.Run()}");

internal static unsafe class Matmul
{
    /// <summary>C = A·B for n×n float64 through cblas_dgemm; the best of three runs.</summary>
    public static string Run(int n)
    {
        nuint bytes = (nuint)n * (nuint)n * sizeof(double);
        var a = (double*)NativeMemory.AlignedAlloc(bytes, 64);
        var b = (double*)NativeMemory.AlignedAlloc(bytes, 64);
        var c = (double*)NativeMemory.AlignedAlloc(bytes, 64);
        try
        {
            var rng = new Random(0);
            for (long i = 0; i < (long)n * n; i++)
            {
                a[i] = rng.NextDouble() - 0.5;
                b[i] = rng.NextDouble() - 0.5;
            }
            double best = double.MaxValue;
            for (int r = 0; r < 3; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                Cblas.cblas_dgemm(101, 111, 111, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
            double gflops = 2.0 * n * n * n / best / 1e9;
            return $"matmul {n}x{n} float64: {best * 1e3:F1} ms, {gflops:F1} GFLOPS on {np.config.num_threads} thread(s)";
        }
        finally
        {
            NativeMemory.AlignedFree(a);
            NativeMemory.AlignedFree(b);
            NativeMemory.AlignedFree(c);
        }
    }
}

internal static unsafe class Solve
{
    public static string Run()
    {
        double[] a = [3, 1, 1, 2], rhs = [9, 8];
        int[] ipiv = new int[2];
        fixed (double* pa = a, pb = rhs)
        fixed (int* pp = ipiv)
        {
            int info = Lapacke.LAPACKE_dgesv(101, 2, 1, pa, 2, pp, pb, 1);
            if (info != 0) throw new InvalidOperationException($"dgesv info {info}");
        }
        return $"[{rhs[0]:G6} {rhs[1]:G6}]";
    }
}
