using System.Numerics;

namespace Numerics.Native.Tests.Core;

/// <summary>NEP 50 (NumPy 2) rules that the NumPy 1.24 oracle cannot show, written out from NumPy 2's documentation.</summary>
[TestFixture]
public class DTypeAndPromotionTests
{
    [TestCase("int8", 1L, "int8")]
    [TestCase("float32", 2.0, "float32")]
    [TestCase("int32", 1.5, "float64")]
    [TestCase("float32", "1j", "complex64")]
    [TestCase("float16", "1j", "complex64")]
    [TestCase("float64", "1j", "complex128")]
    [TestCase("int16", "1j", "complex128")]
    [TestCase("bool", 1L, "int64")]
    [TestCase("bool", 1.0, "float64")]
    [TestCase("uint8", 3L, "uint8")]
    [TestCase("float16", 1.0, "float16")]
    [TestCase("complex64", 1.0, "complex64")]
    [TestCase("int64", true, "int64")]
    public void CSharpScalarsAreWeak(string arrayType, object scalar, string expected)
    {
        using var a = np.zeros(3, arrayType);
        object s = scalar is "1j" ? new Complex(0, 1) : scalar;
        Assert.That(np.result_type(a, s).name, Is.EqualTo(expected));
    }

    // Python scalars in result_type where NumPy 1.24's NEP 50 mode answers differently (its concrete DTypes defer every
    // Python scalar), so core.py leaves them out; the expectations are derived by hand from NumPy 2's
    // PyArray_PromoteDTypeSequence (common_dtype.c), default_builtin_common_dtype (dtypemeta.c) and the Python-scalar
    // DTypes' common_dtype (abstractdtypes.c). A C# bool is Python's bool: a strong np.bool in NumPy 2.
    //   (int8, True, 1): pair (int8, PyInt) → int8 is int8's own answer, so PyInt is dropped; then (int8, bool) → int8.
    //   (int8, 1, True): pair (int8, bool) → int8, bool dropped; (int8, PyInt) → int8.
    //   (True, 1, int8): pair (bool, int8): bool defers (int8 has the larger type number) → order (int8, 1, True);
    //                    (int8, PyInt) → int8, PyInt dropped; main int8 with bool → int8.
    //   (float32, True, 1.5): (float32, PyFloat) → float32, PyFloat dropped; (float32, bool) → float32.
    //   (float16, True, 1j): (float16, PyComplex) → complex64 (float16's slot), kept; (float16, bool) → float16, bool
    //                    dropped; main float16 with PyComplex → complex64; common(float16, complex64) → complex64.
    //   (uint64, True, 1): (uint64, PyInt) → uint64, dropped; (uint64, bool) → uint64.
    //   (True, 1): bool defers to PyInt, whose common_dtype with bool is the default integer: int64.
    //   (True, 1.5, 1): (bool, PyInt): bool defers → (PyInt, 1.5, True); (PyInt, PyFloat): PyInt defers →
    //                    (PyFloat, PyInt, True), no result yet; main PyFloat: with PyInt → PyFloat, with bool → float64;
    //                    common(PyFloat, float64) → float64.
    //   (uint8, float16, 1.5): (uint8, PyFloat): uint8 defers → (PyFloat, float16, uint8); (PyFloat, float16): PyFloat
    //                    defers → (float16, PyFloat, uint8), no result yet; main float16: with PyFloat → float16, with
    //                    uint8 → float16 (1.24: float64, its main DType is PyFloat).
    //   (complex64, 1.5, int8): (complex64, int8) → complex64, int8 dropped; (complex64, PyFloat) → complex64
    //                    (1.24: complex128).
    [TestCase("uint8", "float16", 1.5, "float16")]
    [TestCase("complex64", 1.5, "int8", "complex64")]
    [TestCase("int8", true, 1L, "int8")]
    [TestCase("int8", 1L, true, "int8")]
    [TestCase(true, 1L, "int8", "int8")]
    [TestCase("float32", true, 1.5, "float32")]
    [TestCase("float16", true, "1j", "complex64")]
    [TestCase("uint64", true, 1L, "uint64")]
    [TestCase(true, 1.5, 1L, "float64")]
    public void PythonScalarSequencesPromoteAsNumPy2(object a, object b, object c, string expected)
    {
        static object Op(object x) => x switch { "1j" => new Complex(0, 1), string s => np.dtype(s), _ => x };
        Assert.That(np.result_type(Op(a), Op(b), Op(c)).name, Is.EqualTo(expected));
    }

    [Test]
    public void BoolAndAPythonIntAloneGiveTheDefaultInteger() => Assert.That(np.result_type(true, 1), Is.EqualTo(np.int64));

