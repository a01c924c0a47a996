using System.Numerics;

namespace Numerics.Native;

public partial class NDArray
{
    // ---- C# scalars → weak 0-d arrays (NEP 50) ----

    /// <summary>A weak bool scalar (NEP 50: Python bool). NumPy: a Python <c>bool</c> operand.</summary>
    public static implicit operator NDArray(bool value) => MakeWeak(value, WeakKind.Bool);

    /// <summary>A weak integer scalar (NEP 50: Python int). NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(sbyte value) => MakeWeak((long)value, WeakKind.Integer);

    /// <summary>A weak integer scalar (NEP 50: Python int). NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(short value) => MakeWeak((long)value, WeakKind.Integer);

    /// <summary>A weak integer scalar (NEP 50: Python int). NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(int value) => MakeWeak((long)value, WeakKind.Integer);

    /// <summary>A weak integer scalar (NEP 50: Python int). NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(long value) => MakeWeak(value, WeakKind.Integer);

    /// <summary>A weak integer scalar (NEP 50: Python int). NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(byte value) => MakeWeak((long)value, WeakKind.Integer);

    /// <summary>A weak integer scalar (NEP 50: Python int). NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(ushort value) => MakeWeak((long)value, WeakKind.Integer);

    /// <summary>A weak integer scalar (NEP 50: Python int). NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(uint value) => MakeWeak((long)value, WeakKind.Integer);

    /// <summary>A weak integer scalar (NEP 50: Python int; above int64's range it is held as uint64, as NumPy does).
    /// NumPy: a Python <c>int</c> operand.</summary>
    public static implicit operator NDArray(ulong value) =>
        value <= long.MaxValue ? MakeWeak((long)value, WeakKind.Integer) : MakeWeak(value, WeakKind.Integer);

    /// <summary>A weak float scalar (NEP 50: Python float). NumPy: a Python <c>float</c> operand.</summary>
    public static implicit operator NDArray(Half value) => MakeWeak((double)value, WeakKind.Float);

    /// <summary>A weak float scalar (NEP 50: Python float). NumPy: a Python <c>float</c> operand.</summary>
    public static implicit operator NDArray(float value) => MakeWeak((double)value, WeakKind.Float);

    /// <summary>A weak float scalar (NEP 50: Python float). NumPy: a Python <c>float</c> operand.</summary>
    public static implicit operator NDArray(double value) => MakeWeak(value, WeakKind.Float);

    /// <summary>A weak complex scalar (NEP 50: Python complex). NumPy: a Python <c>complex</c> operand.</summary>
    public static implicit operator NDArray(Complex64 value) => MakeWeak((Complex)value, WeakKind.Complex);

    /// <summary>A weak complex scalar (NEP 50: Python complex). NumPy: a Python <c>complex</c> operand.</summary>
    public static implicit operator NDArray(Complex value) => MakeWeak(value, WeakKind.Complex);

    // ---- 1-d .NET arrays → new arrays (copy) ----

    /// <summary>A new bool array (copy). NumPy: <c>np.array(list_of_bools)</c>.</summary>
    public static implicit operator NDArray(bool[] data) => np.array(data);

    /// <summary>A new int8 array (copy). NumPy: <c>np.array(data, dtype=np.int8)</c>.</summary>
    public static implicit operator NDArray(sbyte[] data) => np.array(data);

    /// <summary>A new int16 array (copy). NumPy: <c>np.array(data, dtype=np.int16)</c>.</summary>
    public static implicit operator NDArray(short[] data) => np.array(data);

    /// <summary>A new int32 array (copy). NumPy: <c>np.array(data, dtype=np.int32)</c>.</summary>
    public static implicit operator NDArray(int[] data) => np.array(data);

    /// <summary>A new int64 array (copy). NumPy: <c>np.array(list_of_ints)</c>.</summary>
    public static implicit operator NDArray(long[] data) => np.array(data);

    /// <summary>A new uint8 array (copy). NumPy: <c>np.array(data, dtype=np.uint8)</c>.</summary>
    public static implicit operator NDArray(byte[] data) => np.array(data);

    /// <summary>A new uint16 array (copy). NumPy: <c>np.array(data, dtype=np.uint16)</c>.</summary>
    public static implicit operator NDArray(ushort[] data) => np.array(data);

    /// <summary>A new uint32 array (copy). NumPy: <c>np.array(data, dtype=np.uint32)</c>.</summary>
    public static implicit operator NDArray(uint[] data) => np.array(data);

