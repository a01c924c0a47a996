namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// A workload family whose setup changes process-wide state that another side of a <c>--raw-pairs</c> run changes too
/// (Math.NET's <c>Control.LinearAlgebraProvider</c>): the pair loop calls <see cref="Activate"/> before each of this
/// side's timed calls, outside the timing, so each side runs on its own state.
/// </summary>
public interface IPairSide
{
    /// <summary>Puts this side's process-wide state back in place.</summary>
    void Activate();
}
