namespace Numerics.Native;

/// <summary>
/// The NumPy namespace: <c>import numpy as np</c>. Members keep NumPy's names and parameter names; the class is
/// split into partial files by area (<c>np.Creation.cs</c>, <c>np.Config.cs</c>, …).
/// </summary>
public static partial class np
{
    /// <summary>This library's version. NumPy: <c>np.__version__</c> (of this library, not NumPy's).</summary>
    public const string __version__ = "0.1.0";

    /// <summary>The NumPy version whose semantics this library follows.</summary>
    public const string numpy_version = "2.2";
}
