using System.Globalization;
using System.Runtime.InteropServices;
using Numerics.Native.Interop.Loading;

namespace Numerics.Native.Interop.Level3;

/// <summary>
/// BLIS (Debian <c>libblis4-pthread</c>), loaded beside OpenBLAS by full path: its soname <c>libblis.so.4</c> is its
/// own, so it neither replaces nor is replaced by the backend's <c>libblas.so.3</c>. BLIS fixes its sub-configuration
/// when it initialises (its first call), from <c>BLIS_ARCH_TYPE</c>, an index into its <c>arch_t</c> enum. The index
/// is looked up here by name through <c>bli_arch_string</c>, which reads a static table and does not initialise BLIS,
/// and written with libc's setenv before anything initialises it.
/// </summary>
internal sealed unsafe class BlisLibrary
{
    internal const string DefaultPath = BackendPlan.LibDir + "/blis-pthread/libblis.so.4";

    /// <summary>BLIS 0.9.0's <c>rntm_t</c>: bool, dim_t num_threads, dim_t thrloop[6], 3 bools, 2 pointers.</summary>
    internal const int RntmSize = 88;
    private const int RntmNumThreadsOffset = 8;
    private const int RntmSbaPoolOffset = 72;
    private const int RntmPbaOffset = 80;
    private const int RntmPackAOffset = 64;
    private const int RntmL3SupOffset = 66;

    /// <summary>The versions whose <c>rntm_t</c> layout is the one above (checked again at run time).</summary>
    private static readonly string[] RntmLayoutVersions = ["0.9.0"];

    private readonly nint _handle;
    private byte[] _rntmTemplate = [];

    private BlisLibrary(string path, nint handle, string version, string[] archNames)
    {
        Path = path;
        _handle = handle;
        Version = version;
        ArchNames = archNames;
    }

    internal string Path { get; }
    internal string Version { get; }

    /// <summary><c>arch_t</c> names in enum order, read from the installed library.</summary>
    internal string[] ArchNames { get; }

    /// <summary>After <see cref="Initialize"/>: the sub-configuration BLIS runs.</summary>
    internal string ActiveArch { get; private set; } = "";
    internal int ActiveArchId { get; private set; } = -1;

    internal nint Sgemm { get; private set; }
    internal nint Dgemm { get; private set; }
    internal nint Cgemm { get; private set; }
    internal nint Zgemm { get; private set; }

    /// <summary>The 88 bytes of a 1-thread <c>rntm_t</c> as BLIS builds it; a call copies it and sets its thread count.</summary>
    internal ReadOnlySpan<byte> RntmTemplate => _rntmTemplate;

