namespace Numerics.Native;

/// <summary>A floating-point problem during a computation. NumPy: <c>RuntimeWarning</c>.</summary>
public class RuntimeWarning : NumpyWarning
{
    /// <summary>Creates the warning with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public RuntimeWarning(string message) : base(message) { }

    /// <summary>Creates the warning with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public RuntimeWarning(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public override string category => "RuntimeWarning";

    /// <inheritdoc/>
    public override string PythonName => "RuntimeWarning";
}
