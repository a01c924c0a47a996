namespace Numerics.Native;

public partial class NDArray : IFormattable
{
    /// <summary>A copy converted to <paramref name="dtype"/> with NumPy's x86-64 results (float → int truncates; NaN → int
    /// as NumPy; complex → real drops the imaginary part with a ComplexWarning). <paramref name="copy"/> false returns this
    /// array itself when nothing needs converting. NumPy: <c>a.astype(dtype, order, casting, copy=copy)</c>.</summary>
    /// <exception cref="TypeError">The cast is not allowed under <paramref name="casting"/> ("Cannot cast array data from …").</exception>
    /// <exception cref="ValueError">Unknown casting rule or order.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray astype(DType dtype, string order = "K", string casting = "unsafe", bool copy = true)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        ThrowIfDisposed();
        var rule = TypePromotion.ParseCasting(casting);
        if (!TypePromotion.CanCast(Dtype, dtype, rule)) throw Err.CannotCast(Dtype, dtype, casting, scalar: Dims.Length == 0);
        var target = dtype.NativeOrder;
        bool orderOk = order switch
        {
            "C" => IsCContiguous,
            "F" => IsFContiguous,
            "A" => IsCContiguous || IsFContiguous,
            "K" => true,
            _ => throw new ValueError("order must be one of 'C', 'F', 'A', or 'K' (got '" + order + "')"),
        };
        if (!copy && target == Dtype && !dtype.IsSwapped && orderOk && !IsWeak) return this;
        NDArray r = order switch
        {
            "C" => Allocate(Dims.AsSpan().ToArray(), target),
            "F" => Allocate(Dims.AsSpan().ToArray(), target, fortran: true),
            "A" => Allocate(Dims.AsSpan().ToArray(), target, fortran: IsFContiguous && !IsCContiguous),
            _ => AllocateLike(this, target),
        };
        // Arrays are stored in native byte order (the result's dtype is the native one), so a big-endian request
        // keeps the values; swapping the bytes here would relabel them as wrong native values.
        NativeOps.CopyWarn(r, this);
        return r;
    }

    /// <summary>A copy (C order by default). NumPy: <c>a.copy(order)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray copy(string order = "C") => np.copy(this, order);

    /// <summary>The same bytes seen as another dtype; a different item size rescales the last axis, as NumPy.
    /// NumPy: <c>a.view(dtype)</c>.</summary>
    /// <exception cref="ValueError">The last axis is not contiguous or its byte size does not divide (NumPy's messages).</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray view(DType? dtype = null)
    {
        ThrowIfDisposed();
        if (dtype is null || dtype.NativeOrder == Dtype) return SameView();
        var nd = dtype.NativeOrder;
        if (nd.Size == Dtype.Size) return View(Dims.AsSpan().ToArray(), Strides.AsSpan().ToArray(), Offset, nd);
        if (Dims.Length == 0) throw new ValueError("Changing the dtype of a 0d array is only supported if the itemsize is unchanged");
        int last = Dims.Length - 1;
        if (Dims[last] != 1 && Strides[last] != Dtype.Size && Size != 0)
            throw new ValueError("To change to a dtype of a different size, the last axis must be contiguous");
        long bytes = Dims[last] * Dtype.Size;
        if (nd.Size < Dtype.Size)
        {
            if (Dtype.Size % nd.Size != 0)
                throw new ValueError("When changing to a smaller dtype, its size must be a divisor of the size of original dtype");
        }
        else if (bytes % nd.Size != 0)
        {
            throw new ValueError("When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.");
        }
        var shape = Dims.AsSpan().ToArray();
        var strides = Strides.AsSpan().ToArray();
        shape[last] = bytes / nd.Size;
        strides[last] = nd.Size;
        return View(shape, strides, Offset, nd);
    }

    /// <summary>Reshape to the given dimensions (one may be -1): a view when possible. NumPy: <c>a.reshape(*shape)</c>.</summary>
    /// <exception cref="ValueError">The sizes do not match.</exception>
    public NDArray reshape(params long[] shape) => np.reshape(this, shape);

    /// <summary>Reshape with an order and NumPy 2's copy flag. NumPy: <c>a.reshape(shape, order=order, copy=copy)</c>.</summary>
    /// <exception cref="ValueError">The sizes do not match, or copy is false and a copy is needed.</exception>
    public NDArray reshape(Shape shape, string order = "C", bool? copy = null) => np.reshape(this, shape, order, copy);

    /// <summary>A 1-d view when possible, else a copy. NumPy: <c>a.ravel(order)</c>.</summary>
    public NDArray ravel(string order = "C") => np.ravel(this, order);

    /// <summary>A 1-d copy. NumPy: <c>a.flatten(order)</c>.</summary>
    /// <exception cref="ValueError">Unknown order.</exception>
    public NDArray flatten(string order = "C")
    {
        ThrowIfDisposed();
        if (order is not ("C" or "F" or "A" or "K")) throw new ValueError("order must be one of 'C', 'F', 'A', or 'K' (got '" + order + "')");
        if (IsWeak)
        {
            using var s = MaterializeStrong();
            return np.Flatten(s, order);
        }
        return np.Flatten(this, order);
    }

    /// <summary>A view with the axes reversed. NumPy: <c>a.transpose()</c>.</summary>
    public NDArray transpose() => np.transpose(this);

    /// <summary>A view with permuted axes (reversed for <c>null</c>). An empty list is NumPy's <c>a.transpose(())</c>:
    /// an error unless the array is 0-d. NumPy: <c>a.transpose(*axes)</c>.</summary>
    /// <exception cref="ValueError">The axes do not match the array.</exception>
    public NDArray transpose(params int[]? axes) => np.transpose(this, axes);

    /// <summary>A view with two axes swapped. NumPy: <c>a.swapaxes(axis1, axis2)</c>.</summary>
    /// <exception cref="AxisError">An axis is out of bounds.</exception>
    public NDArray swapaxes(int axis1, int axis2) => np.swapaxes(this, axis1, axis2);

    /// <summary>A view without length-1 axes. NumPy: <c>a.squeeze(axis)</c>.</summary>
    /// <exception cref="ValueError">A selected axis is not of length one.</exception>
    public NDArray squeeze(Axis? axis = null) => np.squeeze(this, axis);

    /// <summary>Each element repeated. NumPy: <c>a.repeat(repeats, axis)</c>.</summary>
    /// <exception cref="ValueError">Negative or mismatched repeats.</exception>
    public NDArray repeat(NDArray repeats, int? axis = null) => np.repeat(this, repeats, axis);

    /// <summary>Elements at the given indices (along an axis, or of the flattened array). NumPy: <c>a.take(indices, axis, out, mode)</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds (mode "raise").</exception>
    public NDArray take(NDArray indices, int? axis = null, NDArray? @out = null, string mode = "raise") =>
        np.take(this, indices, axis, @out, mode);

    /// <summary>Writes values at flat indices. NumPy: <c>a.put(ind, v, mode)</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds (mode "raise").</exception>
    public void put(NDArray ind, NDArray v, string mode = "raise") => np.put(this, ind, v, mode);

    /// <summary>The k-th diagonal as a read-only view. NumPy: <c>a.diagonal(offset, axis1, axis2)</c>.</summary>
    /// <exception cref="ValueError">Fewer than two dimensions.</exception>
    public NDArray diagonal(long offset = 0, int axis1 = 0, int axis2 = 1) => np.diagonal(this, offset, axis1, axis2);

    /// <summary>Sets the writeable flag. NumPy: <c>a.setflags(write=write)</c>.</summary>
    /// <exception cref="ValueError">The array cannot be made writeable.</exception>
    public void setflags(bool? write = null)
    {
        if (write is bool w) SetWriteable(w);
    }

    /// <summary>Typed reference to a 1-d element (no allocation). NumPy: <c>a[i]</c> as an lvalue.</summary>
    /// <exception cref="TypeError">T is not the element type.</exception>
    /// <exception cref="IndexError">The index is out of bounds, or the array is not 1-d.</exception>
    /// <exception cref="ValueError">The array is read-only.</exception>
    public ref T At<T>(long i) where T : unmanaged => ref AtCore<T>([i], write: true);

    /// <summary>Typed reference to a 2-d element. NumPy: <c>a[i, j]</c> as an lvalue.</summary>
    /// <exception cref="TypeError">T is not the element type.</exception>
    /// <exception cref="IndexError">An index is out of bounds, or the array is not 2-d.</exception>
    /// <exception cref="ValueError">The array is read-only.</exception>
    public ref T At<T>(long i, long j) where T : unmanaged => ref AtCore<T>([i, j], write: true);

    /// <summary>Typed reference to a 3-d element. NumPy: <c>a[i, j, k]</c> as an lvalue.</summary>
    /// <exception cref="TypeError">T is not the element type.</exception>
    /// <exception cref="IndexError">An index is out of bounds, or the array is not 3-d.</exception>
    /// <exception cref="ValueError">The array is read-only.</exception>
    public ref T At<T>(long i, long j, long k) where T : unmanaged => ref AtCore<T>([i, j, k], write: true);

    /// <summary>Typed reference to an element by full index. NumPy: <c>a[idx]</c> as an lvalue.</summary>
    /// <exception cref="TypeError">T is not the element type.</exception>
    /// <exception cref="IndexError">An index is out of bounds, or the index has the wrong length.</exception>
    /// <exception cref="ValueError">The array is read-only.</exception>
    public ref T At<T>(params long[] index) where T : unmanaged => ref AtCore<T>(index, write: true);

    /// <summary>Read-only typed reference to an element (works on read-only arrays). NumPy: <c>a[idx]</c>.</summary>
    /// <exception cref="TypeError">T is not the element type.</exception>
    /// <exception cref="IndexError">An index is out of bounds, or the index has the wrong length.</exception>
    public ref readonly T AtReadOnly<T>(params long[] index) where T : unmanaged => ref AtCore<T>(index, write: false);

    private ref T AtCore<T>(scoped ReadOnlySpan<long> index, bool write) where T : unmanaged
    {
        ThrowIfDisposed();
        if (typeof(T) != Dtype.type)
            throw new TypeError($"At<{typeof(T).Name}> needs the element type of dtype {Dtype.name} ({Dtype.type.Name})");
        if (index.Length != Dims.Length)
        {
            if (index.Length > Dims.Length) throw Err.TooManyIndices(Dims.Length, index.Length);
            throw new IndexError($"At needs {Dims.Length} indices for a {Dims.Length}-dimensional array, got {index.Length}");
        }
        if (write && (FlagBits & ArrayFlags.Writeable) == 0) throw Err.ReadOnly();
        if (Buf is null) throw new InvalidOperationException("A C# scalar converted to an array has no native memory; use np.array(x).");
        return ref NativeData.RefAt<T>(Buf.Address + Offset + (nint)MultiOffset(index));
    }

    /// <summary>NumPy's <c>str(a)</c>; "NDArray(disposed)" after Dispose.</summary>
    public override string ToString() => IsDisposed ? "NDArray(disposed)" : ArrayPrinter.Str(this, null, null);

    /// <summary>NumPy's layout with each element formatted by a .NET format string (a 0-d array is just the value).
    /// NumPy: <c>np.array2string(a, formatter=…)</c>.</summary>
    /// <param name="format">A .NET format string applied to every element.</param>
    /// <param name="formatProvider">The culture; invariant when null.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        IsDisposed ? "NDArray(disposed)" : ArrayPrinter.Str(this, format, formatProvider);

    /// <summary>Reference equality (use np.array_equal for values).</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>Reference hash.</summary>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>Iterates over axis 0: views of the sub-arrays (0-d arrays for a 1-d array). NumPy: <c>for row in a</c>.</summary>
    /// <exception cref="TypeError">"iteration over a 0-d array".</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArrayEnumerator GetEnumerator()
    {
        ThrowIfDisposed();
        if (Dims.Length == 0) throw new TypeError("iteration over a 0-d array");
        return new NDArrayEnumerator(this);
    }

    private NDArray[] Unpack(int n)
    {
        ThrowIfDisposed();
        if (Dims.Length == 0) throw new TypeError("iteration over a 0-d array");
        long have = Dims[0];
        if (have < n) throw new ValueError($"not enough values to unpack (expected {n}, got {have})");
        if (have > n) throw new ValueError($"too many values to unpack (expected {n})");
        var r = new NDArray[n];
        for (int i = 0; i < n; i++) r[i] = AxisZeroItem(i);
        return r;
    }

    /// <summary>The view a[i] along axis 0 (a 0-d copy-free view for 1-d arrays).</summary>
    internal NDArray AxisZeroItem(long i)
    {
        var shape = Dims[1..];
        var strides = Strides[1..];
        return View(shape, strides, Offset + (nint)(i * Strides[0]));
    }

    /// <summary>Unpacks along axis 0. NumPy: <c>a0, a1 = a</c>.</summary>
    /// <exception cref="ValueError">Axis 0 does not have exactly 2 elements.</exception>
    public void Deconstruct(out NDArray a0, out NDArray a1)
    {
        var r = Unpack(2);
        (a0, a1) = (r[0], r[1]);
    }

    /// <summary>Unpacks along axis 0. NumPy: <c>a0, a1, a2 = a</c>.</summary>
    /// <exception cref="ValueError">Axis 0 does not have exactly 3 elements.</exception>
    public void Deconstruct(out NDArray a0, out NDArray a1, out NDArray a2)
    {
        var r = Unpack(3);
        (a0, a1, a2) = (r[0], r[1], r[2]);
    }

    /// <summary>Unpacks along axis 0. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">Axis 0 does not have exactly 4 elements.</exception>
    public void Deconstruct(out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3)
    {
        var r = Unpack(4);
        (a0, a1, a2, a3) = (r[0], r[1], r[2], r[3]);
    }

    /// <summary>Unpacks along axis 0. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">Axis 0 does not have exactly 5 elements.</exception>
    public void Deconstruct(out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4)
    {
        var r = Unpack(5);
        (a0, a1, a2, a3, a4) = (r[0], r[1], r[2], r[3], r[4]);
    }

    /// <summary>Unpacks along axis 0. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">Axis 0 does not have exactly 6 elements.</exception>
    public void Deconstruct(out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4, out NDArray a5)
    {
        var r = Unpack(6);
        (a0, a1, a2, a3, a4, a5) = (r[0], r[1], r[2], r[3], r[4], r[5]);
    }

    /// <summary>Unpacks along axis 0. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">Axis 0 does not have exactly 7 elements.</exception>
    public void Deconstruct(out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4, out NDArray a5, out NDArray a6)
    {
        var r = Unpack(7);
        (a0, a1, a2, a3, a4, a5, a6) = (r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
    }

    /// <summary>Unpacks along axis 0. NumPy: tuple unpacking.</summary>
    /// <exception cref="ValueError">Axis 0 does not have exactly 8 elements.</exception>
    public void Deconstruct(out NDArray a0, out NDArray a1, out NDArray a2, out NDArray a3, out NDArray a4, out NDArray a5, out NDArray a6, out NDArray a7)
    {
        var r = Unpack(8);
        (a0, a1, a2, a3, a4, a5, a6, a7) = (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
    }
}