    /// <summary>Opens the library without initialising BLIS; null (and why) when it is absent or unusable.</summary>
    internal static BlisLibrary? TryOpen(string path, out string why)
    {
        if (!File.Exists(path))
        {
            why = $"{path} not found (install libblis4-pthread; build/setup.sh does)";
            return null;
        }
        if (!NativeLibrary.TryLoad(path, out nint h))
        {
            why = $"{path} could not be loaded";
            return null;
        }
        nint archString = Export(h, "bli_arch_string"), versionFn = Export(h, "bli_info_get_version_str");
        if (archString == 0 || versionFn == 0 || Export(h, "bli_init") == 0 || Export(h, "bli_arch_query_id") == 0)
        {
            why = $"{path} does not export bli_arch_string / bli_info_get_version_str / bli_init / bli_arch_query_id";
            return null;
        }
        string version = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)versionFn)()) ?? "";
        // arch_t ends with BLIS_ARCH_GENERIC, "given index num_archs-1" (bli_type_defs.h), so the table is read up to
        // "generic"; the bound and the name check only guard against a library that breaks that contract.
        var names = new List<string>();
        for (int id = 0; id < 64; id++)
        {
            nint s = ((delegate* unmanaged<int, nint>)archString)(id);
            string? name = s == 0 ? null : Marshal.PtrToStringUTF8(s);
            if (name is null || name.Length is 0 or > 24 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            {
                why = $"{path}: bli_arch_string({id}) is not a sub-configuration name; arch_t could not be read";
                return null;
            }
            names.Add(name);
            if (name == "generic") break;
        }
        if (names[^1] != "generic")
        {
            why = $"{path}: no 'generic' entry among the first 64 arch_t values";
            return null;
        }
        why = "";
        return new BlisLibrary(path, h, version, [.. names]);
    }

    internal int IndexOf(string arch) => Array.IndexOf(ArchNames, arch);

    /// <summary>
    /// Initialises BLIS (the environment must already say which sub-configuration) and checks what this code relies
    /// on: the sub-configuration it got, 64-bit dim_t, the rntm_t layout, the typed expert gemm entry points.
    /// </summary>
    internal bool Initialize(string? expectedArch, out string why)
    {
        ((delegate* unmanaged<void>)Export(_handle, "bli_init"))();
        ActiveArchId = ((delegate* unmanaged<int>)Export(_handle, "bli_arch_query_id"))();
        ActiveArch = ActiveArchId >= 0 && ActiveArchId < ArchNames.Length ? ArchNames[ActiveArchId] : $"arch_t {ActiveArchId}";
        if (expectedArch is not null && ActiveArch != expectedArch)
        {
            why = $"BLIS initialised as '{ActiveArch}' although BLIS_ARCH_TYPE asked for '{expectedArch}' (was BLIS initialised earlier in this process?)";
            return false;
        }
        nint intSize = Export(_handle, "bli_info_get_int_type_size");
        long bits = intSize == 0 ? 0 : ((delegate* unmanaged<long>)intSize)();
        if (bits != 64)
        {
            why = $"BLIS integer size is {bits} bits; the typed API is called with 64-bit dim_t/inc_t";
            return false;
        }
        if (!RntmLayoutVersions.Contains(Version))
        {
            why = $"BLIS {Version}: the rntm_t layout (per-call thread count) is known only for {string.Join(", ", RntmLayoutVersions)}";
            return false;
        }
        if (!BuildRntmTemplate(out why)) return false;
        Sgemm = Export(_handle, "bli_sgemm_ex");
        Dgemm = Export(_handle, "bli_dgemm_ex");
        Cgemm = Export(_handle, "bli_cgemm_ex");
        Zgemm = Export(_handle, "bli_zgemm_ex");
        if (Sgemm == 0 || Dgemm == 0 || Cgemm == 0 || Zgemm == 0)
        {
            why = "BLIS does not export bli_?gemm_ex";
            return false;
        }
        why = "";
        return true;
    }

    /// <summary>BLIS's process-wide thread count, used only by its own BLAS/CBLAS layer (we pass rntm_t per call).</summary>
    internal void SetGlobalThreads(int n)
    {
        nint f = Export(_handle, "bli_thread_set_num_threads");
        if (f != 0) ((delegate* unmanaged<long, void>)f)(n);
    }

    internal long GlobalThreads()
    {
        nint f = Export(_handle, "bli_thread_get_num_threads");
        return f == 0 ? -1 : ((delegate* unmanaged<long>)f)();
    }

    /// <summary>
    /// BLIS 0.9.0 keeps its thread setting in one process-wide rntm_t; the typed expert API takes a rntm_t per call
    /// instead, which is how concurrent callers each get their own budget-granted count. The struct is not exported
    /// as an API, so its layout is checked here: copy BLIS's own global rntm_t for two thread counts into a
    /// poisoned buffer and look at where the count landed, what stayed untouched, that the pool pointers are NULL
    /// (BLIS attaches them per call), and where the pack_a flag lands when BLIS's own setter flips it.
    /// <para>
    /// The global rntm_t leaves l3_sup false: BLIS's own calls pass rntm = NULL and never read it, but a caller's
    /// rntm_t with l3_sup false switches off the small/unpacked ("sup") path (bli_gemm_ex, bli_l3_oapi_ex.c), which
    /// made n = 16 / 64 sgemm 5× / 1.8× slower here. So the template sets l3_sup, as BLIS_RNTM_INITIALIZER does.
    /// </para>
    /// </summary>
    private bool BuildRntmTemplate(out string why)
    {
        nint init = Export(_handle, "bli_rntm_init_from_global");
        if (init == 0 || Export(_handle, "bli_thread_set_num_threads") == 0)
        {
            why = "BLIS does not export bli_rntm_init_from_global / bli_thread_set_num_threads";
            return false;
        }
        const int poisoned = 256;
        byte* buf = stackalloc byte[poisoned];
        foreach (int n in new[] { 7, 1 })
        {
            new Span<byte>(buf, poisoned).Fill(0xA5);
            SetGlobalThreads(n);
            ((delegate* unmanaged<byte*, void>)init)(buf);
            bool ok = *(long*)(buf + RntmNumThreadsOffset) == n &&
                      *(nint*)(buf + RntmSbaPoolOffset) == 0 && *(nint*)(buf + RntmPbaOffset) == 0 &&
                      new ReadOnlySpan<byte>(buf + RntmSize, poisoned - RntmSize).IndexOfAnyExcept((byte)0xA5) < 0;
            if (!ok)
            {
                why = $"BLIS {Version}: rntm_t does not have the expected layout (num_threads at {RntmNumThreadsOffset}, size {RntmSize})";
                return false;
            }
        }
        nint setPackA = Export(_handle, "bli_pack_set_pack_a");
        if (setPackA != 0)
        {
            byte userPackA = buf[RntmPackAOffset]; // BLIS_PACK_A from the environment, restored below
            new Span<byte>(buf, poisoned).Fill(0xA5);
            ((delegate* unmanaged<byte, void>)setPackA)(1);
            ((delegate* unmanaged<byte*, void>)init)(buf);
            ((delegate* unmanaged<byte, void>)setPackA)(userPackA);
            if (buf[RntmPackAOffset] != 1)
            {
                why = $"BLIS {Version}: rntm_t does not have the expected layout (pack_a at {RntmPackAOffset})";
                return false;
            }
            ((delegate* unmanaged<byte*, void>)init)(buf);
        }
        buf[RntmL3SupOffset] = 1;
        _rntmTemplate = new ReadOnlySpan<byte>(buf, RntmSize).ToArray();
        why = "";
        return true;
    }

    internal static string Describe(int id, string name) => string.Create(CultureInfo.InvariantCulture, $"{name} (arch_t {id})");

    private static nint Export(nint h, string name) => NativeLibrary.TryGetExport(h, name, out nint p) ? p : 0;
}
