namespace Numerics.Native.Tests.Core;

/// <summary>
/// The C# spellings of np.mgrid, np.ogrid, np.r_ and np.c_ (ranges, <see cref="GridSlice"/>, .NET arrays); NumPy's
/// own text forms are covered by the mgrid/ogrid/r_/c_ fixtures of core.py. Expected values are derived by hand
/// from NumPy's rules (a grid axis is i * step + start; a point count's step is (stop - start) / (num - 1)).
/// </summary>
[TestFixture]
public class IndexTricksTests
{
    [Test]
    public void MgridFromRangesIsTheStackedIntegerGrid()
    {
        using var scope = np.scope();
        var g = np.mgrid[0..2, 0..3];
        Assert.That((g.shape, g.dtype.name), Is.EqualTo((new Shape(2, 2, 3), "int64")));
        Assert.That(g.ToArray<long>(), Is.EqualTo(new long[] { 0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2 }));
        Assert.That(np.mgrid[0..4].ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2, 3 }), "a lone slice is arange");
        Assert.That(np.mgrid[new Slice(1, 8, 3)].ToArray<long>(), Is.EqualTo(new long[] { 1, 4, 7 }));
        Assert.That(np.mgrid["0:2, 0:3"].ToArray<long>(), Is.EqualTo(g.ToArray<long>()), "text and ranges agree");
    }

    [Test]
    public void PointCountsIncludeTheStop()
    {
        using var scope = np.scope();
        var p = np.mgrid[GridSlice.Points(-1, 1, 5)];
        Assert.That((p.dtype.name, p.ToArray<double>()), Is.EqualTo(("float64", new[] { -1.0, -0.5, 0.0, 0.5, 1.0 })));
        Assert.That(np.mgrid["-1:1:5j"].ToArray<double>(), Is.EqualTo(p.ToArray<double>()));
        // Mixed: 0..2 with 3 points in [0, 1] → float64 grid of shape (2, 2, 3).
        var m = np.mgrid[0..2, GridSlice.Points(0, 1, 3)];
        Assert.That((m.shape, m.dtype.name), Is.EqualTo((new Shape(2, 2, 3), "float64")));
        Assert.That(m[1].ToArray<double>(), Is.EqualTo(new[] { 0.0, 0.5, 1.0, 0.0, 0.5, 1.0 }));
        Assert.That(GridSlice.Points(0, 1, 5).ToString(), Is.EqualTo("0.0:1.0:5j"));
        Assert.That(GridSlice.Parse("0:1:5j"), Is.EqualTo(GridSlice.Points(0, 1, 5)));
    }

    [Test]
    public void FloatStepsFollowArangeForALoneSliceAndIStepPlusStartInAGrid()
    {
        using var scope = np.scope();
        Assert.That(np.mgrid[new GridSlice(0, 1, 0.25)].ToArray<double>(), Is.EqualTo(new[] { 0.0, 0.25, 0.5, 0.75 }));
        var g = np.mgrid[new GridSlice(0, 1, 0.5), 0..2];
        Assert.That(g.ToArray<double>(), Is.EqualTo(new[] { 0.0, 0.0, 0.5, 0.5, 0.0, 1.0, 0.0, 1.0 }));
    }

    [Test]
    public void OgridGivesBroadcastableArrays()
    {
        using var scope = np.scope();
        var o = np.ogrid[0..3, 0..2];
        Assert.That(o.Length, Is.EqualTo(2));
        Assert.That((o[0].shape, o[1].shape), Is.EqualTo((new Shape(3, 1), new Shape(1, 2))));
        Assert.That((o[0].strides, o[1].strides), Is.EqualTo((new long[] { 8, 0 }, new long[] { 0, 8 })), "new axes have stride 0, as NumPy's newaxis");
        Assert.That(o[0].ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2 }));
        var lone = np.ogrid[GridSlice.Points(0, 1, 3)];
        Assert.That((lone.Length, lone[0].ToArray<double>()), Is.EqualTo((1, new[] { 0.0, 0.5, 1.0 })), "one slice: a one-element NDArray[]");
    }

    [Test]
    public void GridErrors()
    {
        Assert.That(() => np.mgrid[5..0, 0..2], Throws.InstanceOf<ValueError>().With.Message.EqualTo("negative dimensions are not allowed"));
        Assert.That(() => np.mgrid[new GridSlice(0, 5, 0)], Throws.InstanceOf<ZeroDivisionError>());
        Assert.That(() => np.mgrid[new GridSlice(0, 5, 0), 0..2], Throws.InstanceOf<ZeroDivisionError>().With.Message.EqualTo("division by zero"));
        Assert.That(() => np.mgrid[new Slice(2, null)], Throws.InstanceOf<ValueError>().With.Message.EqualTo("an index-trick slice needs a stop: '2:None:1'"));
        Assert.That(() => np.mgrid["0:x"], Throws.InstanceOf<ValueError>());
        Assert.That(() => np.mgrid[^3..], Throws.ArgumentException);
        Assert.That(() => np.mgrid[Array.Empty<GridSlice>()], Throws.InstanceOf<ValueError>());
    }

    [Test]
    public void RConcatenatesArraysScalarsSlicesAndDotNetArrays()
    {
        using var scope = np.scope();
        var r = np.r_[new long[] { 1, 2, 3 }, 0, 0..2, "7:9"];
        Assert.That((r.dtype.name, r.ToArray<long>()), Is.EqualTo(("int64", new long[] { 1, 2, 3, 0, 0, 1, 7, 8 })));
        var lin = np.r_[GridSlice.Points(-1, 1, 3), 5];
        Assert.That((lin.dtype.name, lin.ToArray<double>()), Is.EqualTo(("float64", new[] { -1.0, 0.0, 1.0, 5.0 })));
        var m = np.r_["0,2", new long[,] { { 1, 2 } }, new long[] { 3, 4 }];
        Assert.That((m.shape, m.ToArray<long>()), Is.EqualTo((new Shape(2, 2), new long[] { 1, 2, 3, 4 })));
    }

    [Test]
    public void ScalarsAreWeakAsInNumPy2()
    {
        using var scope = np.scope();
        var i8 = np.array(new sbyte[] { 1, 2 });
        Assert.That(np.r_[i8, 5].dtype.name, Is.EqualTo("int8"));
        // NumPy 2: np.r_[np.array([1, 2], np.int8), 1000] → OverflowError (1.24 wrapped it to -24).
        Assert.That(() => np.r_[i8, 1000], Throws.InstanceOf<OverflowError>());
        Assert.That(np.r_[np.array(new float[] { 1 }), 2.5].dtype.name, Is.EqualTo("float32"));
        Assert.That(np.r_[1, 2.5].dtype.name, Is.EqualTo("float64"));
    }

    [Test]
    public void CMakesColumns()
    {
        using var scope = np.scope();
        var c = np.c_[new long[] { 1, 2, 3 }, new long[] { 4, 5, 6 }];
        Assert.That((c.shape, c.ToArray<long>()), Is.EqualTo((new Shape(3, 2), new long[] { 1, 4, 2, 5, 3, 6 })));
        Assert.That(np.c_[0..3, GridSlice.Points(0, 1, 3)].ToArray<double>(), Is.EqualTo(new[] { 0.0, 0.0, 1.0, 0.5, 2.0, 1.0 }));
    }

    [Test]
    public void ConcatErrors()
    {
        Assert.That(() => np.r_[1, "0"], Throws.InstanceOf<ValueError>().With.Message.EqualTo("special directives must be the first entry."));
        Assert.That(() => np.r_["r", 1, 2], Throws.InstanceOf<ValueError>().With.Message.Contains("np.matrix"));
        Assert.That(() => np.r_["a,b", 1], Throws.InstanceOf<ValueError>().With.Message.EqualTo("unknown special directive 'a,b'"));
        Assert.That(() => np.r_[new object()], Throws.InstanceOf<TypeError>());
        Assert.That(() => np.r_[Array.Empty<object>()], Throws.InstanceOf<ValueError>().With.Message.EqualTo("need at least one array to concatenate"));
    }
}
