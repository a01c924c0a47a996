namespace Numerics.Native;

/// <summary>A failed <c>np.testing</c> assertion. NumPy: <c>AssertionError</c>.</summary>
public class AssertionError : Exception, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public AssertionError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public AssertionError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "AssertionError";
}
