using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>One benchmark method: a workload id, done by us (<see cref="Peer"/> null) or by a peer library.</summary>
public sealed record WorkloadInfo(string Id, Type Family, MethodInfo Method, string? Peer, double Flops, double Bytes);

/// <summary>
/// Maps workload ids to benchmark methods. The id is the method name, so adding a workload is adding one
/// <c>[Benchmark]</c> method to its family's file under Workloads/; nothing else lists it.
/// </summary>
public static partial class WorkloadRegistry
{
    public static IReadOnlyList<WorkloadInfo> All { get; } = Discover();

    public static IEnumerable<WorkloadInfo> Ours => All.Where(w => w.Peer is null);

    public static IEnumerable<WorkloadInfo> Peers => All.Where(w => w.Peer is not null);

    public static WorkloadInfo Find(string id, string? peer = null) =>
        All.SingleOrDefault(w => w.Id == id && w.Peer == peer)
        ?? throw new ArgumentException($"no benchmark for workload '{id}'{(peer is null ? "" : $" of peer {peer}")}");

    [GeneratedRegex(@"^(W\d+_[A-Za-z0-9_]+|Overhead_[A-Za-z0-9_]+)$")]
    private static partial Regex IdPattern();

    private static List<WorkloadInfo> Discover()
    {
        var list = new List<WorkloadInfo>();
        foreach (Type t in typeof(WorkloadRegistry).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            string? peer = t.GetCustomAttribute<PeerAttribute>()?.Name;
            foreach (MethodInfo m in t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.IsDefined(typeof(BenchmarkAttribute))).OrderBy(m => m.MetadataToken))
            {
                // Ids are the join key with NumPy's JSON and the baselines: a typo must fail loudly, not drop a row.
                if (!IdPattern().IsMatch(m.Name))
                    throw new InvalidOperationException($"{t.Name}.{m.Name}: a benchmark method must be named after its workload id (W<n>_… or Overhead_…)");
                var meta = m.GetCustomAttribute<WorkloadAttribute>();
                list.Add(new WorkloadInfo(m.Name, t, m, peer, meta?.Flops ?? 0, meta?.Bytes ?? 0));
            }
        }
        foreach (var dup in list.GroupBy(w => (w.Id, w.Peer)).Where(g => g.Count() > 1))
            throw new InvalidOperationException($"workload {dup.Key.Id} is defined twice{(dup.Key.Peer is null ? "" : $" for peer {dup.Key.Peer}")}");
        // Tables read in WORKLOADS.md's order: Overhead first, then W1, W2, … W16, each family in declaration order.
        return list.OrderBy(w => w.Peer is not null).ThenBy(w => FamilyNumber(w.Id)).ThenBy(w => w.Family.Name, StringComparer.Ordinal)
            .ThenBy(w => w.Method.MetadataToken).ToList();
    }

    private static int FamilyNumber(string id) =>
        id.StartsWith('W') ? int.Parse(id.AsSpan(1, id.IndexOf('_', StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture) : 0;
}
