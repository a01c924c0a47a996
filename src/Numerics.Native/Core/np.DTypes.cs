using System.Numerics;

namespace Numerics.Native;

public static partial class np
{
    /// <summary>The bool dtype. NumPy: <c>np.bool_</c>.</summary>
    public static readonly DType bool_ = DType.Bool;
    /// <summary>The bool dtype. NumPy 2: <c>np.bool</c>.</summary>
    public static readonly DType @bool = DType.Bool;
    /// <summary>The int8 dtype. NumPy: <c>np.int8</c>.</summary>
    public static readonly DType int8 = DType.Int8;
    /// <summary>The int16 dtype. NumPy: <c>np.int16</c>.</summary>
    public static readonly DType int16 = DType.Int16;
    /// <summary>The int32 dtype. NumPy: <c>np.int32</c>.</summary>
    public static readonly DType int32 = DType.Int32;
    /// <summary>The int64 dtype. NumPy: <c>np.int64</c>.</summary>
    public static readonly DType int64 = DType.Int64;
    /// <summary>The default integer (int64). NumPy: <c>np.int_</c>.</summary>
    public static readonly DType int_ = DType.Int64;
    /// <summary>The pointer-sized integer (int64). NumPy: <c>np.intp</c>.</summary>
    public static readonly DType intp = DType.Int64;
    /// <summary>The uint8 dtype. NumPy: <c>np.uint8</c>.</summary>
    public static readonly DType uint8 = DType.UInt8;
    /// <summary>The uint16 dtype. NumPy: <c>np.uint16</c>.</summary>
    public static readonly DType uint16 = DType.UInt16;
    /// <summary>The uint32 dtype. NumPy: <c>np.uint32</c>.</summary>
    public static readonly DType uint32 = DType.UInt32;
    /// <summary>The uint64 dtype. NumPy: <c>np.uint64</c>.</summary>
    public static readonly DType uint64 = DType.UInt64;
    /// <summary>The pointer-sized unsigned integer (uint64). NumPy: <c>np.uintp</c>.</summary>
    public static readonly DType uintp = DType.UInt64;
    /// <summary>The float16 dtype. NumPy: <c>np.float16</c>.</summary>
    public static readonly DType float16 = DType.Float16;
    /// <summary>The float16 dtype. NumPy: <c>np.half</c>.</summary>
    public static readonly DType half = DType.Float16;
    /// <summary>The float32 dtype. NumPy: <c>np.float32</c>.</summary>
    public static readonly DType float32 = DType.Float32;
    /// <summary>The float32 dtype. NumPy: <c>np.single</c>.</summary>
    public static readonly DType single = DType.Float32;
    /// <summary>The float64 dtype. NumPy: <c>np.float64</c>.</summary>
    public static readonly DType float64 = DType.Float64;
    /// <summary>The float64 dtype. NumPy: <c>np.double</c>.</summary>
    public static readonly DType @double = DType.Float64;
    /// <summary>The complex64 dtype. NumPy: <c>np.complex64</c>.</summary>
    public static readonly DType complex64 = DType.Complex64;
    /// <summary>The complex64 dtype. NumPy: <c>np.csingle</c>.</summary>
    public static readonly DType csingle = DType.Complex64;
    /// <summary>The complex128 dtype. NumPy: <c>np.complex128</c>.</summary>
    public static readonly DType complex128 = DType.Complex128;
    /// <summary>The complex128 dtype. NumPy: <c>np.cdouble</c>.</summary>
    public static readonly DType cdouble = DType.Complex128;

    /// <summary>Parses any NumPy spelling of the 14 dtypes ("float32", "f4", "&lt;f4", "?", "int", …). NumPy: <c>np.dtype(spec)</c>.</summary>
    /// <exception cref="TypeError">"data type 'x' not understood", or a NumPy type outside the 14 ("… is not supported by Numerics.Native").</exception>
    public static DType dtype(string spec) => DTypeParser.Parse(spec);

    /// <summary>The dtype of a .NET element type: <c>typeof(long)</c> → int64. NumPy: <c>np.dtype(type)</c>.</summary>
    /// <exception cref="TypeError">The type is not one of the 14 element types.</exception>
    public static DType dtype(Type type) => DTypeParser.FromType(type);