    /// <summary>A new uint64 array (copy). NumPy: <c>np.array(data, dtype=np.uint64)</c>.</summary>
    public static implicit operator NDArray(ulong[] data) => np.array(data);

    /// <summary>A new float16 array (copy). NumPy: <c>np.array(data, dtype=np.float16)</c>.</summary>
    public static implicit operator NDArray(Half[] data) => np.array(data);

    /// <summary>A new float32 array (copy). NumPy: <c>np.array(data, dtype=np.float32)</c>.</summary>
    public static implicit operator NDArray(float[] data) => np.array(data);

    /// <summary>A new float64 array (copy). NumPy: <c>np.array(list_of_floats)</c>.</summary>
    public static implicit operator NDArray(double[] data) => np.array(data);

    /// <summary>A new complex64 array (copy). NumPy: <c>np.array(data, dtype=np.complex64)</c>.</summary>
    public static implicit operator NDArray(Complex64[] data) => np.array(data);

    /// <summary>A new complex128 array (copy). NumPy: <c>np.array(list_of_complex)</c>.</summary>
    public static implicit operator NDArray(Complex[] data) => np.array(data);

    // ---- size-1 arrays → C# scalars ----

    private T Scalar<T>() where T : unmanaged
    {
        ThrowIfDisposed();
        // NumPy 2's check_is_convertible_to_scalar (float(a), int(a), complex(a)).
        if (Size != 1) throw new TypeError("only length-1 arrays can be converted to Python scalars");
        if (Dims.Length > 0)
            WarningSink.Report(new DeprecationWarning("Conversion of an array with ndim > 0 to a scalar is deprecated, and will error in future. Ensure you extract a single element from your array before performing this operation. (Deprecated NumPy 1.25.)"));
        if (Dtype.IsComplex && typeof(T) != typeof(Complex) && typeof(T) != typeof(Complex64) && typeof(T) != typeof(bool))
            WarningSink.Report(ComplexWarning.DiscardsImaginary());
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(short) ||
            typeof(T) == typeof(sbyte) || typeof(T) == typeof(ulong) || typeof(T) == typeof(uint) ||
            typeof(T) == typeof(ushort) || typeof(T) == typeof(byte))
            CheckPythonIntFits(DTypeParser.FromType(typeof(T)));
        return NativeData.Read<T>(this, 0);
    }

    /// <summary>
    /// (long)a and the other integer conversions are Python's int(a): an exact integer (a float truncated toward zero).
    /// One the C# type cannot hold raises NumPy 2's OverflowError for a Python integer that does not fit a dtype
    /// (np.int8(int(a))), never a wrapped or saturated value: (int)np.array(3e9) is not -2147483648.
    /// </summary>
    private void CheckPythonIntFits(DType to)
    {
        var info = new IInfo(to);
        Int128 min = info.min, max = info.max_unsigned;
        if (Dtype.IsInexact)
        {
            // Python's int() of the float (the real part of a complex), which refuses NaN and infinities.
            double x = NativeData.Read<double>(this, 0);
            if (double.IsNaN(x)) throw new ValueError("cannot convert float NaN to integer");
            if (double.IsInfinity(x)) throw new OverflowError("cannot convert float infinity to integer");
            double t = Math.Truncate(x);
            // min and max + 1 are powers of two, exact as doubles.
            if (t < (double)min || t >= (double)(max + 1))
                throw Err.PythonIntOutOfBounds(new BigInteger(t).ToString(System.Globalization.CultureInfo.InvariantCulture), to);
            return;
        }
        if (Dtype.IsBool) return;
        Int128 v = Dtype.IsUnsignedInteger ? NativeData.Read<ulong>(this, 0) : NativeData.Read<long>(this, 0);
        if (v < min || v > max)
            throw Err.PythonIntOutOfBounds(v.ToString(System.Globalization.CultureInfo.InvariantCulture), to);
    }

    /// <summary>The truth value of a size-1 array. NumPy: <c>bool(a)</c>.</summary>
    /// <exception cref="ValueError">More than one element ("The truth value of an array with more than one element is ambiguous…") or none.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static explicit operator bool(NDArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.ThrowIfDisposed();
        if (a.Size > 1) throw Err.Ambiguous();
        if (a.Size == 0)
            throw new ValueError("The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.");
        return NativeData.Read<bool>(a, 0);
    }

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator sbyte(NDArray a) => Checked(a).Scalar<sbyte>();

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator short(NDArray a) => Checked(a).Scalar<short>();

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator int(NDArray a) => Checked(a).Scalar<int>();

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator long(NDArray a) => Checked(a).Scalar<long>();

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator byte(NDArray a) => Checked(a).Scalar<byte>();

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator ushort(NDArray a) => Checked(a).Scalar<ushort>();

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator uint(NDArray a) => Checked(a).Scalar<uint>();

    /// <summary>The value of a size-1 array. NumPy: <c>int(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator ulong(NDArray a) => Checked(a).Scalar<ulong>();

    /// <summary>The value of a size-1 array. NumPy: <c>np.float16(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator Half(NDArray a) => Checked(a).Scalar<Half>();

    /// <summary>The value of a size-1 array. NumPy: <c>float(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator float(NDArray a) => Checked(a).Scalar<float>();

    /// <summary>The value of a size-1 array. NumPy: <c>float(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator double(NDArray a) => Checked(a).Scalar<double>();

    /// <summary>The value of a size-1 array. NumPy: <c>np.complex64(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator Complex64(NDArray a) => Checked(a).Scalar<Complex64>();

    /// <summary>The value of a size-1 array. NumPy: <c>complex(a)</c>.</summary>
    /// <exception cref="TypeError">"only length-1 arrays can be converted to Python scalars" (size ≠ 1); a size-1 array
    /// with dimensions gives NumPy 2's DeprecationWarning.</exception>
    public static explicit operator Complex(NDArray a) => Checked(a).Scalar<Complex>();

    private static NDArray Checked(NDArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a;
    }

    // ---- item / tolist / bytes ----

    /// <summary>The only element, converted to <typeparamref name="T"/>. NumPy: <c>a.item()</c>.</summary>
    /// <exception cref="ValueError">"can only convert an array of size 1 to a Python scalar".</exception>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not one of the 14 element types.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public T item<T>() where T : unmanaged
    {
        ThrowIfDisposed();
        if (Size != 1) throw Err.SizeOneOnly();
        return NativeData.Read<T>(this, 0);
    }

    /// <summary>One element, by flat C-order index (one argument) or by full multi-index, converted to
    /// <typeparamref name="T"/>. NumPy: <c>a.item(*args)</c>.</summary>
    /// <exception cref="IndexError">An index is out of bounds.</exception>
    /// <exception cref="ValueError">The number of indices is neither 1 nor ndim ("incorrect number of indices for array").</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public T item<T>(params long[] index) where T : unmanaged => NativeData.Read<T>(this, ItemOffset(index));

    /// <summary>The only element, boxed as its .NET element type. NumPy: <c>a.item()</c>.</summary>
    /// <exception cref="ValueError">"can only convert an array of size 1 to a Python scalar".</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public object item()
    {
        ThrowIfDisposed();
        if (Size != 1) throw Err.SizeOneOnly();
        return NativeData.ReadBoxed(this, 0);
    }

    internal long ItemOffset(long[] index)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length == 0)
        {
            if (Size != 1) throw Err.SizeOneOnly();
            return 0;
        }
        if (index.Length == 1 && Dims.Length != 1)
        {
            long i = index[0];
            if (i < -Size || i >= Size) throw new IndexError($"index {i} is out of bounds for size {Size}");
            if (i < 0) i += Size;
            long off = 0;
            for (int d = Dims.Length - 1; d >= 0; d--)
            {
                off += i % Dims[d] * Strides[d];
                i /= Dims[d];
            }
            return off;
        }
        if (index.Length != Dims.Length) throw new ValueError("incorrect number of indices for array");
        return MultiOffset(index);
    }

    internal long MultiOffset(scoped ReadOnlySpan<long> index)
    {
        long off = 0;
        for (int d = 0; d < index.Length; d++)
        {
            long i = index[d], n = Dims[d];
            if (i < -n || i >= n) throw Err.IndexOutOfBounds(i, d, n);
            if (i < 0) i += n;
            off += i * Strides[d];
        }
        return off;
    }

    /// <summary>The elements as nested <see cref="List{T}"/> of boxed values (a 0-d array gives the boxed value).
    /// NumPy: <c>a.tolist()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public object tolist()
    {
        ThrowIfDisposed();
        return ToListRec(0, 0);
    }

    private object ToListRec(int axis, long off)
    {
        if (axis == Dims.Length) return NativeData.ReadBoxed(this, off);
        var list = new List<object>((int)Math.Min(Dims[axis], 1 << 20));
        for (long i = 0; i < Dims[axis]; i++) list.Add(ToListRec(axis + 1, off + i * Strides[axis]));
        return list;
    }

    /// <summary>The raw element bytes in C (or Fortran, "F") order. NumPy: <c>a.tobytes(order)</c>.</summary>
    /// <exception cref="ValueError">Unknown order.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public byte[] tobytes(string order = "C")
    {
        ThrowIfDisposed();
        bool f = order switch
        {
            "C" => false,
            "F" => true,
            "A" => IsFContiguous && !IsCContiguous,
            "K" => false,
            _ => throw new ValueError("order must be one of 'C', 'F', 'A', or 'K' (got '" + order + "')"),
        };
        long bytes = Size * Dtype.Size;
        var result = new byte[bytes];
        using var c = np.copy(this, f ? "F" : "C");
        NativeOps.CopyToManaged(c, result, bytes);
        return result;
    }

    /// <summary>Writes the elements to a file: raw bytes in C order, or text separated by <paramref name="sep"/>.
    /// NumPy: <c>a.tofile(fid, sep, format)</c>.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public void tofile(string fid, string sep = "", string format = "%s")
    {
        ArgumentNullException.ThrowIfNull(fid);
        if (sep.Length == 0)
        {
            File.WriteAllBytes(fid, tobytes());
            return;
        }
        using var flat = np.ravel(this);
        var parts = new string[flat.Size];
        for (long i = 0; i < flat.Size; i++)
        {
            object v = NativeData.ReadBoxed(flat, i * flat.Strides[0]);
            parts[i] = format == "%s" ? ScalarText.Python(v) : PercentFormat.Format(format, v);
        }
        File.WriteAllText(fid, string.Join(sep, parts));
    }

    // ---- .NET arrays and spans ----

    /// <summary>The elements in C order as a new .NET array, converted (unsafe casting) when <typeparamref name="T"/>
    /// is not the element type. NumPy: <c>a.ravel().astype(T).tolist()</c>.</summary>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not one of the 14 element types.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        ThrowIfDisposed();
        var t = DTypeParser.FromType(typeof(T));
        var result = new T[Size];
        if (Size == 0) return result;
        if (t.Code == Dtype.Code && IsCContiguous && Buf is not null)
        {
            NativeOps.CopyToManaged(this, result, Size * t.Size);
            return result;
        }
        using var c = Allocate(Dims.AsSpan().ToArray(), t);
        NativeOps.CopyWarn(c, this);
        NativeOps.CopyToManaged(c, result, Size * t.Size);
        return result;
    }

    /// <summary>The elements as a rectangular .NET array of rank ndim (<c>T[,]</c>, <c>T[,,]</c>, …; <c>T[]</c> for 1-d).
    /// NumPy: <c>a.tolist()</c> with a fixed element type.</summary>
    /// <exception cref="InvalidOperationException">The array is 0-d, or a dimension exceeds <see cref="int.MaxValue"/>.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public Array ToMultiDimArray<T>() where T : unmanaged
    {
        ThrowIfDisposed();
        if (Dims.Length == 0) throw new InvalidOperationException("A 0-d array has no .NET array form; use item<T>().");
        var lengths = new int[Dims.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            if (Dims[i] > int.MaxValue) throw new InvalidOperationException("Dimension too large for a .NET array.");
            lengths[i] = (int)Dims[i];
        }
        var t = DTypeParser.FromType(typeof(T));
        Array result = lengths.Length switch
        {
            1 => new T[lengths[0]],
            2 => new T[lengths[0], lengths[1]],
            3 => new T[lengths[0], lengths[1], lengths[2]],
            4 => new T[lengths[0], lengths[1], lengths[2], lengths[3]],
            5 => new T[lengths[0], lengths[1], lengths[2], lengths[3], lengths[4]],
            6 => new T[lengths[0], lengths[1], lengths[2], lengths[3], lengths[4], lengths[5]],
            7 => new T[lengths[0], lengths[1], lengths[2], lengths[3], lengths[4], lengths[5], lengths[6]],
            8 => new T[lengths[0], lengths[1], lengths[2], lengths[3], lengths[4], lengths[5], lengths[6], lengths[7]],
            _ => throw new InvalidOperationException("ToMultiDimArray supports up to 8 dimensions."),
        };
        if (Size == 0) return result;
        using var c = Allocate(Dims.AsSpan().ToArray(), t);
        NativeOps.CopyWarn(c, this);
        NativeOps.CopyToManaged(c, result, Size * t.Size);
        return result;
    }

    private void CheckSpan<T>(bool write) where T : unmanaged
    {
        ThrowIfDisposed();
        if (typeof(T) != Dtype.type)
            throw new TypeError($"AsSpan<{typeof(T).Name}> needs the element type of dtype {Dtype.name} ({Dtype.type.Name})");
        if (!IsCContiguous) throw new InvalidOperationException("AsSpan needs a C-contiguous array; use np.ascontiguousarray first.");
        if (Size > int.MaxValue) throw new InvalidOperationException("The array has more than int.MaxValue elements.");
        if (write && (FlagBits & ArrayFlags.Writeable) == 0) throw Err.ReadOnly();
    }

    /// <summary>The elements as a span over the native memory (no copy); valid while this array lives.
    /// NumPy: a memoryview of a C-contiguous array.</summary>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not the element type.</exception>
    /// <exception cref="InvalidOperationException">The array is not C-contiguous, or is too large for a span.</exception>
    /// <exception cref="ValueError">The array is read-only ("assignment destination is read-only").</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        CheckSpan<T>(write: true);
        return Size == 0 ? [] : NativeData.SpanAt<T>(DataPointer, (int)Size);
    }

    /// <summary>The elements as a read-only span over the native memory (no copy). NumPy: a read-only memoryview.</summary>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not the element type.</exception>
    /// <exception cref="InvalidOperationException">The array is not C-contiguous, or is too large for a span.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public ReadOnlySpan<T> AsReadOnlySpan<T>() where T : unmanaged
    {
        CheckSpan<T>(write: false);
        if (Size == 0) return [];
        if (Buf is null)
        {
            using var strong = MaterializeStrong();
            return strong.ToArray<T>();
        }
        return NativeData.SpanAt<T>(DataPointer, (int)Size);
    }

    /// <summary>Wraps a .NET array without copying: writes are visible both ways; the array stays pinned until this
    /// array and all its views are released. NumPy: <c>np.frombuffer</c> / <c>np.asarray</c> on shared memory.</summary>
    /// <exception cref="ValueError">The shape's size differs from the data's length.</exception>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not one of the 14 element types.</exception>
    public static NDArray Wrap<T>(T[] data, Shape? shape = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var dtype = DTypeParser.FromType(typeof(T));
        var dims = shape is Shape s ? ReshapeDims(s.Dims, data.LongLength) : [data.LongLength];
        var pin = new PinnedBuffer(data);
        var buf = NativeBuffer.FromPinned(pin, data.LongLength * dtype.Size);
        return new NDArray(buf, 0, dims, CStrides(dims, dtype.Size), dtype, null, ArrayFlags.Writeable);
    }

    /// <summary>Wraps .NET memory without copying (pinned until released); read-only when <paramref name="writeable"/> is false.
    /// NumPy: <c>np.frombuffer</c>.</summary>
    /// <exception cref="ValueError">The shape's size differs from the data's length.</exception>
    /// <exception cref="TypeError"><typeparamref name="T"/> is not one of the 14 element types.</exception>
    public static NDArray Wrap<T>(Memory<T> data, Shape? shape = null, bool writeable = true) where T : unmanaged
    {
        var dtype = DTypeParser.FromType(typeof(T));
        var dims = shape is Shape s ? ReshapeDims(s.Dims, data.Length) : [data.Length];
        var pin = new PinnedBuffer(data.Pin());
        var buf = NativeBuffer.FromPinned(pin, (long)data.Length * dtype.Size);
        int flags = writeable ? ArrayFlags.Writeable : ArrayFlags.WriteLocked;
        return new NDArray(buf, 0, dims, CStrides(dims, dtype.Size), dtype, null, flags);
    }

    /// <summary>Resolves a requested shape (with at most one -1) against a known size, with NumPy's errors.</summary>
    internal static long[] ReshapeDims(long[] requested, long size)
    {
        var dims = requested.AsSpan().ToArray();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
            {
                // NumPy treats any negative entry as the unknown dimension.
                if (unknown >= 0) throw Err.OneUnknownDimension();
                unknown = i;
            }
            else
            {
                known *= dims[i];
            }
        }
        if (unknown >= 0)
        {
            if (known == 0 || size % known != 0) throw Err.CannotReshape(size, requested);
            dims[unknown] = size / known;
        }
        else if (known != size)
        {
            throw Err.CannotReshape(size, requested);
        }
        if (dims.Length > MaxDims) throw Err.TooManyDimensions(dims.Length);
        return dims;
    }
}
