using System.Globalization;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Numerics.Native.Interop.Level3;

/// <summary>The ISA extensions that decide which BLIS sub-configuration this CPU can run.</summary>
[Flags]
internal enum CpuFeature : long
{
    None = 0,
    Sse2 = 1L << 0,
    Ssse3 = 1L << 1,
    Sse41 = 1L << 2,
    Sse42 = 1L << 3,
    Popcnt = 1L << 4,
    Avx = 1L << 5,
    Fma = 1L << 6,
    F16c = 1L << 7,
    Movbe = 1L << 8,
    Avx2 = 1L << 9,
    Bmi1 = 1L << 10,
    Bmi2 = 1L << 11,
    Lzcnt = 1L << 12,
    Sse4a = 1L << 13,
    Prefetchw = 1L << 14,
    Fma4 = 1L << 15,
    Xop = 1L << 16,
    Avx512F = 1L << 17,
    Avx512Cd = 1L << 18,
    Avx512Dq = 1L << 19,
    Avx512Bw = 1L << 20,
    Avx512Vl = 1L << 21,
    Avx512Er = 1L << 22,
    Avx512Pf = 1L << 23,
}

/// <summary>
/// What CPUID says about this CPU, restricted to what the operating system lets a process use. A vector extension is
/// usable only when the CPU has it (CPUID) and the kernel saves its register state; Linux drops a flag from
/// <c>/proc/cpuinfo</c> when it does not, so a feature counts only when both agree. Without <c>/proc/cpuinfo</c> the
/// OS check falls back to .NET's own (<see cref="Avx.IsSupported"/>, <see cref="Avx512F.IsSupported"/>).
/// </summary>
internal sealed class CpuInfo
{
    /// <summary>Test hook: comma-separated feature names to treat as absent (e.g. <c>avx512f</c>), so the choice
    /// of sub-configuration for an older CPU can be exercised on a newer one.</summary>
    internal const string HideVariable = "NUMERICS_NATIVE_LEVEL3_HIDE_CPU";

    private static readonly (CpuFeature Feature, string Linux)[] Names =
    [
        (CpuFeature.Sse2, "sse2"), (CpuFeature.Ssse3, "ssse3"), (CpuFeature.Sse41, "sse4_1"), (CpuFeature.Sse42, "sse4_2"),
        (CpuFeature.Popcnt, "popcnt"), (CpuFeature.Avx, "avx"), (CpuFeature.Fma, "fma"), (CpuFeature.F16c, "f16c"),
        (CpuFeature.Movbe, "movbe"), (CpuFeature.Avx2, "avx2"), (CpuFeature.Bmi1, "bmi1"), (CpuFeature.Bmi2, "bmi2"),
        (CpuFeature.Lzcnt, "abm"), (CpuFeature.Sse4a, "sse4a"), (CpuFeature.Prefetchw, "3dnowprefetch"),
        (CpuFeature.Fma4, "fma4"), (CpuFeature.Xop, "xop"), (CpuFeature.Avx512F, "avx512f"),
        (CpuFeature.Avx512Cd, "avx512cd"), (CpuFeature.Avx512Dq, "avx512dq"), (CpuFeature.Avx512Bw, "avx512bw"),
        (CpuFeature.Avx512Vl, "avx512vl"), (CpuFeature.Avx512Er, "avx512er"), (CpuFeature.Avx512Pf, "avx512pf"),
    ];

    private CpuInfo(string vendor, string brand, int family, int model, int stepping, CpuFeature features, string hidden)
    {
        Vendor = vendor;
        Brand = brand;
        Family = family;
        Model = model;
        Stepping = stepping;
        Features = features;
        Hidden = hidden;
    }

    internal string Vendor { get; }
    internal string Brand { get; }
    internal int Family { get; }
    internal int Model { get; }
    internal int Stepping { get; }
    internal CpuFeature Features { get; }

    /// <summary>Features hidden through <see cref="HideVariable"/> (empty normally).</summary>
    internal string Hidden { get; }

    internal bool IsAmd => Vendor == "AuthenticAMD";

    internal bool Has(CpuFeature required) => (Features & required) == required;

    /// <summary>The Linux names of the features in <paramref name="set"/>, space-separated.</summary>
    internal static string Describe(CpuFeature set) =>
        string.Join(' ', Names.Where(n => (set & n.Feature) != 0).Select(n => n.Linux));

