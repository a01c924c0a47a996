namespace Numerics.Native;

/// <summary>A least-squares fit is poorly conditioned. NumPy: <c>numpy.exceptions.RankWarning</c>.</summary>
public class RankWarning : NumpyWarning
{
    /// <summary>Creates the warning with NumPy's message text.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    public RankWarning(string message) : base(message) { }

    /// <summary>Creates the warning with NumPy's message text and the exception that caused it.</summary>
    /// <param name="message">The message, exactly as NumPy words it.</param>
    /// <param name="innerException">The cause.</param>
    public RankWarning(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc/>
    public override string category => "RankWarning";

    /// <inheritdoc/>
    public override string PythonName => "numpy.exceptions.RankWarning";
}
