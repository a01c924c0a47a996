namespace Numerics.Native;

/// <summary>
/// An axis number is out of bounds. NumPy: <c>numpy.exceptions.AxisError</c>, a subclass of both
/// <c>ValueError</c> and <c>IndexError</c>; here an <see cref="IndexError"/> (catch <see cref="ArgumentException"/> to see both).
/// </summary>
public class AxisError : IndexError
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public AxisError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public AxisError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public override string PythonName => "numpy.exceptions.AxisError";
}
