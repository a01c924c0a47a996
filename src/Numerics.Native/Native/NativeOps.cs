namespace Numerics.Native;

/// <summary>
/// Every movement of array data goes through these few functions (DESIGN §4: one native call per operation):
/// strided copy with optional cast, gather, scatter, mask count and mask compress. The C# facade does metadata
/// work only and calls one of these once per operation.
/// Each runs as one call into native/src/copy (nk_copy, nk_index, nk_mask_count, nk_mask_nonzero) when the kernel
/// library is loaded; the managed loops (CopyLoops, CastLoops, the loops below) remain as the fallback for hosts
/// without it and for iteration spaces beyond the C ABI's 32 dimensions, and give the same results bit for bit.
/// </summary>
internal static unsafe class NativeOps
{
    /// <summary>
    /// Copies <paramref name="src"/> into <paramref name="dst"/>, broadcasting src to dst's shape (the caller has
    /// checked that it broadcasts) and converting between dtypes with NumPy's unsafe-cast results.
    /// Overlapping memory is handled as NumPy does (through a temporary copy). Returns the FPE bits of the cast.
    /// </summary>
    internal static int Copy(NDArray dst, NDArray src)
    {
        int nd = dst.Dims.Length;
        Span<long> ss = stackalloc long[Math.Max(nd, 1)];
        BroadcastStrides(src, dst.Dims, ss);
        if (src.Buf is not null && ReferenceEquals(src.Buf, dst.Buf) && Overlaps(dst, src) && !SameLayout(dst, src, ss))
        {
            using var tmp = NDArray.AllocateLike(src, src.Dtype);
            Copy(tmp, src);
            return Copy(dst, tmp);
        }
        bool d0 = dst.Buf?.EnterCall() ?? false;
        bool d1 = src.Buf?.EnterCall() ?? false;
        try
        {
            fixed (byte* inlD = &NativeData.InlineBytes(dst))
            fixed (byte* inlS = &NativeData.InlineBytes(src))
            {
                byte* pd = NativeData.Ptr(dst, inlD), ps = NativeData.Ptr(src, inlS);
                if (!StridedIter.Build(dst.Dims, dst.Strides, ss[..nd], pd, ps, out var it)) return 0;
                if (it.NDim <= NkIndexDesc.MaxDims && NativeKernels.Available)
                    return NativeKernels.Copy(it, dst.Dtype.Code, src.Dtype.Code, dst.Dtype.Size, src.Dtype.Size);
                if (src.Dtype.Code == dst.Dtype.Code) { CopyLoops.Run(it, dst.Dtype.Size); return 0; }
                return CastLoops.Run(it, dst.Dtype.Code, src.Dtype.Code);
            }
        }
        finally
        {
            src.Buf?.ExitCall(d1);
            dst.Buf?.ExitCall(d0);
        }
    }

    /// <summary>Copy plus NumPy's cast warnings (ComplexWarning, "overflow/invalid value encountered in cast").</summary>
    internal static void CopyWarn(NDArray dst, NDArray src)
    {
        // NumPy warns for every complex → real cast, empty arrays included, but not for complex → bool (a nonzero
        // test, which loses nothing).
        if (src.Dtype.IsComplex && !dst.Dtype.IsComplex && !dst.Dtype.IsBool)
            WarningSink.Report(ComplexWarning.DiscardsImaginary());
        int fpe = Copy(dst, src);
        // NumPy checks the flags in this order (overflow, then invalid); one cast raises at most one of them.
        if ((fpe & CastLoops.FpeOverflow) != 0) FpeSink.Report("overflow encountered in cast");
        if ((fpe & CastLoops.FpeInvalid) != 0) FpeSink.Report("invalid value encountered in cast");
    }

    /// <summary>src's strides aligned to the right of <paramref name="shape"/>, with 0 where src broadcasts.</summary>
    internal static void BroadcastStrides(NDArray src, long[] shape, Span<long> outStrides)
    {
        int nd = shape.Length, sn = src.Dims.Length;
        for (int i = 0; i < nd; i++)
        {
            int j = i - (nd - sn);
            outStrides[i] = j < 0 || (src.Dims[j] == 1 && shape[i] != 1) ? 0 : src.Strides[j];
        }
    }