    [Test]
    public void ZeroDimensionalArraysAreStrong()
    {
        using var f32 = np.zeros(3, np.float32);
        using var zero = np.array(0.0);   // a strong float64 0-d array
        Assert.That(np.result_type(f32, zero), Is.EqualTo(np.float64));
        Assert.That(np.result_type(1, 2.0), Is.EqualTo(np.float64));
        Assert.That(np.result_type(true), Is.EqualTo(np.@bool));
        Assert.That(np.result_type(7), Is.EqualTo(np.int64));
    }

    [Test]
    public void WeakIntegersMustFitTheArrayDtype()
    {
        using var a = np.zeros(3, np.int8);
        var e = Assert.Throws<OverflowError>(() => a[0] = 1000);
        Assert.That(e!.Message, Is.EqualTo("Python integer 1000 out of bounds for int8"));
        using var u = np.zeros(3, np.uint8);
        Assert.That(() => u[1] = -1, Throws.InstanceOf<OverflowError>().With.Message.EqualTo("Python integer -1 out of bounds for uint8"));
        Assert.That(() => np.full(2, 300, np.uint8), Throws.InstanceOf<OverflowError>().With.Message.EqualTo("Python integer 300 out of bounds for uint8"));
        a[0] = 127;
        a[1] = 2.9;   // a float into an int array truncates (unsafe casting)
        Assert.That(a.ToArray<sbyte>(), Is.EqualTo(new sbyte[] { 127, 2, 0 }));
    }

    [Test]
    public void ScalarDefaultsFollowPython()
    {
        using var i = np.array(7);
        using var f = np.array(2.5f);
        using var b = np.array(true);
        using var c = np.array(new Complex(1, 2));
        using var big = np.array(ulong.MaxValue);
        Assert.That((i.dtype.name, f.dtype.name, b.dtype.name, c.dtype.name, big.dtype.name),
            Is.EqualTo(("int64", "float64", "bool", "complex128", "uint64")));
        using var full = np.full(3, 7);
        Assert.That(full.dtype, Is.EqualTo(np.int64));
        using var full32 = np.full(3, 7.0f);
        Assert.That(full32.dtype, Is.EqualTo(np.float64));
    }

    [Test]
    public void CanCastRefusesPythonScalarsAsNumPy2()
    {
        Assert.That(() => np.can_cast(1, np.int8), Throws.InstanceOf<TypeError>());
        Assert.That(np.can_cast(np.int32, np.int64), Is.True);
        Assert.That(np.can_cast("f8", np.float32, "same_kind"), Is.True);
        Assert.That(() => np.can_cast("f8", np.float32, "bogus"), Throws.InstanceOf<ValueError>());
    }

