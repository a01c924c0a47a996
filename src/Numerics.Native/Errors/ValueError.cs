namespace Numerics.Native;

/// <summary>An argument has the right type but an unacceptable value. NumPy: <c>ValueError</c>.</summary>
public class ValueError : ArgumentException, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public ValueError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public ValueError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "ValueError";
}
