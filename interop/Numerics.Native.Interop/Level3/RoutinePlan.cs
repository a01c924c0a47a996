namespace Numerics.Native.Interop.Level3;

/// <summary>The four gemm routines, in the order of every per-routine array here.</summary>
internal static class Routine
{
    internal const int S = 0, D = 1, C = 2, Z = 3, Count = 4;

    internal static readonly string[] Names = ["sgemm", "dgemm", "cgemm", "zgemm"];

    /// <summary>Bytes per element.</summary>
    internal static readonly int[] ElementSize = [4, 8, 8, 16];

    /// <summary>Floating-point operations per multiply-add: 2 real, 8 complex.</summary>
    internal static readonly int[] FlopsPerMnk = [2, 2, 8, 8];

    internal static bool IsComplex(int t) => t >= C;

    internal static int Parse(string name) => Array.IndexOf(Names, name);
}

/// <summary>
/// How one routine is served, immutable once published: the backend's CBLAS entry point, BLIS's typed expert entry
/// point (0 when BLIS is not used for it), and from which problem size BLIS runs.
/// </summary>
internal sealed class RoutinePlan(int routine, nint openBlas, nint blis, BlisWindow window, bool always, string choice, bool pending = false)
{
    /// <summary>BLIS may serve this routine once it is initialised and checked: the first call activates it.</summary>
    internal bool Pending { get; } = pending;

    internal int Routine { get; } = routine;
    internal nint OpenBlas { get; } = openBlas;
    internal nint Blis { get; } = blis;

    /// <summary>m·n·k from which BLIS serves the call on one thread; <see cref="long.MaxValue"/> = never.</summary>
    internal long BlisFrom { get; } = window.From;

    /// <summary>m·n·k from which OpenBLAS serves it again; <see cref="long.MaxValue"/> = no upper end.</summary>
    internal long BlisBelow { get; } = window.Below;

    /// <summary>NUMERICS_NATIVE_GEMM=blis: every size through BLIS.</summary>
    internal bool Always { get; } = always;

    /// <summary>The provider line show_config prints.</summary>
    internal string Choice { get; } = choice;

    internal static RoutinePlan OpenBlasOnly(int routine, nint openBlas, string choice, bool pending = false) =>
        new(routine, openBlas, 0, BlisWindow.Never, false, choice, pending);
}

/// <summary>The m·n·k range [From, Below) in which BLIS is the faster provider on one thread.</summary>
internal readonly record struct BlisWindow(long From, long Below)
{
    internal static BlisWindow Never => new(long.MaxValue, long.MaxValue);

    internal static BlisWindow Always => new(0, long.MaxValue);

    internal bool IsOpenEnded => Below == long.MaxValue;
}
