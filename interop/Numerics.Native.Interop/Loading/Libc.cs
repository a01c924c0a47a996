using System.Runtime.InteropServices;

namespace Numerics.Native.Interop.Loading;

/// <summary>The few libc/libdl calls the loader needs (glibc ≥ 2.34 exports the dl* functions from libc itself).</summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc.so.6";

    /// <summary>libc's setenv: the only way to reach libgomp/OpenBLAS, which read the C environment at load.
    /// .NET's Environment.SetEnvironmentVariable changes a managed copy on Unix.</summary>
    [LibraryImport(Lib, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int setenv(string name, string value, int overwrite);

    [LibraryImport(Lib, EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint getenv(string name);

    internal const int RtldNow = 0x2, RtldGlobal = 0x100;

    [LibraryImport(Lib, EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint dlopen(string file, int mode);

    [LibraryImport(Lib, EntryPoint = "dlsym", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint dlsym(nint handle, string symbol);

    [LibraryImport(Lib, EntryPoint = "dladdr")]
    internal static partial int dladdr(nint address, DlInfo* info);

    [StructLayout(LayoutKind.Sequential)]
    internal struct DlInfo
    {
        public nint dli_fname;
        public nint dli_fbase;
        public nint dli_sname;
        public nint dli_saddr;
    }

    /// <summary>The C environment's value (what native libraries will see), or null.</summary>
    internal static string? GetEnv(string name)
    {
        nint p = getenv(name);
        return p == 0 ? null : Marshal.PtrToStringUTF8(p);
    }

    /// <summary>The file that holds the code at <paramref name="address"/>, or null.</summary>
    internal static string? FileOf(nint address)
    {
        if (address == 0) return null;
        DlInfo info;
        return dladdr(address, &info) != 0 && info.dli_fname != 0 ? Marshal.PtrToStringUTF8(info.dli_fname) : null;
    }
}
