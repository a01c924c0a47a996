namespace Numerics.Native;

/// <summary>Restores the print options that were in effect before <see cref="np.printoptions"/> (NumPy's
/// <c>ContextVar.reset(token)</c>).</summary>
internal sealed class PrintOptionsScope : IDisposable
{
    private readonly PrintOptions? _previous;
    private bool _disposed;

    internal PrintOptionsScope(PrintOptions? previous) => _previous = previous;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        PrintOptionsState.Set(_previous);
    }
}
