namespace Numerics.Native;

public partial class NDArray
{
    /// <summary>
    /// <c>self[...] = value</c>: broadcasts value to this shape and converts with unsafe casting (a weak integer must
    /// fit an integer target, NEP 50). Leading length-1 axes of value beyond this array's rank are dropped, as NumPy.
    /// </summary>
    internal void Assign(NDArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfReadOnly();
        value.ThrowIfDisposed();
        if (value.IsWeak) CheckWeakFits(value, Dtype);
        var src = value;
        NDArray? squeezed = null;
        if (value.Dims.Length > Dims.Length)
        {
            int extra = value.Dims.Length - Dims.Length;
            for (int i = 0; i < extra; i++)
                if (value.Dims[i] != 1) throw Err.CouldNotBroadcastInput(value.Dims, Dims);
            squeezed = value.View(value.Dims[extra..], value.Strides[extra..], value.Offset);
            src = squeezed;
        }
        try
        {
            if (!Layout.BroadcastsTo(src.Dims, Dims)) throw Err.CouldNotBroadcastInput(value.Dims, Dims);
            NativeOps.CopyWarn(this, src);
        }
        finally
        {
            squeezed?.Dispose();
        }
    }

    /// <summary>NEP 50: a weak integer written into (or combined with) an integer dtype must fit it.</summary>
    internal static void CheckWeakFits(NDArray weak, DType target)
    {
        if (weak.Weak != WeakKind.Integer || !target.IsInteger) return;
        bool big = weak.Dtype.Code == DTypeCode.UInt64;   // a C# ulong above long.MaxValue
        long v = big ? 0 : NativeData.Read<long>(weak, 0);
        ulong u = big ? NativeData.Read<ulong>(weak, 0) : 0;
        bool fits = target.Code switch
        {
            DTypeCode.Int8 => !big && v is >= sbyte.MinValue and <= sbyte.MaxValue,
            DTypeCode.Int16 => !big && v is >= short.MinValue and <= short.MaxValue,
            DTypeCode.Int32 => !big && v is >= int.MinValue and <= int.MaxValue,
            DTypeCode.Int64 => !big,
            DTypeCode.UInt8 => big ? false : v is >= 0 and <= byte.MaxValue,
            DTypeCode.UInt16 => big ? false : v is >= 0 and <= ushort.MaxValue,
            DTypeCode.UInt32 => big ? false : v is >= 0 and <= uint.MaxValue,
            _ => big || v >= 0,
        };
        if (!fits)
        {
            string text = big ? u.ToString(System.Globalization.CultureInfo.InvariantCulture)
                              : v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw Err.PythonIntOutOfBounds(text, target);
        }
    }

    /// <summary>Fills the array with a value (broadcast, unsafe casting). NumPy: <c>a.fill(value)</c>.</summary>
    /// <exception cref="ValueError">The array is read-only.</exception>
    /// <exception cref="OverflowError">A C# integer does not fit an integer dtype.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public void fill(NDArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Size != 1) throw new ValueError("Input object to FillWithScalar is not a scalar");
        using var v = value.Dims.Length == 0 ? null : np.reshape(value, Shape.Own([]));
        Assign(v ?? value);
    }
}
