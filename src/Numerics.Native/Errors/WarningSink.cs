namespace Numerics.Native;

/// <summary>
/// Where the core reports NumPy warnings (ComplexWarning on complex→real casts, RuntimeWarning "invalid value
/// encountered in cast"). np.warnings (Config/) replaces <see cref="Report"/> with its filter and handler.
/// </summary>
internal static class WarningSink
{
    /// <summary>Called for every warning; the default writes Python's "Category: message" line to stderr.</summary>
    internal static Action<NumpyWarning> Report { get; set; } =
        w => Console.Error.WriteLine($"{w.category}: {w.Message}");
}
