namespace Numerics.Native;

/// <summary>Native memory could not be allocated. NumPy: <c>numpy.core._exceptions._ArrayMemoryError</c> (a <c>MemoryError</c>).</summary>
public class MemoryError : OutOfMemoryException, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public MemoryError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "MemoryError";
}
