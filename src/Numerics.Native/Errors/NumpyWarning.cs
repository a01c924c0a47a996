namespace Numerics.Native;

/// <summary>
/// Base of the warnings the library reports; thrown only under the "error" warning filter, otherwise handed to
/// <c>np.warnings.handler</c>. NumPy: Python's <c>Warning</c> categories.
/// </summary>
public class NumpyWarning : Exception, INumpyException
{
    /// <summary>Creates the warning with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public NumpyWarning(string message) : base(message) { }

    /// <summary>Creates the warning with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public NumpyWarning(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The Python warning category: "RuntimeWarning", "ComplexWarning", …</summary>
    public virtual string category => "UserWarning";

    /// <inheritdoc/>
    public virtual string PythonName => category;
}
