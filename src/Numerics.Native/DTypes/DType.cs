using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Numerics.Native;

/// <summary>
/// An array element type: one of the 14 NumPy dtypes. Native-order dtypes are singletons (<c>np.float64</c> …);
/// a big-endian variant (from a <c>'&gt;'</c> spec) exists only to describe foreign data for I/O.
/// NumPy: <c>numpy.dtype</c>.
/// </summary>
public sealed class DType : IEquatable<DType>
{
    private static readonly DType[] Native = new DType[14];
    private static readonly DType[] Swapped = new DType[14];
    // Every instance by Index: an array stores its dtype as that number, which keeps the array object at 72 bytes
    // (the allocation budget of issue 3: each 8 bytes of a new object costs about 1.5 ns here).
    private static readonly DType[] All = new DType[28];

    internal static readonly DType Bool = Make(DTypeCode.Bool, "bool", 'b', '?', 1, typeof(bool));
    internal static readonly DType Int8 = Make(DTypeCode.Int8, "int8", 'i', 'b', 1, typeof(sbyte));
    internal static readonly DType UInt8 = Make(DTypeCode.UInt8, "uint8", 'u', 'B', 1, typeof(byte));
    internal static readonly DType Int16 = Make(DTypeCode.Int16, "int16", 'i', 'h', 2, typeof(short));
    internal static readonly DType UInt16 = Make(DTypeCode.UInt16, "uint16", 'u', 'H', 2, typeof(ushort));
    internal static readonly DType Int32 = Make(DTypeCode.Int32, "int32", 'i', 'i', 4, typeof(int));
    internal static readonly DType UInt32 = Make(DTypeCode.UInt32, "uint32", 'u', 'I', 4, typeof(uint));
    internal static readonly DType Int64 = Make(DTypeCode.Int64, "int64", 'i', 'l', 8, typeof(long));
    internal static readonly DType UInt64 = Make(DTypeCode.UInt64, "uint64", 'u', 'L', 8, typeof(ulong));
    internal static readonly DType Float16 = Make(DTypeCode.Float16, "float16", 'f', 'e', 2, typeof(Half));
    internal static readonly DType Float32 = Make(DTypeCode.Float32, "float32", 'f', 'f', 4, typeof(float));
    internal static readonly DType Float64 = Make(DTypeCode.Float64, "float64", 'f', 'd', 8, typeof(double));
    internal static readonly DType Complex64 = Make(DTypeCode.Complex64, "complex64", 'c', 'F', 8, typeof(Complex64));
    internal static readonly DType Complex128 = Make(DTypeCode.Complex128, "complex128", 'c', 'D', 16, typeof(Complex));

    private DType(DTypeCode code, string name, char kind, char ch, int itemsize, Type type, bool swapped)
    {
        Code = code;
        this.name = name;
        this.kind = kind;
        @char = ch;
        Size = itemsize;
        this.type = type;
        IsSwapped = swapped && itemsize > 1;
        byteorder = itemsize == 1 ? '|' : IsSwapped ? (BitConverter.IsLittleEndian ? '>' : '<') : '=';
        char order = itemsize == 1 ? '|' : (BitConverter.IsLittleEndian ^ IsSwapped) ? '<' : '>';
        str = $"{order}{kind}{itemsize}";
        Index = (int)code + (IsSwapped ? 14 : 0);
        All[Index] = this;
    }

    private static DType Make(DTypeCode code, string name, char kind, char ch, int itemsize, Type type)
    {
        var d = new DType(code, name, kind, ch, itemsize, type, swapped: false);
        Native[(int)code] = d;
        Swapped[(int)code] = itemsize == 1 ? d : new DType(code, name, kind, ch, itemsize, type, swapped: true);
        return d;
    }

    internal static DType FromCode(DTypeCode code) => Native[(int)code];

    /// <summary>This instance's number below 28 (the code, plus 14 for a swapped byte order).</summary>
    internal int Index { get; }

    /// <summary>The instance with <see cref="Index"/> <paramref name="index"/> (unchecked: callers store only Index values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static DType FromIndex(int index) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(All), index);

    internal DTypeCode Code { get; }

    /// <summary>Element size in bytes as an <see cref="int"/>, for internal arithmetic.</summary>
    internal int Size { get; }

    /// <summary>True for a non-native byte order (only for describing foreign data).</summary>
    internal bool IsSwapped { get; }

    internal bool IsBool => Code == DTypeCode.Bool;
    internal bool IsInteger => kind is 'i' or 'u';
    internal bool IsSignedInteger => kind == 'i';
    internal bool IsUnsignedInteger => kind == 'u';
    internal bool IsFloat => kind == 'f';
    internal bool IsComplex => kind == 'c';
    internal bool IsInexact => kind is 'f' or 'c';

