using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Numerics.Native.Interop.Level3;

/// <summary>
/// Before BLIS serves a routine in this process, its answers are compared with OpenBLAS's (the backend) on small
/// random problems: every transpose combination (with conjugate-transpose for complex), both storage orders, odd and
/// degenerate sizes, leading dimensions larger than the rows, alpha/beta special values (beta = 0 over NaN must not
/// leak NaN), one problem past BLIS's small-matrix ("sup") thresholds so its packed path runs, and one on two BLIS
/// threads (when the process allows BLIS more than one). Elements must agree within the forward error bound of a dot product,
/// |Δc| ≤ f·(k+2)·ε·(|α|·(|A||B|) + |β|·|C|), and padding beyond each row/column of C must be untouched.
/// </summary>
internal static unsafe class Level3SelfCheck
{
    private const int RowMajor = 101, ColMajor = 102, NoTrans = 111, Trans = 112, ConjTrans = 113;

    private readonly record struct Problem(int Order, int Ta, int Tb, int M, int N, int K, int AlphaBeta, int Threads);

    /// <summary>Runs the check; null when BLIS agrees everywhere, else the first disagreement.</summary>
    internal static string? Run(int t, nint openBlas, nint blis, nint openBlasDgemm, int threads, out int problems)
    {
        problems = 0;
        var rng = new Random(20260113 + t);
        foreach (Problem p in Problems(t, threads))
        {
            problems++;
            string? failure = RunOne(t, openBlas, blis, openBlasDgemm, p, rng);
            if (failure is not null) return failure;
        }
        return null;
    }

    private static IEnumerable<Problem> Problems(int t, int threads)
    {
        int[] trans = Routine.IsComplex(t) ? [NoTrans, Trans, ConjTrans] : [NoTrans, Trans];
        // m == k squares (16) catch a transposed A; 1-wide shapes hit BLIS's vector special cases.
        (int M, int N, int K)[] small = [(1, 1, 1), (1, 7, 5), (7, 1, 5), (7, 5, 1), (3, 5, 7), (17, 13, 11), (16, 16, 16), (33, 29, 31)];
        int q = 0;
        foreach (int ta in trans)
        {
            foreach (int tb in trans)
            {
                for (int i = 0; i < small.Length; i++)
                {
                    yield return new Problem((i + q) % 2 == 0 ? ColMajor : RowMajor, ta, tb, small[i].M, small[i].N, small[i].K, (i + q) % 3, 1);
                }
                q++;
            }
        }
        // Past the sup thresholds of every x86 sub-configuration for s/d (zen3: m ≥ 512 for s, 256 for d; k > KC so
        // C is accumulated across k-panels); complex types have no sup path.
        (int M, int N, int K) large = t switch
        {
            Routine.S => (515, 203, 300),
            Routine.D => (259, 261, 301),
            _ => (131, 133, 263),
        };
        yield return new Problem(ColMajor, NoTrans, NoTrans, large.M, large.N, large.K, 0, 1);
        yield return new Problem(RowMajor, Trans, Routine.IsComplex(t) ? ConjTrans : NoTrans, large.M, large.N, large.K, 1, 1);
        // BLIS's threaded partitioning, when this process lets BLIS thread at all. Mid-sized: BLIS threads meet at
        // spinning barriers, and on an oversubscribed machine a large 2-thread problem costs 100-200 ms of CPU
        // (measured on the 2-core build machine at load 20) for no extra coverage.
        if (threads > 1)
        {
            int s = Routine.IsComplex(t) ? 67 : 131;
            yield return new Problem(ColMajor, Trans, NoTrans, s, s + 2, s + 4, 2, 2);
        }
    }