    [Test]
    public void DtypeSpellingsAndErrors()
    {
        Assert.That(np.dtype(typeof(double)), Is.EqualTo(np.float64));
        Assert.That(np.dtype(typeof(int)), Is.EqualTo(np.int32));
        Assert.That((DType)"<i8" == "int64", Is.True);
        Assert.That(np.dtype(">f8").byteorder, Is.EqualTo('>'));
        Assert.That(np.dtype(">f8").isnative, Is.False);
        Assert.That(np.repr(np.dtype(">f8")), Is.EqualTo("dtype('>f8')"));
        // NumPy: np.arange(3).astype('>i8') keeps the values [0, 1, 2]; here the copy is stored in native order.
        using (var big = np.arange(3).astype(">i8")) Assert.That(big.ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2 }));
        Assert.That(np.repr(np.float32), Is.EqualTo("dtype('float32')"));
        Assert.That(() => np.dtype("foo"), Throws.InstanceOf<TypeError>().With.Message.EqualTo("data type 'foo' not understood"));
        Assert.That(() => np.dtype("O"), Throws.InstanceOf<TypeError>().With.Message.EqualTo("data type 'O' is not supported by Numerics.Native"));
        Assert.That(() => np.dtype("U5"), Throws.InstanceOf<TypeError>().With.Message.EqualTo("data type 'U5' is not supported by Numerics.Native"));
        Assert.That(() => np.dtype("float_"), Throws.InstanceOf<TypeError>(), "NumPy 2 removed float_");
        Assert.That(np.issubdtype(np.int8, "signedinteger") && np.issubdtype(np.float16, "inexact") && !np.issubdtype(np.@bool, "number"), Is.True);
        Assert.That(np.isdtype(np.uint8, "integral") && np.isdtype(np.complex64, "complex floating"), Is.True);
    }

    [Test]
    public void Complex64BehavesLikeNumPysComplex64()
    {
        var z = new Complex64(1, 2);
        Assert.That(z * z, Is.EqualTo(new Complex64(-3, 4)));
        Assert.That((Complex)z, Is.EqualTo(new Complex(1, 2)));
        Assert.That(z.ToString(), Is.EqualTo("1.+2.j"));
        Assert.That(new Complex64(0, -1).ToString(), Is.EqualTo("0.-1.j"));
        using var a = np.array(new[] { z, new Complex64(0.5f, -1) });
        Assert.That(a.dtype, Is.EqualTo(np.complex64));
        Assert.That(a.ToString(), Is.EqualTo("[1. +2.j 0.5-1.j]"));
    }

    [Test]
    public void AstypeWarnsWhenDiscardingImaginaryParts()
    {
        using (np.warnings.catch_warnings(out var seen))
        {
            np.warnings.simplefilter("always");
            using var c = np.array(new[] { new Complex(1, 2) });
            using var r = c.astype(np.float64);
            Assert.That(r.item<double>(), Is.EqualTo(1.0));
            using var n = np.array(new[] { double.NaN }).astype(np.int64);
            Assert.That(n.item<long>(), Is.EqualTo(long.MinValue));
            // NumPy (checked with -W always): complex → bool does not warn; an empty complex → float64 cast does.
            using var b = c.astype(np.@bool);
            using var e = np.zeros(0, np.complex128).astype(np.float64);
            Assert.That(seen.Select(w => (w.category, w.Message)), Is.EqualTo(new[]
            {
                ("ComplexWarning", "Casting complex values to real discards the imaginary part"),
                ("RuntimeWarning", "invalid value encountered in cast"),
                ("ComplexWarning", "Casting complex values to real discards the imaginary part"),
            }));
        }
    }

    /// <summary>np.array(pyscalar, dtype=) packs the scalar with the dtype's setitem (PyArray_Pack), as assignment does,
    /// not with a cast. NumPy 1.24 oracle (the same setitem in NumPy 2): np.array(1e20, dtype=np.int64) → OverflowError
    /// "Python int too large to convert to C long"; np.array(inf, dtype=np.int64) → OverflowError "cannot convert float
    /// infinity to integer"; np.array(3e9, dtype=np.int32) → -1294967296 (int(3e9) wrapped by C, no warning);
    /// np.array(1000.5, dtype=np.int8) → -24; np.array(1+2j, dtype=np.float64) → TypeError. Before: a cast, with
    /// RuntimeWarning "invalid value encountered in cast" and long.MinValue / int.MinValue, and a ComplexWarning.</summary>
    [Test]
    public void ArrayOfAPythonScalarWithADtypePacksItAsSetitem()
    {
        using (np.warnings.catch_warnings(out var seen))
        {
            np.warnings.simplefilter("always");
            Assert.That(() => np.array(1e20, dtype: np.int64), Throws.InstanceOf<OverflowError>().With.Message.EqualTo("Python int too large to convert to C long"));
            Assert.That(() => np.array(double.PositiveInfinity, dtype: np.int64), Throws.InstanceOf<OverflowError>().With.Message.EqualTo("cannot convert float infinity to integer"));
            Assert.That(() => np.array(double.NaN, dtype: np.int16), Throws.InstanceOf<ValueError>().With.Message.EqualTo("cannot convert float NaN to integer"));
            Assert.That(() => np.array(new Complex(1, 2), dtype: np.float64), Throws.InstanceOf<TypeError>().With.Message.EqualTo("float() argument must be a string or a real number, not 'complex'"));
            using var w = np.array(3e9, dtype: np.int32);
            Assert.That(w.item<int>(), Is.EqualTo(-1294967296));
            using var n = np.array(1000.5, dtype: np.int8);
            Assert.That(n.item<sbyte>(), Is.EqualTo((sbyte)-24));
            using var m = np.array(-1.5, dtype: np.uint8);
            Assert.That(m.item<byte>(), Is.EqualTo((byte)255));
            Assert.That(seen, Is.Empty);
        }
    }

    /// <summary>NumPy 2's arange writes start and start + step with setitem, so those two C# (Python) integers must fit
    /// the dtype (numpy/numpy#27075 quotes <c>np.arange(-5, 0, 1, dtype="u1")</c> → "Python integer -5 out of bounds for
    /// uint8"); later values wrap as 1.24's fill loop does (that part is in the fixtures, arange_dtype).</summary>
    [Test]
    public void ArangeChecksItsFirstTwoValuesAsPythonIntegers()
    {
        var e = Assert.Throws<OverflowError>(() => np.arange(-5L, 0L, 1L, np.uint8));
        Assert.That(e!.Message, Is.EqualTo("Python integer -5 out of bounds for uint8"));
        e = Assert.Throws<OverflowError>(() => np.arange(100L, 400L, 200L, np.int8));
        Assert.That(e!.Message, Is.EqualTo("Python integer 300 out of bounds for int8"));
        using var wrapped = np.arange(0L, 400L, 100L, np.int8);   // 0 and 100 fit; 200 and 300 wrap (C conversion)
        Assert.That(wrapped.ToArray<sbyte>(), Is.EqualTo(new sbyte[] { 0, 100, unchecked((sbyte)200), unchecked((sbyte)300) }));
        using var empty = np.arange(-5L, -10L, 1L, np.uint8);       // nothing is written
        Assert.That(empty.size, Is.EqualTo(0));
    }
}
