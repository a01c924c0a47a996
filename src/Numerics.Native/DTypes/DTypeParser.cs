using System.Numerics;

namespace Numerics.Native;

/// <summary>Turns NumPy's dtype spellings and .NET element types into <see cref="DType"/> singletons.</summary>
internal static class DTypeParser
{
    private static readonly Dictionary<string, DTypeCode> Names = new(StringComparer.Ordinal)
    {
        // Names and aliases NumPy 2 accepts on Linux x86-64 (long/ulong are 64-bit there).
        ["bool"] = DTypeCode.Bool, ["bool_"] = DTypeCode.Bool,
        ["int8"] = DTypeCode.Int8, ["byte"] = DTypeCode.Int8,
        ["uint8"] = DTypeCode.UInt8, ["ubyte"] = DTypeCode.UInt8,
        ["int16"] = DTypeCode.Int16, ["short"] = DTypeCode.Int16,
        ["uint16"] = DTypeCode.UInt16, ["ushort"] = DTypeCode.UInt16,
        ["int32"] = DTypeCode.Int32, ["intc"] = DTypeCode.Int32,
        ["uint32"] = DTypeCode.UInt32, ["uintc"] = DTypeCode.UInt32,
        ["int64"] = DTypeCode.Int64, ["int"] = DTypeCode.Int64, ["int_"] = DTypeCode.Int64, ["intp"] = DTypeCode.Int64,
        ["long"] = DTypeCode.Int64, ["longlong"] = DTypeCode.Int64,
        ["uint64"] = DTypeCode.UInt64, ["uint"] = DTypeCode.UInt64, ["uintp"] = DTypeCode.UInt64,
        ["ulong"] = DTypeCode.UInt64, ["ulonglong"] = DTypeCode.UInt64,
        ["float16"] = DTypeCode.Float16, ["half"] = DTypeCode.Float16,
        ["float32"] = DTypeCode.Float32, ["single"] = DTypeCode.Float32,
        ["float64"] = DTypeCode.Float64, ["double"] = DTypeCode.Float64, ["float"] = DTypeCode.Float64,
        ["complex64"] = DTypeCode.Complex64, ["csingle"] = DTypeCode.Complex64,
        ["complex128"] = DTypeCode.Complex128, ["cdouble"] = DTypeCode.Complex128, ["complex"] = DTypeCode.Complex128,
    };

    private static readonly HashSet<string> KnownUnsupported = new(StringComparer.Ordinal)
    {
        "O", "object", "object_", "str", "str_", "bytes", "bytes_", "void", "a", "c", "S", "U", "V", "M", "m",
        "g", "G", "longdouble", "clongdouble", "float128", "complex256", "f16", "c32", "datetime64", "timedelta64",
        "unicode",   // NumPy 2's sctypeDict alias of str_
    };

    private static readonly Dictionary<Type, DType> Types = new()
    {
        [typeof(bool)] = DType.Bool, [typeof(sbyte)] = DType.Int8, [typeof(byte)] = DType.UInt8,
        [typeof(short)] = DType.Int16, [typeof(ushort)] = DType.UInt16, [typeof(int)] = DType.Int32,
        [typeof(uint)] = DType.UInt32, [typeof(long)] = DType.Int64, [typeof(ulong)] = DType.UInt64,
        [typeof(Half)] = DType.Float16, [typeof(float)] = DType.Float32, [typeof(double)] = DType.Float64,
        [typeof(Complex64)] = DType.Complex64, [typeof(Complex)] = DType.Complex128,
        [typeof(nint)] = DType.Int64, [typeof(nuint)] = DType.UInt64,
    };

    internal static DType FromType(Type t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (Types.TryGetValue(t, out var d)) return d;
        throw Err.DTypeNotUnderstood(t.Name);
    }

    internal static bool TryFromType(Type t, out DType dtype) => Types.TryGetValue(t, out dtype!);

