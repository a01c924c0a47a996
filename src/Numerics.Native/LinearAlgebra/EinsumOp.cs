using System.Globalization;

namespace Numerics.Native;

/// <summary>
/// np.einsum and np.einsum_path. Subscripts are parsed in C# (<see cref="EinsumSpec"/>); a contraction order is
/// chosen by NumPy's greedy heuristic (<c>optimize</c>) or left to right (<c>"none"</c>); every step is computed by
/// the native matmul core: a pairwise contraction becomes one (batched) GEMM over transposed/reshaped views
/// (copied only when the strides cannot be merged), a sum over labels of one operand a GEMV with a vector of ones, a
/// repeated label a diagonal view (strides added), a length-1 axis a stride-0 broadcast. Integer and bool dtypes take
/// the same route through nk_matmul's exact loops; no element loop runs in C#.
/// </summary>
internal static class EinsumOp
{
    private enum PathKind { None, Greedy, Optimal }

    private static PathKind ParseOptimize(string? optimize) => (optimize ?? "none").ToLowerInvariant() switch
    {
        "none" or "false" => PathKind.None,
        "greedy" or "true" => PathKind.Greedy,
        "optimal" => PathKind.Optimal,
        _ => throw new KeyError($"('Path name %s not found', '{optimize}')"),
    };

    /// <summary>One step of the plan: the operand positions it takes (descending, as NumPy pops them), the labels
    /// of its result, and the text NumPy's report shows.</summary>
    private sealed record Step(int[] Positions, string Result, string Text, string Remaining, int Scale, long Cost, long Size);

    private sealed record Plan(List<int[]> Path, List<Step> Steps, EinsumSpec Spec, long NaiveCost, int NaiveScale);

    // ---------------- public entry points ----------------

    internal static NDArray Einsum(string subscripts, NDArray[] operands, string? optimize, NDArray? @out, DType? dtype, string casting)
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        ArgumentNullException.ThrowIfNull(operands);
        for (int i = 0; i < operands.Length; i++) LinalgCore.CheckLive(operands[i], "operands");
        @out?.ThrowIfDisposed();
        var kind = ParseOptimize(optimize);
        var rule = TypePromotion.ParseCasting(casting);
        var plan = CachedPlan(subscripts, operands, kind, @out);
        var spec = plan.Spec;
        if (kind != PathKind.None) CheckStepOperands(plan, operands, @out);
        if (@out is not null) EinsumSpec.CheckOutNdim(@out, spec.Output.Length);

        // c_einsum returns a lone operand whose labels all reach the output as a view (a transpose or diagonal)
        // before it looks at dtype or casting: NumPy ignores both there.
        if (operands.Length == 1 && @out is null && spec.Inputs[0].All(spec.Output.Contains)) dtype = null;
        // Without dtype, c_einsum's iterator computes in the common dtype of the operands and out (NumPy 2 takes a
        // 0-d out at its dtype too): an int8 product summed into an int64 out does not wrap at int8.
        DType[] joined = @out is null ? [.. operands.Select(StrongDtype)] : [.. operands.Select(StrongDtype), @out.Dtype.NativeOrder];
        DType rt = dtype?.NativeOrder ?? TypePromotion.Result(joined, []);
        // The iterator casts every operand to that dtype under the casting rule ("no"/"equiv" refuse mixed operands
        // even without dtype).
        for (int i = 0; i < operands.Length; i++)
        {
            if (!TypePromotion.CanCast(StrongDtype(operands[i]), rt, rule)) throw OperandCastRefused(i, StrongDtype(operands[i]), rt, casting);
        }
        if (@out is not null)
        {
            var want = spec.Output.Select(c => spec.Sizes[c]).ToArray();
            if (!@out.Dims.AsSpan().SequenceEqual(want)) throw spec.RemappedError(operands, @out);
            // out is read and written (the sums accumulate in it): the iterator checks the read cast first.
            if (!TypePromotion.CanCast(@out.Dtype, rt, rule)) throw OperandCastRefused(operands.Length, @out.Dtype, rt, casting);
            if (!TypePromotion.CanCast(rt, @out.Dtype, rule))
            {
                throw new TypeError(string.Create(CultureInfo.InvariantCulture,
                    $"Iterator requested dtype could not be cast from dtype('{rt.ReprName}') to dtype('{@out.Dtype.ReprName}'), the operand {operands.Length} dtype, according to the rule '{casting}'"));
            }
            @out.ThrowIfReadOnly();
        }

