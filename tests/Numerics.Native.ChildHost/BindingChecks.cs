using System.Numerics;
using Numerics.Native.Interop;

namespace Numerics.Native.ChildHost;

/// <summary>
/// BLAS/LAPACK calls through the generated bindings against hand-derived answers. Run in-process for the default
/// backend and in a child process per other backend (the backend is fixed per process).
/// </summary>
public static unsafe class BindingChecks
{
    private const int RowMajor = 101, ColMajor = 102, NoTrans = 111;

    /// <summary>Each check's name and null when it passed, else what went wrong.</summary>
    public static Dictionary<string, string?> RunAll() => new()
    {
        ["dgemm"] = Dgemm(),
        ["sgemm"] = Sgemm(),
        ["zgemm"] = Zgemm(),
        ["dgesv"] = Dgesv(),
        ["dgesdd"] = Dgesdd(),
    };

    // [[1,2],[3,4]] @ [[5,6],[7,8]] = [[19,22],[43,50]]
    private static string? Dgemm()
    {
        double[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], c = [double.NaN, double.NaN, double.NaN, double.NaN];
        fixed (double* pa = a, pb = b, pc = c)
        {
            // beta = 0 must overwrite NaN already in C (BLAS semantics).
            Cblas.cblas_dgemm(RowMajor, NoTrans, NoTrans, 2, 2, 2, 1.0, pa, 2, pb, 2, 0.0, pc, 2);
        }
        return Expect(c, [19, 22, 43, 50], 0);
    }

    private static string? Sgemm()
    {
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], c = new float[4];
        fixed (float* pa = a, pb = b, pc = c)
        {
            Cblas.cblas_sgemm(RowMajor, NoTrans, NoTrans, 2, 2, 2, 1.0f, pa, 2, pb, 2, 0.0f, pc, 2);
        }
        return Expect(Array.ConvertAll(c, x => (double)x), [19, 22, 43, 50], 0);
    }

    // [[1+i, 2], [0, i]] @ [[1, i], [1, 1]] = [[3+i, 1+i], [i, i]]
    private static string? Zgemm()
    {
        Complex[] a = [new(1, 1), 2, 0, Complex.ImaginaryOne];
        Complex[] b = [1, Complex.ImaginaryOne, 1, 1];
        Complex[] c = new Complex[4];
        Complex alpha = 1, beta = 0;
        fixed (Complex* pa = a, pb = b, pc = c)
        {
            Cblas.cblas_zgemm(RowMajor, NoTrans, NoTrans, 2, 2, 2, &alpha, pa, 2, pb, 2, &beta, pc, 2);
        }
        Complex[] want = [new(3, 1), new(1, 1), Complex.ImaginaryOne, Complex.ImaginaryOne];
        for (int i = 0; i < 4; i++)
        {
            if (c[i] != want[i]) return $"zgemm element {i}: got {c[i]}, want {want[i]}";
        }
        return null;
    }

    // 3x + y = 9, x + 2y = 8  =>  x = 2, y = 3 (the seed guide's example)
    private static string? Dgesv()
    {
        double[] a = [3, 1, 1, 2], b = [9, 8];
        int[] ipiv = new int[2];
        int info;
        fixed (double* pa = a, pb = b)
        fixed (int* pp = ipiv)
        {
            info = Lapacke.LAPACKE_dgesv(RowMajor, 2, 1, pa, 2, pp, pb, 1);
        }
        return info != 0 ? $"dgesv info {info}" : Expect(b, [2, 3], 4e-16 * 8);
    }

    // A = [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5, so s = [3√5, √5].
    private static string? Dgesdd()
    {
        double[] a = [3, 4, 0, 5]; // column-major
        double[] s = new double[2], u = new double[4], vt = new double[4];
        int info;
        fixed (double* pa = a, ps = s, pu = u, pvt = vt)
        {
            info = Lapacke.LAPACKE_dgesdd(ColMajor, (byte)'A', 2, 2, pa, 2, ps, pu, 2, pvt, 2);
        }
        return info != 0 ? $"dgesdd info {info}" : Expect(s, [3 * Math.Sqrt(5), Math.Sqrt(5)], 1e-14);
    }

    private static string? Expect(double[] got, double[] want, double tol)
    {
        for (int i = 0; i < want.Length; i++)
        {
            if (!(Math.Abs(got[i] - want[i]) <= tol * Math.Max(1, Math.Abs(want[i]))))
            {
                return $"element {i}: got {got[i]:R}, want {want[i]:R}";
            }
        }
        return null;
    }
}