    /// <summary>NumPy 2 promotion of two dtypes. NumPy: <c>np.promote_types(type1, type2)</c>.</summary>
    public static DType promote_types(DType type1, DType type2)
    {
        ArgumentNullException.ThrowIfNull(type1);
        ArgumentNullException.ThrowIfNull(type2);
        return TypePromotion.Promote(type1, type2);
    }

    /// <summary>
    /// The result dtype of an operation on these arrays, dtypes and C# scalars under NEP 50 (arrays and dtypes are
    /// strong, C# scalars weak). NumPy 2: <c>np.result_type(*arrays_and_dtypes)</c>.
    /// </summary>
    /// <exception cref="TypeError">An argument is not an array, dtype, dtype spelling or C# number.</exception>
    /// <exception cref="ValueError">No arguments.</exception>
    public static DType result_type(params object[] arrays_and_dtypes)
    {
        ArgumentNullException.ThrowIfNull(arrays_and_dtypes);
        // In argument order: NumPy's promotion of several operands depends on it (TypePromotion.ResultOfSequence).
        var seq = new List<PromotionOperand>();
        foreach (var o in arrays_and_dtypes)
        {
            switch (o)
            {
                case NDArray a:
                    a.ThrowIfDisposed();
                    seq.Add(a.IsWeak ? PromotionOperand.Of(a.Weak) : PromotionOperand.Of(a.Dtype));
                    break;
                case DType d: seq.Add(PromotionOperand.Of(d)); break;
                case string s: seq.Add(PromotionOperand.Of(DTypeParser.Parse(s))); break;
                case Type t: seq.Add(PromotionOperand.Of(DTypeParser.FromType(t))); break;
                case bool: seq.Add(PromotionOperand.Of(WeakKind.Bool)); break;
                case sbyte or short or int or long or byte or ushort or uint or ulong: seq.Add(PromotionOperand.Of(WeakKind.Integer)); break;
                case Half or float or double: seq.Add(PromotionOperand.Of(WeakKind.Float)); break;
                case Complex64 or Complex: seq.Add(PromotionOperand.Of(WeakKind.Complex)); break;
                default: throw new TypeError($"Cannot interpret '{o}' as a data type");
            }
        }
        return TypePromotion.ResultOfSequence(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(seq));
    }

    /// <summary>Whether a cast is allowed under a casting rule. NumPy 2: <c>np.can_cast(from_, to, casting)</c>.</summary>
    /// <param name="from_">An array (its dtype counts, never its values), a dtype, or a dtype spelling.</param>
    /// <param name="to">The target dtype.</param>
    /// <param name="casting">"no", "equiv", "safe", "same_kind" or "unsafe".</param>
    /// <exception cref="TypeError">A C# scalar was passed (NumPy 2 refuses Python scalars here).</exception>
    /// <exception cref="ValueError">Unknown casting rule.</exception>
    public static bool can_cast(object from_, DType to, string casting = "safe")
    {
        ArgumentNullException.ThrowIfNull(to);
        var rule = TypePromotion.ParseCasting(casting);
        DType from = from_ switch
        {
            NDArray { IsWeak: false } a => a.dtype,
            DType d => d,
            string s => DTypeParser.Parse(s),
            Type t => DTypeParser.FromType(t),
            _ => throw new TypeError("can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future."),
        };
        return TypePromotion.CanCast(from, to, rule);
    }

