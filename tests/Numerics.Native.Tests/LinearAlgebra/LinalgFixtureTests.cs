using System.Numerics;
using System.Text.Json.Nodes;

namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>
/// Every case of tests/fixtures/data/linalg/cases.json (NumPy): dtypes and shapes exactly, values exactly or within
/// the case's tolerance, decompositions by reconstruction and invariants (their factors are unique only up to signs,
/// phases and order), errors by type and message.
/// </summary>
[TestFixture]
public class LinalgFixtureTests
{
    private static IEnumerable<TestCaseData> Cases() => LinalgFixtures.Ids().Select(id => new TestCaseData(id).SetName("Linalg " + id));

    [TestCaseSource(nameof(Cases))]
    public void MatchesNumPy(string id)
    {
        string? failure = Check(id);
        if (failure is not null) Assert.Fail(failure);
    }

    /// <summary>
    /// Every case in this process; the failures. The ChildHost's "linalg-fixtures" mode calls this by reflection to
    /// run the suite under another backend (<see cref="LinalgBackendTests"/>).
    /// </summary>
    public static string[] RunAll(out int total)
    {
        var ids = LinalgFixtures.Ids().ToList();
        total = ids.Count;
        var failures = new List<string>();
        foreach (var id in ids)
        {
            string? diff;
            try
            {
                diff = Check(id);
            }
            catch (Exception e)
            {
                diff = $"{id}: {e.GetType().Name}: {e.Message}";
            }
            if (diff is not null) failures.Add(diff);
        }
        return [.. failures];
    }

    /// <summary>Runs one case; null when it matches, else what differs.</summary>
    internal static string? Check(string id)
    {
        var c = LinalgFixtures.Get(id);
        var expect = c["expect"]!.AsObject();
        string op = c["op"]!.GetValue<string>();
        string mode = c["check"]!.GetValue<string>();
        double rtol = c["rtol"]!.GetValue<double>();
        using var scope = np.scope();
        var args = c["args"]!.AsArray().Select(LinalgFixtures.Decode).ToList();
        var kwargs = c["kwargs"]!.AsObject().ToDictionary(p => p.Key, p => LinalgFixtures.Decode(p.Value));
        // Inputs are decoded twice: the operation must not modify its arguments, and reconstruction checks use them.
        var pristine = c["args"]!.AsArray().Select(LinalgFixtures.Decode).ToList();
        object? result;
        // Cases that record NumPy's warnings compare them too ("Category: message", in order).
        var wantWarnings = c["warnings"]?.AsArray().Select(w => w!.GetValue<string>()).ToArray();
        IReadOnlyList<NumpyWarning> log = [];
        using (var logScope = wantWarnings is null ? null : np.warnings.catch_warnings(out log))
        {
            if (logScope is not null) np.warnings.simplefilter("always");
            try
            {
                result = LinalgOps.Run(op, args, kwargs);
            }
            catch (Exception e) when (e is INumpyException or ArgumentException)
            {
                if (expect["kind"]!.GetValue<string>() != "error") return $"{id}: unexpected {e.GetType().Name}: {e.Message}";
                string want = expect["type"]!.GetValue<string>() is "UFuncTypeError" ? "TypeError" : expect["type"]!.GetValue<string>();
                if (e.GetType().Name != want) return $"{id}: {e.GetType().Name} ({e.Message}), NumPy raised {want}: {expect["message"]}";
                if (e.Message != expect["message"]!.GetValue<string>()) return $"{id}: message \"{e.Message}\", NumPy's \"{expect["message"]}\"";
                return null;
            }
        }
        if (wantWarnings is not null)
        {
            var got = log.Select(w => $"{w.category}: {w.Message}").ToArray();
            if (!got.SequenceEqual(wantWarnings))
                return $"{id}: warnings [{string.Join("; ", got)}], NumPy's [{string.Join("; ", wantWarnings)}]";
        }
        if (expect["kind"]!.GetValue<string>() == "error") return $"{id}: expected {expect["type"]}: {expect["message"]}";
        for (int i = 0; i < args.Count; i++)
        {
            if (op is "matmul_out" or "dot_out" or "outer_out" && i == 2) continue; // out= is written, by definition
            if (args[i] is NDArray x && pristine[i] is NDArray y && !LinalgFixtures.Bytes(x).AsSpan().SequenceEqual(LinalgFixtures.Bytes(y)))
                return $"{id}: argument {i} was modified";
        }
        var input = pristine.FirstOrDefault() as NDArray;
        return mode switch
        {
            "svd" => CheckSvd(id, expect, result, input!, rtol),
            "eig" => CheckEig(id, expect, result, input!, rtol),
            "eigvals" => CheckEigvals(id, expect, result, rtol),
            "eigh" => CheckEigh(id, expect, result, input!, rtol),
            "qr" => CheckQr(id, expect, result, input!, rtol),
            _ => Compare(id, expect, result, mode == "exact", rtol, "result"),
        };
    }