    // Runs once per process over ~10⁵ elements: compiled optimised at once, not as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? RunOne(int t, nint openBlas, nint blis, nint dgemm, Problem p, Random rng)
    {
        bool col = p.Order == ColMajor;
        int es = Routine.ElementSize[t];
        bool complex = Routine.IsComplex(t);
        // Stored shapes: op(A) is m x k, so A is m x k or k x m; leading dimension 3 past the minimum.
        int ra = p.Ta == NoTrans ? p.M : p.K, ca = p.Ta == NoTrans ? p.K : p.M;
        int rb = p.Tb == NoTrans ? p.K : p.N, cb = p.Tb == NoTrans ? p.N : p.K;
        int lda = (col ? ra : ca) + 3, ldb = (col ? rb : cb) + 3, ldc = (col ? p.M : p.N) + 3;
        long na = (long)lda * (col ? ca : ra), nb = (long)ldb * (col ? cb : rb), nc = (long)ldc * (col ? p.N : p.M);

        byte* a = Alloc(na * es), b = Alloc(nb * es), c0 = Alloc(nc * es), cRef = Alloc(nc * es), cBlis = Alloc(nc * es);
        double* absA = (double*)Alloc(na * 8), absB = (double*)Alloc(nb * 8), bound = (double*)Alloc(nc * 8);
        try
        {
            Fill(t, a, na, rng, absA);
            Fill(t, b, nb, rng, absB);
            bool nanC = p.AlphaBeta == 0;
            if (nanC)
            {
                for (long i = 0; i < nc * es / (t is Routine.S or Routine.C ? 4 : 8); i++)
                {
                    if (t is Routine.S or Routine.C) ((float*)c0)[i] = float.NaN;
                    else ((double*)c0)[i] = double.NaN;
                }
            }
            else
            {
                Fill(t, c0, nc, rng, null);
            }
            byte* alpha = stackalloc byte[16], beta = stackalloc byte[16];
            double alphaRe = p.AlphaBeta switch { 0 => 1, 1 => -0.5, _ => 2 }, alphaIm = p.AlphaBeta == 1 && complex ? 0.25 : 0;
            double betaRe = p.AlphaBeta switch { 0 => 0, 1 => 0.75, _ => 1 }, betaIm = p.AlphaBeta == 1 && complex ? -0.5 : 0;
            SetScalar(t, alpha, alphaRe, alphaIm);
            SetScalar(t, beta, betaRe, betaIm);

            Buffer.MemoryCopy(c0, cRef, nc * es, nc * es);
            Buffer.MemoryCopy(c0, cBlis, nc * es, nc * es);
            Level3Dispatch.CallOpenBlas(t, openBlas, p.Order, p.Ta, p.Tb, p.M, p.N, p.K, alpha, a, lda, b, ldb, beta, cRef, ldc);
            Level3Dispatch.CallBlis(t, blis, p.Threads, p.Order, p.Ta, p.Tb, p.M, p.N, p.K, alpha, a, lda, b, ldb, beta, cBlis, ldc);

            // |A||B| through OpenBLAS's dgemm on the moduli (conjugation does not change them).
            int ta = p.Ta == NoTrans ? NoTrans : Trans, tb = p.Tb == NoTrans ? NoTrans : Trans;
            ((delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm)(
                p.Order, ta, tb, p.M, p.N, p.K, 1.0, absA, lda, absB, ldb, 0.0, bound, ldc);

            double eps = t is Routine.S or Routine.C ? MathF.BitIncrement(1f) - 1f : Math.BitIncrement(1d) - 1d;
            double tolerance = (complex ? 8 : 4) * (p.K + 2) * eps;
            double absAlpha = Math.Sqrt(alphaRe * alphaRe + alphaIm * alphaIm), absBeta = Math.Sqrt(betaRe * betaRe + betaIm * betaIm);
            for (int i = 0; i < (col ? p.N : p.M); i++)
            {
                for (int j = 0; j < ldc; j++)
                {
                    long idx = (long)i * ldc + j;
                    bool inside = j < (col ? p.M : p.N);
                    if (!inside)
                    {
                        if (!new ReadOnlySpan<byte>(cBlis + idx * es, es).SequenceEqual(new ReadOnlySpan<byte>(c0 + idx * es, es)))
                        {
                            return Describe(t, p, $"BLIS wrote padding at offset {idx} past the end of a {(col ? "column" : "row")}");
                        }
                        continue;
                    }
                    var (rr, ri) = Get(t, cRef, idx);
                    var (br, bi) = Get(t, cBlis, idx);
                    var (cr, ci) = nanC ? (0d, 0d) : Get(t, c0, idx);
                    double limit = tolerance * (absAlpha * bound[idx] + absBeta * Math.Sqrt(cr * cr + ci * ci)) + 1e-300;
                    double diff = Math.Sqrt((rr - br) * (rr - br) + (ri - bi) * (ri - bi));
                    if (!(diff <= limit))
                    {
                        int row = col ? j : i, column = col ? i : j;
                        return Describe(t, p, string.Create(CultureInfo.InvariantCulture,
                            $"C[{row},{column}] = {Show(br, bi, complex)} from BLIS, {Show(rr, ri, complex)} from OpenBLAS (allowed difference {limit:G3})"));
                    }
                }
            }
            return null;
        }
        finally
        {
            foreach (nint x in new[] { (nint)a, (nint)b, (nint)c0, (nint)cRef, (nint)cBlis, (nint)absA, (nint)absB, (nint)bound })
            {
                NativeMemory.AlignedFree((void*)x);
            }
        }
    }

    private static string Describe(int t, Problem p, string what)
    {
        static string T(int x) => x switch { NoTrans => "N", Trans => "T", _ => "C" };
        return string.Create(CultureInfo.InvariantCulture,
            $"{Routine.Names[t]} {(p.Order == ColMajor ? "col" : "row")}-major {T(p.Ta)}{T(p.Tb)} m={p.M} n={p.N} k={p.K} " +
            $"{(p.AlphaBeta == 0 ? "beta=0 over NaN" : p.AlphaBeta == 1 ? "alpha,beta general" : "alpha=2 beta=1")}" +
            $"{(p.Threads > 1 ? $" on {p.Threads} threads" : "")}: {what}");
    }

    private static string Show(double re, double im, bool complex) =>
        complex ? string.Create(CultureInfo.InvariantCulture, $"({re:R}, {im:R})") : re.ToString("R", CultureInfo.InvariantCulture);

    private static byte* Alloc(long bytes) => (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 64), 64);