    /// <summary>This dtype in native byte order.</summary>
    internal DType NativeOrder => Native[(int)Code];

    /// <summary>What NumPy prints inside <c>dtype('…')</c>: the name, or the str for a non-native order.</summary>
    internal string ReprName => IsSwapped ? str : name;

    /// <summary>The dtype's name: "float64". NumPy: <c>dtype.name</c>.</summary>
    public string name { get; }

    /// <summary>The kind: 'b' bool, 'i' signed, 'u' unsigned, 'f' floating, 'c' complex. NumPy: <c>dtype.kind</c>.</summary>
    public char kind { get; }

    /// <summary>The one-character type code: 'd' for float64. NumPy: <c>dtype.char</c>.</summary>
    public char @char { get; }

    /// <summary>The array-interface type string: "&lt;f8", "|b1". NumPy: <c>dtype.str</c>.</summary>
    public string str { get; }

    /// <summary>'=' native, '|' not applicable (1-byte types), '&lt;' or '&gt;' a foreign order. NumPy: <c>dtype.byteorder</c>.</summary>
    public char byteorder { get; }

    /// <summary>Whether the byte order is the machine's. NumPy: <c>dtype.isnative</c>.</summary>
    public bool isnative => !IsSwapped;

    /// <summary>Element size in bytes. NumPy: <c>dtype.itemsize</c>.</summary>
    public long itemsize => Size;

    /// <summary>Required alignment in bytes (complex types align to their component). NumPy: <c>dtype.alignment</c>.</summary>
    public long alignment => kind == 'c' ? Size / 2 : Size;

    /// <summary>The .NET element type (<see cref="double"/> for float64). NumPy: <c>dtype.type</c>.</summary>
    public Type type { get; }

    /// <summary>
    /// This dtype with another byte order. NumPy: <c>dtype.newbyteorder(new_order)</c>.
    /// </summary>
    /// <param name="order">'S' swaps; '&lt;', '&gt;', '=' or 'N' set an order; '|' or 'I' keep it.</param>
    /// <exception cref="ValueError">Unknown order character.</exception>
    public DType newbyteorder(char order = 'S')
    {
        bool little = BitConverter.IsLittleEndian;
        return order switch
        {
            'S' or 's' => IsSwapped ? Native[(int)Code] : Swapped[(int)Code],
            '<' or 'L' or 'l' => little ? Native[(int)Code] : Swapped[(int)Code],
            '>' or 'B' or 'b' => little ? Swapped[(int)Code] : Native[(int)Code],
            '=' or 'N' or 'n' => Native[(int)Code],
            '|' or 'I' or 'i' => this,
            _ => throw new ValueError($"byteorder not recognized (got '{order}')"),   // NumPy's PyArray_ByteorderConverter
        };
    }

    internal static DType FromCodeOrder(DTypeCode code, bool swapped) => swapped ? Swapped[(int)code] : Native[(int)code];

    /// <summary>Parses a NumPy dtype spelling. NumPy: <c>np.dtype(spec)</c>.</summary>
    /// <exception cref="TypeError">The spec is not a dtype, or names a dtype this library does not support.</exception>
    public static implicit operator DType(string spec) => DTypeParser.Parse(spec);

    /// <summary>The dtype of a .NET element type: <c>typeof(double)</c> → float64. NumPy: <c>np.dtype(float)</c>.</summary>
    /// <exception cref="TypeError">The type is not one of the 14 element types.</exception>
    public static implicit operator DType(Type t) => DTypeParser.FromType(t);

    /// <summary>Parses a NumPy dtype spelling (same as the implicit conversion). NumPy: <c>np.dtype(spec)</c>.</summary>
    /// <exception cref="TypeError">The spec is not a dtype, or names a dtype this library does not support.</exception>
    public static DType FromString(string spec) => DTypeParser.Parse(spec);

    /// <summary>The dtype of a .NET element type. NumPy: <c>np.dtype(type)</c>.</summary>
    /// <exception cref="TypeError">The type is not one of the 14 element types.</exception>
    public static DType FromType(Type t) => DTypeParser.FromType(t);

    /// <summary>Value equality: same type and byte order. NumPy: <c>dtype == other</c>.</summary>
    public static bool operator ==(DType? a, DType? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Code == b.Code && a.IsSwapped == b.IsSwapped);

    /// <summary>Value inequality. NumPy: <c>dtype != other</c>.</summary>
    public static bool operator !=(DType? a, DType? b) => !(a == b);

    /// <inheritdoc/>
    public bool Equals(DType? other) => this == other;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DType d && this == d;

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Code * 2 + (IsSwapped ? 1 : 0);

    /// <summary>NumPy's <c>str(dtype)</c>: "float64" (the str, "&gt;f8", for a foreign byte order).</summary>
    public override string ToString() => ReprName;
}
