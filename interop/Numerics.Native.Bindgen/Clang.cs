using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

[assembly: DisableRuntimeMarshalling]

namespace Numerics.Native.Bindgen;

// The slice of libclang's C API (clang-c/Index.h) that Bindgen uses. "libclang" resolves to
// runtimes/linux-x64/native/libclang.so from the libclang.runtime.linux-x64 package: the host lists that folder
// in its native search paths (deps.json), and probing turns "libclang" into "libclang.so".

internal enum CXCursorKind
{
    StructDecl = 2,
    UnionDecl = 3,
    EnumDecl = 5,
    FieldDecl = 6,
    EnumConstantDecl = 7,
    FunctionDecl = 8,
    VarDecl = 9,
    TypedefDecl = 20,
    MacroDefinition = 501,
}

internal enum CXTypeKind
{
    Invalid = 0, Unexposed = 1, Void = 2, Bool = 3, Char_U = 4, UChar = 5, UShort = 8, UInt = 9, ULong = 10,
    ULongLong = 11, Char_S = 13, SChar = 14, Short = 16, Int = 17, Long = 18, LongLong = 19, Float = 21, Double = 22,
    Complex = 100, Pointer = 101, Record = 105, Enum = 106, Typedef = 107, FunctionNoProto = 110, FunctionProto = 111,
    ConstantArray = 112, IncompleteArray = 114, Elaborated = 119, Attributed = 163,
}

// Opaque values that only libclang writes and reads: their private fields exist for size and layout.
#pragma warning disable CS0169, CS0649
internal readonly struct CXCursor
{
    public readonly CXCursorKind Kind;
    private readonly int _xdata;
    private readonly nint _data0, _data1, _data2;
}

internal readonly struct CXType
{
    public readonly CXTypeKind Kind;
    private readonly nint _data0, _data1;
}

internal readonly struct CXString
{
    private readonly nint _data;
    private readonly uint _flags;
}

internal readonly struct CXSourceLocation
{
    private readonly nint _ptr0, _ptr1;
    private readonly uint _intData;
}

internal readonly struct CXSourceRange
{
    private readonly nint _ptr0, _ptr1;
    private readonly uint _begin, _end;
}

internal readonly struct CXToken
{
    private readonly uint _int0, _int1, _int2, _int3;
    private readonly nint _ptr;
}

#pragma warning restore CS0169, CS0649

internal struct CXUnsavedFile
{
    public nint Filename;
    public nint Contents;
    public nuint Length;
}

internal static unsafe partial class Clang
{
    private const string Lib = "libclang";
    public const uint DetailedPreprocessingRecord = 0x01, SkipFunctionBodies = 0x40;
    public const int StorageClassStatic = 3, DiagnosticError = 3;

    [LibraryImport(Lib)] public static partial nint clang_createIndex(int excludeDeclarationsFromPch, int displayDiagnostics);
    [LibraryImport(Lib)] public static partial void clang_disposeIndex(nint index);
    [LibraryImport(Lib)] public static partial int clang_parseTranslationUnit2(nint index, byte* sourceFilename, byte** args, int numArgs, CXUnsavedFile* unsaved, uint numUnsaved, uint options, nint* tu);
    [LibraryImport(Lib)] public static partial void clang_disposeTranslationUnit(nint tu);
    [LibraryImport(Lib)] public static partial uint clang_getNumDiagnostics(nint tu);
    [LibraryImport(Lib)] public static partial nint clang_getDiagnostic(nint tu, uint index);
    [LibraryImport(Lib)] public static partial int clang_getDiagnosticSeverity(nint diagnostic);
    [LibraryImport(Lib)] public static partial CXString clang_formatDiagnostic(nint diagnostic, uint options);
    [LibraryImport(Lib)] public static partial void clang_disposeDiagnostic(nint diagnostic);
    [LibraryImport(Lib)] public static partial CXString clang_getClangVersion();
    [LibraryImport(Lib)] public static partial byte* clang_getCString(CXString str);
    [LibraryImport(Lib)] public static partial void clang_disposeString(CXString str);

