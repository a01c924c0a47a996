// TorchPeer: tiny TorchSharp (libtorch CPU) timing harness.
//   dotnet bin/Release/net10.0/TorchPeer.dll --raw ID --threads T --calls N [--driver gelsd]
//   dotnet bin/Release/net10.0/TorchPeer.dll --check [--threads T]
using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

static class Program
{
    static int Main(string[] args)
    {
        string id = null, driver = null;
        int threads = 1, calls = 20, warmup = 3;
        bool check = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--raw": id = args[++i]; break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--driver": driver = args[++i]; break;
                case "--check": check = true; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
            }
        }
        if (id == null && !check)
        {
            Console.Error.WriteLine("usage: TorchPeer --raw ID --threads T --calls N [--driver gelsd|gelsy|gelss|gels] | --check");
            return 2;
        }

        torch.set_num_threads(threads);   // first torch call: loads native libs, sets intra-op threads
        if (check) return Check();

        Action op;
        try { op = Build(id, driver); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

        for (int i = 0; i < warmup; i++) Timed(op);
        var t = new double[calls];
        for (int i = 0; i < calls; i++) t[i] = Timed(op);
        Array.Sort(t);
        double median = calls % 2 == 1 ? t[calls / 2] : 0.5 * (t[calls / 2 - 1] + t[calls / 2]);
        var ci = CultureInfo.InvariantCulture;
        string drv = id.StartsWith("W6_lstsq") ? $",\"driver\":\"{driver ?? "default"}\"" : "";
        Console.WriteLine(string.Format(ci,
            "{{\"id\":\"{0}\",\"threads\":{1},\"calls\":{2},\"median_ms\":{3},\"min_ms\":{4}{5}}}",
            id, torch.get_num_threads(), calls, Math.Round(median, 4), Math.Round(t[0], 4), drv));
        return 0;
    }

    // One call, timed; all result tensors are disposed inside the timed region.
    static double Timed(Action op)
    {
        var sw = Stopwatch.StartNew();
        using (var scope = torch.NewDisposeScope()) { op(); }
        sw.Stop();
        return sw.Elapsed.TotalMilliseconds;
    }

    // ---- deterministic inputs: System.Random(0) + Box-Muller ----
    static Random rng = new Random(0);
    static double[] Normal(long count)
    {
        var a = new double[count];
        for (long i = 0; i < count; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1)), th = 2.0 * Math.PI * u2;
            a[i] = r * Math.Cos(th);
            if (i + 1 < count) a[i + 1] = r * Math.Sin(th);
        }
        return a;
    }
    static Tensor Randn(params long[] shape)
    {
        long n = 1; foreach (var s in shape) n *= s;
        return torch.tensor(Normal(n), shape, dtype: ScalarType.Float64);
    }
    static Tensor Eye(long n) => torch.eye(n, dtype: ScalarType.Float64);
    static Tensor DiagDominant(long n) { using var r = Randn(n, n); using var e = Eye(n); return r + e * (double)n; }   // R + n I
    static Tensor SPD(long n) { using var r = Randn(n, n); using var rrt = r.matmul(r.t()); using var e = Eye(n); return rrt + e * (double)n; } // R R^T + n I
    static Tensor Sym(long n) { using var r = Randn(n, n); using var rt = r.t(); return r + rt; } // R + R^T

    static Action Build(string id, string driver)
    {
        switch (id)
        {
            case "W5_matmul_1000":
            case "W5_matmul_2000":
            {
                long n = id.EndsWith("1000") ? 1000 : 2000;
                var A = Randn(n, n); var B = Randn(n, n);
                return () => torch.matmul(A, B);
            }
            case "W6_solve_1000":
            {
                var A = DiagDominant(1000); var b = Randn(1000);
                return () => torch.linalg.solve(A, b);
            }
            case "W6_inv_500": { var A = DiagDominant(500); return () => torch.linalg.inv(A); }
            case "W6_det_500": { var A = DiagDominant(500); return () => torch.linalg.det(A); }
            case "W6_cholesky_1000": { var S = SPD(1000); return () => torch.linalg.cholesky(S); }
            case "W6_lstsq_2000x200":
            {
                var X = Randn(2000, 200); var y = Randn(2000, 1);
                if (driver == null)   // TorchSharp API: driver=nullopt -> libtorch default ("gelsy" on CPU)
                    return () => { var r = torch.linalg.lstsq(X, y); };
                if (driver is not ("gels" or "gelsy" or "gelsd" or "gelss"))
                    throw new ArgumentException($"bad --driver {driver}");
                // TorchSharp 0.107 has no driver parameter; go through a TorchScript function instead.
                var cu = torch.jit.compile(
                    "def lstsq_drv(a: Tensor, b: Tensor):\n" +
                    $"    return torch.linalg_lstsq(a, b, None, driver=\"{driver}\")\n");
                return () => { var r = cu.invoke("lstsq_drv", X, y); };
            }
            case "W7_svd_500": { var A = Randn(500, 500); return () => torch.linalg.svd(A, fullMatrices: true); }
            case "W7_eigh_500": { var S = Sym(500); return () => torch.linalg.eigh(S); }
            case "W7_eig_300": { var A = Randn(300, 300); return () => torch.linalg.eig(A); }
            case "W7_qr_1000": { var A = Randn(1000, 1000); return () => torch.linalg.qr(A); }
            default: throw new ArgumentException($"unknown id {id}");
        }
    }

    // ---- cheap correctness checks (only with --check) ----
    static int Check()
    {
        int bad = 0;
        void Ok(string what, bool cond, string detail) { Console.WriteLine($"{(cond ? "OK  " : "FAIL")} {what}: {detail}"); if (!cond) bad++; }
        Console.WriteLine($"torch threads={torch.get_num_threads()} interop={torch.get_num_interop_threads()}");
        using (var m = torch.tensor(new double[] { 3, 8, 4, 6 }, new long[] { 2, 2 }, dtype: ScalarType.Float64))
        using (var d = torch.linalg.det(m))
            Ok("det [[3,8],[4,6]] == -14", Math.Abs(d.item<double>() + 14) < 1e-12, d.item<double>().ToString("R"));
        using (var A = DiagDominant(1000)) using (var b = Randn(1000)) using (var x = torch.linalg.solve(A, b))
        using (var res = A.matmul(x) - b)
        {
            double rel = res.norm().item<double>() / b.norm().item<double>();
            Ok("solve 1000 rel residual", rel < 1e-12, rel.ToString("E3"));
        }
        using (var A = DiagDominant(500)) using (var Ai = torch.linalg.inv(A)) using (var I = A.matmul(Ai)) using (var E = I - Eye(500))
            Ok("inv 500 ||A Ainv - I||max", E.abs().max().item<double>() < 1e-12, E.abs().max().item<double>().ToString("E3"));
        using (var S = SPD(1000)) using (var L = torch.linalg.cholesky(S)) using (var E = L.matmul(L.t()) - S)
            Ok("cholesky 1000 ||LL^T-S||max/||S||max", E.abs().max().item<double>() / S.abs().max().item<double>() < 1e-13, (E.abs().max().item<double>() / S.abs().max().item<double>()).ToString("E3"));
        using (var X = Randn(2000, 200)) using (var y = Randn(2000, 1))
        {
            var (sol, resid, rank, sv) = torch.linalg.lstsq(X, y);
            // normal equations residual X^T (X sol - y) ~ 0
            using var g = X.t().matmul(X.matmul(sol) - y);
            double gn = g.abs().max().item<double>();
            string rk = rank.numel() > 0 ? rank.item<long>().ToString() : "empty";
            // gelsy: rank filled, singular_values empty; gelsd/gelss: both filled; gels: both empty
            string guess = rank.numel() > 0 ? (sv.numel() > 0 ? "gelsd/gelss" : "gelsy") : "gels";
            Ok("lstsq default: X^T r max", gn < 1e-8, $"{gn:E3}; rank={rk}, singular_values numel={sv.numel()} => default driver looks like {guess}");
            var cu = torch.jit.compile("def lstsq_drv(a: Tensor, b: Tensor):\n    return torch.linalg_lstsq(a, b, None, driver=\"gelsd\")\n");
            var outv = cu.invoke("lstsq_drv", X, y);
            var parts = outv switch { System.Runtime.CompilerServices.ITuple tu => Enumerable.Range(0, tu.Length).Select(k => (Tensor)tu[k]).ToArray(), object[] o => o.Cast<Tensor>().ToArray(), Tensor t => new[] { t }, _ => null };
            if (parts == null) { Console.WriteLine($"gelsd result type {outv?.GetType()}"); bad++; }
            else
            {
                using var diff = parts[0] - sol;
                double dd = diff.abs().max().item<double>();
                Ok("lstsq gelsd (TorchScript) vs default", dd < 1e-10, $"max|diff|={dd:E3}; result parts={parts.Length}, sv numel={(parts.Length > 3 ? parts[3].numel() : -1)}");
                foreach (var p in parts) p.Dispose();
            }
            sol.Dispose(); resid.Dispose(); rank.Dispose(); sv.Dispose();
        }
        using (var A = Randn(500, 500))
        {
            var (U, Sv, Vh) = torch.linalg.svd(A, fullMatrices: true);
            using var R = U.matmul(torch.diag(Sv)).matmul(Vh) - A;
            Ok("svd 500 recon max", R.abs().max().item<double>() < 1e-11, R.abs().max().item<double>().ToString("E3"));
        }
        using (var S = Sym(500))
        {
            var (w, V) = torch.linalg.eigh(S);
            using var R = S.matmul(V) - V * w;
            Ok("eigh 500 ||SV - VW||max", R.abs().max().item<double>() < 1e-10, R.abs().max().item<double>().ToString("E3"));
        }
        using (var A = Randn(300, 300))
        {
            var (w, V) = torch.linalg.eig(A);
            using var Ac = A.to_type(ScalarType.ComplexFloat64);
            using var R = Ac.matmul(V) - V * w;
            Ok("eig 300 ||AV - VW||max", R.abs().max().item<double>() < 1e-9, R.abs().max().item<double>().ToString("E3") + $" dtype={w.dtype}");
        }
        using (var A = Randn(1000, 1000))
        {
            var (Q, R) = torch.linalg.qr(A);
            using var E = Q.matmul(R) - A;
            Ok("qr 1000 recon max", E.abs().max().item<double>() < 1e-11, E.abs().max().item<double>().ToString("E3") + $" Q={string.Join('x', Q.shape)}");
        }
        // memory stays flat across many disposed calls
        using (var A = DiagDominant(500))
        {
            Action op = () => torch.linalg.inv(A);
            for (int i = 0; i < 5; i++) Timed(op);
            long rss0 = Process.GetCurrentProcess().WorkingSet64;
            for (int i = 0; i < 200; i++) Timed(op);
            long rss1 = Process.GetCurrentProcess().WorkingSet64;
            Ok("RSS growth over 200 inv-500 calls (each 2 MB out)", (rss1 - rss0) < 50_000_000, $"{(rss1 - rss0) / 1e6:F1} MB");
        }
        return bad == 0 ? 0 : 1;
    }
}
