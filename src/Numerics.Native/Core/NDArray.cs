using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>
/// An N-dimensional array of one of the 14 dtypes: a view of a reference-counted native buffer (DESIGN §2).
/// Views share the buffer and keep it alive; <see cref="Dispose"/> releases this object's reference.
/// Not constructible directly: use the <c>np</c> functions. NumPy: <c>numpy.ndarray</c>.
/// </summary>
public partial class NDArray : IDisposable
{
    internal const int MaxDims = 64;

    // Four references, two longs and two ints: a 72-byte object. Creating an array is mostly the GC's allocation of
    // this object (issue 3's 50 ns budget; each 8 bytes costs about 1.5 ns here), so rarely used facts live as bits.
    internal NativeBuffer? Buf;
    internal long[] Dims;
    internal long[] Strides;
    internal NDArray? BaseArray;
    internal nint Offset;
    internal long Size;
    internal int FlagBits;
    // Bit 0: disposed (set once, by compare-and-swap); bit 1: registered with a disposal scope; bits 8–15: the dtype's
    // DType.Index; bits 16–23: the WeakKind. Only bit 0 changes after construction (bit 1 on the creating thread).
    private int _state;
    private const int Disposed = 1, Scoped = 2, DTypeShift = 8, WeakShift = 16;

    internal DType Dtype => DType.FromIndex((_state >> DTypeShift) & 0xFF);

    /// <summary>Non-None for a weak C# scalar (NEP 50), a <see cref="WeakScalarArray"/> whose value lives in the
    /// object itself, not in native memory.</summary>
    internal WeakKind Weak => (WeakKind)(_state >> WeakShift);

    /// <summary>Whether a disposal scope holds this array (set by <see cref="NDScope"/> as the array is created).</summary>
    internal bool IsScoped => (_state & Scoped) != 0;

    /// <summary>Sets the scoped bit: a plain write, safe only while no other thread can see the array (its
    /// constructor). An array moved to an outer scope already has the bit, so nothing races with Dispose's swap.</summary>
    internal void MarkScoped()
    {
        if ((_state & Scoped) == 0) _state |= Scoped;
    }

    /// <summary>The general constructor: derives the size and the layout flags; takes over one owner reference of
    /// <paramref name="buf"/>.</summary>
    internal NDArray(NativeBuffer? buf, nint offset, long[] shape, long[] strides, DType dtype, NDArray? @base, int flags)
        : this(buf, offset, shape, strides, dtype, @base, flags | LayoutFlags(shape, strides, dtype, (buf?.Address ?? 0) + offset), Product(shape))
    {
    }

    /// <summary>The hot-path constructor: the caller already knows the size and every flag bit (contiguity and
    /// alignment included), so nothing is re-derived. Takes over one owner reference of <paramref name="buf"/>.</summary>
    private NDArray(NativeBuffer? buf, nint offset, long[] shape, long[] strides, DType dtype, NDArray? @base, int flags, long size)
    {
        Buf = buf;
        Offset = offset;
        Dims = shape;
        Strides = strides;
        _state = dtype.Index << DTypeShift;
        BaseArray = @base;
        Size = size;
        FlagBits = flags;
        if (buf is not null) NDScope.RegisterNew(this);
    }

    private static long Product(long[] shape)
    {
        long size = 1;
        foreach (var d in shape) size *= d;
        return size;
    }

    /// <summary>A weak scalar (a C# literal under NEP 50): 0-d, default dtype of its kind, no native memory.</summary>
    private protected NDArray(DType dtype, WeakKind weak)
    {
        Dims = [];
        Strides = [];
        _state = dtype.Index << DTypeShift | (int)weak << WeakShift;
        Size = 1;
        FlagBits = ArrayFlags.CContiguous | ArrayFlags.FContiguous | ArrayFlags.Aligned | ArrayFlags.WriteLocked;
    }

    internal static NDArray MakeWeak<T>(T value, WeakKind kind) where T : unmanaged
    {
        var a = new WeakScalarArray(DTypeParser.FromType(typeof(T)), kind);
        NativeData.SetInline(a, value);
        return a;
    }

    /// <summary>C-contiguous, F-contiguous and aligned bits by NumPy's rules: axes of length 1 are ignored and an
    /// empty array is both C- and F-contiguous.</summary>
    internal static int LayoutFlags(long[] shape, long[] strides, DType dtype, nint address)
    {
        int n = shape.Length;
        long item = dtype.Size;
        bool c = true, f = true;
        long sd = item;
        for (int i = n - 1; i >= 0; i--)
        {
            long d = shape[i];
            if (d == 0) return ArrayFlags.CContiguous | ArrayFlags.FContiguous | Align(shape, strides, dtype, address);
            if (d != 1)
            {
                if (strides[i] != sd) c = false;
                sd *= d;
            }
        }
        sd = item;
        for (int i = 0; i < n; i++)
        {
            long d = shape[i];
            if (d != 1)
            {
                if (strides[i] != sd) { f = false; break; }
                sd *= d;
            }
        }
        return (c ? ArrayFlags.CContiguous : 0) | (f ? ArrayFlags.FContiguous : 0) | Align(shape, strides, dtype, address);
    }

