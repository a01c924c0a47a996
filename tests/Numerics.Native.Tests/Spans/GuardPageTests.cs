using System.Numerics;
using Numerics.Native.Interop;

namespace Numerics.Native.Tests.Spans;

/// <summary>
/// Every array handed to the native routine is exactly as long as the size rules say, and ends where a PROT_NONE
/// page begins (<see cref="GuardedBuffer{T}"/>). A rule that is too tight would let OpenBLAS/LAPACK read past the end
/// and fault the test process; these calls passing is the proof that the minimum lengths are true. Leading
/// dimensions larger than the rows make the last column end early, the case where a careless kernel reads a full
/// column. The span one element shorter must be refused before any native code runs.
/// </summary>
[TestFixture]
public sealed unsafe class GuardPageTests
{
    private const int Row = 101, Col = 102, NoTrans = 111, Trans = 112, ConjTrans = 113, Upper = 121, Lower = 122;
    private const int NonUnit = 131, Left = 141, Right = 142;

    private readonly List<IDisposable> _buffers = [];
    private Random _rng = null!;

    [SetUp]
    public void NewRandom() => _rng = new Random(20240611);

    [TearDown]
    public void Unmap()
    {
        foreach (IDisposable b in _buffers)
            b.Dispose();
        _buffers.Clear();
    }

    /// <summary>A guarded, randomly filled array of exactly <paramref name="count"/> elements.</summary>
    private Span<TElem> G<TElem>(long count) where TElem : unmanaged
    {
        var b = new GuardedBuffer<TElem>(checked((int)count)).Fill(_rng);
        _buffers.Add(b);
        return b.Span;
    }

    /// <summary>As <see cref="G{TElem}"/>, with the PROT_NONE page right before the first element.</summary>
    private Span<TElem> Front<TElem>(long count) where TElem : unmanaged
    {
        var b = new GuardedBuffer<TElem>(checked((int)count), guardBefore: true).Fill(_rng);
        _buffers.Add(b);
        return b.Span;
    }

    private static long Ge(int layout, int rows, int cols, int ld) =>
        rows == 0 || cols == 0 ? 0 : layout == Col ? (long)ld * (cols - 1) + rows : (long)ld * (rows - 1) + cols;

    [Test]
    public void TheGuardPageIsReallyProtNone()
    {
        using var b = new GuardedBuffer<double>(1000);
        Assert.That(b.GuardPermissions(), Is.EqualTo("---p"));
        Assert.That((nint)(b.Pointer + b.Count), Is.EqualTo(b.Guard), "the last element ends at the guard page");
    }

    [Test]
    public void Level1RoutinesReadNoFurtherThanTheirVectors([Values(1, 2, -3)] int inc)
    {
        const int n = 777;
        long len = 1 + (n - 1L) * Math.Abs(inc);
        Span<double> x = G<double>(len), y = G<double>(len);
        Cblas.cblas_daxpy(n, 0.5, x, inc, y, inc);
        Assert.That(double.IsFinite(Cblas.cblas_ddot(n, x, inc, y, inc)));
        Assert.That(double.IsFinite(Cblas.cblas_dnrm2(n, x, inc)));
        Assert.That(double.IsFinite(Cblas.cblas_dasum(n, x, inc)));
        Cblas.cblas_dscal(n, 2.0, y, inc);
        Cblas.cblas_dcopy(n, x, inc, y, inc);
        Cblas.cblas_dswap(n, x, inc, y, inc);
        Cblas.cblas_drot(n, x, inc, y, inc, 0.6, 0.8);
        Cblas.cblas_drotm(n, x, inc, y, inc, G<double>(5));
        _ = Cblas.cblas_idamax(n, x, inc);

        Span<Complex> zx = G<Complex>(len), zy = G<Complex>(len);
        Cblas.cblas_zaxpy(n, new Complex(0.5, -0.25), zx, inc, zy, inc);
        Cblas.cblas_zdotc_sub(n, zx, inc, zy, inc, out Complex dot);
        Assert.That(double.IsFinite(dot.Real));
        Cblas.cblas_zdscal(n, 0.5, zy, inc);
        Span<ComplexFloat> cx = G<ComplexFloat>(len), cy = G<ComplexFloat>(len);
        Cblas.cblas_caxpy(n, new ComplexFloat(1, 1), cx, inc, cy, inc);
        Assert.That(float.IsFinite(Cblas.cblas_scnrm2(n, cx, inc)));

        Assert.Throws<ArgumentException>(() => Cblas.cblas_daxpy(n, 0.5, new double[len - 1], inc, new double[len], inc));
    }

