using System.Globalization;
using System.Text.RegularExpressions;
using static Numerics.Native.Bindgen.Clang;

namespace Numerics.Native.Bindgen;

internal sealed record Param(string Name, string Type, string? NativeType);
internal sealed record Function(string Name, string ReturnType, string? NativeReturnType, List<Param> Params, string? Doc, string? Remark);
internal sealed record EnumMember(string Name, long Value, string? Doc);
internal sealed record EnumType(string Name, List<EnumMember> Members, string? Doc);
/// <summary>A struct field; Length > 0 makes it a fixed buffer (primitive element) or an inline array.</summary>
internal sealed record Field(string Name, string Type, string? NativeType, long Length, string? Doc);
internal sealed record StructType(string Name, long Size, List<Field> Fields, string? Doc);
internal sealed record Constant(string Name, string Type, long Value);

internal sealed class HeaderModel
{
    public List<Constant> Constants { get; } = [];
    public List<Function> Functions { get; } = [];
    public List<EnumType> Enums { get; } = [];
    public List<StructType> Structs { get; } = [];
    public List<string> Skipped { get; } = [];
}

/// <summary>Walks the top-level declarations that come from one header file, in source order.</summary>
internal sealed partial class HeaderParser(HeaderConfig header, string headerFile, nint tu)
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private readonly HeaderModel _model = new();
    private readonly Dictionary<string, Function> _seen = new(StringComparer.Ordinal);
    private TypeMapper _types = null!;

    public HeaderModel Parse()
    {
        var decls = Children(clang_getTranslationUnitCursor(tu)).Where(c => (c.Kind is CXCursorKind.FunctionDecl
            or CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl or CXCursorKind.VarDecl
            or CXCursorKind.MacroDefinition) && FileOf(c) == headerFile).ToList();

        var structSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in decls.Where(c => c.Kind == CXCursorKind.StructDecl && clang_isCursorDefinition(c) != 0))
            structSizes[Spelling(c)] = clang_Type_getSizeOf(clang_getCursorType(c));
        _types = new TypeMapper(header, structSizes);

        foreach (var c in decls)
        {
            switch (c.Kind)
            {
                case CXCursorKind.FunctionDecl: AddFunction(c); break;
                case CXCursorKind.EnumDecl when clang_isCursorDefinition(c) != 0: AddEnum(c); break;
                case CXCursorKind.StructDecl when clang_isCursorDefinition(c) != 0: AddStruct(c); break;
                case CXCursorKind.UnionDecl: throw new BindgenException($"{Where(c)}: unions are not supported");
                case CXCursorKind.VarDecl: _model.Skipped.Add($"{Spelling(c)}: a global variable"); break;
                case CXCursorKind.MacroDefinition: AddConstant(c); break;
            }
        }
        return _model;
    }

    private void AddFunction(CXCursor c)
    {
        string name = Spelling(c), where = $"{Where(c)} ({name})";
        CXType type = clang_getCursorType(c);
        if (clang_Cursor_getStorageClass(c) == StorageClassStatic)
        {
            _model.Skipped.Add($"{name}: static, not exported");
            return;
        }
        if (type.Kind == CXTypeKind.FunctionNoProto || clang_isFunctionTypeVariadic(type) != 0)
        {
            _model.Skipped.Add($"{name}: {(type.Kind == CXTypeKind.FunctionNoProto ? "no prototype" : "variadic")}");
            return;
        }

        CXType result = clang_getCursorResultType(c);
        string returnType = _types.Map(result, where);
        var parameters = new List<Param>();
        for (uint i = 0; i < (uint)clang_Cursor_getNumArguments(c); i++)
        {
            CXCursor arg = clang_Cursor_getArgument(c, i);
            CXType argType = clang_getCursorType(arg);
            string cs = _types.Map(argType, $"{where} parameter {i}");
            string argName = Spelling(arg);
            parameters.Add(new Param(Identifier(argName.Length == 0 ? $"arg{i}" : argName), cs,
                TypeMapper.NativeName(argType, cs)));
        }
        string? remark = header.Extensions?.Patterns.Any(p => p.IsMatch(name)) == true ? header.Extensions.Remark : null;
        var function = new Function(name, returnType, TypeMapper.NativeName(result, returnType), parameters, Doc(c), remark);

        if (_seen.TryGetValue(name, out Function? earlier))
        {
            if (Signature(earlier) != Signature(function))
                throw new BindgenException($"{where}: redeclared with another signature");
            return;
        }
        _seen.Add(name, function);
        _model.Functions.Add(function);
    }

    private static string Signature(Function f) =>
        f.ReturnType + "(" + string.Join(",", f.Params.Select(p => p.Type)) + ")";

    private void AddEnum(CXCursor c)
    {
        var members = new List<EnumMember>();
        foreach (var m in Children(c).Where(m => m.Kind == CXCursorKind.EnumConstantDecl))
        {
            long value = clang_getEnumConstantDeclValue(m);
            if (value is < int.MinValue or > int.MaxValue)
                throw new BindgenException($"{Where(m)}: {Spelling(m)} = {value} does not fit an int");
            members.Add(new EnumMember(Spelling(m), value, Doc(m)));
        }
        if (clang_Cursor_isAnonymous(c) != 0)
            _model.Constants.AddRange(members.Select(m => new Constant(m.Name, "int", m.Value)));
        else
            _model.Enums.Add(new EnumType(Spelling(c), members, Doc(c)));
    }

    private void AddStruct(CXCursor c)
    {
        string name = Spelling(c);
        if (clang_Cursor_isAnonymous(c) != 0)
            throw new BindgenException($"{Where(c)}: anonymous structs are not supported");
        var fields = new List<Field>();
        foreach (var f in Children(c))
        {
            if (f.Kind != CXCursorKind.FieldDecl)
                throw new BindgenException($"{Where(f)}: nested declaration in struct {name}");
            if (clang_Cursor_isBitField(f) != 0)
                throw new BindgenException($"{Where(f)}: bit-fields are not supported");
            string where = $"{Where(f)} ({name}.{Spelling(f)})";
            CXType type = clang_getCursorType(f);
            long length = type.Kind == CXTypeKind.ConstantArray ? clang_getArraySize(type) : 0;
            string cs = _types.Map(length > 0 ? clang_getElementType(type) : type, where);
            fields.Add(new Field(Identifier(Spelling(f)), cs, TypeMapper.NativeName(type, cs), length, Doc(f)));
        }
        _model.Structs.Add(new StructType(name, clang_Type_getSizeOf(clang_getCursorType(c)), fields, Doc(c)));
    }

    /// <summary>Object-like macros whose value is one integer literal, optionally negated or parenthesized.</summary>
    private void AddConstant(CXCursor c)
    {
        if (clang_Cursor_isMacroFunctionLike(c) != 0)
            return;
        var tokens = Tokens(tu, c).Skip(1).ToList();
        if (tokens is ["(", .., ")"])
            tokens = tokens[1..^1];
        bool negative = tokens is ["-", _];
        if (tokens.Count != (negative ? 2 : 1) || IntegerLiteral().Match(tokens[^1]) is not { Success: true } m)
            return;
        bool hex = m.Groups[1].Success;
        ulong magnitude = ulong.Parse(hex ? m.Groups[1].Value : m.Groups[2].Value,
            hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
        if (magnitude > long.MaxValue)
            return;
        long value = negative ? -(long)magnitude : (long)magnitude;
        _model.Constants.Add(new Constant(Spelling(c), value is >= int.MinValue and <= int.MaxValue ? "int" : "long", value));
    }

    [GeneratedRegex("^(?:0[xX]([0-9a-fA-F]+)|([0-9]+))[uUlL]*$")]
    private static partial Regex IntegerLiteral();

    /// <summary>The comment clang attached to the declaration (all comments count: -fparse-all-comments), as one
    /// line of text; null unless the header asks for comments.</summary>
    private string? Doc(CXCursor c)
    {
        if (!header.DocComments)
            return null;
        string raw = Take(clang_Cursor_getRawCommentText(c));
        var lines = raw.Split('\n').Select(line => CommentMarks().Replace(line, "").Trim())
            .Where(l => l.Length > 0 && !SectionBanner().IsMatch(l));
        string text = string.Join(" ", lines);
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"^\s*(/\*+!?<?|//+!?<?|\*+/|\*(?!/))|\*+/\s*$")]
    private static partial Regex CommentMarks();

    /// <summary>"---- core ----": a heading for the declarations below, not about the next one.</summary>
    [GeneratedRegex("^-{2,}.*-{2,}$")]
    private static partial Regex SectionBanner();

    private static string Identifier(string name) => Keywords.Contains(name) ? "@" + name : name;
}
