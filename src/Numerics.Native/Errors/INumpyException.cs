namespace Numerics.Native;

/// <summary>
/// Implemented by every exception the library throws for a NumPy error, so
/// <c>catch (Exception e) when (e is INumpyException)</c> sees them all.
/// NumPy: the Python exception hierarchy (<c>ValueError</c>, <c>IndexError</c>, …).
/// </summary>
public interface INumpyException
{
    /// <summary>The Python name of the exception: "ValueError", "numpy.exceptions.AxisError", …</summary>
    string PythonName { get; }
}
