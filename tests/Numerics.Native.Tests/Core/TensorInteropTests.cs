using System.Numerics.Tensors;

namespace Numerics.Native.Tests.Core;

/// <summary>
/// Conversions to and from System.Numerics.Tensors (API.md "NDArray": ToTensor, AsTensorSpan; Creation:
/// np.array(ReadOnlyTensorSpan)). Expected lengths and strides are derived by hand: an element stride is NumPy's
/// byte stride divided by the item size.
/// </summary>
[TestFixture]
public class TensorInteropTests
{
    private static long[] Lengths<T>(ReadOnlyTensorSpan<T> s) => s.Lengths.ToArray().Select(x => (long)x).ToArray();

    private static long[] ElementStrides<T>(ReadOnlyTensorSpan<T> s) => s.Strides.ToArray().Select(x => (long)x).ToArray();

    private static T[] Flat<T>(ReadOnlyTensorSpan<T> s)
    {
        var r = new T[s.FlattenedLength];
        s.FlattenTo(r);
        return r;
    }

    [Test]
    public void ToTensorCopiesInCOrder()
    {
        using var scope = np.scope();
        var a = np.arange(6).reshape(2, 3);
        var t = a.ToTensor<long>();
        Assert.That(t.Lengths.ToArray(), Is.EqualTo(new nint[] { 2, 3 }));
        Assert.That(t.Strides.ToArray(), Is.EqualTo(new nint[] { 3, 1 }));
        Assert.That(Flat<long>(t), Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5 }));
        t[1, 2] = 99;
        Assert.That(a.item<long>(1, 2), Is.EqualTo(5), "ToTensor is a copy");
    }

    [Test]
    public void ToTensorOfAViewFollowsTheViewAndConverts()
    {
        using var scope = np.scope();
        var t = np.arange(6).reshape(2, 3).T.ToTensor<double>();
        Assert.That(t.Lengths.ToArray(), Is.EqualTo(new nint[] { 3, 2 }));
        Assert.That(Flat<double>(t), Is.EqualTo(new double[] { 0, 3, 1, 4, 2, 5 }));
        var z = np.array(2.5).ToTensor<double>();
        Assert.That((z.Rank, z.FlattenedLength, z[0]), Is.EqualTo((1, (nint)1, 2.5)), "0-d becomes one element of rank 1");
        Assert.That(() => np.arange(3).ToTensor<decimal>(), Throws.InstanceOf<TypeError>().With.Message.EqualTo("data type 'Decimal' not understood"));
    }

    [Test]
    public void AsTensorSpanSharesContiguousMemory()
    {
        using var scope = np.scope();
        var a = np.arange(12.0).reshape(3, 4);
        var s = a.AsTensorSpan<double>();
        Assert.That(Lengths<double>(s), Is.EqualTo(new long[] { 3, 4 }));
        Assert.That(ElementStrides<double>(s), Is.EqualTo(new long[] { 4, 1 }));
        s[2, 1] = -7;
        Assert.That(a.item<double>(2, 1), Is.EqualTo(-7.0));
        a[0, 3] = 42.0;
        Assert.That(a.AsTensorSpan<double>()[0, 3], Is.EqualTo(42.0));
    }

    [Test]
    public void AsTensorSpanKeepsTheStridesOfNonContiguousViews()
    {
        using var scope = np.scope();
        var a = np.arange(24).reshape(4, 6);
        // a[::2, 1::3]: byte strides (2*48, 3*8) = (96, 24), element strides (12, 3); elements 1, 4, 13, 16.
        var v = a["::2, 1::3"];
        Assert.That(v.strides, Is.EqualTo(new long[] { 96, 24 }));
        var s = v.AsTensorSpan<long>();
        Assert.That(Lengths<long>(s), Is.EqualTo(new long[] { 2, 2 }));
        Assert.That(ElementStrides<long>(s), Is.EqualTo(new long[] { 12, 3 }));
        Assert.That(Flat<long>(s), Is.EqualTo(new long[] { 1, 4, 13, 16 }));
        s[1, 1] = -1;
        Assert.That(a.item<long>(2, 4), Is.EqualTo(-1), "the span writes into the base through the view");

        // A transpose: strides (8, 48) → (1, 6).
        var t = a.T.AsTensorSpan<long>();
        Assert.That(ElementStrides<long>(t), Is.EqualTo(new long[] { 1, 6 }));
        Assert.That(t[4, 2], Is.EqualTo(-1L));
    }

    [Test]
    public void BroadcastViewsGiveZeroStridesAndStayReadOnly()
    {
        using var scope = np.scope();
        var b = np.broadcast_to(np.arange(3), new Shape(2, 3));
        Assert.That(() => b.AsTensorSpan<long>(), Throws.InstanceOf<ValueError>().With.Message.EqualTo("assignment destination is read-only"));
        var s = b.AsReadOnlyTensorSpan<long>();
        Assert.That(ElementStrides<long>(s), Is.EqualTo(new long[] { 0, 1 }));
        Assert.That(Flat<long>(s), Is.EqualTo(new long[] { 0, 1, 2, 0, 1, 2 }));
    }

    [Test]
    public void StridesATensorCannotDescribeAreRefused()
    {
        using var scope = np.scope();
        var a = np.arange(5);
        Assert.That(() => a["::-1"].AsTensorSpan<long>(), Throws.InvalidOperationException.With.Message.EqualTo(
            "AsTensorSpan needs non-negative strides that are multiples of the item size; strides (-8,) with itemsize 8 need a copy (ToTensor or np.ascontiguousarray)."));
        Assert.That(Flat<long>(a["::-1"].ToTensor<long>()), Is.EqualTo(new long[] { 4, 3, 2, 1, 0 }), "ToTensor copies instead");
    }

    [Test]
    public void WrongElementTypeIsATypeError()
    {
        using var scope = np.scope();
        var a = np.arange(4);
        Assert.That(() => a.AsTensorSpan<double>(), Throws.InstanceOf<TypeError>().With.Message.EqualTo(
            "AsTensorSpan<Double> needs the element type of dtype int64 (Int64)"));
        Assert.That(() => a.AsReadOnlyTensorSpan<int>(), Throws.InstanceOf<TypeError>().With.Message.EqualTo(
            "AsReadOnlyTensorSpan<Int32> needs the element type of dtype int64 (Int64)"));
        NDArray weak = 3;
        Assert.That(() => weak.AsReadOnlyTensorSpan<long>(), Throws.InvalidOperationException);
    }

    [Test]
    public void ZeroDAndEmptyArrays()
    {
        using var scope = np.scope();
        var z = np.array(5L);
        var s = z.AsTensorSpan<long>();
        Assert.That((Lengths<long>(s), s[0]), Is.EqualTo((new long[] { 1 }, 5L)));
        var e = np.zeros(new Shape(0, 3));
        var es = e.AsReadOnlyTensorSpan<double>();
        Assert.That((Lengths<double>(es), (long)es.FlattenedLength), Is.EqualTo((new long[] { 0, 3 }, 0L)));
        var ev = np.arange(12).reshape(3, 4)["1:1, ::2"].AsTensorSpan<long>();
        Assert.That((Lengths<long>(ev), (long)ev.FlattenedLength), Is.EqualTo((new long[] { 0, 2 }, 0L)));
    }

    [Test]
    public void DisposedArraysThrow()
    {
        var a = np.arange(3);
        a.Dispose();
        Assert.That(() => a.AsTensorSpan<long>(), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(() => a.ToTensor<long>(), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void ArrayFromAStridedTensorSpanCopies()
    {
        using var scope = np.scope();
        // Element [i, j] = data[1 + i + 2j] → [[1, 3, 5], [2, 4, 6]].
        var data = Enumerable.Range(0, 8).Select(x => (double)x).ToArray();
        var span = new ReadOnlyTensorSpan<double>(data, 1, [2, 3], [1, 2]);
        var a = np.array(span);
        Assert.That((a.shape, a.dtype.name, a.flags.c_contiguous), Is.EqualTo((new Shape(2, 3), "float64", true)));
        Assert.That(a.ToArray<double>(), Is.EqualTo(new double[] { 1, 3, 5, 2, 4, 6 }));
        data[1] = 100;
        Assert.That(a.item<double>(0, 0), Is.EqualTo(1.0), "np.array copies");

        var f = np.array(new TensorSpan<double>(data, 1, [2, 3], [1, 2]), dtype: np.float32);
        Assert.That((f.dtype.name, f.item<float>(1, 2)), Is.EqualTo(("float32", 6f)));
    }

    [Test]
    public void ArrayFromATensorKeepsItsShapeInsteadOfFlattening()
    {
        using var scope = np.scope();
        var t = Tensor.Create(new int[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
        var a = np.array(t);
        Assert.That((a.shape, a.dtype.name), Is.EqualTo((new Shape(3, 2), "int32")));
        Assert.That(np.shares_memory(a, np.asarray(t)), Is.False);
        Assert.That(a.ToArray<int>(), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void AsarrayOfATensorSharesItsMemory()
    {
        using var scope = np.scope();
        var data = new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
        // Start 2, lengths (2, 3), strides (3, 1): element [i, j] = data[2 + 3i + j] → [[2, 3, 4], [5, 6, 7]].
        var t = Tensor.Create(data, 2, [2, 3], [3, 1]);
        var a = np.asarray(t);
        Assert.That((a.shape, a.strides, a.dtype.name), Is.EqualTo((new Shape(2, 3), new long[] { 12, 4 }, "float32")));
        Assert.That(a.ToArray<float>(), Is.EqualTo(new float[] { 2, 3, 4, 5, 6, 7 }));
        a[1, 0] = -5f;
        Assert.That((data[5], t[1, 0]), Is.EqualTo((-5f, -5f)), "writes through the array reach the tensor");
        t[0, 2] = 40f;
        Assert.That(a.item<float>(0, 2), Is.EqualTo(40f), "and the other way");
        var v = a[.., 1];
        a.Dispose();
        Assert.That(v.ToArray<float>(), Is.EqualTo(new float[] { 3, 6 }), "a view keeps the pin after its base is disposed");
    }

    [Test]
    public void AsarrayOfAStridedOrBroadcastTensor()
    {
        using var scope = np.scope();
        var row = Tensor.Create(new long[] { 7, 8, 9 }, 0, [2, 3], [0, 1]);
        var b = np.asarray(row);
        Assert.That((b.strides, b.ToArray<long>()), Is.EqualTo((new long[] { 0, 8 }, new long[] { 7, 8, 9, 7, 8, 9 })));
        var cols = Tensor.Create(new long[] { 0, 1, 2, 3, 4, 5 }, 0, [3, 2], [1, 3]);
        var c = np.asarray(cols);
        Assert.That((c.strides, c.flags.f_contiguous, c.ToArray<long>()), Is.EqualTo((new long[] { 8, 24 }, true, new long[] { 0, 3, 1, 4, 2, 5 })));
    }

    [Test]
    public void AsarrayWithAnotherDtypeConvertsAndEmptyTensorsGiveEmptyArrays()
    {
        using var scope = np.scope();
        var t = Tensor.Create(new double[] { 1.5, -2.5 }, [2]);
        var a = np.asarray(t, dtype: np.int32);
        Assert.That((a.dtype.name, a.ToArray<int>()), Is.EqualTo(("int32", new[] { 1, -2 })));
        a[0] = 9;
        Assert.That(t[0], Is.EqualTo(1.5));
        var same = np.asarray(t, dtype: np.float64);
        same[0] = 9.0;
        Assert.That(t[0], Is.EqualTo(9.0), "the same dtype shares");
        var e = np.asarray(Tensor.Create(Array.Empty<double>(), [0, 4]));
        Assert.That(e.shape, Is.EqualTo(new Shape(0, 4)));
    }

    [Test]
    public void RoundTripsPreserveValuesForEveryElementType()
    {
        using var scope = np.scope();
        var src = np.arange(12).reshape(3, 4)["::2, 1:"];
        foreach (var dt in new DType[] { np.@bool, np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64,
                                         np.float16, np.float32, np.float64, np.complex64, np.complex128 })
        {
            var a = src.astype(dt);
            var back = RoundTrip(a, dt);
            Assert.That(back.ToArray<System.Numerics.Complex>(), Is.EqualTo(a.ToArray<System.Numerics.Complex>()), dt.name);
            Assert.That(back.dtype, Is.EqualTo(dt), dt.name);
            Assert.That(back.shape, Is.EqualTo(a.shape), dt.name);
        }
    }

    private static NDArray RoundTrip(NDArray a, DType dt) => dt.name switch
    {
        "bool" => np.asarray(a.ToTensor<bool>()),
        "int8" => np.asarray(a.ToTensor<sbyte>()),
        "uint8" => np.asarray(a.ToTensor<byte>()),
        "int16" => np.asarray(a.ToTensor<short>()),
        "uint16" => np.asarray(a.ToTensor<ushort>()),
        "int32" => np.asarray(a.ToTensor<int>()),
        "uint32" => np.asarray(a.ToTensor<uint>()),
        "int64" => np.array(a.AsReadOnlyTensorSpan<long>()),
        "uint64" => np.asarray(a.ToTensor<ulong>()),
        "float16" => np.asarray(a.ToTensor<Half>()),
        "float32" => np.array(a.AsTensorSpan<float>()),
        "float64" => np.asarray(a.ToTensor<double>()),
        "complex64" => np.asarray(a.ToTensor<Complex64>()),
        _ => np.array(a.AsReadOnlyTensorSpan<System.Numerics.Complex>()),
    };
}