    /// <summary>One line for reports and for the calibration cache key.</summary>
    internal string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"{Vendor} \"{Brand}\" family {Family:x}h model {Model:x}h stepping {Stepping}");

    private static readonly Lazy<CpuInfo> Cached = new(Detect);

    internal static CpuInfo Current => Cached.Value;

    private static CpuInfo Detect()
    {
        if (!X86Base.IsSupported)
        {
            return new CpuInfo("(not x86)", "", 0, 0, 0, CpuFeature.None, "");
        }
        var (_, b0, c0, d0) = X86Base.CpuId(0, 0);
        string vendor = Ascii(b0, d0, c0);
        var (a1, _, c1, d1) = X86Base.CpuId(1, 0);
        int baseFamily = (a1 >> 8) & 0xF, baseModel = (a1 >> 4) & 0xF;
        int family = baseFamily == 0xF ? baseFamily + ((a1 >> 20) & 0xFF) : baseFamily;
        int model = baseFamily is 0x6 or 0xF ? baseModel + (((a1 >> 16) & 0xF) << 4) : baseModel;
        int stepping = a1 & 0xF;

        var f = CpuFeature.None;
        void Set(bool on, CpuFeature x) { if (on) f |= x; }
        Set(Bit(d1, 26), CpuFeature.Sse2);
        Set(Bit(c1, 9), CpuFeature.Ssse3);
        Set(Bit(c1, 19), CpuFeature.Sse41);
        Set(Bit(c1, 20), CpuFeature.Sse42);
        Set(Bit(c1, 23), CpuFeature.Popcnt);
        Set(Bit(c1, 22), CpuFeature.Movbe);
        bool osxsave = Bit(c1, 27);
        Set(osxsave && Bit(c1, 28), CpuFeature.Avx);
        Set(osxsave && Bit(c1, 12), CpuFeature.Fma);
        Set(osxsave && Bit(c1, 29), CpuFeature.F16c);
        var (maxLeaf, _, _, _) = X86Base.CpuId(0, 0);
        if (maxLeaf >= 7)
        {
            var (_, b7, _, _) = X86Base.CpuId(7, 0);
            Set(Bit(b7, 3), CpuFeature.Bmi1);
            Set(osxsave && Bit(b7, 5), CpuFeature.Avx2);
            Set(Bit(b7, 8), CpuFeature.Bmi2);
            Set(osxsave && Bit(b7, 16), CpuFeature.Avx512F);
            Set(osxsave && Bit(b7, 17), CpuFeature.Avx512Dq);
            Set(osxsave && Bit(b7, 26), CpuFeature.Avx512Pf);
            Set(osxsave && Bit(b7, 27), CpuFeature.Avx512Er);
            Set(osxsave && Bit(b7, 28), CpuFeature.Avx512Cd);
            Set(osxsave && Bit(b7, 30), CpuFeature.Avx512Bw);
            Set(osxsave && Bit(b7, 31), CpuFeature.Avx512Vl);
        }
        var (maxExt, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
        string brand = "";
        if ((uint)maxExt >= 0x80000001)
        {
            var (_, _, ce, _) = X86Base.CpuId(unchecked((int)0x80000001), 0);
            Set(Bit(ce, 5), CpuFeature.Lzcnt);
            Set(Bit(ce, 6), CpuFeature.Sse4a);
            Set(Bit(ce, 8), CpuFeature.Prefetchw);
            Set(osxsave && Bit(ce, 11), CpuFeature.Xop);
            Set(osxsave && Bit(ce, 16), CpuFeature.Fma4);
        }
        if ((uint)maxExt >= 0x80000004)
        {
            var sb = new StringBuilder();
            for (int leaf = 0; leaf < 3; leaf++)
            {
                var (a, b, c, d) = X86Base.CpuId(unchecked((int)0x80000002) + leaf, 0);
                sb.Append(Ascii(a, b, c, d));
            }
            brand = sb.ToString().TrimEnd('\0').Trim();
        }

        f &= OsUsable();
        string hidden = "";
        string? hide = Environment.GetEnvironmentVariable(HideVariable);
        if (!string.IsNullOrWhiteSpace(hide))
        {
            foreach (string name in hide.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                foreach (var (feature, linux) in Names)
                {
                    if (string.Equals(linux, name, StringComparison.OrdinalIgnoreCase)) f &= ~feature;
                }
            }
            hidden = hide.Trim();
        }
        return new CpuInfo(vendor, brand, family, model, stepping, f, hidden);
    }

    /// <summary>The features the OS lets this process use: the kernel's flags line, else .NET's checks.</summary>
    private static CpuFeature OsUsable()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (!line.StartsWith("flags", StringComparison.Ordinal)) continue;
                var flags = new HashSet<string>(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                var usable = CpuFeature.None;
                foreach (var (feature, linux) in Names)
                {
                    if (flags.Contains(linux)) usable |= feature;
                }
                return usable;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        // No kernel view: everything scalar is usable; vector state only as far as .NET found the OS saves it.
        CpuFeature all = (CpuFeature)(-1L);
        if (!Avx.IsSupported)
        {
            all &= ~(CpuFeature.Avx | CpuFeature.Avx2 | CpuFeature.Fma | CpuFeature.F16c | CpuFeature.Fma4 | CpuFeature.Xop);
        }
        if (!Avx512F.IsSupported)
        {
            all &= ~(CpuFeature.Avx512F | CpuFeature.Avx512Cd | CpuFeature.Avx512Dq | CpuFeature.Avx512Bw |
                     CpuFeature.Avx512Vl | CpuFeature.Avx512Er | CpuFeature.Avx512Pf);
        }
        return all;
    }

    private static bool Bit(int reg, int bit) => ((reg >> bit) & 1) != 0;

    private static string Ascii(params int[] regs)
    {
        var bytes = new byte[regs.Length * 4];
        for (int i = 0; i < regs.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), regs[i]);
        return Encoding.ASCII.GetString(bytes);
    }
}
