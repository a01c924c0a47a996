using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// The C struct <c>nk_index_desc</c> of native/include/numerics_kernels.h, field for field (hand-written until
/// Bindgen emits it; a layout test compares the size with the header's).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NkIndexDesc
{
    internal const int MaxDims = 32;

    public int Direction;
    public int Mode;
    public int NIdx;
    public int ItemSize;
    public int BNDim;
    public int SNDim;
    public Dims32 BShape;
    public Dims32 SShape;
    public Dims32 AxisLen;
    public Dims32 AxisStride;
    public Dims32 ReportAxis;
    public Dims32 BaseSStrides;
    public Dims64 PackedStrides;
    public Dims1024 IdxStrides;
    public Ptrs32 Idx;
    public byte* Base;
    public byte* Packed;

    [InlineArray(32)]
    internal struct Dims32
    {
        private long _e;
    }

    [InlineArray(64)]
    internal struct Dims64
    {
        private long _e;
    }

    [InlineArray(1024)]
    internal struct Dims1024
    {
        private long _e;
    }

    [InlineArray(32)]
    internal struct Ptrs32
    {
        private nint _e;
    }
}
