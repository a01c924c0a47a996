using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// The C math library functions that NumPy's loops call and .NET does not expose with the same bits (.NET's Math.Log,
/// Exp, Sin, Cos, Atan2 and Pow already call libm on Linux). Used by the C# STOPGAP loops of geomspace/logspace, so
/// their complex steps round as NumPy's npy_clog / npy_hypot do.
/// </summary>
internal static partial class LibM
{
    [LibraryImport("libm.so.6", EntryPoint = "log1p")]
    internal static partial double Log1p(double x);

    [LibraryImport("libm.so.6", EntryPoint = "hypot")]
    internal static partial double Hypot(double x, double y);
}
