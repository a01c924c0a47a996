using System.Collections.Concurrent;

namespace Numerics.Native;

/// <summary>
/// Where the core reports NumPy warnings (ComplexWarning on complex→real casts, RuntimeWarning "invalid value
/// encountered in cast", "overflow encountered in det"). np.warnings (Config/) replaces <see cref="Report"/> with
/// its filter and handler.
/// </summary>
internal static class WarningSink
{
    private static readonly ConcurrentDictionary<(string Category, string Message), byte> Shown = new();

    /// <summary>Called for every warning; the default writes Python's "Category: message" line to stderr, once per
    /// distinct category and message (the "default" action of API.md's np.warnings: a loop that overflows in det
    /// warns once, as in Python, rather than writing a line per call).</summary>
    internal static Action<NumpyWarning> Report { get; set; } = w => WriteFirst(w, Console.Error);

    /// <summary>Writes <paramref name="w"/> to <paramref name="to"/> unless a warning of the same category and
    /// message was written before in this process; returns whether it wrote.</summary>
    internal static bool WriteFirst(NumpyWarning w, TextWriter to)
    {
        if (!Shown.TryAdd((w.category, w.Message), 0)) return false;
        to.WriteLine($"{w.category}: {w.Message}");
        return true;
    }
}
