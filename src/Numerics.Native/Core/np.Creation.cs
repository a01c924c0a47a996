using System.Numerics;

namespace Numerics.Native;

public static partial class np
{
    // ---- helpers ----

    private static NDArray FromDotNet<T>(T[] data, long[] shape) where T : unmanaged
    {
        var dtype = DTypeParser.FromType(typeof(T));
        var a = NDArray.Allocate(shape, dtype);
        if (data.Length > 0) NativeOps.CopyFromManaged(data, a, (long)data.Length * dtype.Size);
        return a;
    }

    /// <summary>Applies dtype conversion and ndmin to a freshly created array we own (disposes it when replaced).</summary>
    private static NDArray Finish(NDArray fresh, DType? dtype, int ndmin, string order = "K")
    {
        var a = fresh;
        if (dtype is not null && dtype.NativeOrder != a.Dtype)
        {
            var c = NDArray.Allocate(a.Dims.AsSpan().ToArray(), dtype);
            NativeOps.CopyWarn(c, a);
            a.Dispose();
            a = c;
        }
        if (order == "F" && !a.IsFContiguous)
        {
            var f = NDArray.Allocate(a.Dims.AsSpan().ToArray(), a.Dtype, fortran: true);
            NativeOps.Copy(f, a);
            a.Dispose();
            a = f;
        }
        return WithNdmin(a, ndmin, disposeInput: true, order);
    }

    private static NDArray WithNdmin(NDArray a, int ndmin, bool disposeInput, string order = "K")
    {
        if (ndmin > NDArray.MaxDims)
            throw new ValueError($"ndmin bigger than allowable number of dimensions NPY_MAXDIMS (={NDArray.MaxDims})");   // NumPy 2's text
        if (ndmin <= a.Dims.Length) return a;
        int add = ndmin - a.Dims.Length;
        var shape = new long[ndmin];
        var strides = new long[ndmin];
        // NumPy's _prepend_ones: the new axes get the itemsize for F order / Fortran arrays / 0-d, else strides[0]*shape[0].
        bool fortranLike = order == "F" || (a.IsFContiguous && !a.IsCContiguous && a.Dims.Length > 1) || a.Dims.Length == 0;
        long newStride = fortranLike ? a.Dtype.Size : a.Strides[0] * a.Dims[0];
        for (int i = 0; i < add; i++) { shape[i] = 1; strides[i] = newStride; }
        Array.Copy(a.Dims, 0, shape, add, a.Dims.Length);
        Array.Copy(a.Strides, 0, strides, add, a.Strides.Length);
        var v = a.View(shape, strides, a.Offset);
        if (disposeInput) a.Dispose();
        return v;
    }

    private static NDArray Weak2Strong(NDArray a, DType? dtype)
    {
        var target = dtype?.NativeOrder ?? a.Dtype;
        NDArray.CheckWeakFits(a, target);
        // NumPy writes a Python scalar with the dtype's setitem (PyArray_Pack), not a cast: np.array(1e20, dtype=int64)
        // raises OverflowError "Python int too large to convert to C long", np.array(3e9, dtype=int32) wraps int(3e9)
        // without a warning, np.array(1+2j, dtype=float64) raises TypeError.
        using var packed = NDArray.PackPythonScalar(a, target);
        var r = NDArray.Allocate([], target);
        NativeOps.CopyWarn(r, packed ?? a);
        return r;
    }

    private static void CheckOrder(string order, bool allowAK)
    {
        // The default argument is the interned literal: a reference compare settles the common case.
        if (ReferenceEquals(order, "C") || order is "C" or "F") return;
        if (allowAK && order is "A" or "K") return;
        // NumPy parses the order first (an unknown letter names all four), then refuses 'A'/'K' where only C/F make sense.
        if (!allowAK && order is "A" or "K") throw new ValueError("only 'C' or 'F' order is permitted");
        throw new ValueError("order must be one of 'C', 'F', 'A', or 'K' (got '" + order + "')");
    }

    // ---- np.array ----

    /// <summary>A new array from a .NET array (copy), with T's dtype unless <paramref name="dtype"/> is given.
    /// NumPy: <c>np.array(data, dtype, copy=copy, order=order, ndmin=ndmin)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="copy"/> is false (a .NET array is always copied: "Unable to avoid copy …").</exception>
    /// <exception cref="TypeError">T is not one of the 14 element types, or the dtype is unknown.</exception>
    public static NDArray array<T>(T[] data, DType? dtype = null, bool? copy = true, string order = "K", int ndmin = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckOrder(order, allowAK: true);
        if (copy == false) throw Err.CannotAvoidCopy();
        return Finish(FromDotNet(data, [data.LongLength]), dtype, ndmin, order);
    }

