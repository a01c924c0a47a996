using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Numerics.Native.Interop.Level3;

/// <summary>Where the size split between OpenBLAS and BLIS came from, and the split itself.</summary>
/// <param name="Windows">Per routine: the m·n·k range in which BLIS is faster on one thread; null = none.</param>
/// <param name="Source">"measured table", "calibration cache" or "calibrated now".</param>
/// <param name="Detail">The table row's measurement note, or the cache file and its ratios.</param>
internal sealed record CrossoverDecision(BlisWindow?[] Windows, string Source, string Detail);

/// <summary>
/// The size from which BLIS beats OpenBLAS, per routine. It comes from, in order: a calibration cached per (CPU
/// model and features, BLIS version, file and sub-configuration, OpenBLAS build and core type); the measured table
/// below (CPU classes this project was measured on); or a short calibration run now (about 0.1–0.3 s of one core,
/// once per machine) and written to that cache. <c>NUMERICS_NATIVE_GEMM_CALIBRATE=1</c> ignores table and cache and
/// calibrates afresh; <c>NUMERICS_NATIVE_CACHE_DIR</c> moves the cache (default
/// <c>$XDG_CACHE_HOME/numerics-native</c>, else <c>~/.cache/numerics-native</c>).
/// </summary>
internal static unsafe partial class Level3Calibration
{
    internal const string CalibrateVariable = "NUMERICS_NATIVE_GEMM_CALIBRATE";
    internal const string CacheDirVariable = "NUMERICS_NATIVE_CACHE_DIR";
    private const int FormatVersion = 1;

    /// <summary>Square sizes timed by the calibration.</summary>
    internal static readonly int[] Sizes = [32, 64, 128, 256];

    /// <summary>BLIS must be this much faster (OpenBLAS time / BLIS time) to take over: the incumbent keeps ties,
    /// and thread-CPU-time minima on a shared machine still move by a few percent.</summary>
    internal const double RequiredSpeedup = 1.10;

    private const int Repetitions = 5;
    private const double SampleSeconds = 250e-6;

    private sealed record Row(string Vendor, int Family, string Subconfig, string OpenBlasPrefix, string OpenBlasCore,
        string BlisVersion, BlisWindow?[] Windows, string Measured);

    /// <summary>
    /// Measured rows. Each says where its numbers come from (docs/level3.md has the full tables). A CPU not listed
    /// here is calibrated on first use.
    /// </summary>
    private static readonly Row[] Table =
    [
        // BLIS's zen3 and OpenBLAS's Zen core both run AVX2/FMA3 micro-kernels of the same peak; BLIS's per-call set-up
        // (~1 µs) loses below n ≈ 40, and from n ≈ 190 on (packed path) the two are level. In between, BLIS's
        // unpacked "sup" kernels win for sgemm by 16–35% in every run; for dgemm by -7…+20%, not reliably 10%.
        new("AuthenticAMD", 0x19, "zen3", "OpenBLAS 0.3.21 ", "Zen", "0.9.0",
            [new BlisWindow(48L * 48 * 48, 176L * 176 * 176), null, null, null],
            "AMD EPYC family 19h model 1 (Zen 3, KVM guest, 2 cores), 2026-11-25, one thread, thread-CPU-time minima of 7–15, " +
            "3 runs: BLIS/OpenBLAS speed for sgemm 0.97–1.02 (n = 32), 1.16–1.35 (n = 48…160), 0.89–1.00 (n ≥ 192); " +
            "dgemm 0.9–1.03 (32), 0.93–1.20 (48…160), 0.81–1.06 (≥ 192); cgemm/zgemm 0.41–0.83 (n ≤ 64), 0.86–1.04 (≥ 128)"),
    ];

    internal static string Key(CpuInfo cpu, string subconfig, BlisLibrary blis, string openBlasVersion, string openBlasCore, string openBlasPath)
    {
        static string Stamp(string path)
        {
            try
            {
                var fi = new FileInfo(path);
                return string.Create(CultureInfo.InvariantCulture, $"{fi.Length}@{fi.LastWriteTimeUtc:yyyyMMddHHmmss}");
            }
            catch (IOException)
            {
                return "?";
            }
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"format {FormatVersion} | {cpu.Summary} | {CpuInfo.Describe(cpu.Features)} | BLIS {blis.Version} {subconfig} {blis.Path} {Stamp(blis.Path)} | " +
            $"{openBlasVersion} core {openBlasCore} {openBlasPath} {Stamp(openBlasPath)}");
    }

