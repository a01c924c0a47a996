namespace Numerics.Native.Tests.Core;

/// <summary>np.finfo / np.iinfo against NumPy's text.</summary>
[TestFixture]
public class MachineLimitsTests
{
    [Test]
    public void FinfoMatchesNumPy()
    {
        Assert.That(np.finfo(np.float64).ToString(), Is.EqualTo("Machine parameters for float64\n---------------------------------------------------------------\nprecision =  15   resolution = 1.0000000000000001e-15\nmachep =    -52   eps =        2.2204460492503131e-16\nnegep =     -53   epsneg =     1.1102230246251565e-16\nminexp =  -1022   tiny =       2.2250738585072014e-308\nmaxexp =   1024   max =        1.7976931348623157e+308\nnexp =       11   min =        -max\nsmallest_normal = 2.2250738585072014e-308   smallest_subnormal = 4.9406564584124654e-324\n---------------------------------------------------------------\n"));
        Assert.That(np.finfo(np.complex64).ToString(), Is.EqualTo("Machine parameters for float32\n---------------------------------------------------------------\nprecision =   6   resolution = 1.0000000e-06\nmachep =    -23   eps =        1.1920929e-07\nnegep =     -24   epsneg =     5.9604645e-08\nminexp =   -126   tiny =       1.1754944e-38\nmaxexp =    128   max =        3.4028235e+38\nnexp =        8   min =        -max\nsmallest_normal = 1.1754944e-38   smallest_subnormal = 1.4012985e-45\n---------------------------------------------------------------\n"));
        Assert.That(np.finfo(np.float16).ToString(), Is.EqualTo("Machine parameters for float16\n---------------------------------------------------------------\nprecision =   3   resolution = 1.00040e-03\nmachep =    -10   eps =        9.76562e-04\nnegep =     -11   epsneg =     4.88281e-04\nminexp =    -14   tiny =       6.10352e-05\nmaxexp =     16   max =        6.55040e+04\nnexp =        5   min =        -max\nsmallest_normal = 6.10352e-05   smallest_subnormal = 5.96046e-08\n---------------------------------------------------------------\n"));
        var f = np.finfo(np.float32);
        Assert.That((f.bits, f.eps, f.max, f.precision, f.nmant), Is.EqualTo((32, 1.1920928955078125e-07, 3.4028234663852886e+38, 6, 23)));
        Assert.That(() => np.finfo(np.int64), Throws.InstanceOf<ValueError>().With.Message.EqualTo("data type <class 'numpy.int64'> not inexact"));
    }

    [Test]
    public void IinfoMatchesNumPy()
    {
        Assert.That(np.iinfo(np.int8).ToString(), Is.EqualTo("Machine parameters for int8\n---------------------------------------------------------------\nmin = -128\nmax = 127\n---------------------------------------------------------------\n"));
        Assert.That(np.iinfo(np.uint64).ToString(), Is.EqualTo("Machine parameters for uint64\n---------------------------------------------------------------\nmin = 0\nmax = 18446744073709551615\n---------------------------------------------------------------\n"));
        Assert.That((np.iinfo(np.int32).min, np.iinfo(np.int32).max), Is.EqualTo((int.MinValue, (long)int.MaxValue)));
        Assert.That(() => np.iinfo(np.float64), Throws.InstanceOf<ValueError>().With.Message.EqualTo("Invalid integer data type 'f'."));
    }
}