    /// <summary>A new 2-d array from a rectangular jagged array (copy). NumPy: <c>np.array([[...], [...]])</c>.</summary>
    /// <exception cref="ValueError">The rows have different lengths ("setting an array element with a sequence. …").</exception>
    public static NDArray array<T>(T[][] data, DType? dtype = null, int ndmin = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        long rows = data.Length, cols = rows == 0 ? 0 : data[0]?.Length ?? 0;
        foreach (var r in data)
            if (r is null || r.Length != cols) throw Inhomogeneous(1, [rows]);
        var flat = new T[rows * cols];
        for (int i = 0; i < rows; i++) Array.Copy(data[i], 0, flat, i * cols, cols);
        // NumPy's shape stops at the first empty level: np.array([]) is (0,), np.array([[]]) is (1, 0).
        return Finish(FromDotNet(flat, rows == 0 ? [0] : [rows, cols]), dtype, ndmin);
    }

    /// <summary>A new 3-d array from a rectangular jagged array (copy). NumPy: <c>np.array([[[...]]])</c>.</summary>
    /// <exception cref="ValueError">The array is ragged ("setting an array element with a sequence. …").</exception>
    public static NDArray array<T>(T[][][] data, DType? dtype = null, int ndmin = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        long n0 = data.Length, n1 = n0 == 0 ? 0 : data[0]?.Length ?? 0;
        foreach (var r in data) if (r is null || r.Length != n1) throw Inhomogeneous(1, [n0]);
        long n2 = n0 == 0 || n1 == 0 ? 0 : data[0][0]?.Length ?? 0;
        foreach (var r in data)
            foreach (var c in r)
                if (c is null || c.Length != n2) throw Inhomogeneous(2, [n0, n1]);
        var flat = new T[n0 * n1 * n2];
        long w = 0;
        foreach (var r in data)
            foreach (var c in r)
            {
                Array.Copy(c, 0, flat, w, n2);
                w += n2;
            }
        long[] shape = n0 == 0 ? [0] : n1 == 0 ? [n0, 0] : [n0, n1, n2];
        return Finish(FromDotNet(flat, shape), dtype, ndmin);
    }

    private static ValueError Inhomogeneous(int after, long[] detected) =>
        new($"setting an array element with a sequence. The requested array has an inhomogeneous shape after {after} dimensions. The detected shape was {Err.Tuple(detected)} + inhomogeneous part.");

    /// <summary>A new array from a rectangular .NET array <c>T[,]</c>, <c>T[,,]</c>, … (copy). NumPy: <c>np.array(nested)</c>.</summary>
    /// <exception cref="TypeError">The element type is not one of the 14.</exception>
    public static NDArray array(Array data, DType? dtype = null, int ndmin = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var et = data.GetType().GetElementType()!;
        if (!DTypeParser.TryFromType(et, out var dt))
            throw new TypeError($"np.array(Array) needs a rectangular array of one of the 14 element types, not {et.Name}");
        var shape = new long[data.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = data.GetLongLength(i);
        var a = NDArray.Allocate(shape, dt);
        if (a.Size > 0) NativeOps.CopyFromManaged(data, a, a.Size * dt.Size);
        return Finish(a, dtype, ndmin);
    }

    /// <summary>A new 1-d array from a span (copy). NumPy: <c>np.array(buffer)</c>.</summary>
    /// <exception cref="TypeError">T is not one of the 14 element types.</exception>
    public static NDArray array<T>(ReadOnlySpan<T> data, DType? dtype = null) where T : unmanaged
    {
        var dt = DTypeParser.FromType(typeof(T));
        var a = NDArray.Allocate([data.Length], dt);
        NativeOps.CopyFromSpan(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data), a);
        return Finish(a, dtype, 0);
    }

    /// <summary>A new 1-d array from a sequence (copy). NumPy: <c>np.array(list(iterable))</c>.</summary>
    /// <exception cref="TypeError">T is not one of the 14 element types.</exception>
    public static NDArray array<T>(IEnumerable<T> data, DType? dtype = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var arr = data as T[] ?? data.ToArray();
        return Finish(FromDotNet(arr, [arr.LongLength]), dtype, 0);
    }