    private static int Align(long[] shape, long[] strides, DType dtype, nint address)
    {
        long al = dtype.alignment;
        long bits = address;
        for (int i = 0; i < shape.Length; i++) if (shape[i] > 1) bits |= strides[i];
        return (bits & (al - 1)) == 0 ? ArrayFlags.Aligned : 0;
    }

    // Strides arrays are never changed in place, so 1-d contiguous arrays share one per item size.
    private static readonly long[][] UnitStrides = [[1], [2], [4], [8], [16]];

    // Dims arrays are never changed in place either, so short 1-d shapes share one per length: creating a small
    // 1-d array or view then allocates only the array object (the allocation budget of DESIGN §3).
    private const int SharedDims1 = 256;
    private static readonly long[]?[] Dims1Cache = new long[SharedDims1][];

    /// <summary>The dims array <c>[n]</c>, shared for short lengths; never modify it.</summary>
    internal static long[] Dims1(long n) => (ulong)n < SharedDims1 ? Dims1Cache[n] ??= [n] : [n];

    internal static long[] CStrides(long[] shape, long itemsize)
    {
        if (shape.Length == 1) return UnitStrides[System.Numerics.BitOperations.Log2((uint)itemsize)];
        var s = new long[shape.Length];
        long acc = itemsize;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc *= Math.Max(shape[i], 1);
        }
        return s;
    }

    internal static long[] FStrides(long[] shape, long itemsize)
    {
        var s = new long[shape.Length];
        long acc = itemsize;
        for (int i = 0; i < shape.Length; i++)
        {
            s[i] = acc;
            acc *= Math.Max(shape[i], 1);
        }
        return s;
    }

    /// <summary>Validates a shape (no negative dims, at most 64 of them) and returns its size.</summary>
    internal static long CheckedSize(long[] shape)
    {
        if (shape.Length == 1)
        {
            long d0 = shape[0];
            if (d0 < 0) throw Err.NegativeDimensions();
            return d0;
        }
        if (shape.Length > MaxDims) throw Err.TooManyDimensions(shape.Length);
        long size = 1;
        bool overflow = false, zero = false;
        foreach (var d in shape)
        {
            if (d < 0) throw Err.NegativeDimensions();
            if (d == 0) zero = true;
            else if (size > long.MaxValue / d) overflow = true;
            else size *= d;
        }
        if (zero) return 0;
        if (overflow) throw TooBig();
        return size;
    }

    /// <summary>A new array with uninitialised pool memory (C order, or F order when <paramref name="fortran"/>).
    /// Takes ownership of <paramref name="shape"/>.</summary>
    internal static NDArray Allocate(long[] shape, DType dtype, bool fortran = false)
    {
        dtype = dtype.NativeOrder;
        // The 1-d check inline: np.empty(10) is the allocation budget's row (DESIGN §3), and a call costs there.
        long size = shape.Length == 1 && shape[0] >= 0 ? shape[0] : CheckedSize(shape);
        long bytes = size * dtype.Size;
        // Item sizes are at most 16 bytes, so only sizes above 2^59 need the division.
        if (size > long.MaxValue >> 4 && size > long.MaxValue / dtype.Size) throw TooBig();
        if (size == 0 && shape.Length > 1 && BytesOverflow(shape, dtype.Size)) throw TooBig();
        var buf = BufferPool.Rent(bytes) ?? throw OutOfMemory(bytes, shape, dtype);
        // 0-d and 1-d: C- and F-contiguous, and aligned (pool blocks are 64-byte aligned), whatever the length.
        if (shape.Length == 0)
            return new NDArray(buf, 0, shape, [], dtype, null, OwnerFlags1D, 1);
        if (shape.Length == 1)
            return new NDArray(buf, 0, shape, size == 0 ? new long[1] : CStrides(shape, dtype.Size), dtype, null, OwnerFlags1D, size);
        // NumPy gives a new zero-size array all-zero strides.
        var strides = size == 0 ? new long[shape.Length] : fortran ? FStrides(shape, dtype.Size) : CStrides(shape, dtype.Size);
        return new NDArray(buf, 0, shape, strides, dtype, null, ArrayFlags.OwnData | ArrayFlags.Writeable);
    }

    private static ValueError TooBig() => new(Err.ArrayTooBig);

    /// <summary>
    /// NumPy's PyArray_NewFromDescr check: itemsize times every nonzero length must fit, so an empty shape such as
    /// (0, 2**62, 4) is too big as well.
    /// </summary>
    internal static bool BytesOverflow(long[] shape, long itemsize)
    {
        long bytes = itemsize;
        foreach (var d in shape)
        {
            if (d == 0) continue;
            if (bytes > long.MaxValue / d) return true;
            bytes *= d;
        }
        return false;
    }

    // Out of line: building the message inline gave Allocate a large zero-initialised frame on every call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MemoryError OutOfMemory(long bytes, long[] shape, DType dtype) =>
        new($"Unable to allocate {SizeText(bytes)} for an array with shape {Err.Tuple(shape)} and data type {dtype.name}");

    private const int OwnerFlags1D = ArrayFlags.OwnData | ArrayFlags.Writeable | ArrayFlags.CContiguous |
                                     ArrayFlags.FContiguous | ArrayFlags.Aligned;

    /// <summary>A 1-d view of this array's buffer (length <paramref name="len"/>, byte stride <c>strides[0]</c>),
    /// with its flags derived directly (what <see cref="LayoutFlags"/> gives for one axis). Caller checked liveness.</summary>
    internal NDArray View1D(long len, long[] strides, nint offset)
    {
        var buf = Buf!;
        long stride = strides[0];
        int item = Dtype.Size;
        int flags = FlagBits & (ArrayFlags.Writeable | ArrayFlags.WriteLocked);
        if (len <= 1 || stride == item) flags |= ArrayFlags.CContiguous | ArrayFlags.FContiguous;
        long bits = buf.Address + offset;
        if (len > 1) bits |= stride;
        if ((bits & (Dtype.alignment - 1)) == 0) flags |= ArrayFlags.Aligned;
        buf.AddRef();
        return new NDArray(buf, offset, Dims1(len), strides, Dtype, BaseArray ?? this, flags, len);
    }

    /// <summary>A new uninitialised array with <paramref name="like"/>'s shape, laid out in its memory order (order 'K').</summary>
    internal static NDArray AllocateLike(NDArray like, DType dtype, long[]? shape = null)
    {
        shape ??= like.Dims.AsSpan().ToArray();
        if (shape.Length != like.Dims.Length || like.Dims.Length <= 1) return Allocate(shape, dtype);
        if ((like.FlagBits & ArrayFlags.CContiguous) != 0) return Allocate(shape, dtype);
        if ((like.FlagBits & ArrayFlags.FContiguous) != 0) return Allocate(shape, dtype, fortran: true);
        // NumPy's order 'K' (PyArray_NewLikeArray): axes sorted by |stride|, then packed in that order.
        var perm = Layout.StridePermutation(like.Strides, like.Dims);
        var a = Allocate(shape, dtype);
        if (a.Size == 0) return a;
        a.Strides = Layout.StridesForPerm(shape, perm, a.Dtype.Size);
        a.FlagBits = (a.FlagBits & ~(ArrayFlags.CContiguous | ArrayFlags.FContiguous | ArrayFlags.Aligned)) |
                     LayoutFlags(shape, a.Strides, a.Dtype, a.Buf!.Address);
        return a;
    }

    /// <summary>NumPy's byte-size text in memory errors ("74.5 GiB").</summary>
    internal static string SizeText(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int bitLength = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)bytes);
        int unit = Math.Max(bitLength - 1, 1) / 10;
        double n = bytes / Math.Pow(2, unit * 10);
        if (Math.Round(n) == 1024) { unit++; n /= 1024; }
        if (unit == 0) return $"{bytes} {units[0]}";
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        // NumPy's _size_to_string: '{:#.3g}' below 1000 (three significant digits, the point always shown: "745. GiB",
        // "7.28 TiB", "10.0 MiB"), else '{:#.0f}' ("1000. GiB").
        if (Math.Round(n, MidpointRounding.ToEven) >= 1000)
            return Math.Round(n, MidpointRounding.ToEven).ToString("F0", inv) + ". " + units[unit];
        string e = n.ToString("E2", inv);                 // d.ddE+00k, correctly rounded to three digits
        string digits = e[0] + e.Substring(2, 2);
        int exp = int.Parse(e.AsSpan(e.IndexOf('E') + 1), System.Globalization.NumberStyles.AllowLeadingSign, inv);
        string text = exp switch
        {
            >= 2 => digits + ".",
            1 => digits[..2] + "." + digits[2..],
            _ => digits[..1] + "." + digits[1..],
        };
        return text + " " + units[unit];
    }

    /// <summary>A view over the same buffer: new shape/strides/offset (and dtype), base = the buffer's owner array.</summary>
    internal NDArray View(long[] shape, long[] strides, nint offset, DType? dtype = null, bool readOnly = false)
    {
        ThrowIfDisposed();
        if (Buf is null) return WeakView(shape, strides, offset, dtype);
        Buf.AddRef();
        int inherit = FlagBits & (ArrayFlags.Writeable | ArrayFlags.WriteLocked);
        if (readOnly) inherit = (inherit & ~ArrayFlags.Writeable) | ArrayFlags.WriteLocked;
        return new NDArray(Buf, offset, shape, strides, dtype ?? Dtype, BaseArray ?? this, inherit);
    }

    /// <summary>The view with all axes reversed (<c>a.T</c>). Reversing the axes turns NumPy's C-contiguity test into the
    /// F-contiguity test and back, and keeps alignment, so the flags are swapped instead of re-derived (the view budget).
    /// Caller checked liveness.</summary>
    internal NDArray ReversedAxesView()
    {
        int n = Dims.Length;
        var shape = new long[n];
        var strides = new long[n];
        for (int i = 0; i < n; i++)
        {
            shape[i] = Dims[n - 1 - i];
            strides[i] = Strides[n - 1 - i];
        }
        var buf = Buf;
        if (buf is null) return WeakView(shape, strides, Offset, null);
        int f = FlagBits;
        int flags = (f & (ArrayFlags.Writeable | ArrayFlags.WriteLocked | ArrayFlags.Aligned)) |
                    ((f & ArrayFlags.CContiguous) != 0 ? ArrayFlags.FContiguous : 0) |
                    ((f & ArrayFlags.FContiguous) != 0 ? ArrayFlags.CContiguous : 0);
        buf.AddRef();
        return new NDArray(buf, Offset, shape, strides, Dtype, BaseArray ?? this, flags, Size);
    }

    private NDArray WeakView(long[] shape, long[] strides, nint offset, DType? dtype)
    {
        // A weak scalar has no buffer to share: its views are read-only copies of its one element.
        using var strong = MaterializeStrong();
        var v = strong.View(shape, strides, offset, dtype, readOnly: true);
        return v;
    }

    /// <summary>A view with the same layout (a new array object over the same data).</summary>
    internal NDArray SameView() => View(Dims, Strides, Offset);

    /// <summary>For a weak scalar: a new strong 0-d array of its default dtype (caller disposes). Otherwise this.</summary>
    internal NDArray MaterializeStrong()
    {
        var a = Allocate([], Dtype);
        NativeOps.Copy(a, this);
        return a;
    }

    /// <summary>Whether this is a weak scalar (a C# literal, NEP 50).</summary>
    internal bool IsWeak => Weak != WeakKind.None;

    internal bool IsDisposedFast => (_state & Disposed) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ThrowIfDisposed()
    {
        if ((_state & Disposed) != 0) throw Err.Disposed();
    }

    internal void ThrowIfReadOnly()
    {
        ThrowIfDisposed();
        if ((FlagBits & ArrayFlags.Writeable) == 0) throw Err.ReadOnly();
    }

    internal bool IsCContiguous => (FlagBits & ArrayFlags.CContiguous) != 0;
    internal bool IsFContiguous => (FlagBits & ArrayFlags.FContiguous) != 0;

    internal void SetWriteable(bool value)
    {
        ThrowIfDisposed();
        if (!value)
        {
            FlagBits &= ~ArrayFlags.Writeable;
            return;
        }
        if ((FlagBits & ArrayFlags.WriteLocked) != 0 || (BaseArray is { } b && (b.FlagBits & ArrayFlags.Writeable) == 0 && !b.IsDisposedFast))
            throw new ValueError("cannot set WRITEABLE flag to True of this array");
        FlagBits |= ArrayFlags.Writeable;
    }

    /// <summary>Releases this array's reference to its buffer; the buffer is freed (returned to the pool) when its
    /// last user, base or view, lets go. Idempotent. NumPy: none (Python frees by reference counting).</summary>
#pragma warning disable CA1816 // No finalizer here (the handle has it); SuppressFinalize would cost a few ns of the 30 ns budget.
    public void Dispose()
    {
        // The other bits never change now, so a failed swap means another thread disposed first.
        int s = _state;
        if ((s & Disposed) != 0 || Interlocked.CompareExchange(ref _state, s | Disposed, s) != s) return;
        Buf?.Release();
    }
#pragma warning restore CA1816

    /// <summary>Whether <see cref="Dispose"/> has been called. NumPy: none.</summary>
    public bool IsDisposed => (Volatile.Read(ref _state) & Disposed) != 0;

    /// <summary>
    /// Moves this array out of its disposal scope into the enclosing one (or makes it unscoped), so it survives
    /// the scope's end; returns this array. NumPy: none (see <c>np.scope()</c>).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public NDArray MoveToOuterScope()
    {
        ThrowIfDisposed();
        if (IsScoped) NDScope.MoveOut(this);
        return this;
    }
}
