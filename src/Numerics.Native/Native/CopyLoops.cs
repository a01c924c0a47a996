using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// Same-dtype strided copies by element size; contiguous runs become one memcpy.
/// The managed fallback of nk_copy (native/src/copy/nk_copy.c) for hosts without the kernel library.
/// </summary>
internal static unsafe class CopyLoops
{
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct Bytes16
    {
        private readonly long _a;
        private readonly long _b;
    }

    private struct Loop<T> : IInnerLoop where T : unmanaged
    {
        public void Invoke(byte* p0, long s0, byte* p1, long s1, long n)
        {
            if (s0 == sizeof(T) && s1 == sizeof(T))
            {
                Buffer.MemoryCopy(p1, p0, n * sizeof(T), n * sizeof(T));
                return;
            }
            if (s1 == 0)
            {
                T v = *(T*)p1;
                for (long i = 0; i < n; i++, p0 += s0) *(T*)p0 = v;
                return;
            }
            for (long i = 0; i < n; i++, p0 += s0, p1 += s1) *(T*)p0 = *(T*)p1;
        }
    }

    /// <summary>Copies operand 1 into operand 0 (same dtype) over the whole space.</summary>
    internal static void Run(in StridedIter it, int itemsize)
    {
        switch (itemsize)
        {
            case 1: { var l = new Loop<byte>(); it.Run(ref l); break; }
            case 2: { var l = new Loop<ushort>(); it.Run(ref l); break; }
            case 4: { var l = new Loop<uint>(); it.Run(ref l); break; }
            case 8: { var l = new Loop<ulong>(); it.Run(ref l); break; }
            default: { var l = new Loop<Bytes16>(); it.Run(ref l); break; }
        }
    }

    /// <summary>Copies one element of the given size.</summary>
    internal static void One(byte* dst, byte* src, int itemsize) => Buffer.MemoryCopy(src, dst, itemsize, itemsize);
}
