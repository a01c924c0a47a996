using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using Numerics.Native.MathNet;

namespace Numerics.Native.ChildHost;

/// <summary>
/// The Math.NET provider in a process whose backend the test chose (NUMERICS_NATIVE_BLAS): what
/// <see cref="NumericsNativeProvider.IsAvailable"/> and <see cref="NumericsNativeProvider.Use"/> do, which provider
/// Math.NET holds afterwards, and whether Math.NET still computes correctly on it.
/// </summary>
public static class MathNetChecks
{
    /// <summary>Runs the "mathnet" mode into <paramref name="result"/>.</summary>
    public static void Run(Dictionary<string, object?> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        result["provider_before"] = LinearAlgebraControl.Provider.ToString();
        result["available"] = NumericsNativeProvider.IsAvailable();
        result["available_again"] = NumericsNativeProvider.IsAvailable(); // a failed probe is not a cached crash
        try
        {
            NumericsNativeProvider.Use();
            result["use"] = "ok";
        }
        catch (Exception e)
        {
            result["use_exception"] = e.GetType().FullName;
            result["use_message"] = e.Message;
        }
        result["provider_after"] = LinearAlgebraControl.Provider.ToString();
        result["provider_is_ours"] = ReferenceEquals(LinearAlgebraControl.Provider, NumericsNativeLinearAlgebraProvider.Instance);
        result["ours_describes_itself_as"] = NumericsNativeLinearAlgebraProvider.Instance.ToString();

        // Math.NET keeps working on whatever provider it holds: residuals of a solve, an SVD, a symmetric EVD and a
        // Complex32 inverse (relative to the input's size).
        const int n = 40;
        var rng = new Random(7);
        Matrix<double> a = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5) + Matrix<double>.Build.DenseIdentity(n) * n;
        Vector<double> x = Vector<double>.Build.Dense(n, i => i + 1.0);
        result["solve_error"] = (a.Solve(a * x) - x).InfinityNorm() / x.InfinityNorm();
        var svd = a.Svd(computeVectors: true);
        result["svd_error"] = (svd.U * svd.W * svd.VT - a).InfinityNorm() / a.InfinityNorm();
        Matrix<double> sym = a + a.Transpose();
        var evd = sym.Evd(Symmetricity.Symmetric);
        result["evd_error"] = (evd.EigenVectors * evd.D * evd.EigenVectors.Transpose() - sym).InfinityNorm() / sym.InfinityNorm();
        Matrix<Complex32> c = Matrix<Complex32>.Build.Dense(n, n, (i, j) => new Complex32((float)a[i, j], (float)a[j, i]));
        result["complex32_inverse_error"] = (double)((c * c.Inverse()) - Matrix<Complex32>.Build.DenseIdentity(n)).InfinityNorm();
    }
}
