namespace Numerics.Native.Interop.Loading;

/// <summary>
/// How to load one backend: files to pre-load by full path (so their sonames are taken when LAPACKE's
/// DT_NEEDED entries are resolved), the file that serves CBLAS, and the file that serves LAPACKE.
/// </summary>
internal sealed record BackendPlan(string Name, string[] Preload, string Cblas, string Lapacke, string? Note = null)
{
    /// <summary>Debian's multiarch library folder; every backend of the table lives under it.</summary>
    internal const string LibDir = "/usr/lib/x86_64-linux-gnu";

    /// <summary>
    /// The OpenBLAS build chosen by the concurrency probe (tests/native/probe_openblas_concurrency.c): Debian's
    /// pthread build. See README "Architecture" for the measured reason.
    /// </summary>
    internal const string OpenBlasVariant = "pthread";

    private static string Lib(string relative) => Path.Combine(LibDir, relative);

    private static BackendPlan OpenBlas(string name, string variant) => new(
        name,
        // libopenblas.so.0 first: the variant's libblas/liblapack need it, and the system-wide
        // libopenblas.so.0 alternative may point at the other variant.
        [Lib($"openblas-{variant}/libopenblas.so.0"), Lib($"openblas-{variant}/libblas.so.3"), Lib($"openblas-{variant}/liblapack.so.3")],
        Lib($"openblas-{variant}/libopenblas.so.0"),
        Lib("liblapacke.so.3"));

    private static readonly BackendPlan Reference = new(
        "reference",
        [Lib("blas/libblas.so.3"), Lib("lapack/liblapack.so.3")],
        Lib("blas/libblas.so.3"),
        Lib("liblapacke.so.3"));

    private static readonly BackendPlan Blis = new(
        "blis",
        [Lib("blis-pthread/libblas.so.3"), Lib("lapack/liblapack.so.3")],
        Lib("blis-pthread/libblas.so.3"),
        Lib("liblapacke.so.3"));

    private static readonly BackendPlan Mkl = new(
        "mkl", [], "libmkl_rt.so.2", "libmkl_rt.so.2", "untested: libmkl_rt cannot be installed on the build machine");

    /// <summary>The plans to try, in order, for a value of NUMERICS_NATIVE_BLAS (null or empty = unset).</summary>
    internal static IReadOnlyList<BackendPlan> For(string? setting)
    {
        string s = setting?.Trim() ?? "";
        switch (s.ToLowerInvariant())
        {
            case "": return [OpenBlas("openblas", OpenBlasVariant), Reference];
            case "openblas": return [OpenBlas("openblas", OpenBlasVariant)];
            case "openblas-pthread": return [OpenBlas("openblas-pthread", "pthread")];
            case "openblas-openmp": return [OpenBlas("openblas-openmp", "openmp")];
            case "reference": return [Reference];
            case "blis": return [Blis];
            case "mkl": return [Mkl];
        }
        if (s.EndsWith('/') || Directory.Exists(s))
        {
            return [new BackendPlan(s, [Path.Combine(s, "libblas.so.3"), Path.Combine(s, "liblapack.so.3")],
                Path.Combine(s, "libblas.so.3"), Lib("liblapacke.so.3"))];
        }
        if (s.Contains('/', StringComparison.Ordinal))
        {
            // A single file must serve LAPACKE itself (upstream OpenBLAS builds do).
            return [new BackendPlan(s, [], s, s)];
        }
        return [];
    }

    /// <summary>The values NUMERICS_NATIVE_BLAS accepts, for error messages.</summary>
    internal const string Accepted =
        "openblas, openblas-pthread, openblas-openmp, reference, blis, mkl, a full path to a library, or a folder holding libblas.so.3 and liblapack.so.3";
}
