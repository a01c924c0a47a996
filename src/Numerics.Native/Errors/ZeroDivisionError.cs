namespace Numerics.Native;

/// <summary>Division by zero outside the array arithmetic (e.g. <c>arange</c> with step 0). NumPy: <c>ZeroDivisionError</c>.</summary>
public class ZeroDivisionError : DivideByZeroException, INumpyException
{
    /// <summary>Creates the exception with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public ZeroDivisionError(string message) : base(message) { }

    /// <summary>Creates the exception with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public ZeroDivisionError(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public virtual string PythonName => "ZeroDivisionError";
}