    [Test]
    public void GemvAndGerReadNoFurtherThanTheirMatrices([Values(Col, Row)] int layout, [Values(NoTrans, Trans)] int trans)
    {
        const int m = 37, n = 23;
        int lda = (layout == Col ? m : n) + 5;
        int xLen = trans == NoTrans ? n : m, yLen = trans == NoTrans ? m : n;
        Cblas.cblas_dgemv(layout, trans, m, n, 1.0, G<double>(Ge(layout, m, n, lda)), lda, G<double>(1 + (xLen - 1) * 2L), 2,
            0.5, G<double>(yLen), 1);
        Cblas.cblas_zgemv(layout, trans + (trans == Trans ? 1 : 0), m, n, Complex.One, G<Complex>(Ge(layout, m, n, lda)), lda,
            G<Complex>(xLen), 1, Complex.Zero, G<Complex>(yLen), 1);
        Cblas.cblas_dger(layout, m, n, 1.0, G<double>(m), 1, G<double>(n), 1, G<double>(Ge(layout, m, n, lda)), lda);

        var a = new double[Ge(layout, m, n, lda) - 1];
        Assert.Throws<ArgumentException>(() => Cblas.cblas_dgemv(layout, trans, m, n, 1.0, a, lda, new double[xLen], 1, 0.0, new double[yLen], 1));
    }