    /// <summary>Uniform values in [-1, 1); <paramref name="moduli"/> gets each element's modulus.</summary>
    // Runs once per process over ~10⁵ elements: compiled optimised at once, not as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(int t, byte* p, long count, Random rng, double* moduli)
    {
        for (long i = 0; i < count; i++)
        {
            double re = rng.NextDouble() * 2 - 1, im = Routine.IsComplex(t) ? rng.NextDouble() * 2 - 1 : 0;
            switch (t)
            {
                case Routine.S: ((float*)p)[i] = (float)re; re = ((float*)p)[i]; break;
                case Routine.D: ((double*)p)[i] = re; break;
                case Routine.C:
                    ((float*)p)[2 * i] = (float)re;
                    ((float*)p)[2 * i + 1] = (float)im;
                    re = ((float*)p)[2 * i];
                    im = ((float*)p)[2 * i + 1];
                    break;
                default:
                    ((double*)p)[2 * i] = re;
                    ((double*)p)[2 * i + 1] = im;
                    break;
            }
            if (moduli != null) moduli[i] = Math.Sqrt(re * re + im * im);
        }
    }

    private static void SetScalar(int t, byte* p, double re, double im)
    {
        switch (t)
        {
            case Routine.S: *(float*)p = (float)re; break;
            case Routine.D: *(double*)p = re; break;
            case Routine.C: ((float*)p)[0] = (float)re; ((float*)p)[1] = (float)im; break;
            default: ((double*)p)[0] = re; ((double*)p)[1] = im; break;
        }
    }

    private static (double Re, double Im) Get(int t, byte* p, long i) => t switch
    {
        Routine.S => (((float*)p)[i], 0),
        Routine.D => (((double*)p)[i], 0),
        Routine.C => (((float*)p)[2 * i], ((float*)p)[2 * i + 1]),
        _ => (((double*)p)[2 * i], ((double*)p)[2 * i + 1]),
    };
}
