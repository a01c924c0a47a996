namespace Numerics.Native.Tests.Core;

/// <summary>
/// compress, insert and ravel_multi_index errors (and the results next to them) as NumPy gives them; every expected
/// text was produced by NumPy (1.24 oracle; the code paths are the same in NumPy 2.2).
/// </summary>
[TestFixture]
public class GatherErrorTextTests
{
    private static NDArray L(params long[] v) => np.array(v);

    private static NDArray B(params bool[] v) => np.array(v);

    [Test]
    public void CompressTakesTheTruePositionsOfA1dCondition()
    {
        using var scope = np.scope();
        var a = np.arange(3);
        // Entries past the axis' end matter only when true (take(a, nonzero(condition)[0], axis)).
        Assert.That(np.repr(np.compress(B(true, false, false, false), a)), Is.EqualTo("array([0])"));
        Assert.That(() => np.compress(B(true, false, false, false, true), a),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 4 is out of bounds for axis 0 with size 3"));
        Assert.That(() => np.compress(B(true, false, false, false, true, true), np.arange(6).reshape(2, 3), axis: 1),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 4 is out of bounds for axis 1 with size 3"));
        Assert.That(() => np.compress(np.array(true), a),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("condition must be a 1-d array"));
        Assert.That(() => np.compress(np.array(new[] { new[] { true } }), a),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("condition must be a 1-d array"));
        // A 0-d array is raveled by take.
        Assert.That(np.repr(np.compress(B(true), np.array(5L), axis: 0)), Is.EqualTo("array([5])"));
        Assert.That(() => np.compress(B(true, true), np.array(5L)),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 1 is out of bounds for axis 0 with size 1"));
    }

    [Test]
    public void InsertReportsTheShiftedIndexIntoTheNewLength()
    {
        using var scope = np.scope();
        // NumPy's old_mask[indices] = False: indices shifted by their rank, a 1-d mask of the new length.
        Assert.That(() => np.insert(np.arange(3), L(0, 7), 9),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 8 is out of bounds for axis 0 with size 5"));
        Assert.That(() => np.insert(np.arange(3), L(7, 0, 9), 9),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 8 is out of bounds for axis 0 with size 6"));
        Assert.That(() => np.insert(np.arange(6).reshape(2, 3), L(0, 9), 9, axis: 1),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 10 is out of bounds for axis 0 with size 5"));
        // Below -N the shifted index still wraps into the mask, as in NumPy.
        Assert.That(np.repr(np.insert(np.arange(3), L(0, -8), 9)), Is.EqualTo("array([9, 9, 0, 1, 2])"));
        Assert.That(() => np.insert(np.arange(3), L(0, -7), 9), Throws.InstanceOf<ValueError>().With.Message.EqualTo(
            "NumPy boolean array indexing assignment cannot assign 3 input values to the 4 output values where the mask is true"));
    }

    [Test]
    public void RavelMultiIndexBroadcastsItsCoordinatesInOneIterator()
    {
        using var scope = np.scope();
        Assert.That(() => np.ravel_multi_index([L(1, 0), L(1, 2, 0)], new Shape(2, 3)),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("operands could not be broadcast together with shapes (2,) (3,) "));
        Assert.That(() => np.ravel_multi_index([L(1, 0), L(1, 2, 0), L(1)], new Shape(2, 3, 4)),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("operands could not be broadcast together with shapes (2,) (3,) (1,) "));
        Assert.That(np.repr(np.ravel_multi_index([L(1, 0), L(1, 2)], new Shape(2, 3))), Is.EqualTo("array([4, 2])"));
    }

    [Test]
    public void AlongAxisWithoutAnAxisIndexesTheFlatIterator()
    {
        using var scope = np.scope();
        var a = np.arange(6).reshape(2, 3);
        // arr.flat's IndexError names no axis; the first offending index in order is reported.
        Assert.That(() => np.take_along_axis(a, L(-6, 9, 7), axis: null),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 9 is out of bounds for size 6"));
        Assert.That(() => np.take_along_axis(a, L(-7, 1), axis: null),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index -7 is out of bounds for size 6"));
        Assert.That(() => np.put_along_axis(a, L(1, -7), 1, axis: null),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index -7 is out of bounds for size 6"));
        Assert.That(np.repr(np.take_along_axis(a, np.array(new[] { -6, 5 }), axis: null)), Is.EqualTo("array([0, 5])"));
    }

    [Test]
    public void DeleteOfSeveralIndicesReportsAxis0AndDiagIndicesOfNoDimensionsIsEmpty()
    {
        using var scope = np.scope();
        var a = np.arange(6).reshape(2, 3);
        // keep[obj,] = False indexes a 1-d mask; a single index names the real axis.
        Assert.That(() => np.delete(a, L(0, 3), axis: 1),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 3 is out of bounds for axis 0 with size 3"));
        Assert.That(() => np.delete(a, L(3), axis: 1),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 3 is out of bounds for axis 1 with size 3"));
        Assert.That(np.diag_indices(2, -1), Is.Empty);
        Assert.That(np.diag_indices(2, 0), Is.Empty);
    }

    [Test]
    public void CopytoBroadcastsTheSourceThenTheWhereMask()
    {
        using var scope = np.scope();
        var dst = np.zeros(new Shape(2, 3));
        Assert.That(() => np.copyto(dst, 1.0, where: np.array(new[] { new[] { true }, new[] { false }, new[] { true } })),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast where mask from shape (3,1) into shape (2,3)"));
        Assert.That(() => np.copyto(dst, np.ones(new Shape(2, 1)), where: np.ones(4, np.dtype("bool"))),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast where mask from shape (4,) into shape (2,3)"));
        Assert.That(() => np.copyto(dst, np.ones(new Shape(1, 1, 4)), where: np.ones(3, np.dtype("bool"))),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast input array from shape (1,4) into shape (2,3)"));
        // Leading length-1 axes of src are dropped, with or without a mask.
        np.copyto(dst, np.ones(new Shape(1, 1, 3)), where: np.array(new[] { true, false, true }));
        Assert.That(dst.ToString(), Is.EqualTo("[[1. 0. 1.]\n [1. 0. 1.]]"));
    }
}
