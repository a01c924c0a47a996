namespace Numerics.Native;

internal static unsafe class NativeOpsMatrix
{
    /// <summary>
    /// Zeroes, over the last two axes of <paramref name="a"/>, the elements above the k-th diagonal
    /// (<paramref name="keepLower"/>, for tril/tri) or below it (triu).
    /// STOPGAP(native): a triangle-mask kernel in native/src/copy.
    /// </summary>
    internal static void ZeroTriangle(NDArray a, long k, bool keepLower)
    {
        int nd = a.Dims.Length;
        long rows = a.Dims[nd - 2], cols = a.Dims[nd - 1], rs = a.Strides[nd - 2], cs = a.Strides[nd - 1];
        int item = a.Dtype.Size;
        long outer = 1;
        for (int d = 0; d < nd - 2; d++) outer *= a.Dims[d];
        if (outer == 0 || rows == 0 || cols == 0) return;
        byte* basePtr = a.Buf!.Pointer + a.Offset;
        Span<long> idx = stackalloc long[Math.Max(nd - 2, 1)];
        idx.Clear();
        byte* p = basePtr;
        for (long o = 0; o < outer; o++)
        {
            for (long i = 0; i < rows; i++)
            {
                byte* row = p + i * rs;
                long from = keepLower ? Math.Max(0, i + k + 1) : 0;
                long to = keepLower ? cols : Math.Min(cols, Math.Max(0, i + k));
                for (long j = from; j < to; j++) new Span<byte>(row + j * cs, item).Clear();
            }
            for (int d = nd - 3; d >= 0; d--)
            {
                if (++idx[d] < a.Dims[d]) { p += a.Strides[d]; break; }
                idx[d] = 0;
                p -= a.Strides[d] * (a.Dims[d] - 1);
            }
        }
    }
}