    internal static DType Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Names.TryGetValue(spec, out var code)) return DType.FromCode(code);
        if (spec.Length == 0) throw Err.DTypeNotUnderstood(spec);

        bool swapped = false;
        string body = spec;
        char first = spec[0];
        if (first is '<' or '>' or '=' or '|')
        {
            body = spec[1..];
            swapped = first == (BitConverter.IsLittleEndian ? '>' : '<');
        }
        if (TryTypeCode(body, out code)) return DType.FromCodeOrder(code, swapped);
        if (IsKnownUnsupported(body)) throw Err.DTypeNotSupported(spec);
        throw Err.DTypeNotUnderstood(spec);
    }

    private static bool TryTypeCode(string s, out DTypeCode code)
    {
        code = default;
        if (s.Length == 1)
        {
            switch (s[0])
            {
                case '?': code = DTypeCode.Bool; return true;
                case 'b': code = DTypeCode.Int8; return true;
                case 'B': code = DTypeCode.UInt8; return true;
                case 'h': code = DTypeCode.Int16; return true;
                case 'H': code = DTypeCode.UInt16; return true;
                case 'i': code = DTypeCode.Int32; return true;
                case 'I': code = DTypeCode.UInt32; return true;
                case 'l' or 'q' or 'p': code = DTypeCode.Int64; return true;
                case 'L' or 'Q' or 'P': code = DTypeCode.UInt64; return true;
                case 'e': code = DTypeCode.Float16; return true;
                case 'f': code = DTypeCode.Float32; return true;
                case 'd': code = DTypeCode.Float64; return true;
                case 'F': code = DTypeCode.Complex64; return true;
                case 'D': code = DTypeCode.Complex128; return true;
                default: return false;
            }
        }
        if (s.Length >= 2 && TryElementSize(s.AsSpan(1), out int size))
        {
            code = (s[0], size) switch
            {
                ('b', 1) => DTypeCode.Bool,
                ('i', 1) => DTypeCode.Int8, ('i', 2) => DTypeCode.Int16, ('i', 4) => DTypeCode.Int32, ('i', 8) => DTypeCode.Int64,
                ('u', 1) => DTypeCode.UInt8, ('u', 2) => DTypeCode.UInt16, ('u', 4) => DTypeCode.UInt32, ('u', 8) => DTypeCode.UInt64,
                ('f', 2) => DTypeCode.Float16, ('f', 4) => DTypeCode.Float32, ('f', 8) => DTypeCode.Float64,
                ('c', 8) => DTypeCode.Complex64, ('c', 16) => DTypeCode.Complex128,
                _ => (DTypeCode)(-1),
            };
            return code >= 0;
        }
        return false;
    }

    /// <summary>
    /// The size after the kind character as NumPy reads it (_convert_from_str): C's strtol, which skips leading white
    /// space and takes a sign, and the digits must end the string ("i 8", "i+8" and "i0008" are int64; "i8 " and
    /// "f8\0" are not dtypes). int.TryParse differs: it accepts trailing NULs and rejects the white space.
    /// </summary>
    private static bool TryElementSize(ReadOnlySpan<char> s, out int size)
    {
        size = 0;
        int i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        bool negative = i < s.Length && s[i] == '-';
        if (i < s.Length && s[i] is '+' or '-') i++;
        if (i == s.Length) return false;
        long v = 0;
        for (; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            v = v * 10 + (s[i] - '0');
            if (v > int.MaxValue) return false;   // NumPy: out of range → not a dtype
        }
        size = negative ? -(int)v : (int)v;
        return true;
    }

    private static bool IsKnownUnsupported(string s)
    {
        if (KnownUnsupported.Contains(s)) return true;
        if (s.Contains(',', StringComparison.Ordinal)) return true;          // structured "f8,i4"
        if (s.Length >= 2 && s[0] == 'O' && s.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0) return true;   // "O8": object
        // A leading count is NumPy's subarray shorthand ("2f8", "3 i4"), supported or not depending on the rest.
        if (s.Length > 0 && char.IsAsciiDigit(s[0]))
        {
            string rest = s.TrimStart("0123456789 ".ToCharArray());
            return rest.Length > 0 && (TryTypeCode(rest, out _) || Names.ContainsKey(rest) || IsKnownUnsupported(rest));
        }
        if (s.StartsWith("datetime64", StringComparison.Ordinal) || s.StartsWith("timedelta64", StringComparison.Ordinal)) return true;
        if (s.Length >= 2 && s[0] is 'S' or 'U' or 'V' or 'a' or 'M' or 'm' && (char.IsAsciiDigit(s[1]) || s[1] == '8' || s[1] == '['))
            return true;
        return false;
    }
}