    /// <summary>Dtype and shape exactly; values bit-exactly or within rtol of the largest expected magnitude.</summary>
    internal static string? Compare(string id, JsonObject expect, object? result, bool exact, double rtol, string where)
    {
        switch (expect["kind"]!.GetValue<string>())
        {
            case "none":
                return result is null ? null : $"{id} {where}: expected None";
            case "value":
                var v = expect["value"]!.AsValue();
                if (v.TryGetValue<bool>(out var bv))
                {
                    // A NumPy bool scalar: ours is a 0-d bool array.
                    if (result is NDArray nb && nb.ndim == 0 && nb.dtype.name == "bool") return (bool)nb == bv ? null : $"{id} {where}: {nb}, NumPy {bv}";
                    return $"{id} {where}: {result}, NumPy the bool {bv}";
                }
                if (result is long l) return v.GetValue<long>() == l ? null : $"{id} {where}: {l}, NumPy {v}";
                if (result is NDArray na && na.ndim == 0) return Convert.ToInt64(na.item()) == v.GetValue<long>() ? null : $"{id} {where}: {na}, NumPy {v}";
                return $"{id} {where}: {result} is not a value";
            case "path":
                if (result is not EinsumPathResult pr) return $"{id} {where}: expected an einsum_path result";
                var steps = expect["path"]!.AsArray().Select(p => string.Join(",", p!.AsArray().Select(x => x!.GetValue<int>()))).ToArray();
                var ours = pr.Path.Skip(1).Select(p => string.Join(",", (int[])p)).ToArray();
                if (!Equals(pr.Path[0], expect["head"]!.GetValue<string>()) || !steps.SequenceEqual(ours))
                    return $"{id} {where}: path [{string.Join("; ", ours)}], NumPy [{string.Join("; ", steps)}]";
                return pr.Report == expect["report"]!.GetValue<string>() ? null : $"{id} {where}: report\n{pr.Report}\nNumPy's\n{expect["report"]}";
            case "list":
                var items = expect["items"]!.AsArray();
                if (result is not List<object?> list) return $"{id} {where}: expected a tuple of {items.Count}";
                if (list.Count != items.Count) return $"{id} {where}: {list.Count} items, NumPy {items.Count}";
                for (int i = 0; i < items.Count; i++)
                {
                    var d = Compare(id, items[i]!.AsObject(), list[i], exact, rtol, $"{where}[{i}]");
                    if (d is not null) return d;
                }
                return null;
        }
        if (result is not NDArray a) return $"{id} {where}: expected an array, got {result ?? "null"}";
        var e = LinalgFixtures.Expected.From(expect);
        if (a.dtype.name != e.Dtype) return $"{id} {where}: dtype {a.dtype.name}, NumPy {e.Dtype}";
        if (!a.shape.ToArray().SequenceEqual(e.Shape)) return $"{id} {where}: shape {a.shape}, NumPy {Err(e.Shape)}";
        if (exact) return LinalgFixtures.Bytes(a).AsSpan().SequenceEqual(e.Data) ? null : $"{id} {where}: values differ\n ours {a}";
        return Close(id, where, LinalgFixtures.Values(a), e.Values(), rtol);
    }

    private static string Err(long[] s) => "(" + string.Join(", ", s) + (s.Length == 1 ? ",)" : ")");

