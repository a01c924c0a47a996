using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// The bytes behind an array and all its views, with an owner count (DESIGN §3.1). A plain object without a
/// finalizer: pooled blocks carry their <see cref="NativeMemoryHandle"/>, pinned memory its <see cref="PinnedBuffer"/>.
/// Each array over the buffer holds one owner reference; the last release gives the block back to the pool.
/// </summary>
internal sealed unsafe class NativeBuffer
{
    /// <summary>Blocks at or above this size are held through their SafeHandle during native calls, so an
    /// eviction racing with a call defers the free (DESIGN §3.1).</summary>
    internal const long InFlightGuardBytes = 64 * 1024;

    private int _refs;

    internal NativeBuffer(NativeMemoryHandle handle, int sizeClass)
    {
        Handle = handle;
        Block = handle;
        Pointer = (byte*)handle.DangerousGetHandle();
        Length = handle.Size;
        Kind = handle.IsHuge ? BufferKind.Huge : BufferKind.Pooled;
        SizeClass = sizeClass;
        handle.Owner = this;
    }

    internal NativeBuffer(SafeHandle owner, byte* pointer, long length, BufferKind kind)
    {
        Handle = owner;
        Pointer = pointer;
        Length = length;
        Kind = kind;
        SizeClass = -1;
        _refs = 1;
    }

    /// <summary>A buffer over pinned .NET memory, owned once; releasing the last owner unpins it.</summary>
    internal static NativeBuffer FromPinned(PinnedBuffer pin, long length) =>
        new(pin, (byte*)pin.DangerousGetHandle(), length, BufferKind.Pinned);

    internal byte* Pointer { get; }

    /// <summary>Address of the first byte, for metadata arithmetic outside unsafe code.</summary>
    internal nint Address => (nint)Pointer;

    /// <summary>Usable bytes (the size class for pooled blocks).</summary>
    internal long Length { get; }

    internal BufferKind Kind { get; }

    /// <summary>The block's pool size class; -1 for memory the pool does not own.</summary>
    internal int SizeClass { get; }

    internal SafeHandle Handle { get; }

    /// <summary>The pooled block's handle (null for memory the pool does not own).</summary>
    internal NativeMemoryHandle? Block { get; }

    /// <summary>For pooled blocks: which counter the block is charged to (<see cref="NativeMemoryHandle.StateLive"/>,
    /// cached or quarantined), read by the handle's finalizer.</summary>
    internal int State;

    /// <summary>Milliseconds timestamp of the last return to the pool (for the idle trimmer).</summary>
    internal long LastUsed;

    /// <summary>Next block in a pool stack.</summary>
    internal NativeBuffer? Next;

    internal int RefCount => Volatile.Read(ref _refs);

    /// <summary>Marks a block fresh out of the pool as owned by exactly one array.</summary>
    internal void InitOwned() => _refs = 1;

    internal void AddRef() => Interlocked.Increment(ref _refs);

    /// <summary>Drops one owner; the last one returns the block to the pool or unpins the .NET memory.</summary>
    internal void Release()
    {
        int left = Interlocked.Decrement(ref _refs);
        if (left > 0) return;
        if (left < 0) throw new InvalidOperationException("NativeBuffer released more often than referenced.");
        if (Kind is BufferKind.Pooled or BufferKind.Huge) BufferPool.Return(this);
        else Handle.Dispose();
    }

    /// <summary>Holds the block for the length of a native call (large blocks only; see <see cref="InFlightGuardBytes"/>).</summary>
    internal bool EnterCall()
    {
        if (Length < InFlightGuardBytes) return false;
        bool added = false;
        Handle.DangerousAddRef(ref added);
        return added;
    }

    internal void ExitCall(bool entered)
    {
        if (entered) Handle.DangerousRelease();
    }

    /// <summary>Zeroes the first <paramref name="bytes"/> bytes.</summary>
    internal void Clear(long bytes)
    {
        // STOPGAP(native): DESIGN §3.2 zeroes reused blocks in the native copy kernel, in parallel above the threshold.
        NativeMemory.Clear(Pointer, (nuint)bytes);
    }
}
