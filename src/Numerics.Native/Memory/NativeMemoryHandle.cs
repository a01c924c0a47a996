using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// Owns one block taken from the OS. Created once per block and travels with it through the pool (creating a
/// SafeHandle per array would not fit the 50 ns budget, DESIGN §3). Its critical finalizer is the safety net for
/// arrays that are never disposed: it frees the block and corrects the counters.
/// </summary>
internal sealed unsafe class NativeMemoryHandle : SafeHandle
{
    internal const int StateLive = 0;
    internal const int StateCached = 1;
    internal const int StateQuarantined = 2;

    internal NativeMemoryHandle(void* block, long size, bool huge) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle((IntPtr)block);
        Size = size;
        IsHuge = huge;
    }

    /// <summary>Block size in bytes (its size class).</summary>
    internal long Size { get; }

    internal bool IsHuge { get; }

    /// <summary>The pool's buffer object over this block, which records which counter the block is charged to
    /// (<see cref="NativeBuffer.State"/>: kept there, not here, so a pool hit touches one object less).</summary>
    internal NativeBuffer? Owner;

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        // A block freed by its finalizer was leaked while live or stranded in a dead thread's magazine.
        // The owner is reachable from this finalizable handle, so it is still intact while this runs.
        switch (Owner?.State ?? StateQuarantined)
        {
            case StateLive: MemoryCounters.AddInUse(-Size); break;
            case StateCached: MemoryCounters.AddCached(-Size); break;
        }
        MemoryCounters.AddReserved(-Size);
        return true;
    }
}
