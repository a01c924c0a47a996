namespace Numerics.Native;

/// <summary>A linear-algebra routine failed (singular matrix, no convergence, …). NumPy: <c>numpy.linalg.LinAlgError</c>.</summary>
public class LinAlgError : ValueError
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public LinAlgError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public LinAlgError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public override string PythonName => "numpy.linalg.LinAlgError";
}
