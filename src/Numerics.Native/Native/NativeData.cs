using System.Numerics;
using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>
/// The few places where the facade turns an array's metadata into addresses: typed element references, spans over
/// contiguous data, and element reads/writes by byte offset. Kept here so unsafe code stays in Native/ and Memory/.
/// </summary>
internal static unsafe class NativeData
{
    /// <summary>The address of element (0,…,0); weak scalars are pinned by the caller (<see cref="InlineBytes"/>).</summary>
    internal static byte* Ptr(NDArray a, byte* inline) => a.Buf is null ? inline : a.Buf.Pointer + a.Offset;

    /// <summary>What a caller pins for <see cref="Ptr"/>: a weak scalar's own bytes; for any other array 16 spare
    /// bytes, which only a disposed array (no buffer) would reach, as it reached its own unused inline bytes before.</summary>
    internal static ref byte InlineBytes(NDArray a) => ref a is WeakScalarArray w ? ref w.Inline[0] : ref NoInline[0];

    private static readonly byte[] NoInline = new byte[16];

    internal static ref T RefAt<T>(nint address) where T : unmanaged => ref Unsafe.AsRef<T>((void*)address);

    internal static Span<T> SpanAt<T>(nint address, int length) where T : unmanaged => new((void*)address, length);

    /// <summary>Reads the element at <paramref name="byteOffset"/> from element (0,…,0), converted to <typeparamref name="T"/> (unsafe casting).</summary>
    internal static T Read<T>(NDArray a, long byteOffset) where T : unmanaged
    {
        var target = DTypeParser.FromType(typeof(T));
        T result = default;
        fixed (byte* inl = &InlineBytes(a))
        {
            byte* p = Ptr(a, inl) + byteOffset;
            if (target.Code == a.Dtype.Code) return *(T*)p;
            CastLoops.One((byte*)&result, target.Code, p, a.Dtype.Code);
        }
        return result;
    }

    /// <summary>Reads the element at <paramref name="byteOffset"/> as a complex number.</summary>
    internal static Complex ReadComplex(NDArray a, long byteOffset)
    {
        fixed (byte* inl = &InlineBytes(a)) return CastLoops.ReadComplex(Ptr(a, inl) + byteOffset, a.Dtype.Code);
    }

    /// <summary>Reads the element as its own .NET type, boxed.</summary>
    internal static object ReadBoxed(NDArray a, long byteOffset)
    {
        fixed (byte* inl = &InlineBytes(a))
        {
            byte* p = Ptr(a, inl) + byteOffset;
            return a.Dtype.Code switch
            {
                DTypeCode.Bool => *p != 0,
                DTypeCode.Int8 => *(sbyte*)p,
                DTypeCode.UInt8 => *p,
                DTypeCode.Int16 => *(short*)p,
                DTypeCode.UInt16 => *(ushort*)p,
                DTypeCode.Int32 => *(int*)p,
                DTypeCode.UInt32 => *(uint*)p,
                DTypeCode.Int64 => *(long*)p,
                DTypeCode.UInt64 => *(ulong*)p,
                DTypeCode.Float16 => *(Half*)p,
                DTypeCode.Float32 => *(float*)p,
                DTypeCode.Float64 => *(double*)p,
                DTypeCode.Complex64 => *(Complex64*)p,
                _ => *(Complex*)p,
            };
        }
    }

    /// <summary>Writes a value of any of the 14 .NET element types into an element, converting (unsafe casting).</summary>
    internal static int Write<T>(NDArray a, long byteOffset, T value) where T : unmanaged
    {
        var source = DTypeParser.FromType(typeof(T));
        byte* p = a.Buf!.Pointer + a.Offset + byteOffset;
        if (source.Code == a.Dtype.Code)
        {
            *(T*)p = value;
            return 0;
        }
        return CastLoops.One(p, a.Dtype.Code, (byte*)&value, source.Code);
    }

    /// <summary>Stores a value into a weak scalar's inline bytes.</summary>
    internal static void SetInline<T>(WeakScalarArray a, T value) where T : unmanaged
    {
        fixed (byte* inl = &a.Inline[0]) *(T*)inl = value;
    }

    /// <summary>Copies the raw bytes of one element into <paramref name="dst"/> (at most 16).</summary>
    internal static void ReadRaw(NDArray a, long byteOffset, Span<byte> dst)
    {
        fixed (byte* inl = &InlineBytes(a))
        {
            new ReadOnlySpan<byte>(Ptr(a, inl) + byteOffset, a.Dtype.Size).CopyTo(dst);
        }
    }
}
