namespace Numerics.Native.Tests.Indexing;

/// <summary>
/// Error texts of assignments and takes that the random differential tests do not reach. Every expected text was
/// produced by NumPy (1.24 oracle; the code paths are unchanged in NumPy 2.2).
/// </summary>
[TestFixture]
public class AssignmentErrorTextTests
{
    [Test]
    public void BroadcastErrorsNameTheValueShapeWithLeadingOnesStripped()
    {
        using var scope = np.scope();
        var a = np.arange(3);
        // a[:] = np.ones((1, 2, 1, 3)): PyArray_AssignArray strips leading 1s while value has more axes than a.
        Assert.That(() => a[":"] = np.ones(new Shape(1, 2, 1, 3)),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast input array from shape (2,1,3) into shape (3,)"));
        Assert.That(() => a["..."] = np.ones(new Shape(1, 1, 4)),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast input array from shape (4,) into shape (3,)"));
        var b = np.zeros(new Shape(2, 3));
        Assert.That(() => b[":"] = np.ones(new Shape(1, 2, 1, 3, 1)),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast input array from shape (2,1,3,1) into shape (2,3)"));
        Assert.That(() => b["..., None"] = np.ones(new Shape(1, 1, 1, 1, 1, 2)),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast input array from shape (1,1,2) into shape (2,3,1)"));
        // Stripping keeps the assignments that do broadcast working.
        b[":"] = np.ones(new Shape(1, 1, 3));
        Assert.That(b.ToString(), Is.EqualTo("[[1. 1. 1.]\n [1. 1. 1.]]"));
    }

    [Test]
    public void AFullIntegerIndexTakesNoSequence()
    {
        using var scope = np.scope();
        var a = np.arange(3);
        var b = np.zeros(new Shape(2, 3));
        const string Sequence = "setting an array element with a sequence.";
        Assert.That(() => a[0] = np.arange(2), Throws.InstanceOf<ValueError>().With.Message.EqualTo(Sequence));
        Assert.That(() => a[0] = np.zeros(new Shape(0)), Throws.InstanceOf<ValueError>().With.Message.EqualTo(Sequence));
        Assert.That(() => b[0, 1] = np.ones(new Shape(2, 1)), Throws.InstanceOf<ValueError>().With.Message.EqualTo(Sequence));
        var z = np.array(5L);
        Assert.That(() => z[NDIndex.Tuple()] = np.arange(2), Throws.InstanceOf<ValueError>().With.Message.EqualTo(Sequence));
        // An ellipsis is a view assignment: the broadcast text.
        Assert.That(() => z["..."] = np.arange(2),
            Throws.InstanceOf<ValueError>().With.Message.EqualTo("could not broadcast input array from shape (2,) into shape ()"));
        // A one-element array still fills the element; an index out of bounds is reported before the value.
        a[1] = np.array(new long[] { 7 });
        Assert.That(a.ToString(), Is.EqualTo("[0 7 2]"));
        Assert.That(() => a[5] = np.arange(2),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 5 is out of bounds for axis 0 with size 3"));
    }

    [Test]
    public void AZeroDMaskOnAZeroDArrayIsABooleanAssignment()
    {
        using var scope = np.scope();
        var z = np.array(5L);
        // NumPy's prepare_index: a lone mask whose shape equals the array's, () == (), takes the HAS_BOOL path.
        Assert.That(() => z[np.array(true)] = np.ones(7), Throws.InstanceOf<ValueError>().With.Message.EqualTo(
            "NumPy boolean array indexing assignment cannot assign 7 input values to the 1 output values where the mask is true"));
        Assert.That(() => z[np.array(false)] = np.arange(4), Throws.InstanceOf<ValueError>().With.Message.EqualTo(
            "NumPy boolean array indexing assignment cannot assign 4 input values to the 0 output values where the mask is true"));
        Assert.That(() => z["True"] = np.ones(3), Throws.InstanceOf<ValueError>().With.Message.EqualTo(
            "NumPy boolean array indexing assignment cannot assign 3 input values to the 1 output values where the mask is true"));
        Assert.That(() => z[np.array(true)] = np.ones(new Shape(2, 2)), Throws.InstanceOf<TypeError>().With.Message.EqualTo(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has 2 dimensions"));
        z[np.array(true)] = np.array(new long[] { 9 });
        Assert.That(np.repr(z), Is.EqualTo("array(9)"));
        z[np.array(false)] = np.zeros(new Shape(0));
        Assert.That(np.repr(z), Is.EqualTo("array(9)"));
    }

    [Test]
    public void TakeFromAZeroDArrayRavelsItFirst()
    {
        using var scope = np.scope();
        var z = np.array(5L);
        // NumPy's PyArray_CheckAxis makes a 0-d array 1-d before it checks the axis.
        Assert.That(np.repr(np.take(z, np.array(new long[] { 0, 0 }), axis: -1)), Is.EqualTo("array([5, 5])"));
        Assert.That(np.repr(np.take(z, np.array(new long[] { 0 }).reshape(1, 1), axis: 0)), Is.EqualTo("array([[5]])"));
        Assert.That(() => np.take(z, np.array(new long[] { 0, 5 }), axis: 0),
            Throws.InstanceOf<IndexError>().With.Message.EqualTo("index 5 is out of bounds for axis 0 with size 1"));
        Assert.That(() => np.take(z, np.array(new long[] { 0, 5 }), axis: 1),
            Throws.InstanceOf<AxisError>().With.Message.EqualTo("axis 1 is out of bounds for array of dimension 1"));
    }
}