    private static void Extent(NDArray a, out long lo, out long hi)
    {
        lo = hi = a.Offset;
        for (int i = 0; i < a.Dims.Length; i++)
        {
            if (a.Dims[i] == 0) { hi = lo - 1; return; }
            long e = (a.Dims[i] - 1) * a.Strides[i];
            if (e < 0) lo += e; else hi += e;
        }
        hi += a.Dtype.Size;
    }

    internal static bool Overlaps(NDArray a, NDArray b)
    {
        if (a.Buf is null || !ReferenceEquals(a.Buf, b.Buf)) return false;
        Extent(a, out long alo, out long ahi);
        Extent(b, out long blo, out long bhi);
        return alo < bhi && blo < ahi;
    }

    private static bool SameLayout(NDArray dst, NDArray src, ReadOnlySpan<long> srcStrides)
    {
        // Element-for-element identical (a[...] = a): reading each element before writing it is safe.
        if (dst.Offset != src.Offset || dst.Dtype.Size != src.Dtype.Size) return false;
        for (int i = 0; i < dst.Dims.Length; i++)
            if (dst.Dims[i] > 1 && dst.Strides[i] != srcStrides[i]) return false;
        return true;
    }

    /// <summary>
    /// Gather (NumPy's advanced-index read, <c>take</c>): for every position b of the broadcast index space B,
    /// copies the sub-space of <paramref name="src"/> at (idx_0[b], …) along <paramref name="axes"/> into
    /// <paramref name="dst"/>[b, …]. <paramref name="dst"/> has shape B + S (S = src's other axes, in order).
    /// Indices are int64 arrays broadcast to B (strides may be 0). Same dtype on both sides.
    /// </summary>
    internal static void Gather(NDArray dst, NDArray src, ReadOnlySpan<int> axes, NDArray[] indices, ReadOnlySpan<int> reportAxes,
        IndexMode mode) => GatherScatter(dst, src, axes, indices, reportAxes, mode, scatter: false);

    /// <summary>Scatter (advanced-index assignment, <c>put</c>): the reverse of <see cref="Gather"/>; <paramref name="values"/>
    /// has shape B + S (or broadcasts to it through zero strides); the last write wins on repeated indices.</summary>
    internal static void Scatter(NDArray target, NDArray values, ReadOnlySpan<int> axes, NDArray[] indices, ReadOnlySpan<int> reportAxes,
        IndexMode mode) => GatherScatter(values, target, axes, indices, reportAxes, mode, scatter: true);

