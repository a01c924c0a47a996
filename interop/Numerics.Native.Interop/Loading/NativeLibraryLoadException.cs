namespace Numerics.Native.Interop;

/// <summary>
/// Thrown once when no BLAS/LAPACK backend (or the kernel library) could be loaded. The message lists every
/// attempt, why it failed, and how to fix it.
/// </summary>
public sealed class NativeLibraryLoadException : DllNotFoundException
{
    /// <summary>Creates the exception with the full load trace in its message.</summary>
    public NativeLibraryLoadException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public NativeLibraryLoadException() { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public NativeLibraryLoadException(string message, Exception inner) : base(message, inner) { }
}