    /// <summary>
    /// The calibration cached for exactly this key (it is the most specific: this CPU model and these library files),
    /// else the measured table's row for this CPU class, else null (calibrate). A fresh calibration ignores both.
    /// </summary>
    internal static CrossoverDecision? Lookup(CpuInfo cpu, string subconfig, BlisLibrary blis, string openBlasVersion, string openBlasCore, string key)
    {
        if (ForceCalibration) return null;
        CrossoverDecision? cached = ReadCache(key);
        if (cached is not null) return cached;
        foreach (Row row in Table)
        {
            if (row.Vendor == cpu.Vendor && row.Family == cpu.Family && row.Subconfig == subconfig && row.BlisVersion == blis.Version &&
                openBlasVersion.StartsWith(row.OpenBlasPrefix, StringComparison.Ordinal) && row.OpenBlasCore == openBlasCore)
            {
                return new CrossoverDecision(row.Windows, "measured table", row.Measured);
            }
        }
        return null;
    }

    private static CrossoverDecision? ReadCache(string key)
    {
        string? file = CacheFile(key);
        if (file is null || !File.Exists(file)) return null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file));
            JsonElement root = doc.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion || root.GetProperty("key").GetString() != key) return null;
            var windows = new BlisWindow?[Routine.Count];
            var detail = new StringBuilder($"{file} ({root.GetProperty("created_utc").GetString()})");
            JsonElement routines = root.GetProperty("routines");
            for (int t = 0; t < Routine.Count; t++)
            {
                JsonElement r = routines.GetProperty(Routine.Names[t]);
                JsonElement f = r.GetProperty("blis_from"), b = r.GetProperty("blis_below");
                windows[t] = f.ValueKind == JsonValueKind.Null ? null
                    : new BlisWindow(f.GetInt64(), b.ValueKind == JsonValueKind.Null ? long.MaxValue : b.GetInt64());
                detail.Append("; ").Append(Routine.Names[t]).Append(" OpenBLAS/BLIS ").Append(r.GetProperty("ratios").ToString());
            }
            return new CrossoverDecision(windows, "calibration cache", detail.ToString());
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static bool ForceCalibration => Environment.GetEnvironmentVariable(CalibrateVariable) is "1" or "true";

    internal static string? CacheDirectory()
    {
        string? dir = Environment.GetEnvironmentVariable(CacheDirVariable);
        if (!string.IsNullOrEmpty(dir)) return dir;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "numerics-native");
        string? home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "numerics-native");
    }

    private static string? CacheFile(string key)
    {
        string? dir = CacheDirectory();
        if (dir is null) return null;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(dir, $"level3-{hash}.json");
    }

    /// <summary>
    /// Times OpenBLAS and BLIS on one thread at each of <see cref="Sizes"/> (square, column-major, alpha = 1,
    /// beta = 0), interleaved, taking the minimum thread CPU time of <see cref="Repetitions"/> samples: CPU time is
    /// what a busy machine disturbs least (waiting for a core does not count), and the minimum is the least disturbed
    /// sample. BLIS takes the sizes of <see cref="Window"/>.
    /// </summary>
    internal static CrossoverDecision Calibrate(nint[] openBlas, nint[] blis, bool[] eligible, nint openBlasSetThreads, int restoreThreads, string key)
    {
        var windows = new BlisWindow?[Routine.Count];
        var ratios = new double[Routine.Count][];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (openBlasSetThreads != 0) ((delegate* unmanaged<int, void>)openBlasSetThreads)(1);
        try
        {
            for (int t = 0; t < Routine.Count; t++)
            {
                ratios[t] = new double[Sizes.Length];
                if (!eligible[t]) continue;
                for (int i = 0; i < Sizes.Length; i++) ratios[t][i] = Ratio(t, Sizes[i], openBlas[t], blis[t]);
                windows[t] = Window(ratios[t]);
            }
        }
        finally
        {
            if (openBlasSetThreads != 0) ((delegate* unmanaged<int, void>)openBlasSetThreads)(restoreThreads);
        }
        string perRoutine = string.Join("; ", Enumerable.Range(0, Routine.Count).Where(t => eligible[t])
            .Select(t => $"{Routine.Names[t]} {string.Join('/', ratios[t].Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}"));
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{clock.Elapsed.TotalMilliseconds:F0} ms; OpenBLAS/BLIS time ratio at n = {string.Join('/', Sizes)}: {perRoutine}");
        string? file = Write(key, windows, ratios);
        return new CrossoverDecision(windows, "calibrated now", detail + (file is null ? " (not cached: no writable cache folder)" : $"; cached in {file}"));
    }

    private static string? Write(string key, BlisWindow?[] windows, double[][] ratios)
    {
        string? file = CacheFile(key);
        if (file is null) return null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("format", FormatVersion);
                w.WriteString("key", key);
                w.WriteString("created_utc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteStartArray("sizes");
                foreach (int s in Sizes) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartObject("routines");
                for (int t = 0; t < Routine.Count; t++)
                {
                    w.WriteStartObject(Routine.Names[t]);
                    if (windows[t] is { } win)
                    {
                        w.WriteNumber("blis_from", win.From);
                        if (win.IsOpenEnded) w.WriteNull("blis_below");
                        else w.WriteNumber("blis_below", win.Below);
                    }
                    else
                    {
                        w.WriteNull("blis_from");
                        w.WriteNull("blis_below");
                    }
                    w.WriteStartArray("ratios");
                    foreach (double r in ratios[t]) w.WriteNumberValue(Math.Round(r, 3));
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            // Another process may calibrate at the same time: write aside, then rename (atomic on one file system).
            string tmp = file + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllBytes(tmp, ms.ToArray());
            File.Move(tmp, file, overwrite: true);
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The longest run of consecutive sizes at which BLIS is <see cref="RequiredSpeedup"/>× faster (the later one on
    /// a tie), widened to the geometric midpoints with its neighbours; open-ended when it reaches the largest size
    /// timed, since from there on both run their peak kernels and the ratio stays put. Null when no size qualifies.
    /// </summary>
    internal static BlisWindow? Window(double[] ratios)
    {
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < ratios.Length;)
        {
            if (ratios[i] < RequiredSpeedup)
            {
                i++;
                continue;
            }
            int j = i;
            while (j < ratios.Length && ratios[j] >= RequiredSpeedup) j++;
            if (j - i >= bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart < 0) return null;
        int last = bestStart + bestLength - 1;
        static long Cube(double n) => (long)Math.Round(n * n * n);
        long from = bestStart == 0 ? Cube(Sizes[0]) : Cube(Math.Sqrt((double)Sizes[bestStart - 1] * Sizes[bestStart]));
        long below = last == Sizes.Length - 1 ? long.MaxValue : Cube(Math.Sqrt((double)Sizes[last] * Sizes[last + 1]));
        return new BlisWindow(from, below);
    }

    /// <summary>OpenBLAS time / BLIS time for an n×n×n problem on one thread (&gt; 1: BLIS faster).</summary>
    private static double Ratio(int t, int n, nint openBlas, nint blis)
    {
        int es = Routine.ElementSize[t];
        long bytes = (long)n * n * es;
        byte* a = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64), b = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64), c = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        try
        {
            var rng = new Random(n);
            int words = (int)(bytes / (t is Routine.S or Routine.C ? 4 : 8));
            for (int i = 0; i < words; i++)
            {
                if (t is Routine.S or Routine.C)
                {
                    ((float*)a)[i] = (float)rng.NextDouble();
                    ((float*)b)[i] = (float)rng.NextDouble();
                }
                else
                {
                    ((double*)a)[i] = rng.NextDouble();
                    ((double*)b)[i] = rng.NextDouble();
                }
            }
            byte* one = stackalloc byte[16], zero = stackalloc byte[16];
            new Span<byte>(one, 16).Clear();
            new Span<byte>(zero, 16).Clear();
            if (t is Routine.S or Routine.C) *(float*)one = 1f;
            else *(double*)one = 1d;

            double Sample(bool useBlis, int calls)
            {
                double t0 = ThreadSeconds();
                for (int i = 0; i < calls; i++)
                {
                    if (useBlis) Level3Dispatch.CallBlis(t, blis, 1, 102, 111, 111, n, n, n, one, a, n, b, n, zero, c, n);
                    else Level3Dispatch.CallOpenBlas(t, openBlas, 102, 111, 111, n, n, n, one, a, n, b, n, zero, c, n);
                }
                return (ThreadSeconds() - t0) / calls;
            }

            double single = Math.Max(Sample(false, 1), Sample(true, 1));
            int inner = (int)Math.Clamp(Math.Ceiling(SampleSeconds / Math.Max(single, 1e-9)), 1, 10_000);
            double bestOpenBlas = double.MaxValue, bestBlis = double.MaxValue;
            for (int r = 0; r < Repetitions; r++)
            {
                // Alternate which goes first, so neither always inherits the other's cache state.
                bool blisFirst = (r & 1) == 1;
                double x = Sample(blisFirst, inner), y = Sample(!blisFirst, inner);
                bestBlis = Math.Min(bestBlis, blisFirst ? x : y);
                bestOpenBlas = Math.Min(bestOpenBlas, blisFirst ? y : x);
            }
            return bestOpenBlas / bestBlis;
        }
        finally
        {
            NativeMemory.AlignedFree(a);
            NativeMemory.AlignedFree(b);
            NativeMemory.AlignedFree(c);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private const int ClockThreadCpuTimeId = 3;

    [LibraryImport("libc.so.6", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, Timespec* ts);

    private static double ThreadSeconds()
    {
        Timespec ts;
        return ClockGetTime(ClockThreadCpuTimeId, &ts) == 0 ? ts.Seconds + ts.Nanoseconds * 1e-9 : 0;
    }
}
