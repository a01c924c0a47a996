using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>
/// A disposal scope: every array created while it is the current scope of the async flow is disposed when the
/// scope is (LIFO), except arrays moved out with <see cref="NDArray.MoveToOuterScope"/>. Created by
/// <c>np.scope()</c> and <c>np.unscoped()</c>. NumPy has no equivalent (Python frees by reference counting);
/// the model is TorchSharp's DisposeScope, but the current scope flows with <c>await</c> (AsyncLocal).
/// </summary>
public sealed class NDScope : IDisposable
{
    private const int ChunkShift = 6;
    private const int ChunkSize = 1 << ChunkShift;

    private static readonly AsyncLocal<NDScope?> CurrentScope = new();

    private readonly NDScope? _parent;
    private readonly bool _unscoped;
    private readonly Lock _growLock = new();
    private NDArray?[]?[] _chunks = new NDArray?[]?[4];
    private int _next;
    private int _disposed;
    private NDScope? _child;

    private NDScope(NDScope? parent, bool unscoped)
    {
        _parent = parent;
        _unscoped = unscoped;
        if (parent is not null) parent._child = this;
    }

    /// <summary>The innermost scope of the current async flow, or null.</summary>
    internal static NDScope? Current => CurrentScope.Value;

    /// <summary>Scopes currently open anywhere; while none is, creating an array skips the AsyncLocal read.</summary>
    private static int s_open;

    /// <summary>Every scope not yet disposed (for <see cref="MoveOut"/>'s search across flows), held weakly: a scope
    /// that is never disposed is still collected, and its arrays with it.</summary>
    private static readonly ConditionalWeakTable<NDScope, object?> Open = new();

    internal static NDScope Begin(bool unscoped)
    {
        Interlocked.Increment(ref s_open);
        var s = new NDScope(CurrentScope.Value, unscoped);
        Open.AddOrUpdate(s, null);
        CurrentScope.Value = s;
        return s;
    }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The number of arrays registered with this scope and not yet disposed or moved out.</summary>
    public int Count
    {
        get
        {
            int n = 0, total = Math.Min(Volatile.Read(ref _next), _chunks.Length * ChunkSize);
            for (int i = 0; i < total; i++)
            {
                var chunk = _chunks[i >> ChunkShift];
                if (chunk?[i & (ChunkSize - 1)] is { IsDisposed: false }) n++;
            }
            return n;
        }
    }

    /// <summary>Registers a new array with the innermost real scope (skipping an <c>np.unscoped()</c> marker).</summary>
    internal static void RegisterNew(NDArray a)
    {
        if (Volatile.Read(ref s_open) == 0) return;
        var s = CurrentScope.Value;
        if (s is null || s._unscoped) return;
        s.Add(a);
    }

    private void Add(NDArray a)
    {
        if (IsDisposed) return; // an array created after its scope ended (by a task that outlived it) is unscoped
        int i = Interlocked.Increment(ref _next) - 1;
        int c = i >> ChunkShift;
        var chunks = Volatile.Read(ref _chunks);
        if (c >= chunks.Length || chunks[c] is null) chunks = Grow(c);
        a.MarkScoped();
        Volatile.Write(ref chunks[c]![i & (ChunkSize - 1)], a);
    }

    private NDArray?[]?[] Grow(int c)
    {
        lock (_growLock)
        {
            var chunks = _chunks;
            if (c >= chunks.Length)
            {
                var bigger = new NDArray?[]?[Math.Max(chunks.Length * 2, c + 1)];
                Array.Copy(chunks, bigger, chunks.Length);
                chunks = bigger;
            }
            chunks[c] ??= new NDArray?[ChunkSize];
            Volatile.Write(ref _chunks, chunks);
            return chunks;
        }
    }

    /// <summary>Moves <paramref name="a"/> from the scope that holds it to that scope's enclosing real scope, or
    /// leaves it unscoped.</summary>
    /// <remarks>Arrays do not record their scope or slot (8 more bytes on every array object), so the holder is
    /// searched: the scopes of the calling flow first, newest slot first, where a result about to be returned
    /// is; then every other open scope, for an array moved out by a flow that did not create it.</remarks>
    internal static void MoveOut(NDArray a)
    {
        for (var s = CurrentScope.Value; s is not null; s = s._parent)
            if (s.TryMoveOut(a)) return;
        foreach (var (s, _) in Open)
            if (s.TryMoveOut(a)) return;
    }

    private bool TryMoveOut(NDArray a)
    {
        var chunks = Volatile.Read(ref _chunks);
        for (int i = Math.Min(Volatile.Read(ref _next), chunks.Length * ChunkSize) - 1; i >= 0; i--)
        {
            var chunk = chunks[i >> ChunkShift];
            if (chunk is null || !ReferenceEquals(Volatile.Read(ref chunk[i & (ChunkSize - 1)]), a)) continue;
            if (!ReferenceEquals(Interlocked.CompareExchange(ref chunk[i & (ChunkSize - 1)], null, a), a)) return false;
            var outer = _parent;
            while (outer is not null && (outer._unscoped || outer.IsDisposed)) outer = outer._parent;
            outer?.Add(a);
            return true;
        }
        return false;
    }

    /// <summary>Disposes every array still registered, newest first, after any inner scope still open.
    /// NumPy: none (Python frees by reference counting).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Interlocked.Decrement(ref s_open);
        Open.Remove(this);
        if (_child is { IsDisposed: false } child) child.Dispose();
        int total = Math.Min(Volatile.Read(ref _next), _chunks.Length * ChunkSize);
        for (int i = total - 1; i >= 0; i--)
        {
            var chunk = _chunks[i >> ChunkShift];
            if (chunk is null) continue;
            var a = Interlocked.Exchange(ref chunk[i & (ChunkSize - 1)], null);
            a?.Dispose();
        }
        if (ReferenceEquals(CurrentScope.Value, this)) CurrentScope.Value = _parent;
        if (_parent is not null && ReferenceEquals(_parent._child, this)) _parent._child = null;
    }
}
