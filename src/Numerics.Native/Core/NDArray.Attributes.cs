namespace Numerics.Native;

public partial class NDArray
{
    /// <summary>The dimensions. NumPy: <c>ndarray.shape</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public Shape shape
    {
        get
        {
            ThrowIfDisposed();
            return Shape.Own(Dims);
        }
    }

    /// <summary>The number of dimensions (0 … 64). NumPy: <c>ndarray.ndim</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public int ndim
    {
        get
        {
            ThrowIfDisposed();
            return Dims.Length;
        }
    }

    /// <summary>The number of elements. NumPy: <c>ndarray.size</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public long size
    {
        get
        {
            ThrowIfDisposed();
            return Size;
        }
    }

    /// <summary>The element type. NumPy: <c>ndarray.dtype</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public DType dtype
    {
        get
        {
            ThrowIfDisposed();
            return Dtype;
        }
    }

    /// <summary>Bytes per element. NumPy: <c>ndarray.itemsize</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public long itemsize => dtype.Size;

    /// <summary>Bytes of all elements (size × itemsize). NumPy: <c>ndarray.nbytes</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public long nbytes => size * Dtype.Size;

    /// <summary>Byte steps per axis; negative for reversed views, 0 for broadcast axes. NumPy: <c>ndarray.strides</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public Shape strides
    {
        get
        {
            ThrowIfDisposed();
            return Shape.Own(Strides);
        }
    }

    /// <summary>A view with all axes reversed. NumPy: <c>ndarray.T</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray T => np.transpose(this);

    /// <summary>A view with the last two axes swapped. NumPy 2: <c>ndarray.mT</c>.</summary>
    /// <exception cref="ValueError">The array has fewer than two dimensions.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray mT
    {
        get
        {
            ThrowIfDisposed();
            // The attribute (C, PyArray_MatrixTranspose) words its error differently from np.matrix_transpose (Python).
            if (Dims.Length < 2) throw new ValueError("matrix transpose with ndim < 2 is undefined");
            return np.swapaxes(this, -1, -2);
        }
    }

    /// <summary>
    /// The real part: a view for complex arrays, the array itself for real ones; setting copies into it.
    /// NumPy: <c>ndarray.real</c>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray real
    {
        get
        {
            ThrowIfDisposed();
            if (!Dtype.IsComplex) return this;
            return View(Dims, Strides, Offset, Dtype.Code == DTypeCode.Complex64 ? DType.Float32 : DType.Float64);
        }
        set
        {
            using var r = Dtype.IsComplex ? real : SameView();
            r.Assign(value);
        }
    }

    /// <summary>
    /// The imaginary part: a view for complex arrays, read-only zeros for real ones. NumPy: <c>ndarray.imag</c>.
    /// </summary>
    /// <exception cref="TypeError">Setting the imaginary part of a real array ("array does not have imaginary part to set").</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray imag
    {
        get
        {
            ThrowIfDisposed();
            if (!Dtype.IsComplex)
            {
                var z = np.zeros_like(this);
                z.SetWriteable(false);
                return z;
            }
            var part = Dtype.Code == DTypeCode.Complex64 ? DType.Float32 : DType.Float64;
            return View(Dims, Strides, Offset + part.Size, part);
        }
        set
        {
            ThrowIfDisposed();
            if (!Dtype.IsComplex) throw new TypeError("array does not have imaginary part to set");
            using var i = imag;
            i.Assign(value);
        }
    }

    /// <summary>The array whose buffer this view shares, or null when this array owns its memory. NumPy: <c>ndarray.base</c>.</summary>
    public NDArray? @base => BaseArray;

    /// <summary>Memory-layout flags; <c>flags.writeable</c> is settable. NumPy: <c>ndarray.flags</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public ArrayFlags flags
    {
        get
        {
            ThrowIfDisposed();
            return new ArrayFlags(this);
        }
    }

    /// <summary>A 1-d iterator and indexer over the elements in C order. NumPy: <c>ndarray.flat</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public FlatIter flat
    {
        get
        {
            ThrowIfDisposed();
            return new FlatIter(this);
        }
    }

    /// <summary>The address of element (0, …, 0). Valid while this array (or a view of it) lives.
    /// NumPy: <c>ndarray.ctypes.data</c>.</summary>
    /// <exception cref="InvalidOperationException">A weak scalar has no native memory.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public nint DataPointer
    {
        get
        {
            ThrowIfDisposed();
            if (Buf is null) throw new InvalidOperationException("A C# scalar converted to an array has no native memory; use np.array(x).");
            return Buf.Address + Offset;
        }
    }
}
