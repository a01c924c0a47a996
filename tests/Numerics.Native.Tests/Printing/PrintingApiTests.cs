namespace Numerics.Native.Tests.Printing;

/// <summary>The printing surface beyond the NumPy fixtures: .NET format strings, disposed and weak arrays,
/// argument validation of format_float_*, and format_exception.</summary>
[TestFixture]
public class PrintingApiTests
{
    [Test]
    public void DotNetFormatsApplyPerElementInNumPysLayout()
    {
        using var scope = np.scope();
        var a = np.array(new[] { 1.0, 2.5, -3.25 });
        var m = np.arange(6).reshape(2, 3);
        Assert.Multiple(() =>
        {
            Assert.That($"{a:F2}", Is.EqualTo("[1.00 2.50 -3.25]"));
            Assert.That(m.ToString("D3", null), Is.EqualTo("[[000 001 002]\n [003 004 005]]"));
            Assert.That(np.array(Math.PI).ToString("F3", null), Is.EqualTo("3.142"));
            Assert.That(np.array(new[] { true, false }).ToString("G", null), Is.EqualTo("[True False]"));
        });
    }

    [Test]
    public void FormatStringsFollowWrappingAndSummarisation()
    {
        using var a = np.arange(2000);
        Assert.That(a.ToString("X", null), Is.EqualTo("[0 1 2 ... 7CD 7CE 7CF]"));
    }

    [Test]
    public void DisposedAndWeakArraysPrint()
    {
        var a = np.array(new[] { 1.0, 2.0 });
        a.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(a.ToString(), Is.EqualTo("NDArray(disposed)"));
            Assert.That(((NDArray)5).ToString(), Is.EqualTo("5"));
            Assert.That(np.repr(2.5), Is.EqualTo("array(2.5)"));
            Assert.That(np.repr(true), Is.EqualTo("array(True)"));
        });
    }

    [Test]
    public void PrintingLeavesTheArrayAlone()
    {
        using var scope = np.scope();
        var a = np.arange(12.0).reshape(3, 4)["::-1, 1:"];
        a.setflags(write: false);
        var before = a.tobytes();
        _ = a.ToString();
        _ = np.repr(a);
        Assert.Multiple(() =>
        {
            Assert.That(a.tobytes(), Is.EqualTo(before));
            Assert.That(a.flags.writeable, Is.False);
            Assert.That(np.repr(a), Is.EqualTo("array([[ 9., 10., 11.],\n       [ 5.,  6.,  7.],\n       [ 1.,  2.,  3.]])"));
        });
    }

    [Test]
    public void FormatFloatValidatesLikeNumPy()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ValueError>(() => np.format_float_positional(1.0, precision: -1))!.Message, Is.EqualTo("precision must be >= 0"));
            Assert.That(Assert.Throws<ValueError>(() => np.format_float_positional(1.0, pad_right: -1))!.Message, Is.EqualTo("pad_right must be >= 0"));
            Assert.That(Assert.Throws<ValueError>(() => np.format_float_scientific(1.0, exp_digits: -3))!.Message, Is.EqualTo("exp_digits must be >= 0"));
            Assert.That(Assert.Throws<ValueError>(() => np.format_float_positional(1.0, precision: 0, fractional: false))!.Message,
                Is.EqualTo("precision must be greater than 0 if fractional=False"));
            Assert.That(Assert.Throws<ValueError>(() => np.format_float_scientific(1.0, precision: 2, min_digits: 3))!.Message,
                Is.EqualTo("min_digits must be less than or equal to precision"));
            Assert.That(Assert.Throws<TypeError>(() => np.format_float_positional(1.0, trim: "x"))!.Message,
                Is.EqualTo("if supplied, trim must be 'k', '.', '0' or '-' found `" + new string(' ', 99) + "x`"));
            // NumPy's `%100S` pads the value to 100 columns (text from NumPy, spaces and all).
            Assert.That(Assert.Throws<TypeError>(() => np.format_float_scientific(1.0, trim: "kk"))!.Message,
                Is.EqualTo("if supplied, trim must be 'k', '.', '0' or '-' found `" + new string(' ', 98) + "kk`"));
            Assert.That(Assert.Throws<TypeError>(() => np.format_float_scientific(1.0, unique: false))!.Message,
                Is.EqualTo("in non-unique mode `precision` must be supplied"));
        });
    }

    [Test]
    public void FormatFloatExamplesFromNumPysDocs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(np.format_float_positional((float)Math.PI), Is.EqualTo("3.1415927410125732"));
            Assert.That(np.FormatFloatPositional((float)Math.PI, FloatKind.Single, null, true, true, "k", false, null, null, null), Is.EqualTo("3.1415927"));
            Assert.That(np.FormatFloatPositional((double)(Half)0.3, FloatKind.Half, 10, false, true, "k", false, null, null, null), Is.EqualTo("0.3000488281"));
            Assert.That(np.FormatFloatScientific(1.23e24f, FloatKind.Single, 15, false, "k", false, null, null, null), Is.EqualTo("1.230000071797338e+24"));
            Assert.That(np.FormatFloatScientific(1.23e24f, FloatKind.Single, null, true, "k", false, null, 4, null), Is.EqualTo("1.23e+0024"));
            Assert.That(np.format_float_scientific(0.0), Is.EqualTo("0.e+00"));
            Assert.That(np.format_float_positional(double.NegativeInfinity, pad_left: 6), Is.EqualTo("-inf"));
        });
    }

    [Test]
    public void FormatExceptionIsPythonsLastTracebackLine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(np.format_exception(new ValueError("bad value")), Is.EqualTo("ValueError: bad value"));
            Assert.That(np.format_exception(new InvalidOperationException("x")), Is.EqualTo("InvalidOperationException: x"));
            var e = Assert.Throws<ValueError>(() => np.set_printoptions(sign: "?"))!;
            Assert.That(np.format_exception(e), Is.EqualTo("ValueError: sign option must be one of ' ', '+', or '-'"));
        });
    }
}
