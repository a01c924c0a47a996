namespace Numerics.Native;

public static partial class np
{
    /// <summary>Linear algebra on OpenBLAS/LAPACK (or the backend the resolver chose). NumPy: <c>numpy.linalg</c>.</summary>
    public static readonly LinalgModule linalg = new();
}