    internal static string? Close(string id, string where, Complex[] got, Complex[] want, double rtol)
    {
        if (got.Length != want.Length) return $"{id} {where}: {got.Length} values, NumPy {want.Length}";
        double scale = 0;
        foreach (var w in want) if (double.IsFinite(w.Magnitude)) scale = Math.Max(scale, w.Magnitude);
        for (int i = 0; i < got.Length; i++)
        {
            Complex g = got[i], w = want[i];
            if (!SameSpecial(g.Real, w.Real) || !SameSpecial(g.Imaginary, w.Imaginary))
                return $"{id} {where}[{i}]: {g}, NumPy {w}";
            if (!double.IsFinite(w.Real) || !double.IsFinite(w.Imaginary)) continue;
            double err = (g - w).Magnitude;
            if (err > rtol * (scale + w.Magnitude) + 1e-300)
                return $"{id} {where}[{i}]: {g}, NumPy {w} (|Δ| {err:G3} > {rtol:G3} × {scale + w.Magnitude:G3})";
        }
        return null;
    }

    private static bool SameSpecial(double g, double w) =>
        double.IsNaN(w) ? double.IsNaN(g) : double.IsInfinity(w) ? g == w : double.IsFinite(g);

    // ---- decompositions: shapes/dtypes as NumPy, values through invariants ----

    private static string? Meta(string id, JsonObject expect, object? result)
    {
        if (expect["kind"]!.GetValue<string>() == "array")
        {
            if (result is not NDArray a) return $"{id}: expected an array";
            var e = LinalgFixtures.Expected.From(expect);
            if (a.dtype.name != e.Dtype || !a.shape.ToArray().SequenceEqual(e.Shape))
                return $"{id}: {a.dtype.name}{a.shape}, NumPy {e.Dtype}{Err(e.Shape)}";
            return null;
        }
        var items = expect["items"]!.AsArray();
        if (result is not List<object?> list || list.Count != items.Count) return $"{id}: expected {items.Count} results";
        for (int i = 0; i < items.Count; i++)
        {
            var d = Meta(id, items[i]!.AsObject(), list[i]);
            if (d is not null) return d;
        }
        return null;
    }

    private static (int batch, long m, long n) Dims(NDArray a) =>
        ((int)(a.size / Math.Max(1, a.shape[-1] * a.shape[-2])), a.shape[-2], a.shape[-1]);

    private static string? CheckSvd(string id, JsonObject expect, object? result, NDArray a, double rtol)
    {
        if (Meta(id, expect, result) is { } m) return m;
        var items = expect["items"]!.AsArray();
        var list = (List<object?>)result!;
        var s = (NDArray)list[1]!;
        var close = Close(id, "S", LinalgFixtures.Values(s), LinalgFixtures.Expected.From(items[1]!).Values(), rtol);
        if (close is not null) return close;
        var u = (NDArray)list[0]!;
        var vh = (NDArray)list[2]!;
        if (a.size == 0) return null;
        var (batch, rows, cols) = Dims(a);
        long k = Math.Min(rows, cols);
        var A = LinalgFixtures.Values(a);
        var U = LinalgFixtures.Values(u);
        var S = LinalgFixtures.Values(s);
        var V = LinalgFixtures.Values(vh);
        long uc = u.shape[-1], vr = vh.shape[-2];
        double tol = rtol * 10 * Math.Max(rows, cols);
        for (int b = 0; b < batch; b++)
        {
            double scale = MaxAbs(A, b * rows * cols, rows * cols);
            for (long i = 0; i < rows; i++)
                for (long j = 0; j < cols; j++)
                {
                    Complex acc = 0;
                    for (long p = 0; p < k; p++) acc += U[b * rows * uc + i * uc + p] * S[b * k + p] * V[b * vr * cols + p * cols + j];
                    if ((acc - A[b * rows * cols + i * cols + j]).Magnitude > tol * Math.Max(scale, 1e-300))
                        return $"{id}: U S Vh differs from A at batch {b} ({i}, {j})";
                }
            if (Orthonormality(U, b * rows * uc, rows, uc, columns: true) > tol) return $"{id}: U is not unitary (batch {b})";
            if (Orthonormality(V, b * vr * cols, vr, cols, columns: false) > tol) return $"{id}: Vh is not unitary (batch {b})";
        }
        return null;
    }

    private static double MaxAbs(Complex[] x, long off, long len)
    {
        double m = 0;
        for (long i = 0; i < len; i++) m = Math.Max(m, x[off + i].Magnitude);
        return m;
    }

