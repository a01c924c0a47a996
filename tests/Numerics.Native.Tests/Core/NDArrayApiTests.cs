using System.Numerics;

namespace Numerics.Native.Tests.Core;

/// <summary>The .NET-side surface of NDArray (API.md "NDArray"): conversions, spans, At, shapes, iteration, text.</summary>
[TestFixture]
public class NDArrayApiTests
{
    [Test]
    public void TheGuideSnippetWorks()
    {
        using var scope = np.scope();
        var arr = np.arange(12).reshape(3, 4);
        Assert.That(arr[.., 1].ToString(), Is.EqualTo("[1 5 9]"));
        Assert.That(arr["1:, ::-1"].ToString(), Is.EqualTo("[[ 7  6  5  4]\n [11 10  9  8]]"));
        Assert.That(np.repr(arr), Is.EqualTo("array([[ 0,  1,  2,  3],\n       [ 4,  5,  6,  7],\n       [ 8,  9, 10, 11]])"));
        var A = np.array<long>([[3, 1], [1, 2]]);
        Assert.That(A.shape, Is.EqualTo(new Shape(2, 2)));
        Assert.That(np.repr(np.linspace(0, 1, 5)), Is.EqualTo("array([0.  , 0.25, 0.5 , 0.75, 1.  ])"));
        Assert.That(np.linspace(0, 1, 5).ToString(), Is.EqualTo("[0.   0.25 0.5  0.75 1.  ]"));
    }

    [Test]
    public void ShapesConvertFromIntsArraysAndTuples()
    {
        Shape a = 3, b = (2, 3), c = new long[] { 4, 5, 6 }, d = new[] { 1, 2 };
        Assert.That((a.ToString(), b.ToString(), c.ToString(), d.ToString(), new Shape().ToString()), Is.EqualTo(("(3,)", "(2, 3)", "(4, 5, 6)", "(1, 2)", "()")));
        Assert.That(b[-1], Is.EqualTo(3));
        Assert.That(b.size, Is.EqualTo(6));
        var (m, n) = b;
        Assert.That((m, n), Is.EqualTo((2L, 3L)));
        Assert.That(() => { var (x, y, z) = b; }, Throws.InstanceOf<ValueError>().With.Message.EqualTo("not enough values to unpack (expected 3, got 2)"));
        Assert.That(b == new Shape(2, 3), Is.True);
    }