        var temps = new List<NDArray>();
        try
        {
            var terms = new List<(NDArray a, string labels)>();
            for (int i = 0; i < operands.Length; i++) terms.Add(Prepare(operands[i], spec.Inputs[i], spec, rt, temps));
            foreach (var step in plan.Steps)
            {
                var group = step.Positions.Select(p => terms[p]).ToList();
                foreach (var p in step.Positions) terms.RemoveAt(p); // descending: earlier positions stay valid
                terms.Add(Contract(group, step.Result, rt, temps));
            }
            var (res, _) = terms[0];
            if (@out is null)
            {
                // A result that is an operand itself (e.g. "ij->ij") comes back as a new view of it, as NumPy's does.
                if (operands.Any(o => ReferenceEquals(o, res))) return res.SameView();
                temps.Remove(res);
                return res;
            }
            NativeOps.CopyWarn(@out, res);
            return @out;
        }
        finally
        {
            foreach (var t in temps) t.Dispose();
        }
    }

    internal static (object[] path, string report) EinsumPath(string subscripts, NDArray[] operands, string? optimize)
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        ArgumentNullException.ThrowIfNull(operands);
        for (int i = 0; i < operands.Length; i++) LinalgCore.CheckLive(operands[i], "operands");
        var kind = ParseOptimize(optimize);
        // NumPy's einsum_path parses with its Python planner whatever optimize is (c_einsum never runs there).
        var plan = MakePlan(EinsumSpec.ParseOptimized(subscripts, operands, forEinsum: false), kind);
        var path = new object[plan.Path.Count + 1];
        path[0] = "einsum_path";
        for (int i = 0; i < plan.Path.Count; i++) path[i + 1] = plan.Path[i];
        return (path, Report(plan));
    }

    /// <summary>
    /// NumPy's planner lets a length-1 axis broadcast under a label that repeats in one operand; the c_einsum call of
    /// the step that takes that operand refuses it. The operand is numbered within that step (NumPy pops a step's
    /// operands from the highest position down); only the last step sees out.
    /// </summary>
    private static void CheckStepOperands(Plan plan, NDArray[] operands, NDArray? @out)
    {
        var origin = Enumerable.Range(0, operands.Length).Select(i => (int?)i).ToList();
        for (int s = 0; s < plan.Steps.Count; s++)
        {
            var step = plan.Steps[s];
            var group = step.Positions.Select(p => origin[p]).ToList();
            foreach (var p in step.Positions) origin.RemoveAt(p); // descending: earlier positions stay valid
            origin.Add(null);
            bool lone = group.Count == 1 && (@out is null || s < plan.Steps.Count - 1);
            for (int k = 0; k < group.Count; k++)
            {
                if (group[k] is int t)
                    EinsumSpec.CheckRepeatedLabels(plan.Spec.Inputs[t], operands[t].Dims, k, lone ? step.Result : null);
            }
        }
    }

    /// <summary>NumPy's nditer text for an operand it may not cast to the computing dtype.</summary>
    private static TypeError OperandCastRefused(int operand, DType from, DType to, string casting) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Iterator operand {operand} dtype could not be cast from dtype('{from.ReprName}') to dtype('{to.ReprName}') according to the rule '{casting}'"));

    private static DType StrongDtype(NDArray a) => a.IsWeak ? TypePromotion.DefaultFor(a.Weak) : a.Dtype.NativeOrder;

    // ---------------- planning (NumPy's einsum_path) ----------------

    /// <summary>Plans by (subscripts, optimize, shapes): a loop calling einsum on same-shaped arrays parses and plans
    /// once. Bounded: cleared when it reaches <see cref="CacheMax"/> entries.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Plan> Plans = new(StringComparer.Ordinal);

    private const int CacheMax = 512;

    private static Plan CachedPlan(string subscripts, NDArray[] operands, PathKind kind, NDArray? @out)
    {
        var key = new System.Text.StringBuilder(subscripts.Length + 8 * operands.Length + 4);
        key.Append((int)kind).Append('|').Append(subscripts);
        foreach (var o in operands)
        {
            key.Append('|');
            foreach (var d in o.Dims) key.Append(d.ToString(CultureInfo.InvariantCulture)).Append(',');
        }
        string k = key.ToString();
        if (Plans.TryGetValue(k, out var plan)) return plan;
        // "none" reports NumPy's single all-operand step, but three or more operands are still contracted in the
        // greedy order: the same sums (up to rounding), without the outer-product intermediates a left-to-right
        // order can build where NumPy's direct loop needs no memory.
        // out goes to c_einsum's parse for the order of its checks (a cached plan is one that passed them).
        var spec = kind == PathKind.None ? EinsumSpec.ParseDirect(subscripts, operands, @out) : EinsumSpec.ParseOptimized(subscripts, operands);
        plan = MakePlan(spec, kind == PathKind.None ? PathKind.Greedy : kind);
        if (Plans.Count >= CacheMax) Plans.Clear();
        Plans[k] = plan;
        return plan;
    }

    private static Plan MakePlan(EinsumSpec spec, PathKind kind)
    {
        var sizes = spec.Sizes;
        var inputSets = spec.Inputs.Select(x => new HashSet<char>(x)).ToList();
        var outputSet = new HashSet<char>(spec.Output);
        var indices = new HashSet<char>(spec.InputText.Replace(",", "", StringComparison.Ordinal));
        long maxSize = spec.Inputs.Append(spec.Output).Max(t => SizeOf(t, sizes));
        bool inner = inputSets.Sum(x => x.Count) - indices.Count > 0;
        long naive = FlopCount(indices, inner, spec.Inputs.Length, sizes);

        List<int[]> path;
        int n = spec.Inputs.Length;
        if (kind == PathKind.None || n <= 2 || indices.SetEquals(outputSet))
            path = [Enumerable.Range(0, n).ToArray()];
        else if (kind == PathKind.Greedy)
            path = GreedyPath(inputSets, outputSet, sizes, maxSize);
        else
            path = OptimalPath(inputSets, outputSet, sizes, maxSize);

        var steps = new List<Step>();
        var sets = spec.Inputs.Select(x => new HashSet<char>(x)).ToList();
        var list = spec.Inputs.ToList();
        for (int s = 0; s < path.Count; s++)
        {
            var pos = path[s].OrderByDescending(x => x).ToArray();
            var (result, remaining, removed, contracted) = FindContraction(pos, sets, outputSet);
            sets = remaining;
            long cost = FlopCount(contracted, removed.Count > 0, pos.Length, sizes);
            var taken = new List<string>();
            foreach (var p in pos)
            {
                taken.Add(list[p]);
                list.RemoveAt(p);
            }
            string res = s == path.Count - 1
                ? spec.Output
                : new string(result.OrderBy(c => sizes[c]).ThenBy(c => c).ToArray());
            list.Add(res);
            steps.Add(new Step(pos, res, string.Join(',', taken) + "->" + res, string.Join(',', list) + "->" + spec.Output,
                contracted.Count, cost, SizeOf(result, sizes)));
        }
        return new Plan(path, steps, spec, naive, indices.Count);
    }

    private static long SizeOf(IEnumerable<char> labels, Dictionary<char, long> sizes)
    {
        long r = 1;
        foreach (char c in labels) r *= sizes[c];
        return r;
    }

    private static long FlopCount(ICollection<char> contraction, bool inner, int terms, Dictionary<char, long> sizes)
    {
        long factor = Math.Max(1, terms - 1) + (inner ? 1 : 0);
        return SizeOf(contraction, sizes) * factor;
    }

    /// <summary>What contracting the operands at <paramref name="positions"/> leaves: the result's labels, the
    /// remaining label sets (the result last), the labels summed away, and every label involved.</summary>
    private static (HashSet<char> result, List<HashSet<char>> remaining, HashSet<char> removed, HashSet<char> contracted)
        FindContraction(IReadOnlyCollection<int> positions, List<HashSet<char>> sets, HashSet<char> output)
    {
        var contract = new HashSet<char>();
        var keep = new HashSet<char>(output);
        var remaining = new List<HashSet<char>>();
        for (int i = 0; i < sets.Count; i++)
        {
            if (positions.Contains(i))
            {
                contract.UnionWith(sets[i]);
            }
            else
            {
                remaining.Add(sets[i]);
                keep.UnionWith(sets[i]);
            }
        }
        var result = new HashSet<char>(keep);
        result.IntersectWith(contract);
        var removed = new HashSet<char>(contract);
        removed.ExceptWith(result);
        remaining.Add(result);
        return (result, remaining, removed, contract);
    }

    private sealed class Candidate
    {
        internal long Removed;
        internal long Cost;
        internal int X, Y;
        internal List<HashSet<char>> Sets = [];
    }

    /// <summary>NumPy's greedy order: at each step the pair whose contraction removes the most elements (ties: the
    /// cheaper), among pairs that share a label (any pair when none do), within the memory limit and never above
    /// the naive cost.</summary>
    private static List<int[]> GreedyPath(List<HashSet<char>> inputSets, HashSet<char> output, Dictionary<char, long> sizes, long memoryLimit)
    {
        var all = Enumerable.Range(0, inputSets.Count).ToArray();
        var (_, _, removedAll, contractAll) = FindContraction(all, inputSets, output);
        long naive = FlopCount(contractAll, removedAll.Count > 0, inputSets.Count, sizes);
        var known = new List<Candidate>();
        long pathCost = 0;
        var path = new List<int[]>();
        IEnumerable<(int, int)> pairs = Pairs(inputSets.Count);
        int total = inputSets.Count;
        for (int iteration = 0; iteration < total - 1; iteration++)
        {
            foreach (var (x, y) in pairs)
            {
                if (!inputSets[x].Overlaps(inputSets[y])) continue;
                var c = Possible(x, y, inputSets, output, sizes, memoryLimit, pathCost, naive);
                if (c is not null) known.Add(c);
            }
            if (known.Count == 0)
            {
                foreach (var (x, y) in Pairs(inputSets.Count))
                {
                    var c = Possible(x, y, inputSets, output, sizes, memoryLimit, pathCost, naive);
                    if (c is not null) known.Add(c);
                }
                if (known.Count == 0)
                {
                    path.Add(Enumerable.Range(0, inputSets.Count).ToArray());
                    break;
                }
            }
            var best = known[0];
            foreach (var c in known)
            {
                if (-c.Removed < -best.Removed || (c.Removed == best.Removed && c.Cost < best.Cost)) best = c;
            }
            known = UpdateOthers(known, best);
            inputSets = best.Sets;
            int newPos = inputSets.Count - 1;
            pairs = Enumerable.Range(0, newPos).Select(i => (i, newPos)).ToList();
            path.Add([best.X, best.Y]);
            pathCost += best.Cost;
        }
        return path;
    }

    /// <summary>NumPy's "optimal" order: every sequence of pairwise contractions whose intermediates fit the
    /// memory limit, the cheapest kept (the first of equal cost). Exponential in the operand count, as NumPy's.</summary>
    private static List<int[]> OptimalPath(List<HashSet<char>> inputSets, HashSet<char> output, Dictionary<char, long> sizes, long memoryLimit)
    {
        var full = new List<(long cost, List<int[]> path, List<HashSet<char>> sets)> { (0, [], inputSets) };
        int n = inputSets.Count;
        for (int iteration = 0; iteration < n - 1; iteration++)
        {
            var next = new List<(long, List<int[]>, List<HashSet<char>>)>();
            foreach (var (cost, path, sets) in full)
            {
                foreach (var (x, y) in Pairs(n - iteration))
                {
                    var (result, remaining, removed, contracted) = FindContraction([x, y], sets, output);
                    if (SizeOf(result, sizes) > memoryLimit) continue;
                    long total = cost + FlopCount(contracted, removed.Count > 0, 2, sizes);
                    next.Add((total, [.. path, [x, y]], remaining));
                }
            }
            if (next.Count > 0)
            {
                full = next;
                continue;
            }
            var bestSoFar = MinByCost(full);
            return [.. bestSoFar, Enumerable.Range(0, n - iteration).ToArray()];
        }
        return full.Count == 0 ? [Enumerable.Range(0, n).ToArray()] : MinByCost(full);
    }

    private static List<int[]> MinByCost(List<(long cost, List<int[]> path, List<HashSet<char>> sets)> results)
    {
        var best = results[0];
        foreach (var r in results) if (r.cost < best.cost) best = r;
        return best.path;
    }

    private static List<(int, int)> Pairs(int n)
    {
        var r = new List<(int, int)>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                r.Add((i, j));
        return r;
    }

    private static Candidate? Possible(int x, int y, List<HashSet<char>> sets, HashSet<char> output, Dictionary<char, long> sizes,
        long memoryLimit, long pathCost, long naive)
    {
        var (result, remaining, removed, contracted) = FindContraction([x, y], sets, output);
        long newSize = SizeOf(result, sizes);
        if (newSize > memoryLimit) return null;
        long removedSize = SizeOf(sets[x], sizes) + SizeOf(sets[y], sizes) - newSize;
        long cost = FlopCount(contracted, removed.Count > 0, 2, sizes);
        if (pathCost + cost > naive) return null;
        return new Candidate { Removed = removedSize, Cost = cost, X = x, Y = y, Sets = remaining };
    }

    /// <summary>The candidates that do not touch the chosen pair, re-indexed to the shrunken operand list.</summary>
    private static List<Candidate> UpdateOthers(List<Candidate> known, Candidate best)
    {
        int bx = best.X, by = best.Y;
        var r = new List<Candidate>();
        foreach (var c in known)
        {
            int x = c.X, y = c.Y;
            if (x == bx || x == by || y == bx || y == by) continue;
            var sets = c.Sets;
            sets.RemoveAt(by - (by > x ? 1 : 0) - (by > y ? 1 : 0));
            sets.RemoveAt(bx - (bx > x ? 1 : 0) - (bx > y ? 1 : 0));
            sets.Insert(sets.Count - 1, best.Sets[^1]);
            c.X = x - (x > bx ? 1 : 0) - (x > by ? 1 : 0);
            c.Y = y - (y > bx ? 1 : 0) - (y > by ? 1 : 0);
            r.Add(c);
        }
        return r;
    }

    /// <summary>NumPy's einsum_path report, character for character.</summary>
    private static string Report(Plan plan)
    {
        var inv = CultureInfo.InvariantCulture;
        long opt = plan.Steps.Sum(s => s.Cost) + 1;
        long largest = plan.Steps.Max(s => s.Size);
        var sb = new System.Text.StringBuilder();
        sb.Append("  Complete contraction:  ").Append(plan.Spec.InputText).Append("->").Append(plan.Spec.Output).Append('\n');
        sb.Append("         Naive scaling:  ").Append(plan.NaiveScale.ToString(inv)).Append('\n');
        sb.Append("     Optimized scaling:  ").Append(plan.Steps.Max(s => s.Scale).ToString(inv)).Append('\n');
        sb.Append("      Naive FLOP count:  ").Append(Sci(plan.NaiveCost)).Append('\n');
        sb.Append("  Optimized FLOP count:  ").Append(Sci(opt)).Append('\n');
        sb.Append("   Theoretical speedup:  ").Append(((double)plan.NaiveCost / opt).ToString("0.000", inv)).Append('\n');
        sb.Append("  Largest intermediate:  ").Append(Sci(largest)).Append(" elements\n");
        sb.Append('-', 74).Append('\n');
        sb.Append("scaling".PadLeft(6)).Append(' ').Append("current".PadLeft(24)).Append(' ').Append("remaining".PadLeft(40)).Append('\n');
        sb.Append('-', 74);
        foreach (var s in plan.Steps)
        {
            sb.Append('\n').Append(s.Scale.ToString(inv).PadLeft(4)).Append("    ").Append(s.Text.PadLeft(24)).Append(' ')
              .Append(s.Remaining.PadLeft(40));
        }
        return sb.ToString();
    }

    /// <summary>Python's <c>"%.3e"</c>.</summary>
    private static string Sci(long v) => ((double)v).ToString("0.000e+00", CultureInfo.InvariantCulture);

    // ---------------- execution ----------------

    /// <summary>
    /// An operand as a view with one axis per distinct label: cast to the computation dtype, repeated labels
    /// merged into a diagonal (their strides added), length-1 axes broadcast (stride 0) to the label's size.
    /// </summary>
    private static (NDArray, string) Prepare(NDArray op, string labels, EinsumSpec spec, DType rt, List<NDArray> temps)
    {
        NDArray a = op.IsWeak ? op.MaterializeStrong() : op;
        if (!ReferenceEquals(a, op)) temps.Add(a);
        if (a.Dtype != rt)
        {
            var c = a.astype(rt);
            temps.Add(c);
            a = c;
        }
        var uniq = new System.Text.StringBuilder();
        var dims = new List<long>();
        var strides = new List<long>();
        bool same = true;
        for (int i = 0; i < labels.Length; i++)
        {
            char c = labels[i];
            int j = uniq.ToString().IndexOf(c);
            long size = spec.Sizes[c];
            long stride = a.Dims[i] == 1 && size != 1 ? 0 : a.Strides[i];
            if (stride != a.Strides[i]) same = false;
            if (j >= 0)
            {
                strides[j] += stride;
                same = false;
            }
            else
            {
                uniq.Append(c);
                dims.Add(size);
                strides.Add(stride);
            }
        }
        if (same) return (a, labels);
        var v = a.View([.. dims], [.. strides], a.Offset);
        temps.Add(v);
        return (v, uniq.ToString());
    }

    /// <summary>Contracts a group of terms into one with labels <paramref name="result"/>, two at a time.</summary>
    private static (NDArray, string) Contract(List<(NDArray a, string labels)> group, string result, DType rt, List<NDArray> temps)
    {
        if (group.Count == 1) return Reduce(group[0].a, group[0].labels, result, rt, temps);
        var cur = group[0];
        for (int i = 1; i < group.Count; i++)
        {
            string want;
            if (i == group.Count - 1)
            {
                want = result;
            }
            else
            {
                var later = new HashSet<char>(result);
                for (int j = i + 1; j < group.Count; j++) later.UnionWith(group[j].labels);
                want = new string((cur.labels + group[i].labels).Distinct().Where(later.Contains).ToArray());
            }
            cur = Pair(cur, group[i], want, rt, temps);
        }
        return cur;
    }

    /// <summary>One operand: labels absent from <paramref name="result"/> summed (a GEMV with ones), the rest
    /// permuted into <paramref name="result"/>'s order (a view).</summary>
    private static (NDArray, string) Reduce(NDArray a, string labels, string result, DType rt, List<NDArray> temps)
    {
        var keep = result.ToCharArray();
        var summed = labels.Where(c => !result.Contains(c)).ToArray();
        int[] perm = [.. keep.Select(c => labels.IndexOf(c)), .. summed.Select(c => labels.IndexOf(c))];
        var t = Transposed(a, perm, temps);
        if (summed.Length == 0) return (t, result);
        long p = LinalgCore.Product(t.Dims.AsSpan(0, keep.Length));
        long s = LinalgCore.Product(t.Dims.AsSpan(keep.Length));
        var m = Reshaped(t, [p, s], temps);
        var ones = np.ones(new long[] { s, 1 }, rt);
        temps.Add(ones);
        var r = MatmulOp.Matmul(m, ones, null, "same_kind", null, ufunc: false);
        temps.Add(r);
        return (Reshaped(r, t.Dims.AsSpan(0, keep.Length).ToArray(), temps), result);
    }

    /// <summary>
    /// Two operands: labels only one of them has and the result lacks are summed first; then the shared labels the
    /// result keeps are batch axes, the shared labels it lacks the GEMM's k, each side's own labels its m or n.
    /// </summary>
    private static (NDArray, string) Pair((NDArray a, string labels) x, (NDArray a, string labels) y, string result, DType rt,
        List<NDArray> temps)
    {
        var (a, la) = x;
        var (b, lb) = y;
        string aKeep = new(la.Where(c => lb.Contains(c) || result.Contains(c)).ToArray());
        if (aKeep.Length != la.Length) (a, la) = Reduce(a, la, aKeep, rt, temps);
        string bKeep = new(lb.Where(c => la.Contains(c) || result.Contains(c)).ToArray());
        if (bKeep.Length != lb.Length) (b, lb) = Reduce(b, lb, bKeep, rt, temps);

        if (!la.Any(c => lb.Contains(c) && !result.Contains(c)))
        {
            // Nothing summed: an elementwise product with broadcasting (outer products, "ij,ij->ij"), one
            // nk_matmul call in its multiply mode over both operands laid out on the result's axes.
            var ab = OnAxes(a, la, result, temps);
            var bb = OnAxes(b, lb, result, temps);
            var prod = LinalgCore.Multiply(ab, bb, rt);
            temps.Add(prod);
            return (prod, result);
        }
        var batch = result.Where(c => la.Contains(c) && lb.Contains(c)).ToArray();
        var aFree = result.Where(c => la.Contains(c) && !lb.Contains(c)).ToArray();
        var bFree = result.Where(c => lb.Contains(c) && !la.Contains(c)).ToArray();
        var sum = la.Where(c => lb.Contains(c) && !result.Contains(c)).ToArray();
        long Size(NDArray arr, string lab, char c) => arr.Dims[lab.IndexOf(c)];
        long[] Sizes(NDArray arr, string lab, char[] cs) => cs.Select(c => Size(arr, lab, c)).ToArray();

        var bd = Sizes(a, la, batch);
        var mDims = Sizes(a, la, aFree);
        var nDims = Sizes(b, lb, bFree);
        long m = LinalgCore.Product(mDims), n = LinalgCore.Product(nDims), k = LinalgCore.Product(Sizes(a, la, sum));
        var at = Transposed(a, [.. batch.Select(c => la.IndexOf(c)), .. aFree.Select(c => la.IndexOf(c)), .. sum.Select(c => la.IndexOf(c))], temps);
        var bt = Transposed(b, [.. batch.Select(c => lb.IndexOf(c)), .. sum.Select(c => lb.IndexOf(c)), .. bFree.Select(c => lb.IndexOf(c))], temps);
        var a3 = Reshaped(at, [.. bd, m, k], temps);
        var b3 = Reshaped(bt, [.. bd, k, n], temps);
        var c3 = MatmulOp.Matmul(a3, b3, null, "same_kind", null, ufunc: false);
        temps.Add(c3);
        var cn = Reshaped(c3, [.. bd, .. mDims, .. nDims], temps);
        string have = new string(batch) + new string(aFree) + new string(bFree);
        return (Transposed(cn, result.Select(c => have.IndexOf(c)).ToArray(), temps), result);
    }

    /// <summary><paramref name="a"/> as a view on the axes of <paramref name="result"/>: its axes permuted into
    /// that order, a length-1 axis (stride 0) for each label it lacks.</summary>
    private static NDArray OnAxes(NDArray a, string labels, string result, List<NDArray> temps)
    {
        var dims = new long[result.Length];
        var strides = new long[result.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int j = labels.IndexOf(result[i]);
            dims[i] = j < 0 ? 1 : a.Dims[j];
            strides[i] = j < 0 ? 0 : a.Strides[j];
        }
        var v = a.View(dims, strides, a.Offset);
        temps.Add(v);
        return v;
    }

    private static NDArray Transposed(NDArray a, int[] perm, List<NDArray> temps)
    {
        bool identity = true;
        for (int i = 0; i < perm.Length; i++) identity &= perm[i] == i;
        if (identity && perm.Length == a.Dims.Length) return a;
        var t = np.transpose(a, perm);
        temps.Add(t);
        return t;
    }

    private static NDArray Reshaped(NDArray a, long[] shape, List<NDArray> temps)
    {
        if (a.Dims.AsSpan().SequenceEqual(shape)) return a;
        var r = np.reshape(a, shape);
        temps.Add(r);
        return r;
    }
}
