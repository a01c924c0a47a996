namespace Numerics.Native;

/// <summary>
/// Where the core reports floating-point events of casts ("invalid value encountered in cast"). The ufuncs
/// issue's errstate replaces <see cref="Handler"/> to apply ignore/warn/raise/call; the default warns as NumPy's
/// default errstate does (invalid = "warn").
/// </summary>
internal static class FpeSink
{
    internal static Action<string> Handler { get; set; } = msg => WarningSink.Report(new RuntimeWarning(msg));

    internal static void Report(string message) => Handler(message);
}
