using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Numerics.Native.Interop;

namespace Numerics.Native.ChildHost;

/// <summary>
/// Level-3 provider checks, run in a child process per NUMERICS_NATIVE_GEMM / BLIS_ARCH_TYPE / fault setting (the
/// provider choice is fixed per process). Every result is compared with the backend's own CBLAS (OpenBLAS) through
/// the generated bindings, independently of the self-check inside Interop.
/// </summary>
public static unsafe class Level3Checks
{
    private const int RowMajor = 101, ColMajor = 102, NoTrans = 111, Trans = 112, ConjTrans = 113;
    private static readonly string[] Routines = ["sgemm", "dgemm", "cgemm", "zgemm"];

    /// <summary>Runs one level3-* mode into <paramref name="result"/>.</summary>
    public static void Run(string mode, Dictionary<string, object?> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (mode)
        {
            case "level3-report":
                Report(result);
                break;
            case "level3-matrix":
                Report(result);
                result["matrix"] = Matrix(Environment.GetEnvironmentVariable("LEVEL3_MATRIX") ?? "quick");
                break;
            case "level3-concurrency":
                Report(result);
                Concurrency(result);
                break;
            case "level3-threads":
                Threads(result);
                break;
            case "level3-matmul":
                Report(result);
                result["matmul"] = Matmul();
                break;
            default:
                result["error"] = $"unknown mode {mode}";
                break;
        }
    }

    private static void Report(Dictionary<string, object?> result)
    {
        result["setting"] = Level3Providers.Setting;
        result["subconfig"] = Level3Providers.BlisSubconfiguration;
        result["describe"] = Level3Providers.Describe().ToDictionary(kv => kv.Key, kv => kv.Value);
        var providers = new Dictionary<string, string>();
        foreach (string r in Routines)
        {
            foreach (int n in new[] { 4, 64, 256, 1001 }) providers[$"{r}:{n}"] = Level3Providers.ProviderFor(r, n, n, n);
        }
        result["providers"] = providers;
        result["avx512f"] = System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
        result["show_config"] = np.show_config("dicts") is { } d && d.TryGetValue("Level 3", out object? l3) ? l3 : null;
    }

    /// <summary>np.config.num_threads reaches BLIS's own global count.</summary>
    private static void Threads(Dictionary<string, object?> result)
    {
        Report(result);
        nint blis = NativeLibrary.Load("/usr/lib/x86_64-linux-gnu/blis-pthread/libblis.so.4");
        var get = (delegate* unmanaged<long>)NativeLibrary.GetExport(blis, "bli_thread_get_num_threads");
        result["blis_initial"] = get();
        np.config.num_threads = 1;
        result["blis_after_1"] = get();
        np.config.num_threads = 3;
        result["blis_after_3"] = get();
    }

    // ---- the correctness matrix ----

    private readonly record struct Problem(int Routine, int Order, int Ta, int Tb, int M, int N, int K, int Ld, int AlphaBeta);

    /// <summary>
    /// Every routine × transpose combination × size (1…17, 63, 64, 65, 255, 1001) × alpha/beta special value, both
    /// storage orders, leading dimensions larger than the rows; <paramref name="scope"/> "quick" keeps sizes ≤ 65.
    /// </summary>
    private static Dictionary<string, object?> Matrix(string scope)
    {
        int[] sizes = [.. Enumerable.Range(1, 17), 63, 64, 65, 255, 1001];
        if (scope == "quick") sizes = [.. sizes.Where(s => s <= 65)];
        var failures = new List<string>();
        var served = new Dictionary<string, int>();
        int count = 0;
        var rng = new Random(424242);
        for (int t = 0; t < 4; t++)
        {
            int[] trans = t >= 2 ? [NoTrans, Trans, ConjTrans] : [NoTrans, Trans];
            int q = 0;
            foreach (int ta in trans)
            {
                foreach (int tb in trans)
                {
                    foreach (int s in sizes)
                    {
                        // Square, and a skewed shape (k ≠ m ≠ n) for the small sizes.
                        var shapes = new List<(int, int, int)> { (s, s, s) };
                        if (s <= 65) shapes.Add((s, s + 3, Math.Max(1, s - 1)));
                        if (s == 255) shapes.Add((255, 64, 257));
                        foreach (var (m, n, k) in shapes)
                        {
                            // Large problems: one alpha/beta setting each (cycled), small ones all four.
                            IEnumerable<int> abs = s >= 255 ? [q % 4] : [0, 1, 2, 3];
                            foreach (int ab in abs)
                            {
                                var p = new Problem(t, (q + ab + s) % 2 == 0 ? ColMajor : RowMajor, ta, tb, m, n, k, 1 + (s + ab) % 5, ab);
                                string provider = Level3Providers.ProviderFor(Routines[t], m, n, k);
                                served[$"{Routines[t]} {provider}"] = served.GetValueOrDefault($"{Routines[t]} {provider}") + 1;
                                count++;
                                string? f = Check(p, rng);
                                if (f is not null && failures.Count < 20) failures.Add(f);
                            }
                        }
                    }
                    q++;
                }
            }
        }
        return new() { ["problems"] = count, ["failures"] = failures, ["served"] = served };
    }

