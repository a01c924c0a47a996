namespace Numerics.Native.Interop.Level3;

/// <summary>
/// One BLIS sub-configuration: its name (as <c>bli_arch_string</c> spells it) and the ISA extensions its code needs.
/// A sub-configuration is compiled for its own <c>-march</c> (BLIS's <c>config/&lt;name&gt;/make_defs.mk</c>:
/// skylake-avx512, haswell, znver1..3, …), so the requirement is what a compiler emits on its own for that
/// target, not only the vector width of the micro-kernels. <paramref name="Fast"/>: a sub-configuration whose
/// kernels are tuned for this class of CPU, so worth choosing automatically.
/// </summary>
internal sealed record BlisSubconfig(string Name, CpuFeature Requires, bool Fast, string Isa);

/// <summary>Which sub-configurations exist, which a build registers, and which one this CPU gets.</summary>
internal static class BlisSubconfigs
{
    private const CpuFeature Haswell = CpuFeature.Avx | CpuFeature.Avx2 | CpuFeature.Fma | CpuFeature.F16c |
        CpuFeature.Bmi1 | CpuFeature.Bmi2 | CpuFeature.Lzcnt | CpuFeature.Movbe | CpuFeature.Popcnt | CpuFeature.Sse42;

    private const CpuFeature Zen = Haswell | CpuFeature.Sse4a | CpuFeature.Prefetchw;

    private const CpuFeature Avx512 = CpuFeature.Avx512F | CpuFeature.Avx512Cd | CpuFeature.Avx512Dq |
        CpuFeature.Avx512Bw | CpuFeature.Avx512Vl;

    internal static readonly BlisSubconfig[] Known =
    [
        new("skx", Haswell | Avx512, true, "AVX-512 F/CD/DQ/BW/VL + AVX2/FMA3"),
        new("knl", Haswell | CpuFeature.Avx512F | CpuFeature.Avx512Cd | CpuFeature.Avx512Er | CpuFeature.Avx512Pf, false, "AVX-512 F/CD/ER/PF (Xeon Phi)"),
        new("zen3", Zen, true, "AVX2/FMA3 (znver3)"),
        new("zen2", Zen, true, "AVX2/FMA3 (znver2)"),
        new("zen", Zen, true, "AVX2/FMA3 (znver1)"),
        new("haswell", Haswell, true, "AVX2/FMA3"),
        new("sandybridge", CpuFeature.Avx | CpuFeature.Popcnt | CpuFeature.Sse42, false, "AVX"),
        new("penryn", CpuFeature.Ssse3 | CpuFeature.Sse41, false, "SSSE3/SSE4.1"),
        new("excavator", CpuFeature.Fma4 | CpuFeature.Xop | CpuFeature.Avx | CpuFeature.Fma, false, "FMA4/XOP"),
        new("steamroller", CpuFeature.Fma4 | CpuFeature.Xop | CpuFeature.Avx | CpuFeature.Fma, false, "FMA4/XOP"),
        new("piledriver", CpuFeature.Fma4 | CpuFeature.Xop | CpuFeature.Avx | CpuFeature.Fma, false, "FMA4/XOP"),
        new("bulldozer", CpuFeature.Fma4 | CpuFeature.Xop | CpuFeature.Avx, false, "FMA4/XOP"),
        new("generic", CpuFeature.Sse2, false, "portable C"),
    ];

    /// <summary>
    /// The sub-configurations each known BLIS release registers when built for the <c>x86_64</c> family (Debian's
    /// amd64 build: configure <c>x86_64</c> = intel64 + amd64 + amd64_legacy). Asking BLIS for one it did not
    /// register makes it abort() the process at initialisation, and nothing can be asked before initialisation, so
    /// this is the one fact taken from the build rather than from the library; tests/…/Level3/Level3SubconfigTests
    /// re-probes it in child processes. For an unlisted version nothing is forced: BLIS detects the CPU itself.
    /// </summary>
    private static readonly Dictionary<string, string[]> Registered = new(StringComparer.Ordinal)
    {
        ["0.9.0"] = ["skx", "knl", "haswell", "sandybridge", "penryn", "zen3", "zen2", "zen", "excavator", "steamroller", "piledriver", "bulldozer", "generic"],
    };

    internal static BlisSubconfig? Find(string name) => Known.FirstOrDefault(s => s.Name == name);

    internal static bool IsRegistered(string blisVersion, string name) =>
        Registered.TryGetValue(blisVersion, out string[]? names) && names.Contains(name);

    internal static bool KnowsRegistrations(string blisVersion) => Registered.ContainsKey(blisVersion);

    /// <summary>
    /// The fastest sub-configuration this CPU can run, or null when none of the tuned ones fits (then BLIS is not
    /// worth choosing automatically). AVX-512 first (skx: twice the FMA width of the AVX2 kernels OpenBLAS 0.3.21
    /// uses on AMD CPUs and on any CPU under <c>OPENBLAS_CORETYPE=Haswell</c>); then the AVX2 configuration tuned
    /// for the CPU's family (cache blocking differs between zen generations and Intel); then haswell.
    /// </summary>
    internal static BlisSubconfig? Preferred(CpuInfo cpu)
    {
        foreach (string name in Order(cpu))
        {
            BlisSubconfig? s = Find(name);
            if (s is not null && cpu.Has(s.Requires)) return s;
        }
        return null;
    }

    private static IEnumerable<string> Order(CpuInfo cpu)
    {
        yield return "skx";
        if (cpu.IsAmd)
        {
            // Family 19h and later: Zen 3 and newer cores (Zen 4/5 without AVX-512 exposed land here too).
            if (cpu.Family >= 0x19) yield return "zen3";
            if (cpu.Family == 0x17 && cpu.Model >= 0x30) yield return "zen2";
            if (cpu.Family == 0x17) yield return "zen";
        }
        yield return "haswell";
    }
}
