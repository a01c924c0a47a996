namespace Numerics.Native;

/// <summary>An integer that does not fit its dtype (NEP 50). NumPy: <c>OverflowError</c>.</summary>
public class OverflowError : OverflowException, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public OverflowError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public OverflowError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "OverflowError";
}
