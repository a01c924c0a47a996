namespace Numerics.Native;

/// <summary>A deprecated spelling was used (still honoured, as in NumPy 2.2). NumPy: Python's <c>DeprecationWarning</c>.</summary>
public class DeprecationWarning : NumpyWarning
{
    /// <summary>Creates the warning with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public DeprecationWarning(string message) : base(message) { }

    /// <summary>Creates the warning with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public DeprecationWarning(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public override string category => "DeprecationWarning";
}
