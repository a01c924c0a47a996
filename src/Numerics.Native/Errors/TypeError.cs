namespace Numerics.Native;

/// <summary>
/// An argument has an unsupported type or dtype. NumPy: <c>TypeError</c> (also <c>UFuncTypeError</c> and
/// <c>DTypePromotionError</c>).
/// </summary>
public class TypeError : ArgumentException, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public TypeError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public TypeError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "TypeError";
}