    [Test]
    public void BandPackedAndTriangularLevel2RoutinesReadNoFurtherThanTheirStorage([Values(Col, Row)] int layout)
    {
        const int n = 41, k = 3, kl = 2, ku = 4, m = 30;
        int lda = k + 1 + 2;
        Cblas.cblas_dtbmv(layout, Upper, NoTrans, NonUnit, n, k, G<double>((long)lda * (n - 1) + k + 1), lda, G<double>(n), 1);
        Cblas.cblas_dtbsv(layout, Lower, Trans, NonUnit, n, k, Shifted(G<double>((long)lda * (n - 1) + k + 1), 4.0), lda, G<double>(n), 1);
        Cblas.cblas_dsbmv(layout, Upper, n, k, 1.0, G<double>((long)lda * (n - 1) + k + 1), lda, G<double>(n), 1, 0.0, G<double>(n), 1);
        int bands = kl + ku + 1, ldb = bands + 1;
        long gb = (long)ldb * ((layout == Col ? n : m) - 1) + bands;
        Cblas.cblas_dgbmv(layout, NoTrans, m, n, kl, ku, 1.0, G<double>(gb), ldb, G<double>(n), 1, 0.0, G<double>(m), 1);
        Cblas.cblas_dgbmv(layout, Trans, m, n, kl, ku, 1.0, G<double>(gb), ldb, G<double>(m), 1, 0.0, G<double>(n), 1);
        Cblas.cblas_zgbmv(layout, ConjTrans, m, n, kl, ku, Complex.One, G<Complex>(gb), ldb, G<Complex>(m), 1, Complex.Zero, G<Complex>(n), 1);
        long packed = (long)n * (n + 1) / 2;
        Cblas.cblas_dtpmv(layout, Upper, Trans, NonUnit, n, G<double>(packed), G<double>(n), 1);
        Cblas.cblas_dspmv(layout, Lower, n, 1.0, G<double>(packed), G<double>(n), 1, 0.0, G<double>(n), 1);
        Cblas.cblas_dspr(layout, Upper, n, 1.0, G<double>(n), 1, G<double>(packed));
        Cblas.cblas_zhpr2(layout, Lower, n, Complex.One, G<Complex>(n), 1, G<Complex>(n), 1, G<Complex>(packed));
        int ldt = n + 3;
        Cblas.cblas_dtrmv(layout, Lower, NoTrans, NonUnit, n, G<double>(Ge(layout, n, n, ldt)), ldt, G<double>(n), 1);
        Cblas.cblas_dsymv(layout, Upper, n, 1.0, G<double>(Ge(layout, n, n, ldt)), ldt, G<double>(n), 1, 0.0, G<double>(n), 1);
        Cblas.cblas_zher2(layout, Upper, n, Complex.One, G<Complex>(n), 1, G<Complex>(n), 1, G<Complex>(Ge(layout, n, n, ldt)), ldt);

        Assert.Throws<ArgumentException>(() => Cblas.cblas_dtpmv(layout, Upper, Trans, NonUnit, n, new double[packed - 1], new double[n], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cblas.cblas_dtbmv(layout, Upper, NoTrans, NonUnit, n, k, new double[1000], k, new double[n], 1));
    }

    /// <summary>Adds <paramref name="shift"/> to every element: keeps triangular solves away from tiny pivots.</summary>
    private static Span<double> Shifted(Span<double> a, double shift)
    {
        foreach (ref double x in a)
            x += shift;
        return a;
    }

    [Test]
    public void GemmReadsNoFurtherThanItsMatrices([Values(Col, Row)] int layout, [Values(NoTrans, Trans)] int ta,
        [Values(NoTrans, ConjTrans)] int tb, [Values(1, 64, 300)] int size)
    {
        int m = size, n = size + 3, k = size / 2 + 1;
        (int ar, int ac) = ta == NoTrans ? (m, k) : (k, m);
        (int br, int bc) = tb == NoTrans ? (k, n) : (n, k);
        int lda = (layout == Col ? ar : ac) + 7, ldb = (layout == Col ? br : bc) + 1, ldc = (layout == Col ? m : n) + 2;
        Cblas.cblas_dgemm(layout, ta, tb, m, n, k, 1.0, G<double>(Ge(layout, ar, ac, lda)), lda, G<double>(Ge(layout, br, bc, ldb)), ldb,
            0.5, G<double>(Ge(layout, m, n, ldc)), ldc);
        Cblas.cblas_zgemm(layout, ta, tb, m, n, k, Complex.One, G<Complex>(Ge(layout, ar, ac, lda)), lda, G<Complex>(Ge(layout, br, bc, ldb)), ldb,
            Complex.Zero, G<Complex>(Ge(layout, m, n, ldc)), ldc);
        Cblas.cblas_sgemm(layout, ta, tb, m, n, k, 1f, G<float>(Ge(layout, ar, ac, lda)), lda, G<float>(Ge(layout, br, bc, ldb)), ldb,
            0f, G<float>(Ge(layout, m, n, ldc)), ldc);

        double[] a = new double[Ge(layout, ar, ac, lda) - 1], b = new double[Ge(layout, br, bc, ldb)], c = new double[Ge(layout, m, n, ldc)];
        var e = Assert.Throws<ArgumentException>(() => Cblas.cblas_dgemm(layout, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc))!;
        Assert.That(e.ParamName, Is.EqualTo("A"));
    }

    [Test]
    public void OtherLevel3RoutinesReadNoFurtherThanTheirMatrices([Values(Col, Row)] int layout, [Values(Left, Right)] int side)
    {
        const int m = 45, n = 33, k = 20;
        int ka = side == Left ? m : n, lda = ka + 3, ldb = (layout == Col ? m : n) + 4, ldc = ldb + 1;
        Cblas.cblas_dtrsm(layout, side, Upper, Trans, NonUnit, m, n, 1.0, Shifted(G<double>(Ge(layout, ka, ka, lda)), 3.0), lda,
            G<double>(Ge(layout, m, n, ldb)), ldb);
        Cblas.cblas_dtrmm(layout, side, Lower, NoTrans, NonUnit, m, n, 1.0, G<double>(Ge(layout, ka, ka, lda)), lda, G<double>(Ge(layout, m, n, ldb)), ldb);
        Cblas.cblas_dsymm(layout, side, Upper, m, n, 1.0, G<double>(Ge(layout, ka, ka, lda)), lda, G<double>(Ge(layout, m, n, ldb)), ldb,
            0.0, G<double>(Ge(layout, m, n, ldc)), ldc);
        Cblas.cblas_zhemm(layout, side, Lower, m, n, Complex.One, G<Complex>(Ge(layout, ka, ka, lda)), lda, G<Complex>(Ge(layout, m, n, ldb)), ldb,
            Complex.Zero, G<Complex>(Ge(layout, m, n, ldc)), ldc);
        int ldk = (layout == Col ? n : k) + 2, ldn = n + 1;
        Cblas.cblas_dsyrk(layout, Upper, NoTrans, n, k, 1.0, G<double>(Ge(layout, n, k, ldk)), ldk, 0.0, G<double>(Ge(layout, n, n, ldn)), ldn);
        int ldkt = (layout == Col ? k : n) + 2;
        Cblas.cblas_zherk(layout, Lower, ConjTrans, n, k, 1.0, G<Complex>(Ge(layout, k, n, ldkt)), ldkt, 0.0, G<Complex>(Ge(layout, n, n, ldn)), ldn);
        Cblas.cblas_dsyr2k(layout, Lower, Trans, n, k, 1.0, G<double>(Ge(layout, k, n, ldkt)), ldkt, G<double>(Ge(layout, k, n, ldkt)), ldkt,
            0.0, G<double>(Ge(layout, n, n, ldn)), ldn);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Cblas.cblas_dtrsm(layout, side, Upper, Trans, NonUnit, m, n, 1.0, new double[10000], ka - 1, new double[10000], ldb));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Cblas.cblas_zherk(layout, Lower, Trans, n, k, 1.0, new Complex[10000], ldkt, 0.0, new Complex[10000], ldn), "herk takes N or C only");
    }

    [Test]
    public void LapackDriversReadNoFurtherThanTheirArrays([Values(Col, Row)] int layout)
    {
        const int n = 40, nrhs = 3;
        int lda = n + 3, ldb = (layout == Col ? n : nrhs) + 2;
        Span<double> a = Diagonal(G<double>(Ge(layout, n, n, lda)), layout, n, lda, n);
        Span<int> ipiv = G<int>(n);
        Assert.That(Lapacke.LAPACKE_dgesv(layout, n, nrhs, a, lda, ipiv, G<double>(Ge(layout, n, nrhs, ldb)), ldb), Is.Zero, "gesv");
        Assert.That(Lapacke.LAPACKE_dgetrs(layout, (byte)'T', n, nrhs, a, lda, ipiv, G<double>(Ge(layout, n, nrhs, ldb)), ldb), Is.Zero, "getrs");
        Assert.That(Lapacke.LAPACKE_dgetri(layout, n, a, lda, ipiv), Is.Zero, "getri");

        const int m = 50, p = 30;
        int ldr = (layout == Col ? m : p) + 4;
        Span<double> r = G<double>(Ge(layout, m, p, ldr)), tau = G<double>(p);
        Assert.That(Lapacke.LAPACKE_dgetrf(layout, m, p, G<double>(Ge(layout, m, p, ldr)), ldr, G<int>(p)), Is.Zero, "getrf");
        Assert.That(Lapacke.LAPACKE_dgeqrf(layout, m, p, r, ldr, tau), Is.Zero, "geqrf");
        int ldc = (layout == Col ? m : 2) + 1;
        Assert.That(Lapacke.LAPACKE_dormqr(layout, (byte)'L', (byte)'T', m, 2, p, r, ldr, tau, G<double>(Ge(layout, m, 2, ldc)), ldc), Is.Zero, "ormqr");
        Assert.That(Lapacke.LAPACKE_dorgqr(layout, m, p, p, r, ldr, tau), Is.Zero, "orgqr");

        Span<double> spd = Diagonal(G<double>(Ge(layout, n, n, lda)), layout, n, lda, 2.0 * n);
        Symmetrize(spd, layout, n, lda);
        Assert.That(Lapacke.LAPACKE_dpotrf(layout, (byte)'L', n, spd, lda), Is.Zero, "potrf");
        Assert.That(Lapacke.LAPACKE_dpotrs(layout, (byte)'L', n, nrhs, spd, lda, G<double>(Ge(layout, n, nrhs, ldb)), ldb), Is.Zero, "potrs");
        Assert.That(Lapacke.LAPACKE_dtrtrs(layout, (byte)'L', (byte)'N', (byte)'N', n, nrhs, spd, lda, G<double>(Ge(layout, n, nrhs, ldb)), ldb), Is.Zero, "trtrs");
        Assert.That(double.IsFinite(Lapacke.LAPACKE_dlange(layout, (byte)'I', m, p, G<double>(Ge(layout, m, p, ldr)), ldr)), "lange");

        Span<double> sym = G<double>(Ge(layout, n, n, lda));
        Symmetrize(sym, layout, n, lda);
        Assert.That(Lapacke.LAPACKE_dsyevd(layout, (byte)'V', (byte)'U', n, sym, lda, G<double>(n)), Is.Zero, "syevd");
        Assert.That(Lapacke.LAPACKE_dgeev(layout, (byte)'V', (byte)'V', n, G<double>(Ge(layout, n, n, lda)), lda, G<double>(n), G<double>(n),
            G<double>(Ge(layout, n, n, lda)), lda, G<double>(Ge(layout, n, n, lda)), lda), Is.Zero, "geev");
        Assert.That(Lapacke.LAPACKE_dgeev(layout, (byte)'N', (byte)'N', n, G<double>(Ge(layout, n, n, lda)), lda, G<double>(n), G<double>(n),
            [], 1, [], 1), Is.Zero, "geev without vectors: vl and vr may be empty");
    }

    [Test]
    public void SvdAndLeastSquaresDriversReadNoFurtherThanTheirArrays([Values(Col, Row)] int layout, [Values(30, 60)] int m,
        [Values((byte)'A', (byte)'S', (byte)'O', (byte)'N')] byte job)
    {
        const int n = 45;
        int mn = Math.Min(m, n), lda = (layout == Col ? m : n) + 2;
        bool uFull = job == 'A' || (job == 'O' && m < n), vFull = job == 'A' || (job == 'O' && m >= n);
        (int ur, int uc) = uFull ? (m, m) : job == 'S' ? (m, mn) : (0, 0);
        (int vr, int vc) = vFull ? (n, n) : job == 'S' ? (mn, n) : (0, 0);
        // LAPACKE's row-major gesdd wants ldvt >= n whatever job says.
        int ldu = Math.Max(1, (layout == Col ? ur : uc) + 1), ldvt = layout == Row ? n + 1 : Math.Max(1, vr + 1);
        Assert.That(Lapacke.LAPACKE_dgesdd(layout, job, m, n, G<double>(Ge(layout, m, n, lda)), lda, G<double>(mn),
            G<double>(Ge(layout, ur, uc, ldu)), ldu, G<double>(Ge(layout, vr, vc, ldvt)), ldvt), Is.Zero, "gesdd");
        Assert.That(Lapacke.LAPACKE_zgesdd(layout, job, m, n, G<Complex>(Ge(layout, m, n, lda)), lda, G<double>(mn),
            G<Complex>(Ge(layout, ur, uc, ldu)), ldu, G<Complex>(Ge(layout, vr, vc, ldvt)), ldvt), Is.Zero, "zgesdd");
        if (job != 'O')
        {
            (int gur, int guc) = job == 'A' ? (m, m) : job == 'S' ? (m, mn) : (0, 0);
            (int gvr, int gvc) = job == 'A' ? (n, n) : job == 'S' ? (mn, n) : (0, 0);
            int ldgu = Math.Max(1, (layout == Col ? gur : guc) + 3), ldgv = Math.Max(1, (layout == Col ? gvr : gvc) + 3);
            Assert.That(Lapacke.LAPACKE_dgesvd(layout, job, job, m, n, G<double>(Ge(layout, m, n, lda)), lda, G<double>(mn),
                G<double>(Ge(layout, gur, guc, ldgu)), ldgu, G<double>(Ge(layout, gvr, gvc, ldgv)), ldgv, G<double>(mn - 1)), Is.Zero, "gesvd");
        }
        const int nrhs = 2;
        int mx = Math.Max(m, n), ldb = (layout == Col ? mx : nrhs) + 1;
        Assert.That(Lapacke.LAPACKE_dgelsd(layout, m, n, nrhs, G<double>(Ge(layout, m, n, lda)), lda, G<double>(Ge(layout, mx, nrhs, ldb)), ldb,
            G<double>(mn), -1.0, out int rank), Is.Zero, "gelsd");
        Assert.That(rank, Is.EqualTo(mn));
        Assert.That(Lapacke.LAPACKE_dgels(layout, (byte)'N', m, n, nrhs, G<double>(Ge(layout, m, n, lda)), lda, G<double>(Ge(layout, mx, nrhs, ldb)), ldb),
            Is.Zero, "gels");
    }

    [Test]
    public void ComplexLapackDriversReadNoFurtherThanTheirArrays([Values(Col, Row)] int layout)
    {
        const int n = 35;
        int lda = n + 2;
        Span<Complex> h = G<Complex>(Ge(layout, n, n, lda));
        Assert.That(Lapacke.LAPACKE_zheevd(layout, (byte)'V', (byte)'L', n, h, lda, G<double>(n)), Is.Zero, "heevd");
        Assert.That(Lapacke.LAPACKE_zgeev(layout, (byte)'N', (byte)'V', n, G<Complex>(Ge(layout, n, n, lda)), lda, G<Complex>(n), [], 1,
            G<Complex>(Ge(layout, n, n, lda)), lda), Is.Zero, "geev");
        Assert.That(Lapacke.LAPACKE_zgesv(layout, n, 1, G<Complex>(Ge(layout, n, n, lda)), lda, G<int>(n), G<Complex>(Ge(layout, n, 1, layout == Col ? n : 1)),
            layout == Col ? n : 1), Is.Zero, "gesv");
        Span<ComplexFloat> c = G<ComplexFloat>(Ge(layout, n, n, lda)), tau = G<ComplexFloat>(n);
        Assert.That(Lapacke.LAPACKE_cgeqrf(layout, n, n, c, lda, tau), Is.Zero, "cgeqrf");
        Assert.That(Lapacke.LAPACKE_cungqr(layout, n, n, n, c, lda, tau), Is.Zero, "cungqr");
    }

    /// <summary>Adds <paramref name="shift"/> to the diagonal of an n-by-n matrix with leading dimension ld.</summary>
    private static Span<double> Diagonal(Span<double> a, int layout, int n, int ld, double shift)
    {
        _ = layout; // the diagonal sits at i·(ld + 1) in either layout
        for (int i = 0; i < n; i++)
            a[i * ld + i] += shift;
        return a;
    }

    private static void Symmetrize(Span<double> a, int layout, int n, int ld)
    {
        _ = layout;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                a[j * ld + i] = a[i * ld + j];
    }

    /// <summary>
    /// OpenBLAS 0.3.21's complex kernels read one stride past a vector (SizeRules/blas_lapack.tsv, "readahead"):
    /// found by exactly these calls faulting at the guard page. The overloads now hand them padded copies; the
    /// results must still be the right ones.
    /// </summary>
    [Test]
    public void ComplexKernelsThatReadOneStrideAheadGetRoomAndStillComputeTheRightResult([Values(1, 2, 3, -1, -2)] int inc)
    {
        foreach (int n in new[] { 1, 2, 5, 33, 777 })
        {
            long len = 1 + (n - 1L) * Math.Abs(inc);
            Span<Complex> x = G<Complex>(len), y = G<Complex>(len), fx = Front<Complex>(len), fy = Front<Complex>(len);
            x.CopyTo(fx);
            y.CopyTo(fy);
            Complex expected = Complex.Zero;
            for (int i = 0; i < n; i++)
            {
                int ix = inc > 0 ? i * inc : (n - 1 - i) * -inc;
                expected += Complex.Conjugate(x[ix]) * y[ix];
            }
            Cblas.cblas_zdotc_sub(n, x, inc, y, inc, out Complex dot);
            Cblas.cblas_zdotc_sub(n, fx, inc, fy, inc, out Complex dotFront);
            Assert.That(Complex.Abs(dot - expected), Is.LessThan(1e-9 * n), $"zdotc n={n}");
            Assert.That(dotFront, Is.EqualTo(dot), $"zdotc n={n}, guard before the start");
            Span<ComplexFloat> cx = G<ComplexFloat>(len), cy = G<ComplexFloat>(len);
            Cblas.cblas_cdotu_sub(n, cx, inc, cy, inc, out _);
            _ = Cblas.cblas_zdotu(n, Front<Complex>(len), inc, Front<Complex>(len), inc);
        }

        // zgemv without transpose read x one stride past its end for m mod 4 = 2 on the Zen host.
        foreach (int m in new[] { 2, 6, 7 })
        {
            const int n = 9;
            long lx = 1 + (n - 1L) * Math.Abs(inc), ly = 1 + (m - 1L) * Math.Abs(inc);
            Span<Complex> a = G<Complex>((long)m * n), x = G<Complex>(lx), y = G<Complex>(ly);
            var expected = new Complex[ly];
            for (int i = 0; i < m; i++)
            {
                Complex sum = 0;
                for (int j = 0; j < n; j++)
                    sum += a[j * m + i] * x[inc > 0 ? j * inc : (n - 1 - j) * -inc];
                expected[inc > 0 ? i * inc : (m - 1 - i) * -inc] = sum;
            }
            Cblas.cblas_zgemv(Col, NoTrans, m, n, Complex.One, a, m, x, inc, Complex.Zero, y, inc);
            for (int i = 0; i < m; i++)
            {
                int iy = inc > 0 ? i * inc : (m - 1 - i) * -inc;
                Assert.That(Complex.Abs(y[iy] - expected[iy]), Is.LessThan(1e-12), $"zgemv m={m} y[{iy}]");
            }
            Cblas.cblas_zgemv(Col, NoTrans, m, n, Complex.One, Front<Complex>((long)m * n), m, Front<Complex>(lx), inc, Complex.Zero, Front<Complex>(ly), inc);
        }

        // zhemv read y past its end (n = 1); ztrsv past 64 runs zgemv on blocks of x.
        Cblas.cblas_zhemv(Col, Upper, 1, Complex.One, G<Complex>(1), 1, G<Complex>(1), inc, Complex.One, G<Complex>(1), inc);
        const int big = 70;
        Span<Complex> t = G<Complex>((long)big * big);
        for (int i = 0; i < big; i++)
            t[i * big + i] += 4;
        Span<Complex> v = G<Complex>(1 + (big - 1L) * Math.Abs(inc));
        Cblas.cblas_ztrsv(Col, Upper, NoTrans, NonUnit, big, t, big, v, inc);
        Assert.That(v.ToArray().All(c => double.IsFinite(c.Real) && double.IsFinite(c.Imaginary)));
    }

    [Test]
    public void ComplexGesddWideMatricesGetRoomForRowDotProducts([Values(Col, Row)] int layout)
    {
        // LAPACK's zgesdd on a wide matrix read up to one leading dimension past A through strided zdotc.
        const int m = 30, n = 45;
        int lda = layout == Col ? m : n, mn = Math.Min(m, n);
        Span<Complex> a = G<Complex>((long)m * n), u = G<Complex>((long)m * m), vt = G<Complex>((long)n * n);
        Span<double> s = G<double>(mn);
        Complex[] original = a.ToArray();
        Assert.That(Lapacke.LAPACKE_zgesdd(layout, (byte)'A', m, n, a, lda, s, u, m, vt, n), Is.Zero);
        // ‖A‖_F² is the sum of the squared singular values.
        double frobenius = original.Sum(c => c.Real * c.Real + c.Imaginary * c.Imaginary), fromS = 0;
        foreach (double x in s)
            fromS += x * x;
        Assert.That(fromS, Is.EqualTo(frobenius).Within(1e-9 * frobenius));
    }
}
