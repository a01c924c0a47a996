namespace Numerics.Native.Tests.Errors;

/// <summary>np.warnings: Python's filter actions and categories, catch_warnings, the handler and the default
/// stderr line, on warnings the library really raises (det overflow, complex → real cast). The expected behaviour
/// is Python's (checked with /usr/bin/python3 -W and warnings.simplefilter on NumPy 1.24).</summary>
[TestFixture]
[NonParallelizable] // the filters, the handler and stderr are process-wide
public class WarningsTests
{
    private const string DetOverflow = "overflow encountered in det";
    private const string ComplexCast = "Casting complex values to real discards the imaginary part";

    [TearDown]
    public void Reset()
    {
        np.warnings.resetwarnings();
        np.warnings.handler = null;
    }

    /// <summary>det of diag(1e200, 1e200) overflows to inf with NumPy's RuntimeWarning.</summary>
    private static double OverflowingDet()
    {
        using var flat = np.array(new[] { 1e200, 0, 0, 1e200 });
        using var a = flat.reshape(2, 2);
        using var d = np.linalg.det(a);
        return d.item<double>();
    }

    private static void ComplexToReal()
    {
        using var c = np.array(new[] { new System.Numerics.Complex(1, 2) });
        using var r = c.astype(np.float64);
    }

    [Test]
    public void DefaultRecordsTheFirstOfEachCategoryAndMessage()
    {
        using (np.warnings.catch_warnings(out var log))
        {
            Assert.That(OverflowingDet(), Is.EqualTo(double.PositiveInfinity));
            OverflowingDet();
            ComplexToReal();
            ComplexToReal();
            Assert.That(log.Select(w => (w.category, w.Message)),
                Is.EqualTo(new[] { ("RuntimeWarning", DetOverflow), ("ComplexWarning", ComplexCast) }));
            Assert.That(log[0], Is.InstanceOf<RuntimeWarning>());
        }
    }

    [Test]
    public void AlwaysRecordsEveryOccurrenceAndIgnoreNone()
    {
        using (np.warnings.catch_warnings(out var log))
        {
            np.warnings.simplefilter("always");
            OverflowingDet();
            OverflowingDet();
            Assert.That(log.Select(w => w.Message), Is.EqualTo(new[] { DetOverflow, DetOverflow }));
            np.warnings.simplefilter("ignore");
            OverflowingDet();
            ComplexToReal();
            Assert.That(log, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public void ErrorThrowsTheWarningOfItsCategoryOnly()
    {
        using (np.warnings.catch_warnings(out var log))
        {
            np.warnings.simplefilter("error", "ComplexWarning");
            Assert.That(OverflowingDet(), Is.EqualTo(double.PositiveInfinity), "a RuntimeWarning is not a ComplexWarning");
            var e = Assert.Throws<ComplexWarning>(ComplexToReal)!;
            Assert.That(e.Message, Is.EqualTo(ComplexCast));
            // In Python ComplexWarning is a RuntimeWarning, so a RuntimeWarning filter catches both.
            np.warnings.simplefilter("error", "RuntimeWarning");
            Assert.That(Assert.Throws<RuntimeWarning>(() => OverflowingDet())!.Message, Is.EqualTo(DetOverflow));
            Assert.Throws<ComplexWarning>(ComplexToReal);
            Assert.That(log.Select(w => w.Message), Is.EqualTo(new[] { DetOverflow }));
        }
    }

    [Test]
    public void TheNewestMatchingFilterWins()
    {
        using (np.warnings.catch_warnings(out var log))
        {
            np.warnings.simplefilter("error");
            np.warnings.simplefilter("ignore", "RuntimeWarning");
            OverflowingDet();
            ComplexToReal();   // ignored too: a ComplexWarning is a RuntimeWarning
            Assert.That(log, Is.Empty);
            np.warnings.simplefilter("error");   // moved to the front again, as Python does with an equal filter
            Assert.Throws<RuntimeWarning>(() => OverflowingDet());
        }
    }

    [Test]
    public void CatchWarningsRestoresTheFiltersAndNests()
    {
        np.warnings.simplefilter("always");
        using (np.warnings.catch_warnings(out var outer))
        {
            using (np.warnings.catch_warnings(out var inner))
            {
                np.warnings.simplefilter("error");
                Assert.Throws<RuntimeWarning>(() => OverflowingDet());
                Assert.That(inner, Is.Empty);
            }
            OverflowingDet();
            OverflowingDet();
            Assert.That(outer.Select(w => w.Message), Is.EqualTo(new[] { DetOverflow, DetOverflow }), "\"always\" is back");
        }
    }

    [Test]
    public void TheHandlerReceivesWhatPassesTheFilters()
    {
        var seen = new List<NumpyWarning>();
        np.warnings.handler = seen.Add;
        np.warnings.resetwarnings();
        OverflowingDet();
        OverflowingDet();
        ComplexToReal();
        Assert.That(seen.Select(w => (w.category, w.Message)),
            Is.EqualTo(new[] { ("RuntimeWarning", DetOverflow), ("ComplexWarning", ComplexCast) }));
        Assert.That(np.warnings.handler, Is.Not.Null);
    }

    [Test]
    public void WithoutAHandlerPythonsLineGoesToStandardErrorOnce()
    {
        var old = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        try
        {
            np.warnings.resetwarnings();
            OverflowingDet();
            OverflowingDet();
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.That(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')),
            Is.EqualTo(new[] { "RuntimeWarning: " + DetOverflow }));
    }

    [Test]
    public void BadActionsAndCategoriesFailAsPythonsAssertions()
    {
        Assert.That(Assert.Throws<AssertionError>(() => np.warnings.simplefilter("sometimes"))!.Message,
            Is.EqualTo("invalid action: 'sometimes'"));
        Assert.That(Assert.Throws<AssertionError>(() => np.warnings.simplefilter("error", "DeprecationWarnin"))!.Message,
            Is.EqualTo("category must be a Warning subclass"));
        using (np.warnings.catch_warnings(out var log))
        {
            OverflowingDet();
            Assert.That(log, Has.Count.EqualTo(1), "a refused filter was not added");
        }
    }
}
