using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using static Numerics.Native.Bindgen.Clang;

namespace Numerics.Native.Bindgen;

internal static class Program
{
    private const string Usage = "usage: dotnet run --project interop/Numerics.Native.Bindgen -- [spans] [--config bindgen.json] [--out dir]";

    private static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (BindgenException e)
        {
            Console.Error.WriteLine("bindgen: error: " + e.Message);
            return 1;
        }
    }

    private static int Run(string[] args)
    {
        // `spans` writes the bounds-checked overloads (Spans/*.g.cs) from SizeRules/ instead of the raw bindings.
        bool spans = args.Length > 0 && args[0] == "spans";
        if (spans)
            args = args[1..];
        string? configPath = null, outDir = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length: configPath = Path.GetFullPath(args[++i]); break;
                case "--out" when i + 1 < args.Length: outDir = Path.GetFullPath(args[++i]); break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }

        string root = configPath is null
            ? FindRepoRoot(Directory.GetCurrentDirectory()) ?? FindRepoRoot(AppContext.BaseDirectory)
                ?? throw new BindgenException("cannot find Numerics.Native.sln above the current directory; pass --config")
            : FindRepoRoot(Path.GetDirectoryName(configPath)!) ?? Path.GetDirectoryName(configPath)!;
        configPath ??= Path.Combine(root, "interop", "Numerics.Native.Bindgen", "bindgen.json");
        var config = Config.Load(configPath);
        if (spans)
            return SpansGenerator.Run(root, config, outDir);
        outDir ??= Path.Combine(root, config.Output);
        Directory.CreateDirectory(outDir);

        string builtinInclude = config.BuiltinIncludeDir ?? Exec("gcc", "-print-file-name=include")
            ?? throw new BindgenException("gcc not found: set builtinIncludeDir in bindgen.json (the folder with stddef.h)");
        if (!File.Exists(Path.Combine(builtinInclude, "stddef.h")))
            throw new BindgenException($"{builtinInclude} has no stddef.h; set builtinIncludeDir in bindgen.json");
        string clangVersion = Take(clang_getClangVersion());

        nint index = clang_createIndex(0, 0);
        try
        {
            foreach (var header in config.Headers)
            {
                string headerFile = Path.GetFullPath(Path.Combine(root, header.Path));
                if (!File.Exists(headerFile))
                    throw new BindgenException($"{headerFile} does not exist (bindgen.json: {header.Path})");
                HeaderModel model = ParseHeader(index, config, header, headerFile, builtinInclude);

                var provenance = new List<string>
                {
                    $"Header: {header.Path} (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(headerFile)))})",
                };
                foreach (string package in header.Packages)
                {
                    string? version = Exec("dpkg-query", "-W", "-f=${Version}", package);
                    provenance.Add($"Package: {package} {(string.IsNullOrEmpty(version) ? "(not installed)" : version)}");
                }
                provenance.Add("libclang: " + clangVersion);
                Write(Path.Combine(outDir, header.Output), CSharpWriter.Bindings(config, header, model, provenance));

                Console.WriteLine($"{header.Output}: {model.Functions.Count} functions bound from {header.Path} " +
                    $"({model.Enums.Count} enums, {model.Structs.Count} structs, {model.Constants.Count} constants)");
                foreach (string skipped in model.Skipped)
                    Console.WriteLine($"  skipped {skipped}");
                var extensions = header.Extensions;
                for (int i = 0; i < (extensions?.Names.Count ?? 0); i++)
                {
                    if (!model.Functions.Any(f => extensions!.Patterns[i].IsMatch(f.Name)))
                        Console.WriteLine($"  warning: extension pattern '{extensions!.Names[i]}' matches no function");
                }
            }
        }
        finally
        {
            clang_disposeIndex(index);
        }
        Write(Path.Combine(outDir, "NativeTypes.g.cs"), CSharpWriter.Shared(config));
        return 0;
    }

    internal static HeaderModel ParseHeader(nint index, Config config, HeaderConfig header, string headerFile, string builtinInclude)
    {
        // The parsed file is in memory: the macro types as typedefs, then the header itself.
        var source = new StringBuilder("#include <stdint.h>\n");
        foreach (var t in header.MacroTypes)
            source.Append($"typedef {t.Type} {t.Name};\n#define {t.Name} {t.Name}\n");
        source.Append($"#include \"{headerFile}\"\n");

        var args = new List<string> { "-x", "c", "-I", builtinInclude };
        args.AddRange(config.ClangArgs);
        args.AddRange(header.Defines.Select(d => "-D" + d));
        if (header.DocComments)
            args.Add("-fparse-all-comments");

        nint tu = Parse(index, "bindgen_input.c", source.ToString(), args, DetailedPreprocessingRecord | SkipFunctionBodies);
        try
        {
            var errors = new List<string>();
            for (uint i = 0; i < clang_getNumDiagnostics(tu); i++)
            {
                nint diagnostic = clang_getDiagnostic(tu, i);
                string text = Take(clang_formatDiagnostic(diagnostic, 0x1 | 0x2)); // source location, column
                if (clang_getDiagnosticSeverity(diagnostic) >= DiagnosticError)
                    errors.Add(text);
                else
                    Console.WriteLine("  clang: " + text);
                clang_disposeDiagnostic(diagnostic);
            }
            if (errors.Count > 0)
                throw new BindgenException($"{header.Path} does not parse:\n  " + string.Join("\n  ", errors));
            return new HeaderParser(header, headerFile, tu).Parse();
        }
        finally
        {
            clang_disposeTranslationUnit(tu);
        }
    }

    internal static void Write(string path, string text) =>
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Numerics.Native.sln")))
                return dir.FullName;
        return null;
    }

    /// <summary>Runs a program and returns its trimmed standard output, or null if it cannot run or fails.</summary>
    internal static string? Exec(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