    /// <summary>max |GᴴG − I| of the columns (or rows) of an r x c block.</summary>
    private static double Orthonormality(Complex[] x, long off, long r, long c, bool columns)
    {
        long nvec = columns ? c : r, len = columns ? r : c;
        double worst = 0;
        for (long p = 0; p < nvec; p++)
            for (long q = 0; q < nvec; q++)
            {
                Complex acc = 0;
                for (long t = 0; t < len; t++)
                {
                    Complex xp = columns ? x[off + t * c + p] : x[off + p * c + t];
                    Complex xq = columns ? x[off + t * c + q] : x[off + q * c + t];
                    acc += Complex.Conjugate(xp) * xq;
                }
                worst = Math.Max(worst, (acc - (p == q ? 1 : 0)).Magnitude);
            }
        return worst;
    }

    /// <summary>Each expected eigenvalue matched to the nearest unused one of ours.</summary>
    private static string? SameMultiset(string id, Complex[] got, Complex[] want, long n, double rtol)
    {
        long batch = n == 0 ? 0 : want.Length / n;
        for (long b = 0; b < batch; b++)
        {
            double scale = MaxAbs(want, b * n, n) + 1;
            var used = new bool[n];
            for (long i = 0; i < n; i++)
            {
                Complex w = want[b * n + i];
                long best = -1;
                double bd = double.PositiveInfinity;
                for (long j = 0; j < n; j++)
                {
                    if (used[j]) continue;
                    double d = (got[b * n + j] - w).Magnitude;
                    if (d < bd) { bd = d; best = j; }
                }
                if (best < 0 || bd > rtol * 10 * n * scale) return $"{id}: eigenvalue {w} (batch {b}) not found (nearest off by {bd:G3})";
                used[best] = true;
            }
        }
        return null;
    }

    private static string? CheckEigvals(string id, JsonObject expect, object? result, double rtol)
    {
        if (Meta(id, expect, result) is { } m) return m;
        var w = (NDArray)result!;
        long n = w.ndim == 0 ? 0 : w.shape[-1];
        return SameMultiset(id, LinalgFixtures.Values(w), LinalgFixtures.Expected.From(expect).Values(), n, rtol);
    }

    private static string? CheckEig(string id, JsonObject expect, object? result, NDArray a, double rtol)
    {
        if (Meta(id, expect, result) is { } m) return m;
        var list = (List<object?>)result!;
        var w = (NDArray)list[0]!;
        var v = (NDArray)list[1]!;
        long n = a.shape[-1];
        var W = LinalgFixtures.Values(w);
        var diff = SameMultiset(id, W, LinalgFixtures.Expected.From(expect["items"]![0]!).Values(), n, rtol);
        if (diff is not null) return diff;
        return EigenPairs(id, LinalgFixtures.Values(a), W, LinalgFixtures.Values(v), n, rtol, unitary: false);
    }

    /// <summary>A v_j = w_j v_j for every column, relative to ‖A‖; unit columns; VᴴV = I when unitary.</summary>
    private static string? EigenPairs(string id, Complex[] A, Complex[] W, Complex[] V, long n, double rtol, bool unitary)
    {
        long batch = n == 0 ? 0 : W.Length / n;
        double tol = rtol * 20 * Math.Max(n, 1);
        for (long b = 0; b < batch; b++)
        {
            long o = b * n * n;
            double scale = Math.Max(MaxAbs(A, o, n * n) * n, 1e-300);
            for (long j = 0; j < n; j++)
            {
                double norm = 0;
                for (long i = 0; i < n; i++)
                {
                    Complex acc = 0;
                    for (long p = 0; p < n; p++) acc += A[o + i * n + p] * V[o + p * n + j];
                    if ((acc - W[b * n + j] * V[o + i * n + j]).Magnitude > tol * scale)
                        return $"{id}: A v ≠ w v for eigenpair {j} (batch {b})";
                    norm += V[o + i * n + j].Magnitude * V[o + i * n + j].Magnitude;
                }
                if (Math.Abs(Math.Sqrt(norm) - 1) > tol) return $"{id}: eigenvector {j} (batch {b}) is not unit length";
            }
            if (unitary && Orthonormality(V, o, n, n, columns: true) > tol) return $"{id}: eigenvectors not orthonormal (batch {b})";
        }
        return null;
    }

