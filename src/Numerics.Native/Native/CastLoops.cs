using System.Numerics;
using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>
/// Element conversions between the 14 dtypes with NumPy 1.24's results on x86-64 (the test oracle), including the
/// out-of-range and NaN cases that C leaves undefined and NumPy inherits from the x86 conversion instructions.
/// The managed fallback of nk_copy's cast path (native/src/copy/nk_cast.c implements the same rules) for hosts without the kernel library.
/// </summary>
internal static unsafe class CastLoops
{
    internal const int FpeOverflow = 2;
    internal const int FpeInvalid = 8;

    /// <summary>NumPy reports "overflow encountered in cast" when a finite value becomes ±inf in a narrower float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckOverflow<TR>(bool resultIsInfinite, double source, ref int fpe) where TR : IRead
    {
        if (resultIsInfinite && (!IsFloatLike<TR>() || double.IsFinite(source))) fpe |= FpeOverflow;
    }

    internal enum Cat { Bool, Signed, Unsigned, Half, Float, Complex }

    internal struct Val
    {
        /// <summary>The element sits in the 4-wide vectorised body of a contiguous run (see <see cref="CvtU32"/>).</summary>
        public bool Vec;
        public long L;
        public ulong U;
        public double D;
        public double I;
    }

    internal interface IRead
    {
        static abstract Cat Cat { get; }
        static abstract int Size { get; }
        static abstract void Read(byte* p, ref Val v);
    }

    internal interface IWrite
    {
        static abstract void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead;
    }

    private struct RBool : IRead { public static Cat Cat => Cat.Bool; public static int Size => 1; public static void Read(byte* p, ref Val v) => v.L = *p != 0 ? 1 : 0; }
    private struct RI8 : IRead { public static Cat Cat => Cat.Signed; public static int Size => 1; public static void Read(byte* p, ref Val v) => v.L = *(sbyte*)p; }
    private struct RU8 : IRead { public static Cat Cat => Cat.Unsigned; public static int Size => 1; public static void Read(byte* p, ref Val v) => v.U = *p; }
    private struct RI16 : IRead { public static Cat Cat => Cat.Signed; public static int Size => 2; public static void Read(byte* p, ref Val v) => v.L = *(short*)p; }
    private struct RU16 : IRead { public static Cat Cat => Cat.Unsigned; public static int Size => 2; public static void Read(byte* p, ref Val v) => v.U = *(ushort*)p; }
    private struct RI32 : IRead { public static Cat Cat => Cat.Signed; public static int Size => 4; public static void Read(byte* p, ref Val v) => v.L = *(int*)p; }
    private struct RU32 : IRead { public static Cat Cat => Cat.Unsigned; public static int Size => 4; public static void Read(byte* p, ref Val v) => v.U = *(uint*)p; }
    private struct RI64 : IRead { public static Cat Cat => Cat.Signed; public static int Size => 8; public static void Read(byte* p, ref Val v) => v.L = *(long*)p; }
    private struct RU64 : IRead { public static Cat Cat => Cat.Unsigned; public static int Size => 8; public static void Read(byte* p, ref Val v) => v.U = *(ulong*)p; }
    private struct RF16 : IRead { public static Cat Cat => Cat.Half; public static int Size => 2; public static void Read(byte* p, ref Val v) => v.D = (double)*(Half*)p; }
    private struct RF32 : IRead { public static Cat Cat => Cat.Float; public static int Size => 4; public static void Read(byte* p, ref Val v) => v.D = *(float*)p; }
    private struct RF64 : IRead { public static Cat Cat => Cat.Float; public static int Size => 8; public static void Read(byte* p, ref Val v) => v.D = *(double*)p; }
    private struct RC64 : IRead
    {
        public static Cat Cat => Cat.Complex;
        public static int Size => 8;
        public static void Read(byte* p, ref Val v) { v.D = ((float*)p)[0]; v.I = ((float*)p)[1]; }
    }
    private struct RC128 : IRead
    {
        public static Cat Cat => Cat.Complex;
        public static int Size => 16;
        public static void Read(byte* p, ref Val v) { v.D = ((double*)p)[0]; v.I = ((double*)p)[1]; }
    }

    // ---- x86 conversion semantics ----
    private const double Two31 = 2147483648.0, Two63 = 9223372036854775808.0;

    /// <summary>cvttsd2si with a 32-bit result: out of range and NaN give 0x80000000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Cvt32(double d, ref int fpe)
    {
        if (d > -2147483649.0 && d < Two31) return (int)d;
        fpe |= FpeInvalid;
        return int.MinValue;
    }

    /// <summary>cvttsd2si with a 64-bit result: out of range and NaN give 0x8000000000000000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Cvt64(double d, ref int fpe)
    {
        if (d >= -Two63 && d < Two63) return (long)d;
        fpe |= FpeInvalid;
        return long.MinValue;
    }

