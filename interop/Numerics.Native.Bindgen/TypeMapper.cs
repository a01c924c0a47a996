using static Numerics.Native.Bindgen.Clang;

namespace Numerics.Native.Bindgen;

/// <summary>
/// C type → blittable C# type. Pointers stay pointers (const dropped), char is byte, enums are int, complex is a
/// two-field struct, function pointers are delegate* unmanaged. Anything else is a hard error, and so is a mapping
/// whose size differs from the C type's.
/// </summary>
internal sealed class TypeMapper(HeaderConfig header, IReadOnlyDictionary<string, long> structSizes)
{
    public const string ComplexFloat = "ComplexFloat";
    public const string ComplexDouble = "System.Numerics.Complex";

    private static readonly Dictionary<string, string> FixedWidth = new(StringComparer.Ordinal)
    {
        ["int8_t"] = "sbyte", ["int16_t"] = "short", ["int32_t"] = "int", ["int64_t"] = "long",
        ["uint8_t"] = "byte", ["uint16_t"] = "ushort", ["uint32_t"] = "uint", ["uint64_t"] = "ulong",
        ["size_t"] = "nuint", ["ptrdiff_t"] = "nint", ["intptr_t"] = "nint", ["uintptr_t"] = "nuint",
    };

    private static readonly Dictionary<string, long> CsSizes = new(StringComparer.Ordinal)
    {
        ["sbyte"] = 1, ["byte"] = 1, ["short"] = 2, ["ushort"] = 2, ["int"] = 4, ["uint"] = 4, ["long"] = 8,
        ["ulong"] = 8, ["nint"] = 8, ["nuint"] = 8, ["float"] = 4, ["double"] = 8, [ComplexFloat] = 8,
        [ComplexDouble] = 16,
    };

    /// <summary>Element types a C# fixed-size buffer accepts.</summary>
    public static bool IsFixedBufferElement(string cs) =>
        cs is "sbyte" or "byte" or "short" or "ushort" or "int" or "uint" or "long" or "ulong" or "float" or "double";

    public string Map(CXType type, string where)
    {
        string cs = MapCore(type, where);
        long cSize = clang_Type_getSizeOf(type);
        if (cSize > 0 && type.Kind is not (CXTypeKind.ConstantArray or CXTypeKind.IncompleteArray) && !IsFunction(type)
            && SizeOf(cs) is long csSize && csSize != cSize)
            throw new BindgenException($"{where}: '{Spelling(type)}' is {cSize} bytes but maps to {cs} ({csSize} bytes)");
        return cs;
    }

    /// <summary>The C spelling when it says more than the C# type does, else null. Spaces and a by-value
    /// parameter's top-level const do not count: "const blasint n" is just blasint.</summary>
    public static string? NativeName(CXType type, string cs)
    {
        string c = Spelling(type);
        string bare = c.StartsWith("const ", StringComparison.Ordinal) && !c.Contains('*', StringComparison.Ordinal) ? c[6..] : c;
        return bare.Replace(" ", "", StringComparison.Ordinal) == cs.Replace(" ", "", StringComparison.Ordinal) ? null : c;
    }

    private long? SizeOf(string cs)
    {
        if (cs.EndsWith('*') || cs.StartsWith("delegate*", StringComparison.Ordinal))
            return 8;
        if (CsSizes.TryGetValue(cs, out long size) || structSizes.TryGetValue(cs, out size))
            return size;
        return header.Aliases.TryGetValue(cs, out string? target) ? SizeOf(target) : null;
    }

    private string MapCore(CXType t, string where)
    {
        switch (t.Kind)
        {
            case CXTypeKind.Void: return "void";
            case CXTypeKind.Bool or CXTypeKind.Char_S or CXTypeKind.Char_U or CXTypeKind.UChar: return "byte";
            case CXTypeKind.SChar: return "sbyte";
            case CXTypeKind.Short: return "short";
            case CXTypeKind.UShort: return "ushort";
            case CXTypeKind.Int: return "int";
            case CXTypeKind.UInt: return "uint";
            case CXTypeKind.Long: return "nint";   // LP64: C long is pointer-sized on 64-bit Linux
            case CXTypeKind.ULong: return "nuint";
            case CXTypeKind.LongLong: return "long";
            case CXTypeKind.ULongLong: return "ulong";
            case CXTypeKind.Float: return "float";
            case CXTypeKind.Double: return "double";
            case CXTypeKind.Enum: return "int";
            case CXTypeKind.Elaborated: return Map(clang_Type_getNamedType(t), where);
            case CXTypeKind.Attributed: return Map(clang_Type_getModifiedType(t), where);
            case CXTypeKind.Complex:
                return clang_getElementType(t).Kind switch
                {
                    CXTypeKind.Float => ComplexFloat,
                    CXTypeKind.Double => ComplexDouble,
                    _ => throw Unknown(t, where),
                };
            case CXTypeKind.Typedef:
            {
                string name = Take(clang_getTypedefName(t));
                if (header.Aliases.ContainsKey(name))
                    return name;
                if (FixedWidth.TryGetValue(name, out string? cs))
                    return cs;
                if (header.Opaque.Contains(name))
                    throw new BindgenException($"{where}: opaque type '{name}' used by value");
                return Map(clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t)), where);
            }
            case CXTypeKind.Pointer:
            {
                CXType pointee = clang_getPointeeType(t);
                if (IsOpaque(pointee))
                    return "void*";
                string inner = Map(pointee, where);
                return IsFunction(pointee) ? inner : inner + "*";
            }
            case CXTypeKind.ConstantArray or CXTypeKind.IncompleteArray: // a parameter declared as an array
                return Map(clang_getElementType(t), where) + "*";
            case CXTypeKind.FunctionProto:
            {
                if (clang_isFunctionTypeVariadic(t) != 0)
                    throw new BindgenException($"{where}: variadic callback type '{Spelling(t)}'");
                var parts = new List<string>();
                for (uint i = 0; i < (uint)clang_getNumArgTypes(t); i++)
                    parts.Add(Map(clang_getArgType(t, i), where));
                parts.Add(Map(clang_getResultType(t), where));
                return $"delegate* unmanaged<{string.Join(", ", parts)}>";
            }
            case CXTypeKind.Record:
            {
                string name = Spelling(clang_getTypeDeclaration(t));
                return structSizes.ContainsKey(name) ? name : throw Unknown(t, where);
            }
            case CXTypeKind.Unexposed when clang_getCanonicalType(t).Kind != CXTypeKind.Unexposed:
                return Map(clang_getCanonicalType(t), where);
            default:
                throw Unknown(t, where);
        }
    }

    private bool IsOpaque(CXType t)
    {
        while (t.Kind is CXTypeKind.Elaborated or CXTypeKind.Attributed)
            t = t.Kind == CXTypeKind.Elaborated ? clang_Type_getNamedType(t) : clang_Type_getModifiedType(t);
        return t.Kind switch
        {
            CXTypeKind.Typedef => header.Opaque.Contains(Take(clang_getTypedefName(t))),
            CXTypeKind.Record => header.Opaque.Contains(Spelling(clang_getTypeDeclaration(t))),
            _ => false,
        };
    }

    private static bool IsFunction(CXType t) =>
        clang_getCanonicalType(t).Kind is CXTypeKind.FunctionProto or CXTypeKind.FunctionNoProto;

    private static BindgenException Unknown(CXType t, string where) =>
        new($"{where}: unknown C type '{Spelling(t)}' ({t.Kind}); map it in TypeMapper or list it in bindgen.json");
}
