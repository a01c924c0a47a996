namespace Numerics.Native;

/// <summary>A floating-point error trapped by errstate <c>raise</c>. NumPy: <c>FloatingPointError</c>.</summary>
public class FloatingPointError : ArithmeticException, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public FloatingPointError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public FloatingPointError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "FloatingPointError";
}
