using System.Buffers;
using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// Keeps .NET memory pinned while arrays use it (<c>NDArray.Wrap</c>, <c>np.frombuffer</c>). A SafeHandle, so a
/// wrapper that is never disposed still unpins in its finalizer.
/// </summary>
internal sealed class PinnedBuffer : SafeHandle
{
    private GCHandle _gcHandle;
    private MemoryHandle _memoryHandle;
    private readonly bool _isMemory;

    internal PinnedBuffer(object array) : base(IntPtr.Zero, ownsHandle: true)
    {
        _gcHandle = GCHandle.Alloc(array, GCHandleType.Pinned);
        SetHandle(_gcHandle.AddrOfPinnedObject());
    }

    internal unsafe PinnedBuffer(MemoryHandle pinned) : base(IntPtr.Zero, ownsHandle: true)
    {
        _memoryHandle = pinned;
        _isMemory = true;
        SetHandle((IntPtr)pinned.Pointer);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        if (_isMemory) _memoryHandle.Dispose();
        else if (_gcHandle.IsAllocated) _gcHandle.Free();
        return true;
    }
}
