namespace Numerics.Native.Tests.Core;

/// <summary>Shapes past the address space, with NumPy's texts (produced by the NumPy 1.24 oracle).</summary>
[TestFixture]
public class ShapeLimitTextTests
{
    private const string TooBig = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.";

    [Test]
    public void BroadcastToChecksTheElementCountThenTheBytes()
    {
        using var scope = np.scope();
        var one = np.arange(3)[":1"];
        // nditer counts the elements in order: 2**62 * 2 overflows before the 0 can make it empty.
        Assert.That(() => np.broadcast_to(one, new Shape(1L << 62, 2, 0)), Throws.InstanceOf<ValueError>().With.Message.EqualTo("iterator is too large"));
        Assert.That(() => np.broadcast_to(one, new Shape(1L << 60, 8)), Throws.InstanceOf<ValueError>().With.Message.EqualTo("iterator is too large"));
        // The count fits but 8 bytes an element do not; zero lengths are skipped in that check.
        Assert.That(() => np.broadcast_to(one, new Shape(1L << 62, 1)), Throws.InstanceOf<ValueError>().With.Message.EqualTo(TooBig));
        Assert.That(() => np.broadcast_to(one, new Shape(1L << 60, 7)), Throws.InstanceOf<ValueError>().With.Message.EqualTo(TooBig));
        Assert.That(() => np.broadcast_to(one, new Shape(0, 1L << 62, 4)), Throws.InstanceOf<ValueError>().With.Message.EqualTo(TooBig));
        Assert.That(np.broadcast_to(one, new Shape(1L << 30, 1L << 20)).shape, Is.EqualTo(new Shape(1L << 30, 1L << 20)));
    }

    [Test]
    public void AnEmptyShapeWhoseOtherLengthsOverflowIsTooBig()
    {
        using var scope = np.scope();
        Assert.That(() => np.zeros(new Shape(0, 1L << 60, 4)), Throws.InstanceOf<ValueError>().With.Message.EqualTo(TooBig));
        Assert.That(() => np.empty(new Shape(1L << 62, 2, 0)), Throws.InstanceOf<ValueError>().With.Message.EqualTo(TooBig));
        Assert.That(np.zeros(new Shape(0, 1L << 60, 4), np.dtype("int8")).shape, Is.EqualTo(new Shape(0, 1L << 60, 4)));
    }
}