    private static void GatherScatter(NDArray packed, NDArray src, ReadOnlySpan<int> axes, NDArray[] indices,
        ReadOnlySpan<int> reportAxes, IndexMode mode, bool scatter)
    {
        // STOPGAP(native): nk_index (DESIGN §4.3) does this walk with native bounds checks.
        int k = axes.Length;
        int nb = indices.Length == 0 ? 0 : indices[0].Dims.Length;
        long[] bshape = nb == 0 ? [] : indices[0].Dims;
        int ns = src.Dims.Length - k;
        Span<long> subShape = stackalloc long[Math.Max(ns, 1)];
        Span<long> subSrcStrides = stackalloc long[Math.Max(ns, 1)];
        Span<long> subDstStrides = stackalloc long[Math.Max(ns, 1)];
        Span<long> packedStrides = stackalloc long[Math.Max(packed.Dims.Length, 1)];
        long[] packedShape = new long[nb + ns];
        for (int i = 0; i < nb; i++) packedShape[i] = bshape[i];
        {
            int s = 0;
            for (int d = 0; d < src.Dims.Length; d++)
            {
                if (axes.Contains(d)) continue;
                subShape[s] = src.Dims[d];
                subSrcStrides[s] = src.Strides[d];
                packedShape[nb + s] = src.Dims[d];
                s++;
            }
        }
        BroadcastStrides(packed, packedShape, packedStrides);
        for (int i = 0; i < ns; i++) subDstStrides[i] = packedStrides[nb + i];

        long total = 1;
        foreach (var d in bshape) total *= d;
        if (total == 0) return;
        Span<long> axisLen = stackalloc long[Math.Max(k, 1)];
        Span<long> axisStride = stackalloc long[Math.Max(k, 1)];
        for (int j = 0; j < k; j++)
        {
            axisLen[j] = src.Dims[axes[j]];
            axisStride[j] = src.Strides[axes[j]];
        }

        bool subEmpty = false;
        for (int i = 0; i < ns; i++) if (subShape[i] == 0) subEmpty = true;

        int itemsize = src.Dtype.Size;
        if (k <= NkIndexDesc.MaxDims && nb <= NkIndexDesc.MaxDims && ns <= NkIndexDesc.MaxDims && NativeKernels.Available)
        {
            NativeIndex(packed, src, axes, indices, reportAxes, mode, scatter, bshape, subShape[..ns], subSrcStrides[..ns], packedStrides);
            return;
        }
        bool e0 = packed.Buf?.EnterCall() ?? false, e1 = src.Buf?.EnterCall() ?? false;
        try
        {
            fixed (byte* inlP = &NativeData.InlineBytes(packed))
            fixed (byte* inlS = &NativeData.InlineBytes(src))
            {
                byte* pBase = NativeData.Ptr(packed, inlP), sBase = NativeData.Ptr(src, inlS);
                var idxPtr = new long*[k];
                var idxStrides = new long[k * Math.Max(nb, 1)];
                for (int j = 0; j < k; j++)
                {
                    var ia = indices[j];
                    idxPtr[j] = (long*)(ia.Buf!.Pointer + ia.Offset);
                    for (int d = 0; d < nb; d++) idxStrides[j * nb + d] = ia.Strides[d];
                }
                Span<long> bi = stackalloc long[Math.Max(nb, 1)];
                bi.Clear();
                Span<long> off = stackalloc long[k];  // byte offsets into each index array
                off.Clear();
                long pOff = 0;
                // Bounds are checked for every index first, so a failing gather or scatter writes nothing (NumPy checks first too).
                for (int pass = mode == IndexMode.Raise ? 0 : 1; pass < 2; pass++)
                {
                    bi.Clear();
                    off.Clear();
                    pOff = 0;
                    for (long t = 0; t < total; t++)
                    {
                        long srcOff = 0;
                        for (int j = 0; j < k; j++)
                        {
                            long v = *(long*)((byte*)idxPtr[j] + off[j]);
                            long n = axisLen[j];
                            if (mode == IndexMode.Clip)
                            {
                                // NumPy's clip mode clips negative indices to 0 (no counting from the end).
                                v = v < 0 ? 0 : v >= n ? n - 1 : v;
                            }
                            else if (v < -n || v >= n)
                            {
                                if (mode == IndexMode.Raise) throw Err.IndexOutOfBounds(v, reportAxes[j], n);
                                v = n == 0 ? 0 : ((v % n) + n) % n;
                            }
                            if (v < 0) v += n;
                            srcOff += v * axisStride[j];
                        }
                        if (pass == 1 && !subEmpty)
                        {
                            byte* pp = pBase + pOff, sp = sBase + srcOff;
                            if (ns == 0)
                            {
                                if (scatter) CopyLoops.One(sp, pp, itemsize); else CopyLoops.One(pp, sp, itemsize);
                            }
                            else if (scatter)
                            {
                                if (StridedIter.Build(subShape[..ns], subSrcStrides[..ns], subDstStrides[..ns], sp, pp, out var it))
                                    CopyLoops.Run(it, itemsize);
                            }
                            else if (StridedIter.Build(subShape[..ns], subDstStrides[..ns], subSrcStrides[..ns], pp, sp, out var it))
                            {
                                CopyLoops.Run(it, itemsize);
                            }
                        }
                        // advance the B odometer
                        for (int d = nb - 1; d >= 0; d--)
                        {
                            if (++bi[d] < bshape[d])
                            {
                                pOff += packedStrides[d];
                                for (int j = 0; j < k; j++) off[j] += idxStrides[j * nb + d];
                                break;
                            }
                            bi[d] = 0;
                            pOff -= packedStrides[d] * (bshape[d] - 1);
                            for (int j = 0; j < k; j++) off[j] -= idxStrides[j * nb + d] * (bshape[d] - 1);
                        }
                    }
                }
            }
        }
        finally
        {
            src.Buf?.ExitCall(e1);
            packed.Buf?.ExitCall(e0);
        }
    }