    /// <summary>The smallest dtype that holds the value of a 0-d array (arrays of other shapes keep their dtype).
    /// NumPy: <c>np.min_scalar_type(a)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static DType min_scalar_type(NDArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.ThrowIfDisposed();
        if (a.Dims.Length != 0) return a.Dtype;
        var d = a.Dtype;
        if (d.IsBool) return d;
        if (d.IsInteger)
        {
            if (d.IsUnsignedInteger || NativeData.Read<long>(a, 0) >= 0)
            {
                ulong u = NativeData.Read<ulong>(a, 0);
                return u <= byte.MaxValue ? DType.UInt8 : u <= ushort.MaxValue ? DType.UInt16 : u <= uint.MaxValue ? DType.UInt32 : DType.UInt64;
            }
            long v = NativeData.Read<long>(a, 0);
            return v >= sbyte.MinValue ? DType.Int8 : v >= short.MinValue ? DType.Int16 : v >= int.MinValue ? DType.Int32 : DType.Int64;
        }
        // NumPy's min_scalar_type_num uses round cut-offs, not the types' limits: |x| < 65000 (or non-finite) → float16,
        // a float64 with |x| < 3.4e38 → float32; a complex with both parts strictly inside ±3.4e38 → complex64 (so a
        // complex NaN or infinity keeps its dtype); otherwise the dtype itself.
        if (d.IsFloat)
        {
            if (d.Code == DTypeCode.Float16) return d;
            double x = NativeData.Read<double>(a, 0);
            if ((x > -65000 && x < 65000) || !double.IsFinite(x)) return DType.Float16;
            if (d.Code == DTypeCode.Float64 && x > -3.4e38 && x < 3.4e38) return DType.Float32;
            return d;
        }
        var c = NativeData.ReadComplex(a, 0);
        bool fits(double x) => x > -3.4e38 && x < 3.4e38;
        return fits(c.Real) && fits(c.Imaginary) ? DType.Complex64 : d;
    }

    /// <summary>Whether a dtype belongs to a NumPy abstract type: "bool", "integer", "signedinteger",
    /// "unsignedinteger", "floating", "complexfloating", "inexact", "number", "generic", or a concrete dtype
    /// spelling. NumPy: <c>np.issubdtype(arg1, arg2)</c>.</summary>
    /// <exception cref="TypeError">Unknown abstract type or dtype spelling.</exception>
    public static bool issubdtype(DType arg1, string arg2)
    {
        ArgumentNullException.ThrowIfNull(arg1);
        char k = arg1.kind;
        return arg2 switch
        {
            "generic" => true,
            "number" => k != 'b',
            "integer" => k is 'i' or 'u',
            "signedinteger" => k == 'i',
            "unsignedinteger" => k == 'u',
            "inexact" => k is 'f' or 'c',
            "floating" => k == 'f',
            "complexfloating" => k == 'c',
            "bool" or "bool_" => k == 'b',
            _ => arg1 == DTypeParser.Parse(arg2),
        };
    }

    /// <summary>NumPy 2's kind test: "bool", "signed integer", "unsigned integer", "integral", "real floating",
    /// "complex floating", "numeric". NumPy 2: <c>np.isdtype(dtype, kind)</c>.</summary>
    /// <exception cref="ValueError">Unknown kind.</exception>
    public static bool isdtype(DType dtype, string kind)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        char k = dtype.kind;
        return kind switch
        {
            "bool" => k == 'b',
            "signed integer" => k == 'i',
            "unsigned integer" => k == 'u',
            "integral" => k is 'i' or 'u',
            "real floating" => k == 'f',
            "complex floating" => k == 'c',
            "numeric" => k != 'b',
            _ => throw new ValueError($"kind argument is a string, but '{kind}' is not a known kind name."),
        };
    }

    /// <summary>Machine limits of a floating (or complex) dtype. NumPy: <c>np.finfo(dtype)</c>.</summary>
    /// <exception cref="ValueError">Not an inexact dtype ("data type &lt;class 'numpy.int64'&gt; not inexact").</exception>
    public static FInfo finfo(DType dtype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        if (!dtype.IsInexact) throw new ValueError($"data type <class 'numpy.{dtype.name}'> not inexact");
        return new FInfo(dtype);
    }

    /// <summary>Machine limits of an integer dtype. NumPy: <c>np.iinfo(dtype)</c>.</summary>
    /// <exception cref="ValueError">Not an integer dtype ("Invalid integer data type 'f'.").</exception>
    public static IInfo iinfo(DType dtype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        if (!dtype.IsInteger) throw new ValueError($"Invalid integer data type '{dtype.kind}'.");
        return new IInfo(dtype);
    }
}
