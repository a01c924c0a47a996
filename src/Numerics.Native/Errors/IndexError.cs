namespace Numerics.Native;

/// <summary>
/// An index is out of range or malformed. NumPy: <c>IndexError</c>. Derives from
/// <see cref="ArgumentOutOfRangeException"/> because <see cref="IndexOutOfRangeException"/> is sealed.
/// </summary>
public class IndexError : ArgumentOutOfRangeException, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public IndexError(string message) : base(null, message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public IndexError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "IndexError";
}