    /// <summary>One nk_index call for a gather or scatter (see <see cref="Gather"/>).</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static void NativeIndex(NDArray packed, NDArray src, ReadOnlySpan<int> axes, NDArray[] indices, ReadOnlySpan<int> reportAxes,
        IndexMode mode, bool scatter, long[] bshape, ReadOnlySpan<long> subShape, ReadOnlySpan<long> subSrcStrides, ReadOnlySpan<long> packedStrides)
    {
        int k = axes.Length, nb = bshape.Length, ns = subShape.Length;
        System.Runtime.CompilerServices.Unsafe.SkipInit(out NkIndexDesc d);
        d.Direction = scatter ? 1 : 0;
        d.Mode = (int)mode;
        d.NIdx = k;
        d.ItemSize = src.Dtype.Size;
        d.BNDim = nb;
        d.SNDim = ns;
        for (int i = 0; i < nb; i++)
        {
            d.BShape[i] = bshape[i];
            d.PackedStrides[i] = packedStrides[i];
        }
        for (int i = 0; i < ns; i++)
        {
            d.SShape[i] = subShape[i];
            d.BaseSStrides[i] = subSrcStrides[i];
            d.PackedStrides[nb + i] = packedStrides[nb + i];
        }
        for (int j = 0; j < k; j++)
        {
            d.AxisLen[j] = src.Dims[axes[j]];
            d.AxisStride[j] = src.Strides[axes[j]];
            d.ReportAxis[j] = reportAxes[j];
            var ia = indices[j];
            d.Idx[j] = (nint)(ia.Buf!.Pointer + ia.Offset);
            for (int b = 0; b < nb; b++) d.IdxStrides[j * NkIndexDesc.MaxDims + b] = ia.Strides[b];
        }
        bool e0 = packed.Buf?.EnterCall() ?? false, e1 = src.Buf?.EnterCall() ?? false;
        try
        {
            fixed (byte* inlP = &NativeData.InlineBytes(packed))
            fixed (byte* inlS = &NativeData.InlineBytes(src))
            {
                d.Packed = NativeData.Ptr(packed, inlP);
                d.Base = NativeData.Ptr(src, inlS);
                NativeKernels.Index(&d);
            }
        }
        finally
        {
            src.Buf?.ExitCall(e1);
            packed.Buf?.ExitCall(e0);
        }
    }

    /// <summary>Number of true elements of a bool array (nk_mask_count).</summary>
    internal static long CountTrue(NDArray mask)
    {
        var counter = new CountLoop();
        fixed (byte* inl = &NativeData.InlineBytes(mask))
        {
            byte* p = NativeData.Ptr(mask, inl);
            if (!StridedIter.Build(mask.Dims, mask.Strides, mask.Strides, p, p, out var it)) return 0;
            if (it.NDim <= NkIndexDesc.MaxDims && NativeKernels.Available) return NativeKernels.MaskCount(it);
            it.Run(ref counter);
        }
        return counter.Count;
    }

    private struct CountLoop : IInnerLoop
    {
        public long Count;

        public void Invoke(byte* p0, long s0, byte* p1, long s1, long n)
        {
            long c = 0;
            for (long i = 0; i < n; i++, p0 += s0) c += *p0 != 0 ? 1 : 0;
            Count += c;
        }
    }

    /// <summary>The positions of the true elements of a 1-d bool <paramref name="mask"/> as a new int64 array
    /// (NumPy's <c>np.flatnonzero</c> for 1-d bool input).</summary>
    internal static NDArray TruePositions(NDArray mask)
    {
        long count = CountTrue(mask);
        var positions = NDArray.Allocate([count], DType.Int64);
        TrueIndices(mask, count, [positions]);
        return positions;
    }

    /// <summary>
    /// The C-order positions of the true elements of <paramref name="mask"/>, one int64 array per axis, each of
    /// length <paramref name="count"/> (NumPy's <c>nonzero</c> for bool input). STOPGAP(native): nk_mask_compress.
    /// </summary>
    internal static void TrueIndices(NDArray mask, long count, NDArray[] outIdx)
    {
        int nd = mask.Dims.Length;
        var ptrs = new long*[nd];
        for (int d = 0; d < nd; d++) ptrs[d] = (long*)(outIdx[d].Buf!.Pointer + outIdx[d].Offset);
        if (count == 0) return;
        fixed (byte* inl = &NativeData.InlineBytes(mask))
        fixed (long* shp = mask.Dims)
        fixed (long* str = mask.Strides)
        {
            byte* p = NativeData.Ptr(mask, inl);
            if (nd <= NkIndexDesc.MaxDims && NativeKernels.Available)
            {
                fixed (long** outs = ptrs) NativeKernels.MaskNonzero(nd, shp, str, p, outs);
                return;
            }
            Span<long> idx = stackalloc long[Math.Max(nd, 1)];
            idx.Clear();
            long w = 0;
            long size = mask.size;
            for (long t = 0; t < size; t++)
            {
                if (*p != 0)
                {
                    for (int d = 0; d < nd; d++) ptrs[d][w] = idx[d];
                    w++;
                }
                for (int d = nd - 1; d >= 0; d--)
                {
                    if (++idx[d] < mask.Dims[d]) { p += mask.Strides[d]; break; }
                    idx[d] = 0;
                    p -= mask.Strides[d] * (mask.Dims[d] - 1);
                }
            }
        }
    }

    /// <summary>Copies a contiguous native array's bytes into a pinned .NET array (C order).</summary>
    internal static void CopyToManaged(NDArray contiguous, Array dst, long bytes)
    {
        var h = System.Runtime.InteropServices.GCHandle.Alloc(dst, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            Buffer.MemoryCopy(contiguous.Buf!.Pointer + contiguous.Offset, (void*)h.AddrOfPinnedObject(), bytes, bytes);
        }
        finally
        {
            h.Free();
        }
    }

    /// <summary>Copies a .NET array's bytes (C order) into a fresh contiguous native array.</summary>
    internal static void CopyFromManaged(Array src, NDArray contiguous, long bytes)
    {
        var h = System.Runtime.InteropServices.GCHandle.Alloc(src, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            Buffer.MemoryCopy((void*)h.AddrOfPinnedObject(), contiguous.Buf!.Pointer + contiguous.Offset, bytes, bytes);
        }
        finally
        {
            h.Free();
        }
    }

    /// <summary>Copies bytes from a span into a contiguous native array.</summary>
    internal static void CopyFromSpan(ReadOnlySpan<byte> src, NDArray contiguous)
    {
        src.CopyTo(new Span<byte>(contiguous.Buf!.Pointer + contiguous.Offset, src.Length));
    }

    /// <summary>Copies a contiguous native array's bytes into a span.</summary>
    internal static void CopyToSpan(NDArray contiguous, Span<byte> dst)
    {
        new ReadOnlySpan<byte>(contiguous.Buf!.Pointer + contiguous.Offset, dst.Length).CopyTo(dst);
    }

    /// <summary>Reverses the byte order of every element of a contiguous array in place (foreign-order data).</summary>
    internal static void ByteSwapInPlace(NDArray contiguous)
    {
        // STOPGAP(native): the swap-cast path of nk_copy.
        int size = contiguous.Dtype.Size, part = contiguous.Dtype.IsComplex ? size / 2 : size;
        var span = new Span<byte>(contiguous.Buf!.Pointer + contiguous.Offset, checked((int)(contiguous.size * size)));
        for (int i = 0; i < span.Length; i += part) span.Slice(i, part).Reverse();
    }

    /// <summary>Fills a contiguous array with zeros.</summary>
    internal static void Zero(NDArray contiguous)
    {
        contiguous.Buf!.Clear(contiguous.Offset + contiguous.size * contiguous.Dtype.Size);
    }
}
