namespace Numerics.Native.Tests.LinearAlgebra;

/// <summary>Runs a fixture operation through the public API with the decoded arguments (the generator's lambdas, in C#).</summary>
internal static class LinalgOps
{
    internal static object? Run(string op, IReadOnlyList<object?> a, IReadOnlyDictionary<string, object?> kw)
    {
        NDArray A(int i) => (NDArray)a[i]!;
        int I(int i) => Convert.ToInt32(a[i]);
        bool B(int i) => (bool)a[i]!;
        string S(int i) => (string)a[i]!;
        T? K<T>(string name) => kw.TryGetValue(name, out var v) && v is not null ? (T)Convert.ChangeType(v, typeof(T)) : default;
        bool Has(string name) => kw.ContainsKey(name);
        var la = np.linalg;
        switch (op)
        {
            case "matmul": return np.matmul(A(0), A(1));
            case "matmul_dtype": return np.matmul(A(0), A(1), dtype: S(2));
            case "matmul_out": return np.matmul(A(0), A(1), @out: A(2));
            case "dot": return np.dot(A(0), A(1));
            case "inner": return np.inner(A(0), A(1));
            case "vdot": return np.vdot(A(0), A(1));
            case "outer": return np.outer(A(0), A(1));
            case "kron": return np.kron(A(0), A(1));
            case "tensordot":
                if (a[2] is List<object?> pair)
                {
                    var ax = ((List<object?>)pair[0]!).Select(Convert.ToInt32).ToArray();
                    var bx = ((List<object?>)pair[1]!).Select(Convert.ToInt32).ToArray();
                    return np.tensordot(A(0), A(1), (ax, bx));
                }
                return np.tensordot(A(0), A(1), I(2));
            case "cross":
                return np.cross(A(0), A(1), Has("axisa") ? K<int>("axisa") : -1, Has("axisb") ? K<int>("axisb") : -1,
                    Has("axisc") ? K<int>("axisc") : -1, Has("axis") ? K<int>("axis") : null);
            case "trace":
                return np.trace(A(0), Has("offset") ? K<long>("offset") : 0, Has("axis1") ? K<int>("axis1") : 0,
                    Has("axis2") ? K<int>("axis2") : 1, Has("dtype") ? np.dtype(K<string>("dtype")!) : null);
            case "vecdot": return np.vecdot(A(0), A(1), I(2));
            case "inv": return la.inv(A(0));
            case "det": return la.det(A(0));
            case "slogdet": return Tuple(la.slogdet(A(0)));
            case "matrix_power": return la.matrix_power(A(0), Convert.ToInt64(a[1]));
            case "solve": return la.solve(A(0), A(1));
            case "cholesky": return la.cholesky(A(0));
            case "cholesky_upper": return la.cholesky(A(0), upper: true);
            case "eigh": return Tuple(a.Count > 1 ? la.eigh(A(0), S(1)) : la.eigh(A(0)));
            case "eigvalsh": return a.Count > 1 ? la.eigvalsh(A(0), S(1)) : la.eigvalsh(A(0));
            case "eig": return Tuple(la.eig(A(0)));
            case "eigvals": return la.eigvals(A(0));
            case "svd":
            {
                var (u, s, vh) = la.svd(A(0), B(1), B(2), B(3));
                return B(2) ? new List<object?> { u, s, vh } : s;
            }
            case "svdvals": return la.svdvals(A(0));
            case "qr":
            {
                var (q, r) = la.qr(A(0), S(1));
                return S(1) is "r" or "e" or "economic" ? r : new List<object?> { q, r };
            }
            case "pinv": return la.pinv(A(0), Nd(a[1]), B(2));
            case "pinv_rtol": return la.pinv(A(0), hermitian: B(2), rtol: Nd(a[1]));
            case "matrix_rank_rtol": return la.matrix_rank(A(0), hermitian: B(2), rtol: Nd(a[1]));
            case "diagonal":
                return np.diagonal(A(0), Has("offset") ? K<long>("offset") : 0, Has("axis1") ? K<int>("axis1") : 0,
                    Has("axis2") ? K<int>("axis2") : 1);
            case "matrix_norm_kd": return la.matrix_norm(A(0), B(2), ToOrd(a[1]));
            case "linalg_tensordot": return la.tensordot(A(0), A(1), I(2));
            case "linalg_vecdot": return la.vecdot(A(0), A(1), I(2));
            case "matrix_transpose": return la.matrix_transpose(A(0));
            case "dot_out": return np.dot(A(0), A(1), @out: A(2));
            case "outer_out": return np.outer(A(0), A(1), @out: A(2));
            case "matrix_rank":
                return la.matrix_rank(A(0), a[1] switch { null => null, NDArray t => t, var t => (NDArray)Convert.ToDouble(t) }, B(2));
            case "lstsq":
            {
                var (x, res, rank, s) = la.lstsq(A(0), A(1), a[2] is null ? null : Convert.ToDouble(a[2]));
                return new List<object?> { x, res, rank, s };
            }
            case "cond": return la.cond(A(0), ToOrd(a[1]));
            case "norm":
                return la.norm(A(0), a.Count > 1 ? ToOrd(a[1]) : null, a.Count > 2 ? ToAxis(a[2]) : null, a.Count > 3 && B(3));
            case "matrix_norm": return la.matrix_norm(A(0), ord: ToOrd(a[1]));
            case "vector_norm": return la.vector_norm(A(0), ToAxis(a[2]), B(3), Convert.ToDouble(a[1]));
            case "multi_dot": return la.multi_dot([.. a.Select(x => (NDArray)x!)]);
            case "linalg_cross": return la.cross(A(0), A(1));
            case "linalg_outer": return la.outer(A(0), A(1));
            case "linalg_diagonal": return la.diagonal(A(0));
            case "linalg_trace": return la.trace(A(0));
            case "einsum":
                return np.einsum(S(0), [.. a.Skip(1).Select(Operand)], Optimize(kw["optimize"]), Has("out") ? (NDArray)kw["out"]! : null,
                    Has("dtype") ? np.dtype(K<string>("dtype")!) : null, Has("casting") ? K<string>("casting")! : "safe");
            case "einsum_path":
            {
                var (path, report) = np.einsum_path(S(0), [.. a.Skip(1).Select(Operand)], Optimize(kw["optimize"]));
                return new EinsumPathResult(path, report);
            }
            default: throw new InvalidOperationException("unknown fixture op " + op);
        }
    }