    [Test]
    public void ARangeIndexIsThePythonSliceItStandsFor()
    {
        // a[r] has its own indexer overload (no NDIndex built); it must be exactly the NumPy slice text of r, whose
        // path the live-NumPy index differential checks: ^k is -k, ^0 as a stop is "to the end", ^0 as a start is the
        // length (an empty result). Every start/stop pair within ±3 of the ends, on 1-d, 2-d, views and empty arrays.
        using var scope = np.scope();
        var arrays = new[]
        {
            np.arange(7), np.arange(12).reshape(4, 3), np.arange(20)["::-3"], np.arange(0), np.arange(6).reshape(2, 3).T,
            np.arange(5).astype("int16")["1:"],
        };
        int checkedCount = 0;
        foreach (var a in arrays)
        {
            long n = a.shape[0];
            var bounds = new List<Index>();
            for (int k = 0; k <= n + 3; k++) { bounds.Add(Index.FromStart(k)); bounds.Add(Index.FromEnd(k)); }
            foreach (var s in bounds)
            foreach (var e in bounds)
            {
                var r = new Range(s, e);
                string start = s.IsFromEnd ? (s.Value == 0 ? n.ToString() : "-" + s.Value) : s.Value.ToString();
                string stop = e.IsFromEnd ? (e.Value == 0 ? "" : "-" + e.Value) : e.Value.ToString();
                var viaRange = a[r];
                var viaText = a[start + ":" + stop];
                Assert.That((viaRange.shape, viaRange.strides, viaRange.DataPointer, viaRange.flags.c_contiguous, viaRange.flags.aligned),
                            Is.EqualTo((viaText.shape, viaText.strides, viaText.DataPointer, viaText.flags.c_contiguous, viaText.flags.aligned)), $"{r} of {a.shape}");
                Assert.That(np.repr(viaRange), Is.EqualTo(np.repr(viaText)));
                Assert.That(np.shares_memory(viaRange, a) || viaRange.size == 0, Is.True);
                checkedCount++;
            }
        }
        Assert.That(checkedCount, Is.GreaterThan(1000));
        var z = np.array(5.0);
        Assert.That(() => z[1..2], Throws.InstanceOf<IndexError>().With.Message.EqualTo(
            "too many indices for array: array is 0-dimensional, but 1 were indexed"));
        var b = np.arange(6);
        b[1..^2] = np.array(new long[] { 9, 8, 7 });
        Assert.That(b.ToString(), Is.EqualTo("[0 9 8 7 4 5]"));
        b.flags.writeable = false;
        Assert.That(() => b[..2] = np.array(1L), Throws.InstanceOf<ValueError>().With.Message.EqualTo("assignment destination is read-only"));
        var d = np.arange(3);
        d.Dispose();
        Assert.That(() => d[..1], Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void TransposeWithAnEmptyAxesListIsNumPysEmptyTuple()
    {
        // NumPy 1.24: np.ones((2, 3)).transpose(()) and np.transpose(a, ()) raise ValueError "axes don't match
        // array"; a.transpose() and a.transpose(None) reverse; a 0-d array takes () as its one permutation.
        using var scope = np.scope();
        var a = np.ones((2, 3));
        Assert.That(() => a.transpose(Array.Empty<int>()), Throws.InstanceOf<ValueError>().With.Message.EqualTo("axes don't match array"));
        Assert.That(() => np.transpose(a, []), Throws.InstanceOf<ValueError>().With.Message.EqualTo("axes don't match array"));
        Assert.That(a.transpose().shape, Is.EqualTo(new Shape(3, 2)));
        Assert.That(a.transpose(null).shape, Is.EqualTo(new Shape(3, 2)));
        Assert.That(np.ones(new Shape()).transpose(Array.Empty<int>()).shape, Is.EqualTo(new Shape()));
    }

    [Test]
    public void TheTransposeHasTheFlagsNumPyDerivesForItsLayout()
    {
        // a.T swaps the C/F flags of its source instead of re-deriving them: compare with the explicit-axes
        // transpose, whose flags come from the strides (NumPy's rules: length-1 axes ignored, empty is both).
        using var scope = np.scope();
        var a = np.arange(24).reshape(2, 3, 4);
        var ro = np.arange(6).reshape(2, 3);
        ro.flags.writeable = false;
        NDArray[] layouts =
        [
            a, a["::2"], a[.., 1..2], a["..., ::-1"], a[.., ..0], a.transpose(1, 0, 2), a[0], a[0, 1..2], a[.., 0, ..],
            np.empty(new long[] { 1, 5, 1 }), np.empty(new long[] { 3, 1 }), np.empty(new long[] { 0, 4 }),
            np.arange(5), np.arange(5)["::2"], np.asarray(3.0), ro,
            np.zeros(33, DType.UInt8)[1..].view(DType.Int64).reshape(2, 2),   // unaligned
        ];
        foreach (var x in layouts)
        {
            var t = x.T;
            var viaAxes = np.transpose(x, Enumerable.Range(0, x.ndim).Reverse().ToArray());
            string where = $"shape {x.shape} strides {x.strides}";
            Assert.That((t.shape, t.strides), Is.EqualTo((viaAxes.shape, viaAxes.strides)), where);
            Assert.That((t.flags.c_contiguous, t.flags.f_contiguous, t.flags.aligned, t.flags.writeable, t.flags.owndata),
                Is.EqualTo((viaAxes.flags.c_contiguous, viaAxes.flags.f_contiguous, viaAxes.flags.aligned, viaAxes.flags.writeable, false)), where);
            Assert.That(t.@base, Is.SameAs(x.@base ?? x), where);
        }
    }

    [Test]
    public void SlicesFollowPython()
    {
        Assert.That(new Slice(1, 10, 2).ToString(), Is.EqualTo("1:10:2"));
        Assert.That(Slice.All.ToString(), Is.EqualTo(":"));
        Assert.That(Slice.Step(-1).ToString(), Is.EqualTo("::-1"));
        Assert.That(Slice.Parse(" 1 : -1 ").indices(5), Is.EqualTo((1L, 4L, 1L, 3L)));
        Assert.That(Slice.Step(-1).indices(4), Is.EqualTo((3L, -1L, -1L, 4L)));
        Assert.That(() => new Slice(0, 1, 0), Throws.InstanceOf<ValueError>().With.Message.EqualTo("slice step cannot be zero"));
        Slice r = ..^1;
        Assert.That(r.ToString(), Is.EqualTo(":-1"));
    }

    [Test]
    public void IndexForms()
    {
        using var scope = np.scope();
        var a = np.arange(24).reshape(2, 3, 4);
        Assert.That(a[^1, 0, ^1].item<long>(), Is.EqualTo(15));
        Assert.That(a[-1, 0, -1].item<long>(), Is.EqualTo(15));
        Assert.That(a[np.ellipsis, np.newaxis].shape, Is.EqualTo(new Shape(2, 3, 4, 1)));
        Assert.That(a[.., 1..3, Slice.Step(-2)].shape, Is.EqualTo(new Shape(2, 2, 2)));
        Assert.That(a[[0, 1], [1, 2]].shape, Is.EqualTo(new Shape(2, 4)));
        Assert.That(a[new[] { true, false }].shape, Is.EqualTo(new Shape(1, 3, 4)));
        Assert.That(a[NDIndex.Tuple(1, 2, 3)].item<long>(), Is.EqualTo(23));
        Assert.That(() => a[^0], Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 2 is out of bounds for axis 0 with size 2"));
        Assert.That(() => a[1, ^0], Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 3 is out of bounds for axis 1 with size 3"));
        Assert.That(() => a["1, ..., ..."], Throws.InstanceOf<IndexError>().With.Message.EqualTo("an index can only have a single ellipsis ('...')"));
        Assert.That(() => a["1 2"], Throws.InstanceOf<IndexError>().With.Message.EqualTo(
            "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"));
        var f = np.arange(3.0);
        Assert.That(() => a[f], Throws.InstanceOf<IndexError>().With.Message.EqualTo("arrays used as indices must be of integer (or boolean) type"));
        var full = a[1, 2, 3];
        Assert.That(full.ndim, Is.Zero);
        Assert.That(np.shares_memory(full, a), Is.False, "a full integer index gives a copy");
        Assert.That(np.shares_memory(a[1], a), Is.True, "basic indexing gives a view");
        Assert.That(np.shares_memory(a[[1]], a), Is.False, "fancy indexing gives a copy");
    }

    [Test]
    public void AssignmentThroughEveryIndexKind()
    {
        using var scope = np.scope();
        var a = np.arange(12).reshape(3, 4);
        a[0] = 100;
        a[1, 1..3] = np.array(new long[] { 7, 8 });
        a[[2, 2], [0, 3]] = np.array(new long[] { -1, -2 });
        a["::2, 1"] = 5;
        Assert.That(a.ToArray<long>(), Is.EqualTo(new long[] { 100, 5, 100, 100, 4, 7, 8, 7, -1, 5, 10, -2 }));
        a[a.astype(np.@bool)] = 0;   // every nonzero → 0
        Assert.That(a.ToArray<long>().All(x => x == 0), Is.True);
        Assert.That(() => a[0] = np.ones(3), Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast input array from shape (3,) into shape (4,)"));
        var ro = np.broadcast_to(np.arange(3), (2, 3));
        Assert.That(() => ro[0, 0] = 1, Throws.InstanceOf<ValueError>().With.Message.EqualTo("assignment destination is read-only"));
    }

    /// <summary>Empty jagged arrays: NumPy's shape stops at the first empty level (shapes from NumPy 1.24:
    /// np.array([]) is (0,), [[]] is (1, 0), [[[]], [[]]] is (2, 1, 0); ndmin pads in front).</summary>
    [Test]
    public void EmptyJaggedArraysTakeNumPysShape()
    {
        using var scope = np.scope();
        Assert.That(np.array(Array.Empty<long[]>()).shape, Is.EqualTo(new long[] { 0 }));
        Assert.That(np.array(new long[][] { [] }).shape, Is.EqualTo(new long[] { 1, 0 }));
        Assert.That(np.array(new long[][] { [], [] }).shape, Is.EqualTo(new long[] { 2, 0 }));
        Assert.That(np.array(Array.Empty<long[][]>()).shape, Is.EqualTo(new long[] { 0 }));
        Assert.That(np.array(new long[][][] { [] }).shape, Is.EqualTo(new long[] { 1, 0 }));
        Assert.That(np.array(new long[][][] { [[]] }).shape, Is.EqualTo(new long[] { 1, 1, 0 }));
        Assert.That(np.array(new long[][][] { [[], []] }).shape, Is.EqualTo(new long[] { 1, 2, 0 }));
        Assert.That(np.array(new long[][][] { [[]], [[]] }).shape, Is.EqualTo(new long[] { 2, 1, 0 }));
        Assert.That(np.array(Array.Empty<long[]>(), ndmin: 2).shape, Is.EqualTo(new long[] { 1, 0 }));
        Assert.That(np.array(new long[][] { [] }, ndmin: 3).shape, Is.EqualTo(new long[] { 1, 1, 0 }));
    }

    [Test]
    public void ConversionsOfSizeOneArrays()
    {
        using var scope = np.scope();
        var a = np.array(2.75);
        Assert.That(((double)a, (float)a, (long)a, (int)a, (bool)a), Is.EqualTo((2.75, 2.75f, 2L, 2, true)));
        Assert.That(a.item(), Is.EqualTo(2.75));
        var v = np.arange(3);
        Assert.That(() => (double)v, Throws.InstanceOf<TypeError>().With.Message.EqualTo("only length-1 arrays can be converted to Python scalars"));
        Assert.That(() => (long)np.zeros(0), Throws.InstanceOf<TypeError>().With.Message.EqualTo("only length-1 arrays can be converted to Python scalars"));
        Assert.That(() => v.item(), Throws.InstanceOf<ValueError>().With.Message.EqualTo("can only convert an array of size 1 to a Python scalar"));
        // NumPy 2 (1.25 on): a size-1 array with dimensions still converts, with a DeprecationWarning.
        using (np.warnings.catch_warnings(out var log))
        {
            np.warnings.simplefilter("always");
            Assert.That((double)np.full(new long[] { 1, 1 }, 4.5), Is.EqualTo(4.5));
            Assert.That((double)a, Is.EqualTo(2.75));
            Assert.That(log.Select(w => (w.GetType(), w.Message)), Is.EqualTo(new[] { (typeof(DeprecationWarning),
                "Conversion of an array with ndim > 0 to a scalar is deprecated, and will error in future. Ensure you extract a single element from your array before performing this operation. (Deprecated NumPy 1.25.)") }));
        }
        Assert.That(() => (bool)v, Throws.InstanceOf<ValueError>().With.Message.EqualTo("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"));
        Assert.That(v.tolist(), Is.EqualTo(new List<object> { 0L, 1L, 2L }));
        Assert.That(np.arange(4).reshape(2, 2).tolist(), Is.EqualTo(new List<object> { new List<object> { 0L, 1L }, new List<object> { 2L, 3L } }));
    }

    [Test]
    public void IntegerConversionsRefusePythonIntegersTheirTypeCannotHold()
    {
        // (long)a is Python's int(a), an exact integer (int(np.array(1e20)) is 100000000000000000000, int(-128.9) is
        // -128, NumPy 1.24 oracle); one the C# type cannot hold raises NumPy 2's OverflowError for a Python integer out
        // of a dtype's bounds. Before: (long)np.array(1e20) was -9223372036854775808, (int)np.array(3e9) -2147483648,
        // (byte)np.array(300L) 44 and (long) of uint64's max -1, all silently.
        using var scope = np.scope();
        void Overflows(Func<object> f, string message) =>
            Assert.That(() => f(), Throws.InstanceOf<OverflowError>().With.Message.EqualTo(message));
        Overflows(() => (long)np.array(1e20), "Python integer 100000000000000000000 out of bounds for int64");
        Overflows(() => (long)np.array(9.3e18), "Python integer 9300000000000000000 out of bounds for int64");
        Overflows(() => (long)np.array(Math.Pow(2, 63)), "Python integer 9223372036854775808 out of bounds for int64");
        Overflows(() => (int)np.array(3e9), "Python integer 3000000000 out of bounds for int32");
        Overflows(() => (int)np.array(3000000000L), "Python integer 3000000000 out of bounds for int32");
        Overflows(() => (byte)np.array(300L), "Python integer 300 out of bounds for uint8");
        Overflows(() => (ulong)np.array(-1L), "Python integer -1 out of bounds for uint64");
        Overflows(() => (ulong)np.array(-1.0), "Python integer -1 out of bounds for uint64");
        Overflows(() => (long)np.array(ulong.MaxValue), "Python integer 18446744073709551615 out of bounds for int64");
        Overflows(() => (sbyte)np.array(128.5f), "Python integer 128 out of bounds for int8");
        // In range after truncation toward zero, the values are int()'s.
        Assert.That((long)np.array(-Math.Pow(2, 63)), Is.EqualTo(long.MinValue));
        Assert.That((sbyte)np.array(-128.9), Is.EqualTo((sbyte)-128));
        Assert.That((byte)np.array(255.9), Is.EqualTo((byte)255));
        Assert.That((ulong)np.array(-0.9), Is.EqualTo(0UL));
        Assert.That((ulong)np.array(ulong.MaxValue), Is.EqualTo(ulong.MaxValue));
        Assert.That((int)np.array(true), Is.EqualTo(1));
        Assert.That(() => (long)np.array(double.NaN), Throws.InstanceOf<ValueError>().With.Message.EqualTo("cannot convert float NaN to integer"));
        Assert.That(() => (byte)np.array(double.NegativeInfinity).astype(np.float16), Throws.InstanceOf<OverflowError>().With.Message.EqualTo("cannot convert float infinity to integer"));
    }

    [Test]
    public void SpansAndTypedReferences()
    {
        using var scope = np.scope();
        var a = np.zeros((2, 3));
        var span = a.AsSpan<double>();
        span[4] = 9;
        Assert.That(a.item<double>(1, 1), Is.EqualTo(9));
        a.At<double>(0, 2) = 5;
        Assert.That(a.item<double>(2), Is.EqualTo(5));
        Assert.That(() => a.At<float>(0, 0), Throws.InstanceOf<TypeError>());
        Assert.That(() => a.At<double>(2, 0), Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 2 is out of bounds for axis 0 with size 2"));
        Assert.That(() => a.T.AsSpan<double>(), Throws.InstanceOf<InvalidOperationException>());
        var multi = (double[,])a.ToMultiDimArray<double>();
        Assert.That(multi[1, 1], Is.EqualTo(9));
        Assert.That(a.ToArray<int>(), Is.EqualTo(new[] { 0, 0, 5, 0, 9, 0 }));
        var ro = np.broadcast_to(a, (2, 2, 3));
        Assert.That(ro.AtReadOnly<double>(1, 1, 1), Is.EqualTo(9));
        Assert.That(() => ro.At<double>(0, 0, 0), Throws.InstanceOf<ValueError>());
    }

    [Test]
    public void NDArrayFromDotNetArrays()
    {
        using var scope = np.scope();
        Assert.That(np.array(new int[] { 1, 2 }).dtype, Is.EqualTo(np.int32));
        Assert.That(np.array(new long[,] { { 1, 2 }, { 3, 4 } }).shape, Is.EqualTo(new Shape(2, 2)));
        Assert.That(np.array(new float[2, 3, 4]).strides, Is.EqualTo(new Shape(48, 16, 4)));
        Assert.That(() => np.array<long>([[1, 2], [3]]), Throws.InstanceOf<ValueError>().With.Message.EqualTo(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."));
        NDArray implicitArr = new double[] { 1, 2, 3 };
        Assert.That(implicitArr.dtype, Is.EqualTo(np.float64));
        Assert.That(() => np.array(new double[] { 1, 2 }, copy: false), Throws.InstanceOf<ValueError>().With.Message.EqualTo("Unable to avoid copy while creating an array as requested."));
    }

    [Test]
    public void IterationAndUnpacking()
    {
        using var scope = np.scope();
        var a = np.arange(6).reshape(3, 2);
        var rows = new List<long[]>();
        foreach (NDArray row in a) rows.Add(row.ToArray<long>());
        Assert.That(rows, Has.Count.EqualTo(3));
        var (x, y, z) = a;
        Assert.That(z.ToArray<long>(), Is.EqualTo(new long[] { 4, 5 }));
        Assert.That(() => { var (p, q) = a; }, Throws.InstanceOf<ValueError>().With.Message.EqualTo("too many values to unpack (expected 2)"));
        Assert.That(() => { foreach (var e in np.array(1.0)) { } }, Throws.InstanceOf<TypeError>().With.Message.EqualTo("iteration over a 0-d array"));
        var (m, n) = np.meshgrid(np.arange(3), np.arange(2));
        Assert.That(m.shape, Is.EqualTo(new Shape(2, 3)));
    }

    [Test]
    public void FlagsBlockAsNumPy()
    {
        using var a = np.zeros((2, 3));
        using var t = a.T;
        Assert.That(t.flags.ToString(), Is.EqualTo("  C_CONTIGUOUS : False\n  F_CONTIGUOUS : True\n  OWNDATA : False\n  WRITEABLE : True\n  ALIGNED : True\n  WRITEBACKIFCOPY : False\n"));
        Assert.That(a.flags.owndata, Is.True);
        t.flags.writeable = false;
        Assert.That(() => t[0, 0] = 1, Throws.InstanceOf<ValueError>());
        t.flags.writeable = true;
        t[0, 0] = 1;
        Assert.That(a.item<double>(0, 0), Is.EqualTo(1));
    }

    [Test]
    public void ArangeErrors()
    {
        Assert.That(() => np.arange(0, 5, 0), Throws.InstanceOf<ZeroDivisionError>().With.Message.EqualTo("division by zero"));
        Assert.That(() => np.zeros(-1), Throws.InstanceOf<ValueError>().With.Message.EqualTo("negative dimensions are not allowed"));
        Assert.That(() => np.zeros(Enumerable.Repeat(1L, 65).ToArray()), Throws.InstanceOf<ValueError>().With.Message.EqualTo("maximum supported dimension for an ndarray is currently 64, found 65"));
    }

    [Test]
    public void BroadcastErrorTexts()
    {
        using var scope = np.scope();
        Assert.That(() => np.broadcast_to(np.arange(3), 4), Throws.InstanceOf<ValueError>().With.Message.EqualTo(
            "operands could not be broadcast together with remapped shapes [original->remapped]: (3,)  and requested shape (4,)"));
        Assert.That(() => np.broadcast_shapes(2, 3), Throws.InstanceOf<ValueError>().With.Message.EqualTo(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (2,) and arg 1 with shape (3,)."));
        Assert.That(() => np.swapaxes(np.zeros((2, 3)), 0, 3), Throws.InstanceOf<AxisError>().With.Message.EqualTo("axis2: axis 3 is out of bounds for array of dimension 2"));
    }

    /// <summary>NumPy 2.2's broadcast_arrays (numpy/lib/_stride_tricks_impl.py) returns an argument that already has the
    /// broadcast shape unchanged ("array if array.shape == shape else _broadcast_to(…)"), so it stays writeable; only the
    /// arguments that needed broadcasting are the read-only views of API.md.</summary>
    [Test]
    public void BroadcastArraysLeaveFullShapeArgumentsWriteable()
    {
        using var scope = np.scope();
        var full = np.zeros((2, 3));
        var r = np.broadcast_arrays(full, np.arange(3));
        Assert.That(r[0].flags.writeable, Is.True);
        Assert.That(np.shares_memory(r[0], full), Is.True);
        Assert.That(r[0].strides, Is.EqualTo(full.strides));
        Assert.That(r[1].flags.writeable, Is.False);
        Assert.That(r[1].strides, Is.EqualTo(new Shape(0, 8)));
    }
}