    /// <summary>gcc's double → uint64 sequence (subtract 2^63 above it, then flip the top bit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong CvtU64(double d, ref int fpe) =>
        d >= Two63 ? (ulong)Cvt64(d - Two63, ref fpe) ^ (1UL << 63) : (ulong)Cvt64(d, ref fpe);

    /// <summary>
    /// NumPy 1.24's float → uint32 cast, whose out-of-range results depend on gcc's code: in the 4-wide vectorised
    /// body of a contiguous loop, x ≥ 2^31 goes through cvttsd2si32(x − 2^31) ^ 2^31 and everything else through
    /// cvttsd2si32 (so NaN → 2^31); the scalar tail (n mod 4 elements), strided loops and float16 sources take the
    /// low 32 bits of cvttsd2si64 (so NaN → 0). Measured against NumPy 1.24 on x86-64 (core.py astype fixtures).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint CvtU32(double d, bool vec, ref int fpe)
    {
        if (!vec) return (uint)Cvt64(d, ref fpe);
        return d >= Two31 ? (uint)Cvt32(d - Two31, ref fpe) ^ 0x80000000u : (uint)Cvt32(d, ref fpe);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFloatLike<TR>() where TR : IRead => TR.Cat is Cat.Half or Cat.Float or Cat.Complex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long AsLong<TR>(ref Val v) where TR : IRead => TR.Cat == Cat.Unsigned ? (long)v.U : v.L;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AsDouble<TR>(ref Val v) where TR : IRead =>
        TR.Cat == Cat.Unsigned ? v.U : TR.Cat is Cat.Signed or Cat.Bool ? v.L : v.D;

    private struct WBool : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *p = (TR.Cat switch
            {
                Cat.Unsigned => v.U != 0,
                Cat.Signed or Cat.Bool => v.L != 0,
                Cat.Complex => v.D != 0 || v.I != 0,
                _ => v.D != 0,
            }) ? (byte)1 : (byte)0;
    }