    /// <summary>A tolerance argument: null, a number, or an array.</summary>
    private static NDArray? Nd(object? x) => x switch
    {
        null => null,
        NDArray t => t,
        var t => (NDArray)Convert.ToDouble(t),
    };

    /// <summary>An einsum operand: an array, or a NumPy scalar the fixture stored as a plain number.</summary>
    private static NDArray Operand(object? x) => x as NDArray ?? (NDArray)Convert.ToDouble(x);

    /// <summary>NumPy's optimize=True/False as the contract's names.</summary>
    private static string Optimize(object? o) => o switch
    {
        true => "greedy",
        false => "none",
        _ => (string)o!,
    };

    private static List<object?> Tuple((NDArray, NDArray) t) => [t.Item1, t.Item2];

    private static Ord? ToOrd(object? o) => o switch
    {
        null => null,
        string s => s,
        _ => Convert.ToDouble(o),
    };

    private static Axis? ToAxis(object? o) => o switch
    {
        null => null,
        List<object?> l => l.Select(Convert.ToInt32).ToArray(),
        _ => Convert.ToInt32(o),
    };
}

/// <summary>What np.einsum_path returned: the path (its "einsum_path" head, then int[] steps) and the report.</summary>
internal sealed record EinsumPathResult(object[] Path, string Report);