    private static string? CheckEigh(string id, JsonObject expect, object? result, NDArray a, double rtol)
    {
        if (Meta(id, expect, result) is { } m) return m;
        var list = (List<object?>)result!;
        var w = (NDArray)list[0]!;
        var v = (NDArray)list[1]!;
        var close = Close(id, "w", LinalgFixtures.Values(w), LinalgFixtures.Expected.From(expect["items"]![0]!).Values(), rtol);
        if (close is not null) return close;
        long n = a.shape[-1];
        // eigh reads one triangle: rebuild the Hermitian matrix NumPy factorised from the lower one (UPLO='L' default;
        // the fixtures' inputs are exactly Hermitian, so either triangle gives the same matrix).
        return EigenPairs(id, LinalgFixtures.Values(a), LinalgFixtures.Values(w), LinalgFixtures.Values(v), n, rtol, unitary: true);
    }

    private static string? CheckQr(string id, JsonObject expect, object? result, NDArray a, double rtol)
    {
        if (expect["kind"]!.GetValue<string>() == "error") return $"{id}: expected an error";
        if (Meta(id, expect, result) is { } m) return m;
        var (batch, rows, cols) = Dims(a);
        if (a.size == 0) return null;
        var A = LinalgFixtures.Values(a);
        double tol = rtol * 20 * Math.Max(rows, cols);
        if (expect["kind"]!.GetValue<string>() == "array")
        {
            // mode 'r': R is unique up to a unimodular factor per row, so |R| matches NumPy's.
            return Close(id, "|R|", LinalgFixtures.Values((NDArray)result!).Select(x => (Complex)x.Magnitude).ToArray(),
                LinalgFixtures.Expected.From(expect).Values().Select(x => (Complex)x.Magnitude).ToArray(), tol);
        }
        var list = (List<object?>)result!;
        var first = (NDArray)list[0]!;
        var second = (NDArray)list[1]!;
        var items = expect["items"]!.AsArray();
        if (first.shape[-2] == cols && first.shape[-1] == rows && second.ndim == first.ndim - 1 && rows != cols || IsRaw(first, second, rows, cols))
        {
            // mode 'raw': (h, tau) are LAPACK's Householder form: same algorithm, so compare values.
            return Close(id, "h", LinalgFixtures.Values(first), LinalgFixtures.Expected.From(items[0]!).Values(), tol)
                   ?? Close(id, "tau", LinalgFixtures.Values(second), LinalgFixtures.Expected.From(items[1]!).Values(), tol);
        }
        var Q = LinalgFixtures.Values(first);
        var R = LinalgFixtures.Values(second);
        long qc = first.shape[-1];
        var absR = Close(id, "|R|", R.Select(x => (Complex)x.Magnitude).ToArray(),
            LinalgFixtures.Expected.From(items[1]!).Values().Select(x => (Complex)x.Magnitude).ToArray(), tol);
        if (absR is not null) return absR;
        for (int b = 0; b < batch; b++)
        {
            double scale = Math.Max(MaxAbs(A, b * rows * cols, rows * cols), 1e-300);
            for (long i = 0; i < rows; i++)
                for (long j = 0; j < cols; j++)
                {
                    Complex acc = 0;
                    for (long p = 0; p < qc; p++) acc += Q[b * rows * qc + i * qc + p] * R[b * qc * cols + p * cols + j];
                    if ((acc - A[b * rows * cols + i * cols + j]).Magnitude > tol * scale) return $"{id}: Q R differs from A (batch {b})";
                }
            for (long i = 0; i < qc; i++)
                for (long j = 0; j < Math.Min(i, cols); j++)
                    if (R[b * qc * cols + i * cols + j] != Complex.Zero) return $"{id}: R is not upper triangular";
            if (Orthonormality(Q, b * rows * qc, rows, qc, columns: true) > tol) return $"{id}: Q is not unitary (batch {b})";
        }
        return null;
    }

    private static bool IsRaw(NDArray first, NDArray second, long rows, long cols) =>
        second.ndim == first.ndim - 1 && first.shape[-2] == cols && first.shape[-1] == rows;
}
