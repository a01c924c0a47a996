using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Numerics.Native.Compare;

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        double[] v = [.. values.Order()];
        if (v.Length == 0) throw new ArgumentException("median of nothing");
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    /// <summary>Nanoseconds kept to 4 significant digits, which is more than any run here can resolve.</summary>
    public static double RoundNs(double ns) => ns == 0 ? 0 : Math.Round(ns, Math.Max(0, 3 - (int)Math.Floor(Math.Log10(Math.Abs(ns)))));

    public static double Round(double x, int digits) => Math.Round(x, digits);
}

internal static class Fmt
{
    public static string Ns(double ns)
    {
        (string unit, double scale) = ns >= 1e9 ? ("s", 1e9) : ns >= 1e6 ? ("ms", 1e6) : ns >= 1e3 ? ("us", 1e3) : ("ns", 1.0);
        double v = ns / scale;
        return v.ToString(v >= 100 ? "F0" : v >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture) + " " + unit;
    }

    public static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);

    public static string Threads(int t) => t == 1 ? "1 thread" : $"{t} threads";
}

/// <summary>A child process whose output goes to a log file; stdout is also returned.</summary>
internal static class Proc
{
    public static (int ExitCode, string Stdout) Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, string log)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        foreach ((string k, string v) in env) psi.Environment[k] = v;
        var stdout = new StringBuilder();
        var both = new StringBuilder();
        both.AppendLine("$ " + string.Join(' ', env.Select(kv => $"{kv.Key}={kv.Value}")) + " " + file + " " + string.Join(' ', psi.ArgumentList));
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (both) { stdout.AppendLine(e.Data); both.AppendLine(e.Data); } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is null) return; lock (both) both.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.WaitForExit();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(log))!);
        lock (both) File.AppendAllText(log, both.ToString());
        return (p.ExitCode, stdout.ToString());
    }

    /// <summary>Runs and returns stdout, or throws with the log's tail when the process fails.</summary>
    public static string Check(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, string log)
    {
        (int code, string stdout) = Run(file, args, env, log);
        if (code != 0)
        {
            string[] lines = File.ReadAllLines(log);
            throw new ChildFailedException($"{Path.GetFileName(file)} {string.Join(' ', args.Take(2))} exited with {code}; last lines of {log}:\n  " +
                                           string.Join("\n  ", lines.TakeLast(15)));
        }
        return stdout;
    }
}

internal sealed class ChildFailedException(string message) : Exception(message);