    [LibraryImport(Lib)] public static partial CXCursor clang_getTranslationUnitCursor(nint tu);
    [LibraryImport(Lib)] public static partial uint clang_visitChildren(CXCursor parent, delegate* unmanaged<CXCursor, CXCursor, nint, int> visitor, nint clientData);
    [LibraryImport(Lib)] public static partial CXString clang_getCursorSpelling(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getCursorLocation(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXSourceRange clang_getCursorExtent(CXCursor cursor);
    [LibraryImport(Lib)] public static partial void clang_getExpansionLocation(CXSourceLocation location, nint* file, uint* line, uint* column, uint* offset);
    [LibraryImport(Lib)] public static partial CXString clang_getFileName(nint file);
    [LibraryImport(Lib)] public static partial uint clang_isCursorDefinition(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isAnonymous(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isMacroFunctionLike(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isBitField(CXCursor cursor);
    [LibraryImport(Lib)] public static partial int clang_Cursor_getStorageClass(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXString clang_Cursor_getRawCommentText(CXCursor cursor);
    [LibraryImport(Lib)] public static partial long clang_getEnumConstantDeclValue(CXCursor cursor);
    [LibraryImport(Lib)] public static partial int clang_Cursor_getNumArguments(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXCursor clang_Cursor_getArgument(CXCursor cursor, uint index);

    [LibraryImport(Lib)] public static partial CXType clang_getCursorType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXType clang_getCursorResultType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXType clang_getTypedefDeclUnderlyingType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXCursor clang_getTypeDeclaration(CXType type);
    [LibraryImport(Lib)] public static partial CXString clang_getTypeSpelling(CXType type);
    [LibraryImport(Lib)] public static partial CXString clang_getTypedefName(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getCanonicalType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getPointeeType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getElementType(CXType type);
    [LibraryImport(Lib)] public static partial long clang_getArraySize(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_Type_getNamedType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_Type_getModifiedType(CXType type);
    [LibraryImport(Lib)] public static partial long clang_Type_getSizeOf(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getResultType(CXType type);
    [LibraryImport(Lib)] public static partial int clang_getNumArgTypes(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getArgType(CXType type, uint index);
    [LibraryImport(Lib)] public static partial uint clang_isFunctionTypeVariadic(CXType type);

    [LibraryImport(Lib)] public static partial void clang_tokenize(nint tu, CXSourceRange range, CXToken** tokens, uint* numTokens);
    [LibraryImport(Lib)] public static partial CXString clang_getTokenSpelling(nint tu, CXToken token);
    [LibraryImport(Lib)] public static partial void clang_disposeTokens(nint tu, CXToken* tokens, uint numTokens);

    // ---- helpers ----

    public static string Take(CXString s)
    {
        try { return Marshal.PtrToStringUTF8((nint)clang_getCString(s)) ?? ""; }
        finally { clang_disposeString(s); }
    }

    public static string Spelling(CXCursor c) => Take(clang_getCursorSpelling(c));

    public static string Spelling(CXType t) => Take(clang_getTypeSpelling(t));

    /// <summary>Direct children in source order (clang_visitChildren with a callback that never recurses).</summary>
    public static List<CXCursor> Children(CXCursor parent)
    {
        var list = new List<CXCursor>();
        var handle = GCHandle.Alloc(list);
        try { _ = clang_visitChildren(parent, &CollectChild, GCHandle.ToIntPtr(handle)); }
        finally { handle.Free(); }
        return list;
    }

    [UnmanagedCallersOnly]
    private static int CollectChild(CXCursor cursor, CXCursor parent, nint clientData)
    {
        ((List<CXCursor>)GCHandle.FromIntPtr(clientData).Target!).Add(cursor);
        return 1; // CXChildVisit_Continue
    }

    /// <summary>The file a declaration comes from (after macro expansion), or "" for built-ins.</summary>
    public static string FileOf(CXCursor c)
    {
        nint file;
        clang_getExpansionLocation(clang_getCursorLocation(c), &file, null, null, null);
        return file == 0 ? "" : Take(clang_getFileName(file));
    }

    /// <summary>"file:line:column" for error messages.</summary>
    public static string Where(CXCursor c)
    {
        nint file;
        uint line, column;
        clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, &column, null);
        return $"{(file == 0 ? "<built-in>" : Take(clang_getFileName(file)))}:{line}:{column}";
    }

    public static List<string> Tokens(nint tu, CXCursor c)
    {
        CXToken* tokens;
        uint count;
        clang_tokenize(tu, clang_getCursorExtent(c), &tokens, &count);
        var result = new List<string>((int)count);
        for (uint i = 0; i < count; i++)
            result.Add(Take(clang_getTokenSpelling(tu, tokens[i])));
        clang_disposeTokens(tu, tokens, count);
        return result;
    }

    /// <summary>Parses <paramref name="contents"/> as the in-memory file <paramref name="fileName"/>.</summary>
    public static nint Parse(nint index, string fileName, string contents, IReadOnlyList<string> args, uint options)
    {
        var strings = new List<nint>();
        nint Utf8(string s)
        {
            nint p = Marshal.StringToCoTaskMemUTF8(s);
            strings.Add(p);
            return p;
        }
        try
        {
            var argv = new byte*[args.Count];
            for (int i = 0; i < args.Count; i++)
                argv[i] = (byte*)Utf8(args[i]);
            var unsaved = new CXUnsavedFile
            {
                Filename = Utf8(fileName),
                Contents = Utf8(contents),
                Length = (nuint)System.Text.Encoding.UTF8.GetByteCount(contents),
            };
            nint tu;
            int error;
            fixed (byte** pArgs = argv)
                error = clang_parseTranslationUnit2(index, (byte*)unsaved.Filename, pArgs, args.Count, &unsaved, 1, options, &tu);
            if (error != 0)
                throw new BindgenException($"clang_parseTranslationUnit2 failed with CXErrorCode {error} for {fileName}");
            return tu;
        }
        finally
        {
            foreach (nint p in strings)
                Marshal.FreeCoTaskMem(p);
        }
    }
}

internal sealed class BindgenException(string message) : Exception(message);