    /// <summary>
    /// An array from another array or a C# scalar. <paramref name="copy"/>: true always copies, null copies only
    /// when needed (dtype or order), false never copies. A C# scalar gives a 0-d array of its kind's default dtype
    /// (<c>np.array(7)</c> is int64). NumPy 2: <c>np.array(obj, dtype, copy=copy, order=order, ndmin=ndmin)</c>.
    /// </summary>
    /// <exception cref="ValueError">copy is false but a copy is needed ("Unable to avoid copy while creating an array as requested.").</exception>
    /// <exception cref="OverflowError">A C# integer does not fit the requested integer dtype.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray array(NDArray obj, DType? dtype = null, bool? copy = true, string order = "K", int ndmin = 0)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj.ThrowIfDisposed();
        CheckOrder(order, allowAK: true);
        if (obj.IsWeak)
        {
            if (copy == false) throw Err.CannotAvoidCopy();
            return WithNdmin(Weak2Strong(obj, dtype), ndmin, disposeInput: true);
        }
        var target = dtype?.NativeOrder ?? obj.Dtype;
        bool orderOk = order switch
        {
            "C" => obj.IsCContiguous,
            "F" => obj.IsFContiguous,
            _ => true,
        };
        bool needCopy = copy == true || target != obj.Dtype || !orderOk;
        if (!needCopy) return WithNdmin(obj.SameView(), ndmin, disposeInput: true, order);
        if (copy == false) throw Err.CannotAvoidCopy();
        string o = order == "A" ? (obj.IsFContiguous && !obj.IsCContiguous ? "F" : "C") : order;
        var r = o == "K" ? NDArray.AllocateLike(obj, target) : NDArray.Allocate(obj.Dims.AsSpan().ToArray(), target, o == "F");
        NativeOps.CopyWarn(r, obj);
        return WithNdmin(r, ndmin, disposeInput: true, order);
    }

    /// <summary>Stacks arrays of equal shape along a new first axis. NumPy: <c>np.array([a, b, c])</c>.</summary>
    /// <exception cref="ValueError">The shapes differ ("all input arrays must have the same shape") or the sequence is empty.</exception>
    public static NDArray array(IEnumerable<NDArray> arrays, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var list = arrays.ToArray();
        if (list.Length == 0) return empty(Shape.Own([0]), dtype);
        var s = stack(list);
        if (dtype is null || dtype.NativeOrder == s.Dtype) return s;
        using (s) return s.astype(dtype);
    }

    /// <summary>The array itself as a new view when no conversion is needed, else a converted copy.
    /// NumPy 2: <c>np.asarray(a, dtype, order, copy=copy)</c>.</summary>
    /// <exception cref="ValueError">copy is false but a copy is needed.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray asarray(NDArray a, DType? dtype = null, string order = "K", bool? copy = null) =>
        array(a, dtype, copy, order);

    /// <summary>A new array from a .NET array (copy). NumPy: <c>np.asarray(list)</c>.</summary>
    /// <exception cref="TypeError">T is not one of the 14 element types.</exception>
    public static NDArray asarray<T>(T[] data, DType? dtype = null) where T : unmanaged => array(data, dtype, copy: null);

    /// <summary>Same as <see cref="asarray(NDArray, DType?, string, bool?)"/> (no subclasses here). NumPy: <c>np.asanyarray(a, dtype)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray asanyarray(NDArray a, DType? dtype = null) => array(a, dtype, copy: null);

    /// <summary>A C-contiguous array (a view of the same array when it already is one), at least 1-d.
    /// NumPy: <c>np.ascontiguousarray(a, dtype)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray ascontiguousarray(NDArray a, DType? dtype = null) => array(a, dtype, copy: null, order: "C", ndmin: 1);

    /// <summary>A Fortran-contiguous array (a view when it already is one), at least 1-d. NumPy: <c>np.asfortranarray(a, dtype)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray asfortranarray(NDArray a, DType? dtype = null) => array(a, dtype, copy: null, order: "F", ndmin: 1);

    /// <summary>A copy in the given memory order ("K" keeps the layout). NumPy: <c>np.copy(a, order)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static NDArray copy(NDArray a, string order = "K") => array(a, copy: true, order: order);

    /// <summary>
    /// Interprets a byte array as a 1-d array without copying (pinned; writes are shared). A big-endian dtype gives
    /// a native-order copy instead. NumPy: <c>np.frombuffer(buffer, dtype, count, offset)</c>.
    /// </summary>
    /// <exception cref="ValueError">Offset, count or the buffer size do not fit the dtype (NumPy's messages).</exception>
    public static NDArray frombuffer(byte[] buffer, DType? dtype = null, long count = -1, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return FromBufferCore(new Memory<byte>(buffer), dtype, count, offset, writeable: true);
    }

    /// <summary>Interprets read-only memory as a 1-d read-only array without copying. NumPy: <c>np.frombuffer(bytes_obj, …)</c>.</summary>
    /// <exception cref="ValueError">Offset, count or the buffer size do not fit the dtype (NumPy's messages).</exception>
    public static NDArray frombuffer(ReadOnlyMemory<byte> buffer, DType? dtype = null, long count = -1, long offset = 0) =>
        FromBufferCore(System.Runtime.InteropServices.MemoryMarshal.AsMemory(buffer), dtype, count, offset, writeable: false);

    private static NDArray FromBufferCore(Memory<byte> buffer, DType? dtype, long count, long offset, bool writeable)
    {
        var dt = dtype ?? DType.Float64;
        long len = buffer.Length, item = dt.Size;
        if (offset < 0 || offset > len) throw new ValueError($"offset must be non-negative and no greater than buffer length ({len})");
        long avail = len - offset;
        if (count < 0)
        {
            if (avail % item != 0) throw new ValueError("buffer size must be a multiple of element size");
            count = avail / item;
        }
        else if (avail < count * item)
        {
            throw new ValueError("buffer is smaller than requested size");
        }
        var slice = buffer.Slice((int)offset, (int)(count * item));
        var pin = new PinnedBuffer(slice.Pin());
        var buf = NativeBuffer.FromPinned(pin, slice.Length);
        var raw = new NDArray(buf, 0, [count], [item], dt.NativeOrder, null,
            writeable ? ArrayFlags.Writeable : ArrayFlags.WriteLocked);
        if (!dt.IsSwapped) return raw;
        using (raw)
        {
            var c = NDArray.Allocate([count], dt.NativeOrder);
            NativeOps.Copy(c, raw);
            NativeOps.ByteSwapInPlace(c);
            return c;
        }
    }

    /// <summary>A new 1-d array from a sequence, converted to <paramref name="dtype"/>; <paramref name="count"/> ≥ 0 reads
    /// exactly that many items. NumPy: <c>np.fromiter(iter, dtype, count)</c>.</summary>
    /// <exception cref="ValueError">The sequence is shorter than count ("iterator too short: Expected N but iterator had only M items.").</exception>
    public static NDArray fromiter<T>(IEnumerable<T> iter, DType dtype, long count = -1) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(iter);
        ArgumentNullException.ThrowIfNull(dtype);
        T[] items;
        if (count < 0) items = iter.ToArray();
        else
        {
            items = iter.Take((int)count).ToArray();
            if (items.Length < count)
                throw new ValueError($"iterator too short: Expected {count} but iterator had only {items.Length} items.");
        }
        return Finish(FromDotNet(items, [items.LongLength]), dtype, 0);
    }

    /// <summary>Calls <paramref name="function"/> once with the index grids of <paramref name="shape"/> (float64 unless
    /// <paramref name="dtype"/> is given) and returns its result. NumPy: <c>np.fromfunction(function, shape, dtype)</c>.</summary>
    public static NDArray fromfunction(Func<NDArray[], NDArray> function, Shape shape, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        using var grids = indices(shape, dtype ?? DType.Float64);
        var parts = new NDArray[shape.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = grids[i];
        NDArray? result = null;
        try
        {
            result = function(parts);
            return result;
        }
        finally
        {
            // The function may return one of the grids itself (NumPy: lambda i, j: i); that one is the caller's now.
            foreach (var p in parts)
                if (!ReferenceEquals(p, result)) p.Dispose();
        }
    }

    // ---- filled arrays ----

    /// <summary>A new array with unspecified contents (pool memory). NumPy: <c>np.empty(shape, dtype, order)</c>.</summary>
    /// <exception cref="ValueError">Negative dimensions, more than 64 of them, or a bad order.</exception>
    /// <exception cref="MemoryError">The memory is not available.</exception>
    public static NDArray empty(Shape shape, DType? dtype = null, string order = "C")
    {
        if (!ReferenceEquals(order, "C")) CheckOrder(order, allowAK: false);
        // Shape is immutable and arrays never change their dims in place, so the dims array can be shared.
        return NDArray.Allocate(shape.Dims, dtype ?? DType.Float64, !ReferenceEquals(order, "C") && order == "F");
    }

    /// <summary>A new array of zeros. NumPy: <c>np.zeros(shape, dtype, order)</c>.</summary>
    /// <exception cref="ValueError">Negative dimensions, more than 64 of them, or a bad order.</exception>
    /// <exception cref="MemoryError">The memory is not available.</exception>
    public static NDArray zeros(Shape shape, DType? dtype = null, string order = "C")
    {
        var a = empty(shape, dtype, order);
        NativeOps.Zero(a);
        return a;
    }

    /// <summary>A new array of ones. NumPy: <c>np.ones(shape, dtype, order)</c>.</summary>
    /// <exception cref="ValueError">Negative dimensions, more than 64 of them, or a bad order.</exception>
    /// <exception cref="MemoryError">The memory is not available.</exception>
    public static NDArray ones(Shape shape, DType? dtype = null, string order = "C")
    {
        var a = empty(shape, dtype, order);
        using var one = (NDArray)1L;
        NativeOps.Copy(a, one);
        return a;
    }

    /// <summary>A new array filled with a value; the dtype comes from the value (a C# scalar gives its kind's default:
    /// <c>np.full(3, 7)</c> is int64) unless given. NumPy 2: <c>np.full(shape, fill_value, dtype, order)</c>.</summary>
    /// <exception cref="ValueError">The value does not broadcast to the shape, or the shape is invalid.</exception>
    /// <exception cref="OverflowError">A C# integer does not fit the integer dtype.</exception>
    public static NDArray full(Shape shape, NDArray fill_value, DType? dtype = null, string order = "C")
    {
        ArgumentNullException.ThrowIfNull(fill_value);
        fill_value.ThrowIfDisposed();
        var a = empty(shape, dtype ?? fill_value.Dtype, order);
        try
        {
            a.Assign(fill_value);
        }
        catch
        {
            a.Dispose();
            throw;
        }
        return a;
    }

    private static NDArray LikeCore(NDArray prototype, DType? dtype, string order, Shape? shape)
    {
        ArgumentNullException.ThrowIfNull(prototype);
        prototype.ThrowIfDisposed();
        CheckOrder(order, allowAK: true);
        var dt = dtype ?? prototype.Dtype;
        long[] dims = shape is Shape s ? s.ToArray() : prototype.Dims.AsSpan().ToArray();
        NDArray.CheckedSize(dims);
        return order switch
        {
            "C" => NDArray.Allocate(dims, dt),
            "F" => NDArray.Allocate(dims, dt, fortran: true),
            "A" => NDArray.Allocate(dims, dt, fortran: prototype.IsFContiguous && !prototype.IsCContiguous),
            _ => NDArray.AllocateLike(prototype, dt, dims),
        };
    }

    /// <summary>A new uninitialised array with the prototype's shape, dtype and layout. NumPy: <c>np.empty_like(prototype, dtype, order, shape=shape)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The prototype was disposed.</exception>
    public static NDArray empty_like(NDArray prototype, DType? dtype = null, string order = "K", Shape? shape = null) =>
        LikeCore(prototype, dtype, order, shape);

    /// <summary>Zeros with the prototype's shape, dtype and layout. NumPy: <c>np.zeros_like(a, dtype, order, shape=shape)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The prototype was disposed.</exception>
    public static NDArray zeros_like(NDArray a, DType? dtype = null, string order = "K", Shape? shape = null)
    {
        var r = LikeCore(a, dtype, order, shape);
        NativeOps.Zero(r);
        return r;
    }

    /// <summary>Ones with the prototype's shape, dtype and layout. NumPy: <c>np.ones_like(a, dtype, order, shape=shape)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The prototype was disposed.</exception>
    public static NDArray ones_like(NDArray a, DType? dtype = null, string order = "K", Shape? shape = null)
    {
        var r = LikeCore(a, dtype, order, shape);
        using var one = (NDArray)1L;
        NativeOps.Copy(r, one);
        return r;
    }

    /// <summary>A value with the prototype's shape, dtype and layout. NumPy: <c>np.full_like(a, fill_value, dtype, order, shape=shape)</c>.</summary>
    /// <exception cref="OverflowError">A C# integer does not fit the integer dtype.</exception>
    /// <exception cref="ObjectDisposedException">The prototype was disposed.</exception>
    public static NDArray full_like(NDArray a, NDArray fill_value, DType? dtype = null, string order = "K", Shape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(fill_value);
        var r = LikeCore(a, dtype, order, shape);
        try
        {
            r.Assign(fill_value);
        }
        catch
        {
            r.Dispose();
            throw;
        }
        return r;
    }
}
