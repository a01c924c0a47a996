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
        using var squeezed = AssignSource(value, Dims);
        NativeOps.CopyWarn(this, squeezed ?? value);
    }

    /// <summary>
    /// NumPy's PyArray_AssignArray on the value's shape: leading length-1 axes are stripped while the value has more
    /// axes than the target, and what remains must broadcast to <paramref name="dims"/>; the error names the stripped
    /// shape: (1,1,4) into (3,) reports "(4,)", (1,2,1,3) into (3,) "(2,1,3)". Returns a view of the value without the
    /// stripped axes (the caller disposes it), or null when none was stripped.
    /// </summary>
    /// <exception cref="ValueError">The value does not broadcast ("could not broadcast input array from shape ...").</exception>
    internal static NDArray? AssignSource(NDArray value, long[] dims)
    {
        int extra = 0;
        while (value.Dims.Length - extra > dims.Length && value.Dims[extra] == 1) extra++;
        long[] shape = extra == 0 ? value.Dims : value.Dims[extra..];
        if (shape.Length > dims.Length || !Layout.BroadcastsTo(shape, dims)) throw Err.CouldNotBroadcastInput(shape, dims);
        return extra == 0 ? null : value.View(shape, value.Strides[extra..], value.Offset);
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

    /// <summary>
    /// NumPy writes a Python scalar into an array with PyArray_Pack, i.e. the dtype's setitem, not with a cast (indexing
    /// assignment, <c>fill</c>): a float goes into an integer dtype through Python's <c>int()</c> (truncation, then the C
    /// conversion of that integer, so 1000.5 → int8 is -24), which refuses NaN ("cannot convert float NaN to integer"),
    /// infinities and values outside C long; a complex into a real dtype fails in <c>int()</c>/<c>float()</c>.
    /// Returns the strong 0-d integer to write instead of a weak float, or null when the weak value is written as is.
    /// </summary>
    internal static NDArray? PackPythonScalar(NDArray weak, DType target)
    {
        if (!weak.IsWeak) return null;
        if (weak.Weak == WeakKind.Complex && (target.IsInteger || target.IsFloat))
            throw new TypeError(target.IsInteger
                ? "int() argument must be a string, a bytes-like object or a real number, not 'complex'"
                : "float() argument must be a string or a real number, not 'complex'");
        if (weak.Weak != WeakKind.Float || !target.IsInteger) return null;
        double x = weak.ToArray<double>()[0];
        if (double.IsNaN(x)) throw new ValueError("cannot convert float NaN to integer");
        if (double.IsInfinity(x)) throw new OverflowError("cannot convert float infinity to integer");
        double t = Math.Truncate(x);
        const double TwoTo63 = 9223372036854775808.0, TwoTo64 = 18446744073709551616.0;
        // uint64's setitem tries unsigned long long first, then long long (so -1.5 becomes 2**64 - 1); every other
        // integer dtype converts through C long and then narrows with C's wrap-around.
        if (target.Code == DTypeCode.UInt64 && t >= TwoTo63 && t < TwoTo64) return np.array((ulong)t, np.uint64);
        if (t < -TwoTo63 || t >= TwoTo63) throw new OverflowError("Python int too large to convert to C long");
        return np.array((long)t, np.int64);
    }

    /// <summary>Fills the array with a value (broadcast, unsafe casting). NumPy: <c>a.fill(value)</c>.</summary>
    /// <exception cref="ValueError">The array is read-only, value has more than one element ("setting an array element
    /// with a sequence."), or a C# NaN goes into an integer dtype ("cannot convert float NaN to integer").</exception>
    /// <exception cref="OverflowError">A C# integer does not fit an integer dtype, or a C# float is infinite or outside
    /// C long for one.</exception>
    /// <exception cref="TypeError">A C# complex goes into a real dtype.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public void fill(NDArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.ThrowIfDisposed();
        // NumPy: PyArray_FillWithScalar packs the value into one element (setitem), which refuses sequences.
        if (value.Size != 1) throw new ValueError("setting an array element with a sequence.");
        using var packed = PackPythonScalar(value, Dtype);
        using var v = packed is not null || value.Dims.Length == 0 ? null : np.reshape(value, Shape.Own([]));
        Assign(packed ?? v ?? value);
    }
}
