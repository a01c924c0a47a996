using System.Globalization;

namespace Numerics.Native;

/// <summary>Machine limits of a floating dtype (complex dtypes report their component's). NumPy: <c>np.finfo(dtype)</c>.</summary>
public sealed class FInfo
{
    private readonly FloatDigits.Precision _p;
    private readonly string _fmt;

    internal FInfo(DType dtype)
    {
        var real = dtype.Code switch
        {
            DTypeCode.Complex64 => DType.Float32,
            DTypeCode.Complex128 => DType.Float64,
            _ => dtype,
        };
        this.dtype = real;
        switch (real.Code)
        {
            case DTypeCode.Float16:
                (bits, nmant, nexp, minexp, maxexp, precision, _p, _fmt) = (16, 10, 5, -14, 16, 3, FloatDigits.Precision.Half, "%12.5e");
                break;
            case DTypeCode.Float32:
                (bits, nmant, nexp, minexp, maxexp, precision, _p, _fmt) = (32, 23, 8, -126, 128, 6, FloatDigits.Precision.Single, "%15.7e");
                break;
            default:
                (bits, nmant, nexp, minexp, maxexp, precision, _p, _fmt) = (64, 52, 11, -1022, 1024, 15, FloatDigits.Precision.Double, "%24.16e");
                break;
        }
        eps = Math.ScaleB(1.0, -nmant);
        epsneg = Math.ScaleB(1.0, -nmant - 1);
        tiny = Math.ScaleB(1.0, minexp);
        smallest_subnormal = Math.ScaleB(1.0, minexp - nmant);
        max = (2.0 - eps) * Math.ScaleB(1.0, maxexp - 1);
        resolution = Round(Math.Pow(10, -precision));
    }

    private double Round(double x) => _p switch
    {
        FloatDigits.Precision.Half => (double)(Half)x,
        FloatDigits.Precision.Single => (float)x,
        _ => x,
    };

    /// <summary>Bits of the type. NumPy: <c>finfo.bits</c>.</summary>
    public int bits { get; }
    /// <summary>The gap between 1.0 and the next float. NumPy: <c>finfo.eps</c>.</summary>
    public double eps { get; }
    /// <summary>The gap between 1.0 and the previous float. NumPy: <c>finfo.epsneg</c>.</summary>
    public double epsneg { get; }
    /// <summary>The largest finite value. NumPy: <c>finfo.max</c>.</summary>
    public double max { get; }
    /// <summary>The most negative finite value (−max). NumPy: <c>finfo.min</c>.</summary>
    public double min => -max;
    /// <summary>The smallest positive normal value. NumPy: <c>finfo.tiny</c>.</summary>
    public double tiny { get; }
    /// <summary>The smallest positive normal value (= tiny). NumPy: <c>finfo.smallest_normal</c>.</summary>
    public double smallest_normal => tiny;
    /// <summary>The smallest positive subnormal value. NumPy: <c>finfo.smallest_subnormal</c>.</summary>
    public double smallest_subnormal { get; }
    /// <summary>10 ** -precision, in the type. NumPy: <c>finfo.resolution</c>.</summary>
    public double resolution { get; }
    /// <summary>Decimal digits of precision. NumPy: <c>finfo.precision</c>.</summary>
    public int precision { get; }
    /// <summary>The (real) dtype described. NumPy: <c>finfo.dtype</c>.</summary>
    public DType dtype { get; }
    /// <summary>The exponent of eps. NumPy: <c>finfo.machep</c>.</summary>
    public int machep => -nmant;
    /// <summary>The exponent of epsneg. NumPy: <c>finfo.negep</c>.</summary>
    public int negep => -nmant - 1;
    /// <summary>The exponent of tiny. NumPy: <c>finfo.minexp</c>.</summary>
    public int minexp { get; }
    /// <summary>The exponent where overflow starts. NumPy: <c>finfo.maxexp</c>.</summary>
    public int maxexp { get; }
    /// <summary>Exponent bits. NumPy: <c>finfo.nexp</c>.</summary>
    public int nexp { get; }
    /// <summary>Mantissa bits. NumPy: <c>finfo.nmant</c>.</summary>
    public int nmant { get; }
    /// <summary>Exponent bits (= nexp). NumPy: <c>finfo.iexp</c>.</summary>
    public int iexp => nexp;

    private string F(double v) => PercentFormat.Format(_fmt, v).Trim();

    private static string P(int v, int width) => v.ToString(CultureInfo.InvariantCulture).PadLeft(width);

    /// <summary>NumPy's "Machine parameters for float64" block.</summary>
    public override string ToString() =>
        $"Machine parameters for {dtype.name}\n---------------------------------------------------------------\n" +
        $"precision = {P(precision, 3)}   resolution = {F(resolution)}\n" +
        $"machep = {P(machep, 6)}   eps =        {F(eps)}\n" +
        $"negep =  {P(negep, 6)}   epsneg =     {F(epsneg)}\n" +
        $"minexp = {P(minexp, 6)}   tiny =       {F(tiny)}\n" +
        $"maxexp = {P(maxexp, 6)}   max =        {F(max)}\n" +
        $"nexp =   {P(nexp, 6)}   min =        -max\n" +
        $"smallest_normal = {F(tiny)}   smallest_subnormal = {F(smallest_subnormal)}\n" +
        "---------------------------------------------------------------\n";

    /// <summary>NumPy's <c>repr(np.finfo(dtype))</c>.</summary>
    internal string Repr() =>
        $"finfo(resolution={ScalarText.Float(resolution, _p)}, min={ScalarText.Float(min, _p)}, max={ScalarText.Float(max, _p)}, dtype={dtype.name})";
}
