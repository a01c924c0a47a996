using System.Numerics;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// Workload inputs. build/compare.sh writes NumPy's own inputs (default_rng(0).standard_normal, drawn as
/// build/numpy_bench.py draws them) as .npy files under <c>$NUMERICS_BENCH_INPUTS/&lt;id&gt;/&lt;name&gt;.npy</c>; this reads
/// them. Without those files (e.g. a plain BenchmarkDotNet run) it falls back to a seeded standard normal of its
/// own, which is not NumPy's stream: the timing of these workloads does not depend on the values, but the
/// compare JSON records which source was used.
/// </summary>
public static class Inputs
{
    public const string DirVariable = "NUMERICS_BENCH_INPUTS";

    private static readonly Lock Gate = new();
    private static readonly SortedSet<string> FromNpy = new(StringComparer.Ordinal);
    private static readonly SortedSet<string> Generated = new(StringComparer.Ordinal);

    public static string? Directory => Environment.GetEnvironmentVariable(DirVariable) is { Length: > 0 } d ? d : null;

    /// <summary>Ids whose inputs came from NumPy's .npy files.</summary>
    public static IReadOnlyCollection<string> NpyIds { get { lock (Gate) return [.. FromNpy]; } }

    /// <summary>Ids whose inputs came from the fallback generator.</summary>
    public static IReadOnlyCollection<string> GeneratedIds { get { lock (Gate) return [.. Generated]; } }

    /// <summary>Input <paramref name="name"/> of workload <paramref name="id"/>, C order, with the given shape.</summary>
    public static NativeArray<T> Load<T>(string id, string name, params int[] shape) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(shape);
        string? path = Directory is { } dir ? Path.Combine(dir, id, name + ".npy") : null;
        if (path is not null && File.Exists(path))
        {
            NativeArray<T> a = Npy.Read<T>(path);
            if (!a.Shape.SequenceEqual(shape))
            {
                a.Dispose();
                throw new InvalidDataException($"{path}: shape ({string.Join(", ", a.Shape)}), the benchmark expects ({string.Join(", ", shape)})");
            }
            lock (Gate) FromNpy.Add(id);
            return a;
        }
        lock (Gate) Generated.Add(id);
        return StandardNormal<T>(id + "/" + name, shape);
    }

    /// <summary>splitmix64 + Box-Muller, seeded by the input's name: stable across runs and machines.</summary>
    public static NativeArray<T> StandardNormal<T>(string seedName, params int[] shape) where T : unmanaged, INumberBase<T>
    {
        var a = new NativeArray<T>(shape);
        ulong state = 0x9E3779B97F4A7C15UL;
        foreach (char c in seedName) state = (state ^ c) * 0x100000001B3UL;
        Span<T> span = a.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            double u = Uniform(ref state), v = Uniform(ref state);
            span[i] = T.CreateTruncating(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
        return a;
    }

    private static double Uniform(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((z >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    }
}
