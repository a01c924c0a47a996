namespace Numerics.Native;

/// <summary>Complex values cast to a real type lose their imaginary part. NumPy: <c>numpy.exceptions.ComplexWarning</c>.</summary>
public class ComplexWarning : NumpyWarning
{
    /// <summary>Creates the warning with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public ComplexWarning(string message) : base(message) { }

    /// <summary>Creates the warning with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public ComplexWarning(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The warning of every complex → real cast, in NumPy's words.</summary>
    internal static ComplexWarning DiscardsImaginary() => new("Casting complex values to real discards the imaginary part");

    /// <inheritdoc/>
    public override string category => "ComplexWarning";

    /// <inheritdoc/>
    public override string PythonName => "numpy.exceptions.ComplexWarning";
}