    /// <summary>alpha/beta settings: 0: alpha 1, beta 0 over NaN; 1: general complex-ish; 2: alpha 0 (C = beta C); 3: beta 1.</summary>
    private static (double Ar, double Ai, double Br, double Bi) AlphaBeta(int ab, bool complex) => ab switch
    {
        0 => (1, 0, 0, 0),
        1 => (-0.75, complex ? 0.5 : 0, 0.5, complex ? -0.25 : 0),
        2 => (0, 0, 2, 0),
        _ => (1.5, 0, 1, 0),
    };

    private static string? Check(Problem p, Random rng)
    {
        int t = p.Routine;
        bool complex = t >= 2, single = t is 0 or 2, col = p.Order == ColMajor;
        int es = t switch { 0 => 4, 1 => 8, 2 => 8, _ => 16 }, parts = complex ? 2 : 1;
        int ra = p.Ta == NoTrans ? p.M : p.K, ca = p.Ta == NoTrans ? p.K : p.M;
        int rb = p.Tb == NoTrans ? p.K : p.N, cb = p.Tb == NoTrans ? p.N : p.K;
        int lda = (col ? ra : ca) + p.Ld, ldb = (col ? rb : cb) + p.Ld + 1, ldc = (col ? p.M : p.N) + p.Ld;
        long na = (long)lda * (col ? ca : ra), nb = (long)ldb * (col ? cb : rb), nc = (long)ldc * (col ? p.N : p.M);

        double[] a = Random(na * parts, rng), b = Random(nb * parts, rng);
        var (ar, ai, br, bi) = AlphaBeta(p.AlphaBeta, complex);
        double[] c0 = p.AlphaBeta == 0 ? [.. Enumerable.Repeat(double.NaN, (int)(nc * parts))] : Random(nc * parts, rng);
        // Bound |alpha|·|A||B| + |beta|·|C| from the moduli, through the reference dgemm.
        double[] ma = Moduli(a, parts), mb = Moduli(b, parts), bound = new double[nc];
        int rta = p.Ta == NoTrans ? NoTrans : Trans, rtb = p.Tb == NoTrans ? NoTrans : Trans;
        fixed (double* pma = ma, pmb = mb, pbound = bound)
        {
            Cblas.cblas_dgemm(p.Order, rta, rtb, p.M, p.N, p.K, 1.0, pma, lda, pmb, ldb, 0.0, pbound, ldc);
        }

        byte[] A = Pack(a, single), B = Pack(b, single), cRef = Pack(c0, single), cGot = Pack(c0, single);
        byte* alpha = stackalloc byte[16], beta = stackalloc byte[16];
        Scalar(alpha, ar, ai, single, complex);
        Scalar(beta, br, bi, single, complex);
        fixed (byte* pa = A, pb = B, pr = cRef, pg = cGot)
        {
            switch (t)
            {
                case 0:
                    Cblas.cblas_sgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, *(float*)alpha, (float*)pa, lda, (float*)pb, ldb, *(float*)beta, (float*)pr, ldc);
                    Gemm.sgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, *(float*)alpha, (float*)pa, lda, (float*)pb, ldb, *(float*)beta, (float*)pg, ldc);
                    break;
                case 1:
                    Cblas.cblas_dgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, *(double*)alpha, (double*)pa, lda, (double*)pb, ldb, *(double*)beta, (double*)pr, ldc);
                    Gemm.dgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, *(double*)alpha, (double*)pa, lda, (double*)pb, ldb, *(double*)beta, (double*)pg, ldc);
                    break;
                case 2:
                    Cblas.cblas_cgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, alpha, pa, lda, pb, ldb, beta, pr, ldc);
                    Gemm.cgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, alpha, pa, lda, pb, ldb, beta, pg, ldc);
                    break;
                default:
                    Cblas.cblas_zgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, alpha, pa, lda, pb, ldb, beta, pr, ldc);
                    Gemm.zgemm(p.Order, p.Ta, p.Tb, p.M, p.N, p.K, alpha, pa, lda, pb, ldb, beta, pg, ldc);
                    break;
            }
        }

        double eps = single ? 1.1920928955078125e-7 : 2.220446049250313e-16;
        double tol = (complex ? 8 : 4) * (p.K + 2) * eps;
        double absAlpha = Math.Sqrt(ar * ar + ai * ai), absBeta = Math.Sqrt(br * br + bi * bi);
        double[] got = Unpack(cGot, single), want = Unpack(cRef, single);
        int outer = col ? p.N : p.M, inner = col ? p.M : p.N;
        for (int i = 0; i < outer; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                long idx = (long)i * ldc + j;
                if (j >= inner)
                {
                    for (int x = 0; x < parts; x++)
                    {
                        if (BitConverter.DoubleToInt64Bits(got[idx * parts + x]) != BitConverter.DoubleToInt64Bits(want[idx * parts + x]))
                        {
                            return $"{Name(p)}: padding at {idx} changed";
                        }
                    }
                    continue;
                }
                double gr = got[idx * parts], gi = complex ? got[idx * parts + 1] : 0;
                double wr = want[idx * parts], wi = complex ? want[idx * parts + 1] : 0;
                double cr = p.AlphaBeta == 0 ? 0 : c0[idx * parts], ci = p.AlphaBeta == 0 || !complex ? 0 : c0[idx * parts + 1];
                if (double.IsNaN(wr) || double.IsNaN(gr) || double.IsNaN(wi) || double.IsNaN(gi))
                {
                    return $"{Name(p)}: NaN at C[{(col ? j : i)},{(col ? i : j)}] (reference {wr},{wi}; got {gr},{gi})";
                }
                double limit = tol * (absAlpha * bound[idx] + absBeta * Math.Sqrt(cr * cr + ci * ci)) + 1e-300;
                double diff = Math.Sqrt((gr - wr) * (gr - wr) + (gi - wi) * (gi - wi));
                if (!(diff <= limit))
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{Name(p)}: C[{(col ? j : i)},{(col ? i : j)}] = ({gr:R},{gi:R}), reference ({wr:R},{wi:R}), allowed {limit:G3}");
                }
            }
        }
        return null;
    }

    private static string Name(Problem p)
    {
        static string T(int x) => x switch { NoTrans => "N", Trans => "T", _ => "C" };
        return $"{Routines[p.Routine]} {(p.Order == ColMajor ? "col" : "row")} {T(p.Ta)}{T(p.Tb)} m={p.M} n={p.N} k={p.K} ld+{p.Ld} ab#{p.AlphaBeta} via {Level3Providers.ProviderFor(Routines[p.Routine], p.M, p.N, p.K)}";
    }

    private static double[] Random(long n, Random rng)
    {
        var x = new double[n];
        for (long i = 0; i < n; i++) x[i] = rng.NextDouble() * 2 - 1;
        return x;
    }

    private static double[] Moduli(double[] x, int parts)
    {
        var m = new double[x.Length / parts];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = parts == 1 ? Math.Abs(x[i]) : Math.Sqrt(x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1]);
        }
        return m;
    }

    private static byte[] Pack(double[] x, bool single)
    {
        if (!single) return MemoryMarshal.AsBytes(x.AsSpan()).ToArray();
        var f = new float[x.Length];
        for (int i = 0; i < x.Length; i++) f[i] = (float)x[i];
        // The float-rounded values are the inputs: write them back so the bound uses exactly what was multiplied.
        for (int i = 0; i < x.Length; i++) x[i] = f[i];
        return MemoryMarshal.AsBytes(f.AsSpan()).ToArray();
    }

    private static double[] Unpack(byte[] bytes, bool single)
    {
        if (!single) return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        ReadOnlySpan<float> f = MemoryMarshal.Cast<byte, float>(bytes);
        var x = new double[f.Length];
        for (int i = 0; i < f.Length; i++) x[i] = f[i];
        return x;
    }

    private static void Scalar(byte* p, double re, double im, bool single, bool complex)
    {
        if (single)
        {
            ((float*)p)[0] = (float)re;
            if (complex) ((float*)p)[1] = (float)im;
        }
        else
        {
            ((double*)p)[0] = re;
            if (complex) ((double*)p)[1] = im;
        }
    }

    // ---- np.matmul: the kernel library reaches the provider through nk_blas_table ----

    /// <summary>
    /// np.matmul through nk_matmul, whose gemm calls go through the kernel table (the dispatching entry point when
    /// BLIS may serve the routine): single problems, and batches of small ones that nk_matmul spreads over an OpenMP
    /// loop, so the dispatch is also entered from OpenMP worker threads. Checked against a plain triple loop.
    /// </summary>
    private static List<string> Matmul()
    {
        var failures = new List<string>();
        var rng = new Random(11);
        foreach (var (batch, m, k, n) in new[] { (1, 48, 56, 60), (1, 130, 70, 90), (16, 40, 40, 40), (6, 64, 33, 17) })
        {
            double[] ad = Random((long)batch * m * k, rng), bd = Random((long)batch * k * n, rng);
            string? f = CheckMatmul<float>(batch, m, k, n, ad, bd, x => (float)x, x => x, 1e-4);
            if (f is not null) failures.Add($"float32 {batch}x{m}x{k}x{n}: {f}");
            f = CheckMatmul<double>(batch, m, k, n, ad, bd, x => x, x => x, 1e-12);
            if (f is not null) failures.Add($"float64 {batch}x{m}x{k}x{n}: {f}");
            f = CheckMatmul<System.Numerics.Complex>(batch, m, k, n, ad, bd, x => new System.Numerics.Complex(x, -x / 2), x => x.Real, 1e-12);
            if (f is not null) failures.Add($"complex128 {batch}x{m}x{k}x{n}: {f}");
        }
        return failures;
    }

    private static string? CheckMatmul<T>(int batch, int m, int k, int n, double[] ad, double[] bd, Func<double, T> make, Func<T, double> re, double tol)
        where T : unmanaged
    {
        var a = new T[batch, m, k];
        var b = new T[batch, k, n];
        for (int p = 0; p < batch; p++)
        {
            for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) a[p, i, j] = make(ad[((long)p * m + i) * k + j]);
            for (int i = 0; i < k; i++) for (int j = 0; j < n; j++) b[p, i, j] = make(bd[((long)p * k + i) * n + j]);
        }
        T[] got = np.matmul(np.array(a), np.array(b)).ToArray<T>();
        for (int p = 0; p < batch; p++)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    // The real part of the product (imaginary parts are tied to it by construction: (x - ix/2)(y - iy/2)).
                    double want = 0, scale = 0;
                    for (int q = 0; q < k; q++)
                    {
                        double x = re(a[p, i, q]), y = re(b[p, q, j]);
                        double term = typeof(T) == typeof(System.Numerics.Complex) ? x * y * 0.75 : x * y;
                        want += term;
                        scale += Math.Abs(term);
                    }
                    double g = re(got[((long)p * m + i) * n + j]);
                    if (!(Math.Abs(g - want) <= tol * (scale + 1)))
                    {
                        return $"C[{p},{i},{j}] = {g}, want {want}";
                    }
                }
            }
        }
        return null;
    }

    // ---- concurrency: many callers, one thread budget ----

    /// <summary>
    /// 16 threads call Gemm.dgemm at once on problems BLIS would thread; the number of OS threads in the process
    /// (sampled from /proc/self/task) must stay near callers + num_threads, never callers × num_threads.
    /// </summary>
    private static void Concurrency(Dictionary<string, object?> result)
    {
        const int callers = 16, n = 384, rounds = 3;
        int before = Directory.GetDirectories("/proc/self/task").Length;
        var a = new double[n * n];
        var b = new double[n * n];
        var rng = new Random(7);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rng.NextDouble();
            b[i] = rng.NextDouble();
        }
        var reference = new double[n * n];
        fixed (double* pa = a, pb = b, pr = reference) Cblas.cblas_dgemm(ColMajor, NoTrans, NoTrans, n, n, n, 1, pa, n, pb, n, 0, pr, n);

        int maxThreads = before;
        using var done = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                int now = Directory.GetDirectories("/proc/self/task").Length;
                if (now > Volatile.Read(ref maxThreads)) Volatile.Write(ref maxThreads, now);
                Thread.Sleep(1);
            }
        });
        sampler.Start();
        var errors = new int[callers];
        using var start = new Barrier(callers);
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, callers).Select(w => new Thread(() =>
        {
            var c = new double[n * n];
            start.SignalAndWait();
            for (int r = 0; r < rounds; r++)
            {
                fixed (double* pa = a, pb = b, pc = c) Gemm.dgemm(ColMajor, NoTrans, NoTrans, n, n, n, 1, pa, n, pb, n, 0, pc, n);
                for (int i = 0; i < c.Length; i++)
                {
                    if (Math.Abs(c[i] - reference[i]) > 1e-9 * n) errors[w]++;
                }
            }
        })).ToArray();
        foreach (Thread w in workers) w.Start();
        foreach (Thread w in workers) w.Join();
        sw.Stop();
        done.Cancel();
        sampler.Join();
        result["threads_before"] = before;
        result["threads_max"] = maxThreads;
        result["callers"] = callers;
        result["num_threads"] = np.config.num_threads;
        result["wrong_elements"] = errors.Sum();
        result["seconds"] = sw.Elapsed.TotalSeconds;
        result["provider_384"] = Level3Providers.ProviderFor("dgemm", n, n, n);
    }
}
