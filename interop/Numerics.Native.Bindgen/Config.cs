using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Numerics.Native.Bindgen;

/// <summary>bindgen.json. Relative paths are relative to the repository root (the folder of Numerics.Native.sln).</summary>
internal sealed class Config
{
    public required string Namespace { get; init; }
    /// <summary>Default output folder; --out overrides it.</summary>
    public required string Output { get; init; }
    /// <summary>Where stddef.h/stdarg.h live; null = ask gcc (gcc -print-file-name=include).</summary>
    public string? BuiltinIncludeDir { get; init; }
    public List<string> ClangArgs { get; init; } = [];
    public required List<HeaderConfig> Headers { get; init; }
    /// <summary>The `spans` mode: bounds-checked Span overloads from the size-rule table; null where unused.</summary>
    public SpansConfig? Spans { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Config Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Config>(File.ReadAllText(path), JsonOptions)
                ?? throw new BindgenException($"{path}: empty config");
        }
        catch (JsonException e)
        {
            throw new BindgenException($"{path}: {e.Message}");
        }
    }
}

/// <summary>Where the `spans` mode reads its size rules and writes one <c>{Class}.Spans.g.cs</c> per header class.</summary>
internal sealed class SpansConfig
{
    public required string Rules { get; init; }
    public required string Output { get; init; }
    /// <summary>The header classes (bindgen.json's <c>class</c>) whose functions the rules may name.</summary>
    public required List<string> Classes { get; init; }
    /// <summary>Class whose every function outside its extension list must have a rule (all of standard CBLAS).</summary>
    public List<string> Complete { get; init; } = [];
}

internal sealed class HeaderConfig
{
    public required string Path { get; init; }
    public required string Output { get; init; }
    public required string Class { get; init; }
    public required string Library { get; init; }
    /// <summary>Debian packages whose versions the output records.</summary>
    public List<string> Packages { get; init; } = [];
    /// <summary>-D options for this header.</summary>
    public List<string> Defines { get; init; } = [];
    public List<MacroType> MacroTypes { get; init; } = [];
    /// <summary>C typedef name → C# type; emitted as a using alias (blasint, lapack_int: switch to long for ILP64).</summary>
    public Dictionary<string, string> Aliases { get; init; } = [];
    /// <summary>Types only ever used through pointers; a pointer to one becomes void*.</summary>
    public List<string> Opaque { get; init; } = [];
    /// <summary>Turn the header's comments into XML doc summaries.</summary>
    public bool DocComments { get; init; }
    public ExtensionConfig? Extensions { get; init; }
}

/// <summary>A type the header defines with #define instead of typedef (lapack_int, lapack_complex_float). Bindgen
/// declares it as a typedef before the header, so the C name survives preprocessing.</summary>
internal sealed record MacroType(string Name, string Type);

/// <summary>Functions to mark with a remark, by glob (? = one character, * = any run).</summary>
internal sealed record ExtensionConfig(string Remark, List<string> Names)
{
    private Regex[]? _patterns;

    public Regex[] Patterns => _patterns ??= Names
        .Select(glob => new Regex("^" + Regex.Escape(glob).Replace(@"\?", ".", StringComparison.Ordinal)
            .Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant))
        .ToArray();
}