    private struct WI8 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *(sbyte*)p = IsFloatLike<TR>() ? (sbyte)Cvt32(v.D, ref fpe) : (sbyte)AsLong<TR>(ref v);
    }

    private struct WU8 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *p = IsFloatLike<TR>() ? (byte)Cvt32(v.D, ref fpe) : (byte)AsLong<TR>(ref v);
    }

    private struct WI16 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *(short*)p = IsFloatLike<TR>() ? (short)Cvt32(v.D, ref fpe) : (short)AsLong<TR>(ref v);
    }

    private struct WU16 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *(ushort*)p = IsFloatLike<TR>() ? (ushort)Cvt32(v.D, ref fpe) : (ushort)AsLong<TR>(ref v);
    }

    private struct WI32 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *(int*)p = IsFloatLike<TR>() ? Cvt32(v.D, ref fpe) : (int)AsLong<TR>(ref v);
    }

    private struct WU32 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *(uint*)p = IsFloatLike<TR>() ? CvtU32(v.D, v.Vec, ref fpe) : (uint)AsLong<TR>(ref v);
    }

    private struct WI64 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *(long*)p = IsFloatLike<TR>() ? Cvt64(v.D, ref fpe) : AsLong<TR>(ref v);
    }

    private struct WU64 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead =>
            *(ulong*)p = IsFloatLike<TR>() ? CvtU64(v.D, ref fpe) : (ulong)AsLong<TR>(ref v);
    }

    private struct WF16 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead
        {
            Half h = TR.Cat switch
            {
                Cat.Unsigned => (Half)(float)v.U,     // every integer that is finite in float16 is exact in float32
                Cat.Signed or Cat.Bool => (Half)(float)v.L,
                _ => (Half)v.D,
            };
            CheckOverflow<TR>(Half.IsInfinity(h), v.D, ref fpe);
            *(Half*)p = h;
        }
    }

    private struct WF32 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead
        {
            float x = TR.Cat switch
            {
                Cat.Unsigned => (float)v.U,
                Cat.Signed or Cat.Bool => (float)v.L,
                _ => (float)v.D,
            };
            CheckOverflow<TR>(float.IsInfinity(x), v.D, ref fpe);
            *(float*)p = x;
        }
    }

    private struct WF64 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead => *(double*)p = AsDouble<TR>(ref v);
    }

    private struct WC64 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead
        {
            ((float*)p)[0] = TR.Cat switch
            {
                Cat.Unsigned => (float)v.U,
                Cat.Signed or Cat.Bool => (float)v.L,
                _ => (float)v.D,
            };
            ((float*)p)[1] = TR.Cat == Cat.Complex ? (float)v.I : 0f;
            CheckOverflow<TR>(float.IsInfinity(((float*)p)[0]), v.D, ref fpe);
            CheckOverflow<TR>(float.IsInfinity(((float*)p)[1]), v.I, ref fpe);
        }
    }

    private struct WC128 : IWrite
    {
        public static void Write<TR>(byte* p, ref Val v, ref int fpe) where TR : IRead
        {
            ((double*)p)[0] = AsDouble<TR>(ref v);
            ((double*)p)[1] = TR.Cat == Cat.Complex ? v.I : 0.0;
        }
    }

    private struct Loop<TR, TW> : IInnerLoop where TR : IRead where TW : IWrite
    {
        public int Fpe;

        public void Invoke(byte* p0, long s0, byte* p1, long s1, long n)
        {
            Val v = default;
            int fpe = Fpe;
            // Only float/complex → uint32 depends on vector-body vs tail position (see CvtU32).
            // For complex sources gcc's vector loop runs while i + 4 < n, so a multiple-of-4 length ends in a 4-element tail.
            long vecEnd = typeof(TW) != typeof(WU32) || s0 != sizeof(uint) || s1 != TR.Size ? 0
                : TR.Cat == Cat.Float ? n - (n & 3)
                : TR.Cat == Cat.Complex && n > 0 ? (n - 1) & ~3L : 0;
            for (long i = 0; i < n; i++)
            {
                v.Vec = i < vecEnd;
                TR.Read(p1, ref v);
                TW.Write<TR>(p0, ref v, ref fpe);
                p0 += s0;
                p1 += s1;
            }
            Fpe = fpe;
        }
    }

    /// <summary>Converts operand 1 into operand 0 over the whole space; returns the FPE bits (invalid, overflow).</summary>
    internal static int Run(in StridedIter it, DTypeCode dst, DTypeCode src) => src switch
    {
        DTypeCode.Bool => RunTo<RBool>(it, dst),
        DTypeCode.Int8 => RunTo<RI8>(it, dst),
        DTypeCode.UInt8 => RunTo<RU8>(it, dst),
        DTypeCode.Int16 => RunTo<RI16>(it, dst),
        DTypeCode.UInt16 => RunTo<RU16>(it, dst),
        DTypeCode.Int32 => RunTo<RI32>(it, dst),
        DTypeCode.UInt32 => RunTo<RU32>(it, dst),
        DTypeCode.Int64 => RunTo<RI64>(it, dst),
        DTypeCode.UInt64 => RunTo<RU64>(it, dst),
        DTypeCode.Float16 => RunTo<RF16>(it, dst),
        DTypeCode.Float32 => RunTo<RF32>(it, dst),
        DTypeCode.Float64 => RunTo<RF64>(it, dst),
        DTypeCode.Complex64 => RunTo<RC64>(it, dst),
        _ => RunTo<RC128>(it, dst),
    };

    private static int RunTo<TR>(in StridedIter it, DTypeCode dst) where TR : IRead => dst switch
    {
        DTypeCode.Bool => RunPair<TR, WBool>(it),
        DTypeCode.Int8 => RunPair<TR, WI8>(it),
        DTypeCode.UInt8 => RunPair<TR, WU8>(it),
        DTypeCode.Int16 => RunPair<TR, WI16>(it),
        DTypeCode.UInt16 => RunPair<TR, WU16>(it),
        DTypeCode.Int32 => RunPair<TR, WI32>(it),
        DTypeCode.UInt32 => RunPair<TR, WU32>(it),
        DTypeCode.Int64 => RunPair<TR, WI64>(it),
        DTypeCode.UInt64 => RunPair<TR, WU64>(it),
        DTypeCode.Float16 => RunPair<TR, WF16>(it),
        DTypeCode.Float32 => RunPair<TR, WF32>(it),
        DTypeCode.Float64 => RunPair<TR, WF64>(it),
        DTypeCode.Complex64 => RunPair<TR, WC64>(it),
        _ => RunPair<TR, WC128>(it),
    };

    private static int RunPair<TR, TW>(in StridedIter it) where TR : IRead where TW : IWrite
    {
        var loop = new Loop<TR, TW>();
        it.Run(ref loop);
        return loop.Fpe;
    }

    /// <summary>Converts one element.</summary>
    internal static int One(byte* dst, DTypeCode dstType, byte* src, DTypeCode srcType)
    {
        StridedIter it = default;
        it.P0 = dst;
        it.P1 = src;
        return Run(it, dstType, srcType);
    }

    /// <summary>Reads one element of any dtype as a complex number (exact for every dtype but large 64-bit integers).</summary>
    internal static Complex ReadComplex(byte* p, DTypeCode t)
    {
        Complex c;
        One((byte*)&c, DTypeCode.Complex128, p, t);
        return c;
    }
}
