using System.Globalization;
using System.Text.RegularExpressions;

namespace Numerics.Native.Compare;

/// <summary>What the comparison ran on, from /proc and /etc (Linux; other systems get what .NET knows).</summary>
internal static partial class MachineFacts
{
    private static readonly string[] FlagsOfNote = ["avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_bf16", "avx512_vnni", "hypervisor"];

    public static Machine Read()
    {
        var m = new Machine { Cores = Environment.ProcessorCount, Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription };
        string cpu = TryRead("/proc/cpuinfo");
        m.CpuModel = Field(cpu, "model name") ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        m.CpuFamily = Int(Field(cpu, "cpu family"));
        m.CpuModelNumber = Int(Field(cpu, "model"));
        if (Field(cpu, "flags") is { } flags)
        {
            var set = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            m.FlagsOfNote = FlagsOfNote.Where(set.Contains).ToList();
        }
        if (MemTotal().Match(TryRead("/proc/meminfo")) is { Success: true } mem) m.MemTotalKb = long.Parse(mem.Groups[1].Value, CultureInfo.InvariantCulture);
        if (PrettyName().Match(TryRead("/etc/os-release")) is { Success: true } os) m.Os = os.Groups[1].Value;
        m.Kernel = TryRead("/proc/sys/kernel/osrelease").Trim() is { Length: > 0 } k ? k : Environment.OSVersion.VersionString;
        m.Kind = Kind(m);
        return m;
    }

    /// <summary>Names the machine kind a baseline belongs to: CPU model, family/model, cores.</summary>
    public static string Kind(Machine m)
    {
        string slug = Slug().Replace(m.CpuModel.ToLowerInvariant(), "-").Trim('-');
        string fm = m.CpuFamily is { } f ? $"-f{f}m{m.CpuModelNumber}" : "";
        return $"{slug}{fm}-{m.Cores}c";
    }

    public static List<double> LoadAverage() =>
        TryRead("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();

    private static string? Field(string text, string name) =>
        Regex.Match(text, $@"^{Regex.Escape(name)}\s*:\s*(.*)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    private static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"MemTotal:\s*(\d+)")]
    private static partial Regex MemTotal();

    [GeneratedRegex("^PRETTY_NAME=\"?([^\"\\n]*)\"?", RegexOptions.Multiline)]
    private static partial Regex PrettyName();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}
